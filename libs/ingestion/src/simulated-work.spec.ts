import { failureDraw } from './simulated-work';

describe('failureDraw', () => {
  it('is the same for the same seed, resource and attempt, and spread over [0, 1)', () => {
    expect(failureDraw('s', 'job:r1', 1)).toBe(failureDraw('s', 'job:r1', 1));
    expect(failureDraw('s', 'job:r1', 1)).not.toBe(failureDraw('s', 'job:r1', 2));
    const draws = Array.from({ length: 2000 }, (_, i) => failureDraw('seed', `job:r${i}`, 1));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const below = draws.filter((d) => d < 0.3).length / draws.length;
    expect(below).toBeGreaterThan(0.26);
    expect(below).toBeLessThan(0.34);
  });
});
