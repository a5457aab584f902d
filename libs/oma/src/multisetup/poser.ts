import { OmaInputError } from '../dataset';
import { macMatrix, normaliseShape, realShape } from '../modes/mode-shape';
import { IdentifiedMode } from '../modes/modal-result';
import { GlobalLayout } from './setups';

/** A mode of another setup is the same mode when this near in frequency (relative)... */
const MATCH_DISTANCE = 0.03;
/** ... and its reference channels move alike (MAC, with two references or more). */
const MATCH_REFERENCE_MAC = 0.8;

export interface MergedMode extends IdentifiedMode {
  /** The setups' own frequencies of this mode, in setup order. */
  setup_frequencies_hz: number[];
}

/**
 * PoSER (post separate estimation re-scaling): each setup identified on its own, each mode of the
 * first setup matched in every other (nearest in frequency within 3%, reference shapes alike), the
 * roving part of each setup's shape rescaled by the least-squares factor that maps its references
 * onto the first setup's, and merged: the references once, the roving channels of every setup.
 * Frequency and damping are the setups' means. A mode missing from a setup is left out.
 */
export function mergeSetupModes(perSetup: IdentifiedMode[][], layout: GlobalLayout): MergedMode[] {
  const referenceOf = (mode: IdentifiedMode, setup: number) =>
    layout.setups[setup].referenceIndices.map((index) => mode.mode_shape[index]);
  const merged: MergedMode[] = [];
  for (const base of perSetup[0]) {
    const baseReferences = referenceOf(base, 0);
    const matches = perSetup.map((modes, setup) =>
      setup === 0 ? base : bestMatch(base, baseReferences, modes, (mode) => referenceOf(mode, setup)),
    );
    if (matches.some((mode) => mode === undefined)) continue;
    const shape = [...baseReferences];
    matches.forEach((mode, setup) => {
      const references = referenceOf(mode!, setup);
      const factor = scaleFactor(references, baseReferences);
      shape.push(...layout.setups[setup].rovingIndices.map((index) => factor * mode!.mode_shape[index]));
    });
    const damping = matches
      .map((mode) => mode!.damping_ratio)
      .filter((value): value is number => value !== null);
    merged.push({
      frequency_hz: mean(matches.map((mode) => mode!.frequency_hz)),
      damping_ratio: damping.length === matches.length ? mean(damping) : null,
      mode_shape: normaliseShape(realShape(shape)),
      setup_frequencies_hz: matches.map((mode) => mode!.frequency_hz),
    });
  }
  if (merged.length === 0)
    throw new OmaInputError(
      'no mode was identified in every setup: check that the setups share their references',
    );
  return merged;
}

function bestMatch(
  base: IdentifiedMode,
  baseReferences: number[],
  modes: IdentifiedMode[],
  referencesOf: (mode: IdentifiedMode) => number[],
): IdentifiedMode | undefined {
  let best: IdentifiedMode | undefined;
  let bestDistance = Infinity;
  for (const mode of modes) {
    const apart = Math.abs(mode.frequency_hz - base.frequency_hz) / base.frequency_hz;
    if (apart > MATCH_DISTANCE) continue;
    const alike = baseReferences.length > 1 ? macMatrix([referencesOf(mode)], [baseReferences])[0][0] : 1;
    if (alike < MATCH_REFERENCE_MAC) continue;
    const distance = apart + (1 - alike);
    if (distance < bestDistance) {
      best = mode;
      bestDistance = distance;
    }
  }
  return best;
}

/** The factor a minimising |a x - b|. */
function scaleFactor(a: number[], b: number[]): number {
  const aa = a.reduce((sum, value) => sum + value * value, 0);
  return aa > 0 ? a.reduce((sum, value, i) => sum + value * b[i], 0) / aa : 0;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
