import { macMatrix } from '../modes/mode-shape';
import { multiSetupAnalysis } from '../multisetup/multi-setup';
import { Setup } from '../multisetup/setups';
import { recordSource } from '../record/record-source';
import { channelsOfSource } from '../record/record-views';
import { simulate } from '../simulate/simulate';
import { relativeError } from './reference-data';

const mac = (a: number[], b: number[]) => macMatrix([a], [b])[0][0];

/**
 * A roving-sensor campaign on a simulated 8-storey frame: floors 8 and 5 carry the reference sensors
 * in every setup, the other floors are measured in three setups, each its own recording.
 */
describe('multi-setup analysis of three setups sharing two references', () => {
  const floors = [[1, 2, 3], [4, 6], [7]];
  const references = ['floor8', 'floor5'];
  const simulations = floors.map((_, s) =>
    simulate({
      storeys: 8,
      damping_ratio: 0.015,
      noise: 0.05,
      duration_s: 900,
      sampling_rate_hz: 40,
      seed: 40 + s,
    }),
  );
  const setups: Setup[] = floors.map((roving, s) => ({
    name: `setup${s + 1}`,
    source: channelsOfSource(recordSource(simulations[s].dataset), [
      7,
      4,
      ...roving.map((floor) => floor - 1),
    ]),
  }));
  // The global channels: the references once, then each setup's roving floors.
  const order = [8, 5, ...floors.flat()];
  const exact = simulations[0].modes.map((mode) => ({
    ...mode,
    mode_shape: order.map((floor) => mode.mode_shape[floor - 1]),
  }));

  it.each(['PreGER', 'PoSER'])(
    '%s (SSI): the global shapes against the truth, MAC at least 0.95',
    (method) => {
      const result = multiSetupAnalysis('SSI', setups, { references, multi_setup: method });
      expect(result.channels).toEqual([
        'floor8',
        'floor5',
        'setup1:floor1',
        'setup1:floor2',
        'setup1:floor3',
        'setup2:floor4',
        'setup2:floor6',
        'setup3:floor7',
      ]);
      expect(result.multi_setup.method).toBe(method);
      expect(result.modes).toHaveLength(8);
      // Every mode found is a true mode within 0.5%, its global shape MAC 0.95 or more.
      for (const mode of result.modes) {
        const truth = exact.reduce((best, candidate) =>
          Math.abs(candidate.frequency_hz - mode.frequency_hz) <
          Math.abs(best.frequency_hz - mode.frequency_hz)
            ? candidate
            : best,
        );
        expect(relativeError(mode.frequency_hz, truth.frequency_hz)).toBeLessThan(0.005);
        expect(mac(mode.mode_shape, truth.mode_shape)).toBeGreaterThan(0.95);
      }
    },
  );

  it('PoSER with FDD merges the setups too', () => {
    const result = multiSetupAnalysis('FDD', setups, { references });
    expect(result.multi_setup.method).toBe('PoSER');
    expect(result.modes.length).toBeGreaterThanOrEqual(4);
    for (const mode of result.modes.slice(0, 4)) {
      const truth = exact.find(
        (candidate) => relativeError(candidate.frequency_hz, mode.frequency_hz) < 0.01,
      );
      expect(truth).toBeDefined();
      expect(mac(mode.mode_shape, truth!.mode_shape)).toBeGreaterThan(0.95);
    }
  });

  it('refuses setups without the references, PreGER for FDD, and a setup of only references', () => {
    expect(() => multiSetupAnalysis('SSI', setups, { references: ['floor9'] })).toThrow(
      /params\.references names "floor9", which setup "setup1" does not have/,
    );
    expect(() => multiSetupAnalysis('FDD', setups, { references, multi_setup: 'PreGER' })).toThrow(
      /params\.multi_setup PreGER is for SSI/,
    );
    const onlyReferences: Setup = {
      name: 'refs',
      source: channelsOfSource(recordSource(simulations[0].dataset), [7, 4]),
    };
    expect(() => multiSetupAnalysis('SSI', [setups[0], onlyReferences], { references })).toThrow(
      /setup "refs" has only reference channels/,
    );
  });
});
