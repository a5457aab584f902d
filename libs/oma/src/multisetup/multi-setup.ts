import { OmaInputError, paramError } from '../dataset';
import { macMatrix } from '../modes/mode-shape';
import { ModalResultBase } from '../modes/modal-result';
import { AnalysisType, checkParams } from '../params/parameter-schemas';
import { usableRecord } from '../record-values';
import { runAnalysis } from '../analysis';
import { FddResult } from '../fdd/fdd';
import { selectModes } from '../ssi/mode-selection';
import { labelPoles } from '../ssi/stabilization';
import { SsiResult } from '../ssi/ssi';
import { mergeSetupModes, MergedMode } from './poser';
import { pregerPoles } from './preger';
import { globalLayout, MULTI_SETUP_METHODS, MultiSetupMethod, Setup } from './setups';

export interface MultiSetupSummary {
  method: MultiSetupMethod;
  references: string[];
  setups: Array<{ name: string; channels: string[]; samples: number; frequencies_hz?: number[] }>;
}

/** A multi-setup result: modes over the global channels (references once, `<setup>:<channel>`). */
export type MultiSetupResult = (
  (ModalResultBase & { type: AnalysisType; modes: MergedMode[]; params: Record<string, unknown> }) | SsiResult
) & { multi_setup: MultiSetupSummary };

/** The parameters each setup's own analysis takes: all but `references` and `multi_setup`. */
export function singleSetupParams(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).filter(([name]) => name !== 'references' && name !== 'multi_setup'),
  );
}

/**
 * An analysis over several setups of a roving-sensor campaign that share reference channels
 * (`params.references`): PreGER (SSI only: one global identification) or PoSER (any modal type:
 * each setup identified, shapes rescaled on the references and merged); `params.multi_setup`
 * chooses, PreGER by default for SSI and PoSER otherwise. docs/oma.md, "Multi-setup".
 */
export function multiSetupAnalysis(
  type: string,
  setups: Setup[],
  given: Record<string, unknown>,
): MultiSetupResult {
  const { references, multi_setup: asked } = given;
  const params = singleSetupParams(given);
  if (type === 'PREPROCESSING') throw new OmaInputError('PREPROCESSING takes one record, not several setups');
  const method = (asked ?? (type === 'SSI' ? 'PreGER' : 'PoSER')) as MultiSetupMethod;
  if (!MULTI_SETUP_METHODS.includes(method))
    throw paramError('params.multi_setup', `must be one of ${MULTI_SETUP_METHODS.join(', ')}`);
  if (!Array.isArray(references) || references.some((name) => typeof name !== 'string'))
    throw paramError('params.references', 'must be an array of channel names');
  const layout = globalLayout(setups, references as string[]);
  for (const setup of setups) {
    if (usableRecord(setup.source).warnings.length)
      throw new OmaInputError(
        `setup "${setup.name}" has a constant channel (a dead sensor?): leave it out of the setup`,
      );
  }
  const summary = (frequencies?: number[][]): MultiSetupSummary => ({
    method,
    references: layout.references,
    setups: setups.map(({ name, source }, s) => ({
      name,
      channels: source.channels,
      samples: source.samples,
      ...(frequencies ? { frequencies_hz: frequencies[s] } : {}),
    })),
  });

  if (method === 'PreGER') {
    if (type !== 'SSI') throw paramError('params.multi_setup', `PreGER is for SSI; use PoSER for ${type}`);
    const resolved = checkParams('SSI', params);
    const identified = pregerPoles(setups, layout, resolved);
    const labelled = labelPoles(identified.poles, resolved);
    const selection = selectModes(labelled, resolved);
    const shapes = selection.modes.map((mode) => mode.mode_shape);
    return {
      type: 'SSI',
      sampling_rate_hz: setups[0].source.samplingRateHz,
      channels: layout.channels,
      modes: selection.modes,
      mac_matrix: macMatrix(shapes, shapes),
      params: { ...resolved, block_rows: identified.blockRows, references: layout.references },
      stabilization: {
        orders: identified.orders,
        poles: labelled.flat().map(({ shape: _shape, ...pole }) => pole),
      },
      clusters: selection.clusters,
      singular_values: identified.singularValues,
      multi_setup: summary(),
    };
  }

  const perSetup = setups.map((setup) => {
    const setupParams = type === 'SSI-DAT' ? { ...params, references } : params;
    return runAnalysis(type, setup.source, setupParams).result as FddResult | SsiResult;
  });
  const modes = mergeSetupModes(
    perSetup.map((result) => result.modes),
    layout,
  );
  const shapes = modes.map((mode) => mode.mode_shape);
  return {
    type: type as AnalysisType,
    sampling_rate_hz: setups[0].source.samplingRateHz,
    channels: layout.channels,
    modes,
    mac_matrix: macMatrix(shapes, shapes),
    params: { ...perSetup[0].params, references: layout.references, multi_setup: method },
    multi_setup: summary(perSetup.map((result) => result.modes.map((mode) => mode.frequency_hz))),
  };
}
