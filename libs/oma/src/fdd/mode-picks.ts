import { OmaInputError } from '../dataset';

/** Which singular value (and vector) a mode is read from: the first, or the second for a close mode. */
export type SingularLevel = 0 | 1;

export interface Pick {
  line: number;
  level: SingularLevel;
  /** Lines its frequency is read from (close picks share a lobe, each keeps to its side). */
  within?: [number, number];
}

/** Picks whose first singular vectors agree this well are one mode's lobe, not two modes. */
const SAME_LOBE_MAC = 0.9;

/**
 * Given frequencies that land on one mode's lobe (their first singular vectors alike) are close
 * modes the first singular value cannot separate: the pick where the first singular value is
 * highest keeps it, the others are read from the second singular value and vector at their own
 * line, so two picks 1% apart give two modes with their own shapes.
 */
export function separateClosePicks(
  lines: number[],
  first: Float64Array,
  macOfLines: (a: number, b: number) => number,
): Pick[] {
  return lines.map((line, i) => {
    const close = lines.filter((other, j) => j !== i && macOfLines(line, other) >= SAME_LOBE_MAC);
    if (close.length === 0) return { line, level: 0 };
    const below = Math.max(...close.filter((other) => other < line), -Infinity);
    const above = Math.min(...close.filter((other) => other > line), Infinity);
    const within: [number, number] = [
      Number.isFinite(below) ? Math.ceil((below + line) / 2) : 1,
      Number.isFinite(above) ? Math.floor((line + above) / 2) : first.length - 2,
    ];
    const stronger = close.some(
      (other) => first[other] > first[line] || (first[other] === first[line] && other < line),
    );
    return { line, level: stronger ? 1 : 0, within };
  });
}

/**
 * The line of a given frequency: the strongest of the first singular value within half a percent
 * (at least one line), so the mode is reported where it was asked.
 */
export function strongestLineNear(valuesDb: Float64Array, hz: number, df: number, lines: number): number {
  const centre = Math.round(hz / df);
  if (centre < 1 || centre >= lines - 1) {
    throw new OmaInputError(
      `params.frequencies: ${hz} Hz lies outside the spectrum (0 to ${(lines - 1) * df} Hz)`,
    );
  }
  const reach = Math.max(1, Math.round((0.005 * hz) / df));
  let best = centre;
  for (let k = Math.max(1, centre - reach); k <= Math.min(lines - 2, centre + reach); k++) {
    if (valuesDb[k] > valuesDb[best]) best = k;
  }
  return best;
}
