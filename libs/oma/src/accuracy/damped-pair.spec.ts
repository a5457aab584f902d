import { frequencyDomainDecomposition } from '../fdd/fdd';
import { macMatrix } from '../modes/mode-shape';
import { simulate } from '../simulate/simulate';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { relativeError } from './reference-data';

const mac = (a: number[], b: number[]) => macMatrix([a], [b])[0][0];

/**
 * A pair of modes 1% apart (0.5% damped) beside a mode damped 8%, weakly coupled: the case of issue
 * 18 where the first singular value shows one lobe for the pair and a broad bell for the third.
 */
describe('a close pair beside a heavily damped mode', () => {
  const k = (2 * Math.PI * 2) ** 2;
  const coupling = 0.01005 * k;
  const weak = 0.002 * k;
  const k3 = (2 * Math.PI * 3.5) ** 2;
  const simulation = simulate({
    mass_matrix: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    stiffness_matrix: [
      [k + coupling + weak, -coupling, -weak],
      [-coupling, k + coupling, 0],
      [-weak, 0, k3 + weak],
    ],
    damping_ratio: [0.005, 0.005, 0.08],
    noise: 0.05,
    duration_s: 3600,
    sampling_rate_hz: 20,
    seed: 5,
  });
  const exact = simulation.modes;

  it('SSI finds the three modes and nothing else, the pair with its own shapes', () => {
    const { modes } = stochasticSubspaceIdentification(simulation.dataset);
    expect(modes).toHaveLength(3);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, exact[j].frequency_hz)).toBeLessThan(0.003);
      expect(mac(mode.mode_shape, exact[j].mode_shape)).toBeGreaterThan(0.95);
    });
    for (const j of [0, 1]) expect(Math.abs(modes[j].damping_ratio! - 0.005)).toBeLessThan(0.001);
    expect(Math.abs(modes[2].damping_ratio! - 0.08)).toBeLessThan(0.01);
  });

  it('FDD finds the three on its own, the pair through their modal filters', () => {
    const { modes } = frequencyDomainDecomposition(simulation.dataset);
    expect(modes).toHaveLength(3);
    expect(mac(modes[0].mode_shape, modes[1].mode_shape)).toBeLessThan(0.2);
    modes.forEach((mode, j) => {
      // The 8%-damped mode's broad peak is read less sharply than the pair's.
      expect(relativeError(mode.frequency_hz, exact[j].frequency_hz)).toBeLessThan(j < 2 ? 0.005 : 0.01);
      expect(mac(mode.mode_shape, exact[j].mode_shape)).toBeGreaterThan(0.95);
    });
  });

  it('FDD at the given frequencies gives the pair two distinct shapes and damps the third within a point', () => {
    const { modes } = frequencyDomainDecomposition(simulation.dataset, {
      frequencies: exact.map((mode) => mode.frequency_hz),
    });
    expect(modes).toHaveLength(3);
    expect(mac(modes[0].mode_shape, modes[1].mode_shape)).toBeLessThan(0.2);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, exact[j].frequency_hz)).toBeLessThan(0.006);
      expect(mac(mode.mode_shape, exact[j].mode_shape)).toBeGreaterThan(0.95);
    });
    expect(Math.abs(modes[2].damping_ratio! - 0.08)).toBeLessThan(0.01);
  });
});
