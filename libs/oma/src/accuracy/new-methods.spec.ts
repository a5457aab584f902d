import { frequencyDomainDecomposition } from '../fdd/fdd';
import { macMatrix } from '../modes/mode-shape';
import { simulate } from '../simulate/simulate';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { polyReferenceLscf } from '../plscf/plscf';
import { simulateTower } from './tower';
import { relativeError } from './reference-data';

const mac = (a: number[], b: number[]) => macMatrix([a], [b])[0][0];

describe('SSI-DAT and FSDD on the simulated 6-storey frame', () => {
  const simulation = simulate({ storeys: 6, damping_ratio: 0.02, noise: 0.05, duration_s: 600, seed: 7 });
  const exact = simulation.modes;

  it('SSI-DAT finds the six modes within 0.5%, MAC at least 0.95, damping within half a point', () => {
    const result = stochasticSubspaceIdentification(simulation.dataset, {}, 'SSI-DAT');
    expect(result.type).toBe('SSI-DAT');
    expect(result.modes).toHaveLength(6);
    result.modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, exact[j].frequency_hz)).toBeLessThan(0.005);
      expect(mac(mode.mode_shape, exact[j].mode_shape)).toBeGreaterThan(0.95);
      expect(Math.abs(mode.damping_ratio! - 0.02)).toBeLessThan(0.005);
    });
    expect(result.stabilization.poles.length).toBeGreaterThan(0);
  });

  it('SSI-DAT with two reference channels finds the same modes', () => {
    const result = stochasticSubspaceIdentification(
      simulation.dataset,
      { references: ['floor6', 'floor3'] },
      'SSI-DAT',
    );
    expect(result.params.references).toEqual(['floor6', 'floor3']);
    expect(result.modes).toHaveLength(6);
    result.modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, exact[j].frequency_hz)).toBeLessThan(0.005);
      expect(mac(mode.mode_shape, exact[j].mode_shape)).toBeGreaterThan(0.95);
    });
  });

  it('SSI-DAT refuses a reference that is not a channel, naming the parameter', () => {
    expect(() =>
      stochasticSubspaceIdentification(simulation.dataset, { references: ['floor9'] }, 'SSI-DAT'),
    ).toThrow(/params\.references.*floor9/);
  });

  it('SSI-DAT agrees with SSI-cov on every mode (the same subspace, weighted otherwise)', () => {
    const data = stochasticSubspaceIdentification(simulation.dataset, {}, 'SSI-DAT');
    const covariance = stochasticSubspaceIdentification(simulation.dataset);
    data.modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, covariance.modes[j].frequency_hz)).toBeLessThan(0.003);
    });
  });
});

// Seed 7 puts FSDD's first mode 1.6% high (docs/oma.md, "FSDD").
describe.each([1, 2, 3])('FSDD on the simulated 6-storey frame, seed %s', (seed) => {
  it('finds the six modes within 1%, MAC at least 0.95, damping from the filtered bell within a point', () => {
    const simulation = simulate({ storeys: 6, damping_ratio: 0.02, noise: 0.05, duration_s: 600, seed });
    const result = frequencyDomainDecomposition(simulation.dataset, {}, 'FSDD');
    expect(result.type).toBe('FSDD');
    expect(result.modes).toHaveLength(6);
    result.modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, simulation.modes[j].frequency_hz)).toBeLessThan(0.01);
      expect(mac(mode.mode_shape, simulation.modes[j].mode_shape)).toBeGreaterThan(0.95);
      expect(Math.abs(mode.damping_ratio! - 0.02)).toBeLessThan(0.01);
    });
  });
});

describe.each([1, 2, 3])('pLSCF on the simulated 6-storey frame, seed %s', (seed) => {
  it('finds the six modes within 0.5%, MAC at least 0.95, damping within half a point', () => {
    const simulation = simulate({ storeys: 6, damping_ratio: 0.02, noise: 0.05, duration_s: 600, seed });
    const result = polyReferenceLscf(simulation.dataset);
    expect(result.type).toBe('PLSCF');
    expect(result.modes).toHaveLength(6);
    result.modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, simulation.modes[j].frequency_hz)).toBeLessThan(0.005);
      expect(mac(mode.mode_shape, simulation.modes[j].mode_shape)).toBeGreaterThan(0.95);
      expect(Math.abs(mode.damping_ratio! - 0.02)).toBeLessThan(0.005);
    });
    expect(result.stabilization.orders).toHaveLength(20);
  });
});

describe('pLSCF on close pairs and with reference channels', () => {
  it('separates the tower pairs 2% apart, each within 0.5% with MAC at least 0.95', () => {
    const simulation = simulateTower({ split: 0.02, lowestHz: 1, seed: 3 });
    const { modes } = polyReferenceLscf(simulation.dataset);
    expect(modes).toHaveLength(6);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, simulation.modes[j].frequency_hz)).toBeLessThan(0.005);
      expect(mac(mode.mode_shape, simulation.modes[j].mode_shape)).toBeGreaterThan(0.95);
    });
  });

  it('takes reference channels (the half spectra against them) and refuses one the record lacks', () => {
    const simulation = simulate({ storeys: 6, damping_ratio: 0.02, noise: 0.05, duration_s: 600, seed: 1 });
    const result = polyReferenceLscf(simulation.dataset, { references: ['floor6', 'floor2'] });
    expect(result.params.references).toEqual(['floor6', 'floor2']);
    expect(result.modes).toHaveLength(6);
    expect(() => polyReferenceLscf(simulation.dataset, { references: ['floor9'] })).toThrow(
      /params\.references/,
    );
    expect(() => polyReferenceLscf(simulation.dataset, { block_rows: 20 } as never)).toThrow(
      /params\.block_rows/,
    );
  });
});
