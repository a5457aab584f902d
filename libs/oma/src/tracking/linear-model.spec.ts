import { fitLinearModel, predictWith } from './linear-model';

/** Deterministic noise in [-0.5, 0.5). */
function noise(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647 - 0.5;
}

describe('fitLinearModel', () => {
  it('recovers the coefficients of a frequency that follows temperature and wind', () => {
    const draw = noise(7);
    const rows = Array.from({ length: 200 }, (_, i) => [15 * Math.sin(i / 9) + 5, 8 * draw() + 6]);
    const y = rows.map(([t, w]) => 2.5 - 0.004 * t + 0.001 * w + 0.0002 * draw());
    const fit = fitLinearModel(['temperature_c', 'wind_mps'], rows, y);
    if (!('model' in fit)) throw new Error(fit.refused);
    const { model } = fit;
    expect(predictWith(model, [0, 0])).toBeCloseTo(2.5, 3);
    expect(predictWith(model, [10, 0]) - predictWith(model, [0, 0])).toBeCloseTo(-0.04, 4);
    expect(predictWith(model, [0, 10]) - predictWith(model, [0, 0])).toBeCloseTo(0.01, 3);
    expect(model.residual_sd).toBeGreaterThan(0);
    expect(model.residual_sd).toBeLessThan(0.0001);
    expect(model.raw_sd / model.residual_sd).toBeGreaterThan(100);
    expect(model.training_points).toBe(200);
  });

  it('matches the exact least-squares solution of a small system', () => {
    // y = 1 + 2 x exactly at x = 0..4, plus a disturbance: slope Sxy/Sxx = 19.8 / 10, intercept 5 - 2 * 1.98.
    const rows = [[0], [1], [2], [3], [4]];
    const y = [1.1, 2.9, 5.0, 7.1, 8.9];
    const fit = fitLinearModel(['x'], rows, y);
    if (!('model' in fit)) throw new Error(fit.refused);
    expect(predictWith(fit.model, [0])).toBeCloseTo(1.04, 10);
    expect(predictWith(fit.model, [1]) - predictWith(fit.model, [0])).toBeCloseTo(1.98, 10);
  });

  it('refuses too few points, a covariate that does not vary, and collinear covariates, saying which', () => {
    expect(
      fitLinearModel(
        ['t', 'w'],
        [
          [1, 2],
          [2, 3],
          [3, 1],
          [4, 2],
        ],
        [1, 2, 3, 4],
      ),
    ).toEqual({
      refused: 'needs at least 5 points with every covariate to fit 2 covariates; has 4',
    });
    const rows = Array.from({ length: 10 }, (_, i) => [i, 4]);
    expect(
      fitLinearModel(
        ['t', 'w'],
        rows,
        rows.map(([t]) => t),
      ),
    ).toEqual({
      refused: 'w does not vary over the training points',
    });
    const twice = Array.from({ length: 10 }, (_, i) => [i, 2 * i + 1]);
    expect(
      fitLinearModel(
        ['t_c', 't_f'],
        twice,
        twice.map(([t]) => t),
      ),
    ).toEqual({
      refused: 't_f is a linear combination of the other covariates over the training points',
    });
  });
});
