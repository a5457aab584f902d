import { frequencyDomainDecomposition } from '../fdd/fdd';
import { macMatrix } from '../modes/mode-shape';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { relativeError } from './reference-data';
import { simulateTower } from './tower';

const mac = (a: number[], b: number[]) => macMatrix([a], [b])[0][0];

/**
 * A tower bending in two directions: three pairs of close modes whose shapes mix both sensors of
 * every floor. The second mode of a pair is only a shoulder of the first singular value.
 */
describe.each([
  { split: 0.02, lowestHz: 1, seed: 3 },
  { split: 0.03, lowestHz: 1, seed: 2 },
  { split: 0.06, lowestHz: 20 / 3.25, seed: 1 },
])('a tower with pairs $split apart, lowest at $lowestHz Hz (seed $seed)', (tower) => {
  const simulation = simulateTower(tower);
  const exact = simulation.modes;

  it('FDD finds the six modes on its own, each within 1% with MAC at least 0.95', () => {
    const { modes } = frequencyDomainDecomposition(simulation.dataset);
    expect(modes).toHaveLength(6);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, exact[j].frequency_hz)).toBeLessThan(0.01);
      expect(mac(mode.mode_shape, exact[j].mode_shape)).toBeGreaterThan(0.95);
    });
  });

  it('SSI finds the six modes, each within 0.5% with MAC at least 0.95', () => {
    const { modes } = stochasticSubspaceIdentification(simulation.dataset);
    expect(modes).toHaveLength(6);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, exact[j].frequency_hz)).toBeLessThan(0.005);
      expect(mac(mode.mode_shape, exact[j].mode_shape)).toBeGreaterThan(0.95);
    });
  });
});
