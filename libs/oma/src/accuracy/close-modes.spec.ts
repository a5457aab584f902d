import { frequencyDomainDecomposition } from '../fdd/fdd';
import { macMatrix } from '../modes/mode-shape';

const mac = (a: number[], b: number[]) => macMatrix([a], [b])[0][0];
import { simulate } from '../simulate/simulate';
import { relativeError } from './reference-data';

describe('FDD separates a pair of modes 1% apart', () => {
  // Two equal masses with a weak spring between them: in-phase at 2.00 Hz, out of phase at 2.02 Hz.
  const k = (2 * Math.PI * 2) ** 2;
  const coupling = 0.01005 * k;
  const simulation = simulate({
    mass_matrix: [
      [1, 0],
      [0, 1],
    ],
    stiffness_matrix: [
      [k + coupling, -coupling],
      [-coupling, k + coupling],
    ],
    damping_ratio: 0.005,
    noise: 0.05,
    duration_s: 3600,
    sampling_rate_hz: 20,
    seed: 2,
  });

  it('finds both automatically: the second from the second singular value, with its own shape', () => {
    // The first singular value shows one peak (the pair's lobe); the second peaks at the other mode.
    const { modes } = frequencyDomainDecomposition(simulation.dataset);
    expect(modes).toHaveLength(2);
    expect(mac(modes[0].mode_shape, modes[1].mode_shape)).toBeLessThan(0.1);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, simulation.modes[j].frequency_hz)).toBeLessThan(0.005);
      expect(mac(mode.mode_shape, simulation.modes[j].mode_shape)).toBeGreaterThan(0.9);
    });
  });

  it('gives two modes with their own shapes, each near where it was asked', () => {
    const asked = simulation.modes.map((mode) => mode.frequency_hz);
    const { modes } = frequencyDomainDecomposition(simulation.dataset, { frequencies: asked });
    expect(modes).toHaveLength(2);
    expect(mac(modes[0].mode_shape, modes[1].mode_shape)).toBeLessThan(0.1);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, asked[j])).toBeLessThan(0.005);
      expect(mac(mode.mode_shape, simulation.modes[j].mode_shape)).toBeGreaterThan(0.9);
    });
  });
});
