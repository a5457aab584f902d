import { frequencyDomainDecomposition } from '../fdd/fdd';
import { simulate } from '../simulate/simulate';

/** A 2-storey frame whose first mode is at 1 Hz, recorded an hour at 100 Hz. */
function lightlyDampedFrame(damping: number, seed: number) {
  return simulate({
    storeys: 2,
    storey_mass: 1000,
    // The first mode of a uniform 2-storey shear frame is at sqrt(0.382 k / m).
    storey_stiffness: (1000 * (2 * Math.PI) ** 2) / ((3 - Math.sqrt(5)) / 2),
    damping_ratio: damping,
    noise: 0.05,
    duration_s: 3600,
    sampling_rate_hz: 100,
    seed,
  });
}

describe('EFDD damping on lines fine enough for the mode', () => {
  it.each([
    [0.01, 2],
    [0.005, 3],
  ])(
    'a %s-damped mode at 1 Hz (100 Hz, 1 h) comes out within 35%%, its frequency within 0.5%%',
    (damping, seed) => {
      const simulation = lightlyDampedFrame(damping, seed);
      expect(simulation.modes[0].frequency_hz).toBeCloseTo(1, 6);
      const result = frequencyDomainDecomposition(simulation.dataset);
      // Peaks on the default 4096-sample segments (0.024 Hz lines, wider than the 0.01-0.02 Hz
      // half-power band: damping came out twice too high there), damping on finer ones.
      expect(result.params.segment_length).toBe(4096);
      expect(result.efdd_segment_length).toBe(32768);
      expect(result.modes).toHaveLength(2);
      result.modes.forEach((mode, j) => {
        const exact = simulation.modes[j];
        expect(Math.abs(mode.frequency_hz / exact.frequency_hz - 1)).toBeLessThan(0.005);
        expect(Math.abs(mode.damping_ratio! / exact.damping_ratio - 1)).toBeLessThan(0.35);
      });
    },
  );

  it('keeps a given segment_length for damping too', () => {
    const result = frequencyDomainDecomposition(lightlyDampedFrame(0.01, 2).dataset, {
      segment_length: 2048,
    });
    expect(result.efdd_segment_length).toBe(2048);
  });
});
