import { COMPENSATION_DEFAULTS, type CompensationSettings } from './compensation';
import type { ModeTrack, TrackPoint } from './mode-track';
import { chartRule, type RuleChartRaise, type RuleChartState } from './rule-chart';
import { normalGenerator } from '../simulate/random';
import { chiSquareQuantile, normalQuantile, normalUpperTail } from '../statistics';

const SETTINGS: CompensationSettings = {
  ...COMPENSATION_DEFAULTS,
  covariates: ['temperature_c'],
  training_records: 30,
};

/** Two established, judging tracks (their models fit), as the tracker leaves them. */
const TRACKS = ['a', 'b'].map(
  (id, i) =>
    ({
      id,
      baseline_hz: 2 + i,
      compensation: {
        born_at_record: 0,
        training: [],
        established: true,
        chart: { ewma: 0, beyond: 0, within: 0 },
        model: { covariates: ['temperature_c'], intercept_hz: 2 + i, slopes_hz: {}, residual_sd_hz: 0.01 },
      },
    }) as unknown as ModeTrack,
);

/** One record's judged points on the two tracks, with these residuals in standard deviations. */
function record(n: number, za: number, zb: number) {
  const point = (z: number, base: number): TrackPoint => ({
    analysis_id: `r${n}`,
    recorded_at: n,
    frequency_hz: base + 0.01 * z,
    damping_ratio: 0.01,
    mac: 1,
    predicted_hz: base,
    residual_hz: 0.01 * z,
    z,
    judged: true,
  });
  return {
    observation: { analysis_id: `r${n}`, recorded_at: n },
    placed: [
      { track_id: 'a', point: point(za, 2) },
      { track_id: 'b', point: point(zb, 3) },
    ],
  };
}

/** Residuals of two modes that one misfit of the temperature moves together (correlation 0.9). */
function correlatedNoise(seed: number) {
  const normal = normalGenerator(seed);
  return () => {
    const common = normal();
    return [common, 0.9 * common + Math.sqrt(1 - 0.81) * normal()] as const;
  };
}

function run(residuals: Array<readonly [number, number]>, settings = SETTINGS) {
  let state: RuleChartState | undefined;
  const changes: Array<[number, string]> = [];
  residuals.forEach(([za, zb], i) => {
    const { observation, placed } = record(i + 1, za, zb);
    const outcome = chartRule(state, TRACKS, placed, observation, settings);
    state = outcome.state;
    if (outcome.change) changes.push([i + 1, outcome.change.status]);
  });
  return { state: state!, changes };
}

describe('statistics for the control limits', () => {
  it('gives normal tails, quantiles and chi-square quantiles to their tables', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(3)).toBeCloseTo(0.0013499, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.0013499)).toBeCloseTo(-3, 4);
    // Tables: chi-square(2) at 0.99 is 9.2103; chi-square(5) at 0.9973 is 18.2053.
    expect(chiSquareQuantile(0.99, 2) / 9.2103).toBeCloseTo(1, 1);
    expect(Math.abs(chiSquareQuantile(0.9973, 5) / 18.2053 - 1)).toBeLessThan(0.01);
  });
});

describe('the rule-wide chart (Hotelling T²)', () => {
  it('trains on the records after the tracks judge, then stays quiet over 2000 records of correlated noise', () => {
    const noise = correlatedNoise(11);
    const { state, changes } = run(Array.from({ length: 2030 }, noise));
    expect(state.track_ids).toEqual(['a', 'b']);
    expect(state.training).toHaveLength(30);
    expect(state.limit).toBeGreaterThan(chiSquareQuantile(1 - 0.0027, 2));
    expect(changes).toEqual([]);
  });

  it('alerts on a change that moves both modes within their own limits, against their correlation', () => {
    const noise = correlatedNoise(12);
    const residuals: Array<readonly [number, number]> = Array.from({ length: 60 }, noise);
    // Each residual 2 sd (within a track's 3-sd limit), but in opposite directions: what the
    // temperature never does, as the training records show.
    for (let i = 0; i < 5; i++) residuals.push([2, -2]);
    for (let i = 0; i < 5; i++) residuals.push(noise());
    const { changes, state } = run(residuals);
    expect(changes[0]).toEqual([63, 'ALERT']);
    // CLEARED after `consecutive` records within the clearing limit, once the noise is back.
    expect(changes).toHaveLength(2);
    expect(changes[1][1]).toBe('CLEARED');
    expect(changes[1][0]).toBeGreaterThanOrEqual(68);
    expect(state.recent.at(-1)!.t2).toBeLessThan(state.clear_limit!);
  });

  it('names the record and the mode that raised it', () => {
    const noise = correlatedNoise(13);
    const residuals: Array<readonly [number, number]> = [
      ...Array.from({ length: 40 }, noise),
      [2.5, -2],
      [2.5, -2],
    ];
    residuals.push([2.6, -2]);
    let state: RuleChartState | undefined;
    let raised: RuleChartRaise | undefined;
    residuals.forEach(([za, zb], i) => {
      const { observation, placed } = record(i + 1, za, zb);
      const outcome = chartRule(state, TRACKS, placed, observation, SETTINGS);
      state = outcome.state;
      raised = outcome.change?.raise ?? raised;
    });
    expect(raised).toMatchObject({ analysis_id: 'r43', track_id: 'a', z: 2.6 });
  });

  it('gives the same state when an analysis is applied again', () => {
    const noise = correlatedNoise(14);
    const residuals: Array<readonly [number, number]> = [
      ...Array.from({ length: 40 }, noise),
      [3, -3],
      [3, -3],
      [3, -3],
    ];
    const { state } = run(residuals);
    const { observation, placed } = record(residuals.length, 3, -3);
    const again = chartRule(state, TRACKS, placed, observation, SETTINGS);
    // The same state, and the same ALERT its first application raised (the alert it opens is one).
    expect(again.state).toEqual(state);
    expect(again.change).toMatchObject({ status: 'ALERT', raise: { analysis_id: `r${residuals.length}` } });
    // A training record applied again leaves the training as it was.
    const early = run(residuals.slice(0, 10)).state;
    const repeat = record(10, ...residuals[9]);
    expect(chartRule(early, TRACKS, repeat.placed, repeat.observation, SETTINGS).state).toEqual(early);
  });

  it('does not chart a record missing a charted mode, and refuses linearly dependent residuals', () => {
    const { observation, placed } = record(1, 0.5, 0.5);
    const missing = chartRule(undefined, TRACKS, placed.slice(0, 1), observation, SETTINGS);
    expect(missing.point).toMatchObject({ judged: false, not_judged: expect.stringContaining('missing') });
    const noise = normalGenerator(3);
    const identical = Array.from({ length: 40 }, () => {
      const z = noise();
      return [z, z] as const;
    });
    expect(run(identical).state.refused).toBe('the residuals of the charted modes are linearly dependent');
  });

  it('needs two established, judging tracks', () => {
    const { observation, placed } = record(1, 0, 0);
    expect(chartRule(undefined, TRACKS.slice(0, 1), placed, observation, SETTINGS)).toEqual({});
  });
});
