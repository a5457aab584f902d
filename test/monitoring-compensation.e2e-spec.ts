import { ApiClient } from './support/api-client';
import { AppProcess } from './support/app-process';
import { createStructure } from './support/analyses';
import { LiveClient } from './support/live-client';
import { FRAME_CHANNELS, ingestFrameRecords } from './support/monitored-frame';
import { isolatedDatabase, purgeWorkQueues, waitFor } from './support/services';
import { SourceServer } from './support/source-server';
import { tokenFor } from './support/tokens';

const TENANT = 83;
const RATE_HZ = 25;
const TRAINING = 10;

interface TrackView {
  id: string;
  rule_id: string;
  alert: boolean;
  points: number;
  baseline_hz?: number;
  earlier_baselines?: Array<{ until: string; model?: object }>;
  compensation?: {
    state: string;
    training_points: number;
    established?: boolean;
    model?: {
      covariates: string[];
      slopes_hz: Record<string, number>;
      residual_sd_hz: number;
      raw_sd_hz: number;
    };
  };
}
interface RuleChartView {
  rule_id: string;
  state: string;
  track_ids: string[];
  training_records: number;
  training_needed: number;
  alert: boolean;
  points: Array<{ t2?: number; judged: boolean; not_judged?: string }>;
}
interface PointView {
  analysis_id: string;
  frequency_hz: number;
  covariates?: Record<string, number>;
  predicted_hz?: number;
  residual_hz?: number;
  z?: number;
  judged?: boolean;
  not_judged?: string;
}

/** Temperatures of a swing of 30 degrees, in an order that mixes cold and warm records. */
const SWING = [-5, 25, 10, 0, 20, 5, 15, -2, 22, 8, 12, 18, 3, 24, -4, 9];

/**
 * Environmental compensation (docs/monitoring.md) on the real apps: a frame whose stiffness follows
 * temperature (frequencies about 0.2 % per degree), measured through fetch jobs whose resources carry
 * `environment.temperature_c`. A compensated rule learns each mode's temperature dependence, stays
 * quiet through the swing and alerts on a stiffness loss; a plain rule on the same records alerts on
 * the weather; a record without the covariate is tracked but not judged.
 */
describe('monitoring with environmental compensation', () => {
  const database = isolatedDatabase('compensation');
  const env: Record<string, string> = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_measures`,
    FETCH_ALLOWED_HOSTS: '',
    FETCH_MAX_BYTES: '2000000',
    SLEEP_TIME: '0.2',
  };
  let source: SourceServer;
  let client: ApiClient;
  let live: LiveClient;
  let structureId: string;
  let compensatedRule: string;
  let plainRule: string;
  let seed = 0;

  beforeAll(async () => {
    await purgeWorkQueues();
    source = await SourceServer.start();
    env.FETCH_ALLOWED_HOSTS = source.host;
    const api = await AppProcess.startPipeline(env, 2);
    client = await ApiClient.as(api.url, TENANT, 3);
    live = await LiveClient.connect(api.url, await tokenFor(TENANT, 3));
    structureId = await createStructure(client, 'Frame through the seasons');
  }, 120_000);

  afterAll(async () => {
    live?.socket.close();
    await AppProcess.stopAll();
    await source?.close();
  });

  const rulesPath = () => `/structures/${structureId}/monitoring`;
  const tracksOf = async (ruleId: string) =>
    client.get<TrackView[]>(`/structures/${structureId}/modes?rule_id=${ruleId}`);
  const alertsOf = (ruleId: string) => live.eventsOf(ruleId).filter((event) => event.status === 'ALERT');

  /** Records at these temperatures (the frame stiffer when cold), measured one fetch job at a time. */
  async function measure(temperatures: Array<number | undefined>, loss = 0): Promise<void> {
    await ingestFrameRecords(
      client,
      source,
      structureId,
      temperatures.map((temperature) => ({
        seed: ++seed,
        duration_s: 300,
        sampling_rate_hz: RATE_HZ,
        stiffness_scale: 1 - 0.004 * ((temperature ?? 10) - 10),
        first_storey_loss: loss,
        ...(temperature === undefined ? {} : { environment: { temperature_c: temperature } }),
      })),
    );
    const expected = seed * 2;
    await waitFor(
      `${expected} monitored analyses to end`,
      async () => {
        const { items } = await client.get<{ items: Array<{ status: string }> }>(
          `/structures/${structureId}/analyses?limit=200`,
        );
        return (
          items.length === expected && items.every((a) => ['DONE', 'ERROR', 'SKIPPED'].includes(a.status))
        );
      },
      180_000,
    );
  }

  it('refuses a compensation it cannot apply, naming the field', async () => {
    const path = rulesPath();
    const bad = async (compensation: object, field: string) => {
      const { status, body } = await client.request<{ fields?: Array<{ field: string }> }>('POST', path, {
        type: 'SSI',
        compensation,
      });
      expect(status).toBe(400);
      expect(JSON.stringify(body.fields)).toContain(field);
    };
    await bad({ covariates: [], training_records: 10 }, 'covariates');
    await bad({ covariates: ['Temp C'], training_records: 10 }, 'covariates');
    await bad({ covariates: ['temperature_c'], training_records: 2 }, 'training_records');
    await bad(
      { covariates: ['temperature_c'], training_records: 10, sigma: 2, clear_sigma: 3 },
      'compensation.clear_sigma',
    );
    await bad(
      { covariates: ['temperature_c'], training_records: 10, channels: { wind_mps: 'W1' } },
      'compensation.channels.wind_mps',
    );
    await bad(
      { covariates: ['temperature_c'], training_records: 10, channels: { temperature_c: 7 } },
      'temperature_c',
    );

    const common = { type: 'SSI', params: { order_max: 30 }, channels: FRAME_CHANNELS };
    const compensated = await client.request<{ id: string; compensation: object }>('POST', path, {
      ...common,
      name: 'compensated',
      compensation: {
        covariates: ['temperature_c'],
        training_records: TRAINING,
        sigma: 4,
        consecutive: 2,
        clear_sigma: 2.5,
      },
    });
    expect(compensated.status).toBe(201);
    expect(compensated.body.compensation).toMatchObject({
      training_records: TRAINING,
      clear_sigma: 2.5,
      ewma_lambda: 0.2,
      chart: 'shewhart',
    });
    compensatedRule = compensated.body.id;
    const plain = await client.request<{ id: string }>('POST', path, {
      ...common,
      name: 'plain',
      tracking: { baseline_points: 3, window_points: 1, alert_percent: 1, clear_percent: 0.5 },
    });
    plainRule = plain.body.id;
  });

  it('learns how each mode follows temperature, and stays quiet through a 30-degree swing', async () => {
    await measure(SWING.slice(0, TRAINING));
    const training = await tracksOf(compensatedRule);
    expect(training.filter((track) => track.compensation?.state === 'judging')).toHaveLength(3);
    for (const track of training.filter((t) => t.compensation?.established)) {
      const model = track.compensation!.model!;
      expect(model.covariates).toEqual(['temperature_c']);
      // About -0.2 % of the frequency per degree.
      expect(model.slopes_hz.temperature_c / track.baseline_hz!).toBeCloseTo(-0.002, 3);
      expect(model.residual_sd_hz / model.raw_sd_hz).toBeLessThan(0.3);
    }

    await measure(SWING.slice(TRAINING));
    expect(alertsOf(compensatedRule)).toEqual([]);
    // The same records under a plain rule: the weather alone raises alerts.
    await waitFor('the plain rule to alert on the weather', async () => alertsOf(plainRule).length > 0);
    const [established] = (await tracksOf(compensatedRule)).filter((t) => t.compensation?.established);
    const history = await client.get<{ items: PointView[] }>(
      `/structures/${structureId}/modes/${established.id}/history?limit=100`,
    );
    const judged = history.items.filter((point) => point.judged);
    expect(judged).toHaveLength(SWING.length - TRAINING);
    for (const point of judged) {
      expect(point.residual_hz).toBeCloseTo(point.frequency_hz - point.predicted_hz!, 12);
      expect(Math.abs(point.z!)).toBeLessThan(4);
    }

    // The rule-wide chart (Hotelling T²) charts the established tracks and trains on their residual
    // vectors once they all judge: the records after the tracks' training.
    const trend = await client.get<{ rule_charts: RuleChartView[] }>(
      `/structures/${structureId}/modes/trend?rule_id=${compensatedRule}`,
    );
    const [chart] = trend.rule_charts;
    const establishedIds = (await tracksOf(compensatedRule))
      .filter((track) => track.compensation?.established)
      .map((track) => track.id)
      .sort();
    expect(chart).toMatchObject({
      rule_id: compensatedRule,
      state: 'training',
      alert: false,
      track_ids: establishedIds,
    });
    expect(chart.training_records).toBe(SWING.length - TRAINING);
    expect(chart.training_needed).toBe(TRAINING);
    expect(chart.points.map((point) => point.not_judged)).toContain(
      `training (${SWING.length - TRAINING} of ${TRAINING} records)`,
    );
    const svg = await fetch(
      `${client.baseUrl}/structures/${structureId}/modes/plots/trend.svg?rule_id=${compensatedRule}`,
      {
        headers: { authorization: `Bearer ${client.token}` },
      },
    );
    const picture = await svg.text();
    expect(picture).toContain('residual / its limit');
    expect(picture).toContain('rule-wide T²');
  }, 300_000);

  it('tracks a record without the covariate but does not judge it, saying why', async () => {
    await measure([undefined]);
    const [track] = (await tracksOf(compensatedRule)).filter((t) => t.compensation?.established);
    const history = await client.get<{ items: PointView[] }>(
      `/structures/${structureId}/modes/${track.id}/history?limit=100`,
    );
    expect(history.items.at(-1)).toMatchObject({
      judged: false,
      not_judged: 'not judged: the measurement has no temperature_c',
    });
  }, 120_000);

  it('raises ALERT on a stiffness loss, with the residual in the event', async () => {
    await measure([6, 14, 11], 0.15);
    const alerts = await waitFor('an ALERT of the compensated rule', async () => {
      const found = alertsOf(compensatedRule);
      return found.length > 0 && found;
    });
    const alert = alerts[0].alert!;
    expect(alert.residual_hz).toBeLessThan(0);
    expect(Math.abs(alert.z!)).toBeGreaterThan(4);
  }, 180_000);

  it('starts a new baseline after the change: the tracks learn again, keep the earlier model, and clear', async () => {
    const path = `${rulesPath()}/${compensatedRule}/baseline`;
    const bad = await client.request<{ fields: Array<{ field: string }> }>('POST', path, {
      from: 'last week',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toEqual(['from']);
    const started = await client.request<{ baseline_from: string }>('POST', path, {});
    expect(started.status).toBe(200);
    expect(Date.parse(started.body.baseline_from)).toBeLessThanOrEqual(Date.now());
    const earlier = await client.request('POST', path, { from: '2020-01-01T00:00:00Z' });
    expect(earlier.status).toBe(400);

    await measure(
      [...SWING.slice(0, TRAINING), 7, 13, 19].map((t) => t),
      0.15,
    );
    await waitFor('CLEARED once the new baseline is learnt', async () =>
      live.eventsOf(compensatedRule).some((event) => event.status === 'CLEARED'),
    );
    const tracks = (await tracksOf(compensatedRule)).filter((t) => t.compensation?.established);
    expect(tracks.every((track) => track.compensation!.state === 'judging')).toBe(true);
    const withEarlier = tracks.filter((track) => track.earlier_baselines?.[0]?.model);
    expect(withEarlier.length).toBe(tracks.length);
  }, 300_000);
});
