import { halfPowerCentroid } from './peak-picking';

/** A strong wide bell at line 10 and a weak narrow one at line 30, the valley between above half of the weak one. */
function twoBells(): Float64Array {
  return Float64Array.from({ length: 60 }, (_, k) =>
    Math.max(100 / (1 + ((k - 10) / 12) ** 2), 40 / (1 + ((k - 30) / 2) ** 2)),
  );
}

describe('halfPowerCentroid', () => {
  it('finds a symmetric peak at its line', () => {
    const bell = Float64Array.from({ length: 40 }, (_, k) => 1 / (1 + ((k - 20) / 3) ** 2));
    expect(halfPowerCentroid(bell, 20)).toBeCloseTo(20, 9);
  });

  it('keeps a weak peak on its own lobe, not pulled towards a strong neighbour', () => {
    const spectrum = twoBells();
    expect(Math.abs(halfPowerCentroid(spectrum, 30) - 30)).toBeLessThan(0.5);
    expect(Math.abs(halfPowerCentroid(spectrum, 10) - 10)).toBeLessThan(0.5);
  });
});
