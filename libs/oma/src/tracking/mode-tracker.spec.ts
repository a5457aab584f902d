import type { ModeTrack, Observation, ObservedMode } from './mode-track';
import { trackModes } from './mode-tracker';
import { TRACKING_DEFAULTS, TrackingSettings } from './tracking-settings';

const BENDING = [1, 0.8, 0.4];
const TORSION = [1, -0.5, -1];
const SWAY = [0.2, 1, -0.3];

const mode = (frequency_hz: number, mode_shape: number[]): ObservedMode => ({
  frequency_hz,
  damping_ratio: 0.01,
  mode_shape,
});

function run(observations: Observation[], settings: TrackingSettings = TRACKING_DEFAULTS) {
  let tracks: ModeTrack[] = [];
  let next = 0;
  const outcomes = observations.map((observation) => {
    const outcome = trackModes(tracks, observation, settings, () => `t${++next}`);
    tracks = outcome.tracks;
    return outcome;
  });
  return { tracks, outcomes };
}

const observation = (n: number, modes: ObservedMode[]): Observation => ({
  analysis_id: `a${n}`,
  recorded_at: Date.UTC(2026, 0, 1) + n * 3_600_000,
  modes,
});

describe('trackModes', () => {
  it('follows each mode on one track and opens a track for a mode seen first later', () => {
    const { tracks, outcomes } = run([
      observation(1, [mode(1.0, BENDING), mode(3.0, TORSION)]),
      observation(2, [mode(3.02, TORSION), mode(0.99, BENDING)]),
      observation(3, [mode(1.01, BENDING), mode(2.0, SWAY), mode(2.97, TORSION)]),
    ]);
    expect(tracks.map((t) => [t.id, t.points])).toEqual([
      ['t1', 3],
      ['t2', 3],
      ['t3', 1],
    ]);
    expect(outcomes[1].points.map((p) => p.track_id)).toEqual(['t2', 't1']);
    expect(outcomes[2].points.find((p) => p.track_id === 't2')!.point.mac).toBeCloseTo(1, 12);
    expect(tracks[0].value_hz).toBe(1.0);
  });

  it('assigns close modes by frequency and shape together, not each to its nearest track', () => {
    // Two modes 2% apart whose frequencies drift past each other's track: the shapes decide.
    const first = observation(1, [mode(2.0, BENDING), mode(2.04, TORSION)]);
    const second = observation(2, [mode(2.03, BENDING), mode(2.05, TORSION)]);
    const { outcomes } = run([first, second]);
    expect(outcomes[1].points.map((p) => p.track_id)).toEqual(['t1', 't2']);
  });

  it('does not let a spurious mode take a track when the true mode is there (whatever the order)', () => {
    // As SSI gave them on three short records: spurious 5.93 and 6.76 Hz beside the 6.28 Hz mode,
    // the 6.76 one with the same shape (negated).
    const bending = [0.44, 0.8, 1];
    const second = [1, 0.45, -0.8];
    const third = [-0.79, 1, -0.44];
    const records = [
      observation(1, [mode(2.232, bending), mode(6.279, second), mode(9.13, third)]),
      observation(2, [
        mode(2.237, bending),
        mode(5.934, [1, 0.54, -0.8]),
        mode(6.305, second),
        mode(9.06, third),
      ]),
      observation(3, [
        mode(2.231, bending),
        mode(6.289, second),
        mode(6.758, [-0.98, -0.4, 1]),
        mode(9.058, third),
      ]),
    ];
    for (const order of [
      [0, 1, 2],
      [1, 0, 2],
      [2, 1, 0],
      [1, 2, 0],
    ]) {
      const { tracks } = run(
        order.map((i) => records[i]),
        { ...TRACKING_DEFAULTS, window_points: 1 },
      );
      const counts = (frequency: number) =>
        tracks.find((t) => Math.abs(t.recent[0].frequency_hz / frequency - 1) < 0.01)?.points;
      expect([counts(2.23), counts(6.29), counts(9.06)]).toEqual([3, 3, 3]);
    }
  });

  it('gives a drifted mode to its established track, not to a young one it has come nearer', () => {
    const second = [1, 0.45, -0.8];
    const settings = { ...TRACKING_DEFAULTS, baseline_points: 2, window_points: 1 };
    const { outcomes } = run(
      [
        observation(1, [mode(6.28, second)]),
        observation(2, [mode(6.29, second), mode(5.93, [1, 0.54, -0.8])]),
        // 4% below its track, 1.6% above the spurious one of the last record.
        observation(3, [mode(6.03, second)]),
      ],
      settings,
    );
    expect(outcomes[2].points.map((p) => p.track_id)).toEqual(['t1']);
  });

  it('leaves a mode outside the frequency or shape gate to a new track', () => {
    const { tracks } = run([
      observation(1, [mode(1.0, BENDING)]),
      observation(2, [mode(1.2, BENDING)]),
      observation(3, [mode(1.0, SWAY)]),
    ]);
    expect(tracks.map((t) => t.points)).toEqual([1, 1, 1]);
  });

  it('counts an analysis applied twice once', () => {
    const once = run([observation(1, [mode(1.0, BENDING)]), observation(2, [mode(1.01, BENDING)])]);
    const twice = trackModes(
      once.tracks,
      observation(2, [mode(1.01, BENDING)]),
      TRACKING_DEFAULTS,
      () => 'x',
    );
    expect(twice.tracks).toEqual(once.tracks);
  });

  it('raises an alert when the current value leaves the baseline and clears it with hysteresis', () => {
    const settings = {
      ...TRACKING_DEFAULTS,
      baseline_points: 3,
      window_points: 3,
      alert_percent: 2,
      clear_percent: 1,
    };
    const frequencies = [1.0, 1.01, 0.99, 1.0, 0.97, 0.97, 0.97, 0.985, 0.985, 0.995, 0.995];
    const { outcomes } = run(
      frequencies.map((f, i) => observation(i + 1, [mode(f, BENDING)])),
      settings,
    );
    const changes = outcomes.flatMap((o, i) =>
      o.changes.map((c) => [i + 1, c.status, c.baseline_hz, c.value_hz]),
    );
    // Baseline 1.0 (median of the first three); the median of three reaches 0.97 at the 6th point;
    // 1.5% off (9th, 10th) is under the alert threshold but not within 1%: it stays raised; back
    // within 1% (the 11th: 0.995) it clears.
    expect(changes).toEqual([
      [6, 'ALERT', 1.0, 0.97],
      [11, 'CLEARED', 1.0, 0.995],
    ]);
    // While raised, the track names the point that raised it (its alert's key); cleared, it does not.
    const sinceAt = (i: number) => outcomes[i - 1].tracks[0].alert_since;
    expect(sinceAt(5)).toBeUndefined();
    expect(sinceAt(6)).toEqual({
      analysis_id: observation(6, []).analysis_id,
      recorded_at: observation(6, []).recorded_at,
    });
    expect(sinceAt(10)).toEqual(sinceAt(6));
    expect(sinceAt(11)).toBeUndefined();
  });
});
