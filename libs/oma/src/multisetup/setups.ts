import { OmaInputError, paramError } from '../dataset';
import { RecordSource } from '../record/record-source';

/** One setup of a roving-sensor campaign: a recording of the reference channels and its roving ones. */
export interface Setup {
  /** Names the setup's roving channels in the merged shapes (`<name>:<channel>`): a file's name. */
  name: string;
  source: RecordSource;
}

export const MULTI_SETUP_METHODS = ['PoSER', 'PreGER'] as const;
export type MultiSetupMethod = (typeof MULTI_SETUP_METHODS)[number];

/** Where each global channel comes from: the references once (from the first setup), then each setup's roving ones. */
export interface GlobalLayout {
  references: string[];
  channels: string[];
  /** Per setup: the indices of its reference channels (in `references` order) and of its roving ones. */
  setups: Array<{ name: string; referenceIndices: number[]; rovingIndices: number[] }>;
}

/** At most this many setups in one analysis (each is analysed or decomposed on its own). */
export const MAX_SETUPS = 50;

/**
 * Checks the setups against each other (two at least, one sampling rate, names unique, every
 * reference channel in every setup, at least one roving channel each) and lays out the global
 * channels.
 */
export function globalLayout(setups: Setup[], references: string[] | undefined): GlobalLayout {
  if (setups.length < 2 || setups.length > MAX_SETUPS)
    throw new OmaInputError(`a multi-setup analysis takes 2 to ${MAX_SETUPS} setups, got ${setups.length}`);
  if (!references?.length)
    throw paramError('params.references', 'must name the reference channels every setup shares');
  const names = new Set<string>();
  const rate = setups[0].source.samplingRateHz;
  const layout: GlobalLayout = { references, channels: [...references], setups: [] };
  for (const { name, source } of setups) {
    if (names.has(name)) throw new OmaInputError(`two setups are named "${name}": name each setup once`);
    names.add(name);
    if (source.samplingRateHz !== rate)
      throw new OmaInputError(
        `setup "${name}" is sampled at ${source.samplingRateHz} Hz and setup "${setups[0].name}" at ${rate} Hz: every setup needs one rate`,
      );
    const referenceIndices = references.map((reference) => {
      const index = source.channels.indexOf(reference);
      if (index < 0)
        throw paramError('params.references', `names "${reference}", which setup "${name}" does not have`);
      return index;
    });
    const rovingIndices = source.channels
      .map((_, index) => index)
      .filter((index) => !referenceIndices.includes(index));
    if (rovingIndices.length === 0)
      throw new OmaInputError(`setup "${name}" has only reference channels: each setup needs a roving one`);
    layout.setups.push({ name, referenceIndices, rovingIndices });
    layout.channels.push(...rovingIndices.map((index) => `${name}:${source.channels[index]}`));
  }
  return layout;
}
