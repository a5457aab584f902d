import { frequencyDomainDecomposition } from '../fdd/fdd';
import { macMatrix } from '../modes/mode-shape';
import { simulate, Simulation } from '../simulate/simulate';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { relativeError } from './reference-data';

describe('simulated 6-storey shear frame, 2% damping, 5% noise, two hours at 50 Hz', () => {
  let simulation: Simulation;

  beforeAll(() => {
    simulation = simulate({
      storeys: 6,
      damping_ratio: 0.02,
      noise: 0.05,
      duration_s: 7200,
      sampling_rate_hz: 50,
      seed: 1,
    });
  });

  it('the simulator reports the exact modes of the frame', () => {
    // Uniform shear frame: w_j = 2 sqrt(k/m) sin((2j-1) pi / (2(2n+1))).
    simulation.modes.forEach((mode, j) => {
      const exact = (2 * Math.sqrt(1e6 / 1000) * Math.sin(((2 * j + 1) * Math.PI) / 26)) / (2 * Math.PI);
      expect(relativeError(mode.frequency_hz, exact)).toBeLessThan(1e-12);
      expect(mode.damping_ratio).toBe(0.02);
    });
  });

  it('SSI: exactly the 6 modes, frequencies within 0.2%, damping within 0.25 points, MAC >= 0.995', () => {
    const { modes } = stochasticSubspaceIdentification(simulation.dataset);
    expect(modes).toHaveLength(6);
    const mac = macMatrix(
      modes.map((mode) => mode.mode_shape),
      simulation.modes.map((mode) => mode.mode_shape),
    );
    modes.forEach((mode, j) => {
      const exact = simulation.modes[j];
      expect(relativeError(mode.frequency_hz, exact.frequency_hz)).toBeLessThan(0.002);
      expect(Math.abs(mode.damping_ratio! - exact.damping_ratio)).toBeLessThan(0.0025);
      expect(mac[j][j]).toBeGreaterThanOrEqual(0.995);
      // Its spread over the model orders of its cluster: present, and small for a clear mode.
      expect(mode.frequency_std_hz).toBeGreaterThan(0);
      expect(mode.frequency_std_hz).toBeLessThan(0.002 * exact.frequency_hz);
      expect(mode.damping_std).toBeGreaterThan(0);
      expect(mode.damping_std).toBeLessThan(0.005);
    });
  });

  it('FDD: exactly the 6 modes within one frequency line and 0.5%; EFDD damping within 25%', () => {
    const result = frequencyDomainDecomposition(simulation.dataset);
    const line = result.sampling_rate_hz / result.params.segment_length;
    expect(result.modes).toHaveLength(6);
    result.modes.forEach((mode, j) => {
      const exact = simulation.modes[j];
      expect(Math.abs(mode.frequency_hz - exact.frequency_hz)).toBeLessThanOrEqual(line);
      expect(relativeError(mode.frequency_hz, exact.frequency_hz)).toBeLessThan(0.005);
      expect(relativeError(mode.damping_ratio!, exact.damping_ratio)).toBeLessThan(0.25);
    });
  });
});
