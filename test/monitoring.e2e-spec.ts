import { ApiClient } from './support/api-client';
import { AppProcess } from './support/app-process';
import { createStructure } from './support/analyses';
import { LiveClient } from './support/live-client';
import { FRAME_CHANNELS, frameRecord, ingestFrameRecords } from './support/monitored-frame';
import {
  isolatedDatabase,
  publishToQueue,
  purgeWorkQueues,
  takeDeadLetter,
  waitFor,
} from './support/services';
import { SourceServer } from './support/source-server';
import { tokenFor } from './support/tokens';
import { QUEUES, type SequencedStatusEvent } from '@modalflow/contracts';
import { type DataProcessingMessage } from '@modalflow/fetch-jobs';

const TENANT = 81;
const RATE_HZ = 25;
const RECORD_S = 300;

interface RuleView {
  id: string;
  tracking: Record<string, number>;
}
interface AnalysisView {
  id: string;
  status: string;
  runs: number;
  error?: string;
  input: { source: string };
  monitoring?: { rule_id: string; source: string; source_id: string; recorded_at: string };
}
interface TrackView {
  id: string;
  value_hz: number;
  baseline_hz?: number;
  alert: boolean;
  points: number;
}
interface PointView {
  analysis_id: string;
  recorded_at: string;
  frequency_hz: number;
  mac: number;
}

/** The track nearest a frequency (records may also give a spurious mode, on a track of its own). */
function closestTrack(tracks: TrackView[], frequency: number, by: 'value_hz' | 'baseline_hz' = 'value_hz') {
  const distance = (track: TrackView) => Math.abs((track[by] ?? Infinity) / frequency - 1);
  return [...tracks].sort((a, b) => distance(a) - distance(b))[0];
}

/**
 * Monitoring (docs/monitoring.md) on the real apps: a rule on a structure; measurements arriving
 * through fetch jobs and an upload each get the rule's analysis once; their modes are tracked; a
 * stiffness loss raises ALERT on Socket.IO, recovery CLEARED; a deleted rule triggers nothing more.
 */
describe('monitoring: each new measurement analysed, modes tracked, shifts raised live', () => {
  const database = isolatedDatabase('monitoring');
  const env: Record<string, string> = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_measures`,
    FETCH_ALLOWED_HOSTS: '',
    FETCH_MAX_BYTES: '1000000',
    WORKERS: '1',
    SLEEP_TIME: '0.5',
  };
  let source: SourceServer;
  let api: AppProcess;
  let client: ApiClient;
  let otherTenant: ApiClient;
  let live: LiveClient;
  let structureId: string;
  let rule: RuleView;
  let recordNumber = 0;
  const exactModes: number[][] = [];

  beforeAll(async () => {
    await purgeWorkQueues();
    source = await SourceServer.start();
    env.FETCH_ALLOWED_HOSTS = source.host;
    api = await AppProcess.startPipeline(env, 2);
    client = await ApiClient.as(api.url, TENANT, 3);
    otherTenant = await ApiClient.as(api.url, TENANT + 1, 3);
    live = await LiveClient.connect(api.url, await tokenFor(TENANT, 3));
    structureId = await createStructure(client, 'Monitored frame');
  }, 120_000);

  afterAll(async () => {
    live?.socket.close();
    await AppProcess.stopAll();
    await source?.close();
  });

  const rulesPath = (id = '') => `/structures/${structureId}/monitoring${id ? `/${id}` : ''}`;
  const ruleAnalyses = async () =>
    (
      await client.get<{ items: AnalysisView[]; total: number }>(
        `/structures/${structureId}/analyses?rule_id=${rule.id}&limit=200`,
      )
    ).items;
  const tracks = () => client.get<TrackView[]>(`/structures/${structureId}/modes?rule_id=${rule.id}`);

  /** A fetch job of the structure with one resource per record, recorded now and in order. */
  async function ingest(records: Array<{ duration_s?: number; first_storey_loss?: number }>) {
    const options = records.map((record) => ({
      seed: ++recordNumber,
      duration_s: record.duration_s ?? RECORD_S,
      sampling_rate_hz: RATE_HZ,
      first_storey_loss: record.first_storey_loss,
    }));
    const ingested = await ingestFrameRecords(client, source, structureId, options);
    ingested.modes.forEach((modes, i) => {
      if (options[i].duration_s >= 60) exactModes.push(modes.map((mode) => mode.frequency_hz));
    });
    return ingested;
  }

  async function allEnded(count: number): Promise<AnalysisView[]> {
    return waitFor(
      `${count} monitored analyses to end`,
      async () => {
        const analyses = await ruleAnalyses();
        const ended = analyses.filter((a) => ['DONE', 'ERROR', 'SKIPPED'].includes(a.status));
        return analyses.length === count && ended.length === count && analyses;
      },
      180_000,
    );
  }

  it('refuses bad rules with the field at fault, and another tenant sees none', async () => {
    const bad = async (body: object, field: string) => {
      const { status, body: answer } = await client.request<{ fields?: Array<{ field: string }> }>(
        'POST',
        rulesPath(),
        body,
      );
      expect(status).toBe(400);
      expect(JSON.stringify(answer.fields)).toContain(field);
    };
    await bad({ type: 'PREPROCESSING' }, 'type');
    await bad({ type: 'SSI', params: { order_max: -3 } }, 'order_max');
    await bad({ type: 'SSI', tracking: { alert_percent: 1, clear_percent: 2 } }, 'tracking.clear_percent');
    await bad({ type: 'SSI', tracking: { window_points: 0 } }, 'window_points');
    await bad({ type: 'FDD', channels: ['s1'] }, 'channels');

    const created = await client.request<RuleView>('POST', rulesPath(), {
      name: 'frame modes',
      type: 'SSI',
      params: { order_max: 30 },
      channels: FRAME_CHANNELS,
      min_duration_s: 60,
      tracking: { baseline_points: 3, window_points: 1, alert_percent: 3, clear_percent: 1.5 },
    });
    expect(created.status).toBe(201);
    rule = created.body;
    expect(rule.tracking).toMatchObject({ baseline_points: 3, alert_percent: 3, min_mac: 0.8 });

    expect((await otherTenant.request('GET', rulesPath(rule.id))).status).toBe(404);
    expect((await otherTenant.request('GET', `/structures/${structureId}/modes`)).status).toBe(404);
    expect((await otherTenant.request('DELETE', rulesPath(rule.id))).status).toBe(404);
    const listed = await client.get<{ total: number }>(rulesPath());
    expect(listed.total).toBe(1);
  });

  it('runs the rule once per measurement of a fetch job, skips what it cannot apply to, and tracks the modes', async () => {
    const { job, index } = await ingest([{}, {}, {}, { duration_s: 30 }]);
    const analyses = await allEnded(4);
    const skipped = analyses.filter((a) => a.status === 'SKIPPED');
    expect(skipped).toHaveLength(1);
    expect(skipped[0].error).toMatch(/lasts 30 s; the rule asks for at least 60 s/);
    const done = analyses.filter((a) => a.status === 'DONE');
    expect(done).toHaveLength(3);
    expect(done.map((a) => a.runs)).toEqual([1, 1, 1]);
    expect(done.every((a) => a.input.source === 'measurement' && a.monitoring?.rule_id === rule.id)).toBe(
      true,
    );

    // Every mode of the frame on one track with a point from each of the three measurements.
    const found = await tracks();
    for (const [m, frequency] of exactModes[0].entries()) {
      const track = closestTrack(found, frequency);
      expect({ mode: m + 1, points: track?.points, baseline: !!track?.baseline_hz }).toEqual({
        mode: m + 1,
        points: 3,
        baseline: true,
      });
      const history = await client.get<{ items: PointView[]; total: number }>(
        `/structures/${structureId}/modes/${track.id}/history`,
      );
      expect(history.total).toBe(3);
      expect(history.items.map((p) => p.recorded_at)).toEqual(index.slice(0, 3).map((r) => r.creation_date));
      expect(Math.min(...history.items.map((p) => p.mac))).toBeGreaterThan(0.95);
    }

    // A redelivered resource message (as after a worker's crash) creates and runs nothing again.
    const stored = index[1];
    const again: DataProcessingMessage = {
      job_id: job.id,
      tenant_id: TENANT,
      user_id: 3,
      round: 0,
      resource_id: stored.id,
      index: 1,
      creation_date: stored.creation_date,
      url: stored.url,
    };
    await publishToQueue(QUEUES.DATA_PROCESSING, JSON.stringify(again));
    await publishToQueue(
      QUEUES.DATA_PROCESSING,
      JSON.stringify({ job_id: 'after-monitored', resource_id: 1 }),
    );
    await takeDeadLetter(QUEUES.DATA_PROCESSING, 'after-monitored');
    const afterRedelivery = await ruleAnalyses();
    expect(afterRedelivery).toHaveLength(4);
    expect(afterRedelivery.filter((a) => a.status === 'DONE').map((a) => a.runs)).toEqual([1, 1, 1]);
    expect((await tracks()).filter((t) => t.points === 3)).toHaveLength(3);
  });

  it('tracks an uploaded recording as a measurement too', async () => {
    const n = ++recordNumber;
    const record = frameRecord({ seed: n, duration_s: RECORD_S, sampling_rate_hz: RATE_HZ });
    exactModes.push(record.modes.map((mode) => mode.frequency_hz));
    const response = await fetch(`${api.url}/structures/${structureId}/uploads?file_name=frame-${n}.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'text/csv' },
      body: record.csv,
    });
    expect(response.status).toBe(202);
    const upload = (await response.json()) as { id: string };
    const analyses = await allEnded(5);
    const fromUpload = analyses.find((a) => a.monitoring?.source_id === upload.id);
    expect(fromUpload).toMatchObject({ status: 'DONE', input: { source: 'upload' } });
    expect((await tracks()).filter((t) => t.points === 4)).toHaveLength(3);
  });

  it('raises ALERT on Socket.IO when the first storey loses stiffness, and CLEARED when it comes back', async () => {
    await ingest([{ first_storey_loss: 0.2 }]);
    await allEnded(6);
    const changes = exactModes.at(-1)!.map((f, m) => (100 * (f - exactModes[0][m])) / exactModes[0][m]);
    // Modes 1 and 2 drop by more than the 3% threshold, mode 3 by about 1%.
    expect(changes[0]).toBeLessThan(-5);
    expect(changes[1]).toBeLessThan(-3.3);
    expect(changes[2]).toBeGreaterThan(-1.5);
    const alerts = await waitFor('two ALERTs of the rule', async () => {
      const found = live.eventsOf(rule.id).filter((e) => e.status === 'ALERT');
      return found.length >= 2 && found;
    });
    expect(alerts).toHaveLength(2);
    const all = await tracks();
    for (const [m, expected] of changes.slice(0, 2).entries()) {
      const track = closestTrack(all, exactModes[0][m], 'baseline_hz');
      const alert = alerts.find((e) => e.alert?.track_id === track.id) as SequencedStatusEvent;
      expect(alert).toMatchObject({ run_type: 'MONITORING', structure_id: structureId, tenant_id: TENANT });
      // Within a point of the exact change: SSI's frequencies of a 5-minute record are a few 0.1% off.
      expect(Math.abs(alert.alert!.change_percent - expected)).toBeLessThan(1);
      expect(alert.message).toMatch(/from its baseline/);
      expect(track.alert).toBe(true);
    }

    await ingest([{}]);
    await allEnded(7);
    const cleared = await waitFor('two CLEARED events', async () => {
      const found = live.eventsOf(rule.id).filter((e) => e.status === 'CLEARED');
      return found.length >= 2 && found;
    });
    expect(cleared.map((e) => e.alert!.track_id).sort()).toEqual(alerts.map((e) => e.alert!.track_id).sort());
    expect((await tracks()).some((t) => t.alert)).toBe(false);
  });

  it('draws the trend plot of the tracks', async () => {
    const svg = await client.fetchRaw(`/structures/${structureId}/modes/plots/trend.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const text = await svg.text();
    expect(text).toContain('<svg');
    expect(text).toContain('Tracked modes over time');
    const png = await client.fetchRaw(`/structures/${structureId}/modes/plots/trend.png?rule_id=${rule.id}`);
    expect(png.status).toBe(200);
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await client.fetchRaw(`/structures/${structureId}/modes/plots/other.svg`)).status).toBe(404);
  });

  it('stops when the rule is deleted; a structure with rules is deleted only with cascade', async () => {
    expect((await client.request('DELETE', rulesPath(rule.id))).status).toBe(204);
    expect(await tracks()).toEqual([]);
    await ingest([{}]);
    expect(await ruleAnalyses()).toHaveLength(7);

    const other = await createStructure(client, 'Monitored, then removed');
    const created = await client.request<RuleView>('POST', `/structures/${other}/monitoring`, {
      type: 'FDD',
    });
    expect(created.status).toBe(201);
    const refused = await client.request<{ message: string }>('DELETE', `/structures/${other}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/1 monitoring rules/);
    expect((await client.request('DELETE', `/structures/${other}?cascade=true`)).status).toBe(204);
    expect((await client.request('GET', `/structures/${other}/monitoring/${created.body.id}`)).status).toBe(
      404,
    );
  });
});
