import { ApiClient } from './support/api-client';
import { AppProcess } from './support/app-process';
import { createStructure } from './support/analyses';
import { FRAME_CHANNELS, ingestFrameRecords } from './support/monitored-frame';
import { isolatedDatabase, purgeWorkQueues, waitFor } from './support/services';
import { SourceServer } from './support/source-server';
import { WebhookReceiver } from './support/webhook-receiver';
import { verifyWebhook } from '@modalflow/notifications';

const TENANT = 84;
const OTHER_TENANT = 85;
const SECRET = 'a-secret-of-sixteen-or-more';

interface AlertView {
  id: string;
  status: string;
  track_id: string;
  track_name?: string;
  rule_id: string;
  change_percent: number;
  silenced?: string;
  maintenance_window_id?: string;
  snoozed_until?: string;
  acknowledged?: { by: number; comment?: string };
  closed?: { by: number | null; reason: string };
  audit: Array<{ action: string; by: number | null; comment?: string }>;
}
interface Page<T> {
  items: T[];
  total: number;
}
interface HookView {
  id: string;
  enabled: boolean;
  disabled_reason?: string;
  consecutive_failures: number;
  last_delivery?: { outcome: string; status_code?: number };
  secret?: string;
}
interface DeliveryView {
  id: string;
  event: string;
  event_id: string;
  status: string;
  reason?: string;
  attempts: Array<{ status_code?: number; error?: string }>;
}

/**
 * Alerts with a lifecycle and webhooks (docs/monitoring.md "Alerts", docs/notifications.md) on the
 * real apps: a stiffness loss opens an alert, which is acknowledged, snoozed and closed; alerts inside
 * a maintenance window or a snooze are recorded, not notified; a webhook is delivered to a local
 * receiver signed, retried while it fails, disabled after failing in a row, never sent to a loopback
 * address the outbound policy does not allow; another tenant sees none of it.
 */
describe('alerts and webhooks', () => {
  const database = isolatedDatabase('alerts');
  const env: Record<string, string> = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_measures`,
    FETCH_MAX_BYTES: '2000000',
    SLEEP_TIME: '0.2',
    RETRY_DELAY_MS: '200',
    WEBHOOK_MAX_ATTEMPTS: '4',
    WEBHOOK_DISABLE_AFTER: '2',
  };
  let source: SourceServer;
  let receiver: WebhookReceiver;
  let client: ApiClient;
  let other: ApiClient;
  let structureId: string;
  let ruleId: string;
  let hook: HookView;
  let seed = 0;

  beforeAll(async () => {
    await purgeWorkQueues();
    source = await SourceServer.start();
    receiver = await WebhookReceiver.start();
    env.FETCH_ALLOWED_HOSTS = `${source.host},${receiver.host}`;
    const api = await AppProcess.startPipeline(env, 1);
    client = await ApiClient.as(api.url, TENANT, 3);
    other = await ApiClient.as(api.url, OTHER_TENANT, 1);
    structureId = await createStructure(client, 'Footbridge with alerts');
  }, 120_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await source?.close();
    await receiver?.close();
  });

  const alertsPath = () => `/structures/${structureId}/alerts`;
  const alerts = async (query = '') => (await client.get<Page<AlertView>>(`${alertsPath()}${query}`)).items;
  const deliveries = async () =>
    (await client.get<Page<DeliveryView>>(`/webhooks/${hook.id}/deliveries?limit=100`)).items;

  /**
   * Records with this first-storey loss each, one fetch job; resolves when their analyses ended and
   * the webhook has been told of each DONE one. A run opens or closes its alerts before it is DONE,
   * and the status topic keeps that order: what was not sent by then is never sent.
   */
  async function measure(losses: number[]): Promise<void> {
    await ingestFrameRecords(
      client,
      source,
      structureId,
      losses.map((loss) => ({
        seed: ++seed,
        duration_s: 300,
        sampling_rate_hz: 25,
        first_storey_loss: loss,
      })),
    );
    await waitFor(
      `${seed} monitored analyses to end`,
      async () => {
        const { items } = await client.get<Page<{ status: string }>>(
          `/structures/${structureId}/analyses?rule_id=${ruleId}&limit=200`,
        );
        return items.length === seed && items.every((a) => ['DONE', 'ERROR', 'SKIPPED'].includes(a.status));
      },
      180_000,
    );
    const { total: done } = await client.get<Page<unknown>>(
      `/structures/${structureId}/analyses?rule_id=${ruleId}&status=DONE&limit=1`,
    );
    await waitFor('analysis.done delivered', async () => receiver.events('analysis.done').length >= done);
  }

  it('refuses webhooks it cannot send, naming the field', async () => {
    const bad = async (body: object, field: string, says?: string) => {
      const answer = await client.request<{ fields?: Array<{ field: string }>; message?: string }>(
        'POST',
        '/webhooks',
        body,
      );
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.fields)).toContain(field);
      if (says) expect(answer.body.message).toContain(says);
    };
    await bad({ url: 'ftp://hooks.example.org/x', events: ['alert.opened'] }, 'url');
    await bad({ url: 'http://127.0.0.1:9/x', events: ['alert.opened'] }, 'url', 'loopback');
    await bad({ url: 'http://169.254.169.254/latest', events: ['alert.opened'] }, 'url', 'link-local');
    await bad({ url: receiver.url('/hook'), events: ['alert.exploded'] }, 'events');
    await bad({ url: receiver.url('/hook'), events: [] }, 'events');
    await bad({ url: receiver.url('/hook'), events: ['alert.opened'], secret: 'short' }, 'secret');
  });

  it('delivers a signed ping, retried while the receiver fails', async () => {
    const created = await client.request<HookView>('POST', '/webhooks', {
      url: receiver.url('/hook'),
      events: ['alert.opened', 'alert.acknowledged', 'alert.closed', 'analysis.done'],
      secret: SECRET,
    });
    expect(created.status).toBe(201);
    hook = created.body;
    expect(hook.secret).toBe(SECRET);
    expect((await client.get<HookView>(`/webhooks/${hook.id}`)).secret).toBeUndefined();
    expect((await other.request('GET', `/webhooks/${hook.id}`)).status).toBe(404);
    expect((await other.get<Page<HookView>>('/webhooks')).total).toBe(0);

    receiver.answerNext(503, 503);
    const ping = await client.request<DeliveryView>('POST', `/webhooks/${hook.id}/ping`);
    expect(ping.status).toBe(202);
    const delivered = await waitFor('the ping delivered', async () => {
      const found = (await deliveries()).find((d) => d.id === ping.body.id);
      return found?.status === 'DELIVERED' && found;
    });
    expect(delivered.attempts.map((a) => a.status_code)).toEqual([503, 503, 200]);
    const received = receiver.received.filter((r) => r.headers['modalflow-delivery'] === ping.body.id);
    expect(received.map((r) => r.answered)).toEqual([503, 503, 200]);
    for (const request of received) {
      expect(verifyWebhook(SECRET, String(request.headers['modalflow-signature']), request.body)).toBe(true);
      expect(
        verifyWebhook(
          'another-secret-entirely',
          String(request.headers['modalflow-signature']),
          request.body,
        ),
      ).toBe(false);
      expect(request.headers['idempotency-key']).toBe(delivered.event_id);
      expect(JSON.parse(request.body)).toMatchObject({ id: delivered.event_id, type: 'ping' });
    }
    // Every attempt sends the same bytes.
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
  });

  it('opens an alert on a stiffness loss, notifies it, and takes an acknowledgement', async () => {
    const rule = await client.request<{ id: string }>('POST', `/structures/${structureId}/monitoring`, {
      type: 'SSI',
      name: 'deck bending',
      params: { order_max: 30 },
      channels: FRAME_CHANNELS,
      tracking: { baseline_points: 3, window_points: 1, alert_percent: 3, clear_percent: 1.5 },
    });
    expect(rule.status).toBe(201);
    ruleId = rule.body.id;
    await measure([0, 0, 0]);
    expect(await alerts()).toEqual([]);

    // A user names the lowest mode's track: the name shows in the tracks and in its alerts.
    const modesPath = `/structures/${structureId}/modes`;
    const [lowest] = await client.get<Array<{ id: string; name?: string }>>(modesPath);
    expect((await client.request('PATCH', `${modesPath}/${lowest.id}`, { name: '' })).status).toBe(400);
    expect((await other.request('PATCH', `${modesPath}/${lowest.id}`, { name: 'taken' })).status).toBe(404);
    const renamed = await client.request<{ name: string }>('PATCH', `${modesPath}/${lowest.id}`, {
      name: '1st bending',
    });
    expect(renamed.body.name).toBe('1st bending');
    expect((await client.get<Array<{ id: string; name?: string }>>(modesPath))[0].name).toBe('1st bending');

    await measure([0.2]);
    // The loss lowers every mode: each track out of its limits opens one alert.
    const raised = await waitFor('alerts', async () => {
      const found = await alerts();
      return found.length > 0 && found;
    });
    for (const alert of raised) {
      expect(alert).toMatchObject({ status: 'OPEN', rule_id: ruleId });
      expect(alert.change_percent).toBeLessThan(-3);
      expect(alert.silenced).toBeUndefined();
      expect(alert.audit).toEqual([expect.objectContaining({ action: 'opened', by: null })]);
    }
    expect(new Set(raised.map((a) => a.track_id)).size).toBe(raised.length);
    const named = raised.find((alert) => alert.track_name === '1st bending');
    expect(named).toBeDefined();
    expect(raised.filter((alert) => alert.track_name === undefined)).toHaveLength(raised.length - 1);
    const notices = await waitFor('alert.opened delivered', async () => {
      const found = receiver.events('alert.opened');
      return found.length === raised.length && found;
    });
    expect(notices.map((n) => n.data.document_id).sort()).toEqual(raised.map((a) => a.id).sort());
    for (const notice of notices) {
      expect(notice.data).toMatchObject({ structure_id: structureId, status: 'OPEN', run_type: 'ALERT' });
      expect(String(notice.data.message)).toContain('deck bending');
    }
    expect(notices.find((n) => n.data.document_id === named!.id)!.data.message).toContain('1st bending');

    const [opened] = raised;
    const acknowledged = await client.request<AlertView>('POST', `${alertsPath()}/${opened.id}/acknowledge`, {
      comment: 'inspection booked',
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledged: { by: 3, comment: 'inspection booked' },
    });
    expect(acknowledged.body.audit.map((a) => a.action)).toEqual(['opened', 'acknowledged']);
    expect((await client.request('POST', `${alertsPath()}/${opened.id}/acknowledge`)).status).toBe(409);
    await waitFor(
      'alert.acknowledged delivered',
      async () => receiver.events('alert.acknowledged').length === 1,
    );

    // Listed per tenant with filters; another tenant sees and changes nothing.
    const listed = await client.get<Page<AlertView>>(
      `/alerts?status=ACKNOWLEDGED&structure_id=${structureId}`,
    );
    expect(listed.items.map((a) => a.id)).toEqual([opened.id]);
    expect((await client.get<Page<AlertView>>(`/alerts?rule_id=${ruleId}`)).total).toBe(raised.length);
    expect((await client.get<Page<AlertView>>('/alerts?status=CLOSED')).total).toBe(0);
    expect((await client.request('GET', '/alerts?status=SLEEPING')).status).toBe(400);
    expect((await other.get<Page<AlertView>>('/alerts')).total).toBe(0);
    expect((await other.request('GET', `${alertsPath()}/${opened.id}`)).status).toBe(404);
    expect((await other.request('POST', `${alertsPath()}/${opened.id}/close`)).status).toBe(404);
  });

  it('snoozes: the closure and a new alert of the track are recorded, not notified', async () => {
    const [current] = await alerts('?status=ACKNOWLEDGED');
    const others = await alerts('?status=OPEN');
    const path = `${alertsPath()}/${current.id}/snooze`;
    expect((await client.request('POST', path, { until: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect((await client.request('POST', path, { until: 'tomorrow' })).status).toBe(400);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = await client.request<AlertView>('POST', path, { until, comment: 'works next week' });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.snoozed_until).toBe(until);

    await measure([0]);
    const closed = await waitFor('the alerts closed by their tracks', async () => {
      const found = await alerts('?status=CLOSED');
      return found.length === others.length + 1 && found;
    });
    const snoozedClosed = closed.find((a) => a.id === current.id)!;
    expect(snoozedClosed.closed).toMatchObject({ by: null, reason: 'its track came back within its limits' });
    expect(snoozedClosed.audit.map((a) => a.action)).toEqual(['opened', 'acknowledged', 'snoozed', 'closed']);
    // The others' closures are notified; the snoozed one's is not.
    const closures = await waitFor('alert.closed delivered', async () => {
      const found = receiver.events('alert.closed');
      return found.length === others.length && found;
    });
    expect(closures.map((n) => n.data.document_id).sort()).toEqual(others.map((a) => a.id).sort());

    const openedBefore = receiver.events('alert.opened').length;
    await measure([0.2]);
    const reopened = await waitFor('new alerts', async () => {
      const found = await alerts('?status=OPEN');
      return found.length > 0 && found;
    });
    const sameTrack = reopened.find((a) => a.track_id === current.track_id)!;
    expect(sameTrack).toMatchObject({ silenced: 'snooze', snoozed_until: until });
    const notified = reopened.filter((a) => a.track_id !== current.track_id);
    expect(notified.every((a) => a.silenced === undefined)).toBe(true);
    await waitFor(
      "the other tracks' alerts delivered",
      async () => receiver.events('alert.opened').length === openedBefore + notified.length,
    );
    expect(receiver.events('alert.opened').map((n) => n.data.document_id)).not.toContain(sameTrack.id);

    for (const alert of reopened) {
      const byUser = await client.request<AlertView>('POST', `${alertsPath()}/${alert.id}/close`, {
        comment: 'known: jacking works',
      });
      expect(byUser.body.closed).toMatchObject({ by: 3, reason: 'closed by a user' });
    }
    expect((await client.request('POST', `${alertsPath()}/${sameTrack.id}/close`)).status).toBe(409);
  });

  it('records an alert raised inside a maintenance window without notifying it', async () => {
    const windows = `/structures/${structureId}/maintenance-windows`;
    const now = Date.now();
    const refused = await client.request<{ fields?: Array<{ field: string }> }>('POST', windows, {
      starts_at: new Date(now).toISOString(),
      ends_at: new Date(now - 1000).toISOString(),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.fields)).toContain('ends_at');
    const window = await client.request<{ id: string }>('POST', windows, {
      starts_at: new Date(now - 3_600_000).toISOString(),
      ends_at: new Date(now + 3_600_000).toISOString(),
      reason: 'bearing replacement',
    });
    expect(window.status).toBe(201);
    expect((await other.request('GET', windows)).status).toBe(404);

    const openedBefore = receiver.events('alert.opened').length;
    await measure([0]);
    await measure([0.2]);
    const raised = await waitFor('alerts in the window', async () => {
      const found = await alerts('?status=OPEN');
      return found.length > 0 && found;
    });
    for (const alert of raised)
      expect(alert).toMatchObject({ silenced: 'maintenance', maintenance_window_id: window.body.id });
    expect(receiver.events('alert.opened')).toHaveLength(openedBefore);
  });

  it('disables a webhook after failed deliveries in a row, and never reaches a loopback address by name', async () => {
    receiver.answerAlways(500);
    for (let i = 0; i < 2; i++) {
      const ping = await client.request<DeliveryView>('POST', `/webhooks/${hook.id}/ping`);
      const failed = await waitFor(`ping ${i + 1} failed`, async () => {
        const found = (await deliveries()).find((d) => d.id === ping.body.id);
        return found?.status === 'FAILED' && found;
      });
      expect(failed.attempts).toHaveLength(4);
      expect(failed.reason).toBe('after 4 attempts: answered HTTP 500');
    }
    const disabled = await client.get<HookView>(`/webhooks/${hook.id}`);
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabled_reason).toContain('2 failed deliveries in a row');
    expect(JSON.stringify(disabled)).not.toContain('internal detail');
    receiver.answerAlways(undefined);

    const localhost = `http://localhost:${receiver.port}/by-name`;
    const enabled = await client.request<HookView>('PATCH', `/webhooks/${hook.id}`, {
      enabled: true,
      url: localhost,
    });
    expect(enabled.body).toMatchObject({ enabled: true, consecutive_failures: 0 });
    expect(enabled.body.disabled_reason).toBeUndefined();
    const ping = await client.request<DeliveryView>('POST', `/webhooks/${hook.id}/ping`);
    const refused = await waitFor('the ping to a loopback name refused', async () => {
      const found = (await deliveries()).find((d) => d.id === ping.body.id);
      return found?.status === 'FAILED' && found;
    });
    expect(refused.attempts).toHaveLength(1);
    expect(refused.reason).toContain('loopback');
    expect(receiver.received.some((r) => r.path === '/by-name')).toBe(false);
  });
});
