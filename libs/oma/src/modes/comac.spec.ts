import { comac, pairModes } from './comac';

describe('pairModes and comac', () => {
  const first = [
    [1, 0.8, 0.3],
    [1, -0.5, -0.9],
  ];

  it('pairs modes by shape whatever their order and scale, leaving out those alike to none', () => {
    const second = [
      [-2, 1, 1.8],
      [0, 0, 1],
      [0.5, 0.4, 0.15],
    ];
    const pairs = pairModes(first, second);
    expect(pairs.map((p) => [p.first, p.second])).toEqual([
      [0, 2],
      [1, 0],
    ]);
    expect(pairs[0].mac).toBeCloseTo(1, 12);
  });

  it('is 1 at every channel for the same shapes, and drops at the channel that changed', () => {
    const same = comac(first, first, pairModes(first, first));
    same.forEach((value) => expect(value).toBeCloseTo(1, 12));
    // The third sensor sees another motion in each mode (a local change there).
    const changed = [
      [1, 0.8, 0.6],
      [1, -0.5, -0.2],
    ];
    const values = comac(first, changed, pairModes(first, changed));
    expect(values[2]).toBeLessThan(0.8);
    expect(values[0]).toBeGreaterThan(0.95);
    expect(values[1]).toBeGreaterThan(0.95);
    expect(values.every((value) => value >= 0 && value <= 1 + 1e-12)).toBe(true);
  });
});
