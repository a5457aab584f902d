import { ComplexShape, mac } from '../modes/mode-shape';
import { Peak, prominentPeaks } from './peak-picking';
import { deflatedSpectrum, LineSpectra, modalFilters } from './spatial-filters';

/** A mode picked on the spectrum: its line and the shape it was picked with. */
export interface PickedLine {
  line: number;
  shape: ComplexShape;
}

/** A peak of the deflated spectrum this near (in lines) to a mode found is what is left of that mode. */
const MIN_LINES_APART = 2;
/** Picks this near in frequency (relative) share a lobe: each is read through its modal filter. */
export const CLOSE_DISTANCE = 0.05;

/**
 * The modes the first singular value shows, then those hidden under their lobes (docs/oma.md, "Close
 * modes"): the modes found are projected out of the spectral matrix, and a peak of the first
 * singular value of what is left, as prominent as a mode must be, within the lobe of a mode found
 * (CLOSE_DISTANCE) but at least two lines from it, is a mode of its own. Projecting out (rather than reading the second singular value)
 * removes the found modes at every line, so the bumps where two strong modes' skirts cross, which
 * the second singular value shows, are not there to be mistaken for modes; and its vector must hold
 * over the peak's neighbouring lines, which noise's does not.
 */
export function withHiddenModes(
  found: PickedLine[],
  spectra: LineSpectra,
  n: number,
  lines: number,
  search: { from: number; to: number; prominenceDb: number; maxModes: number },
): PickedLine[] {
  const sorted = [...found].sort((a, b) => a.line - b.line);
  if (found.length === 0 || found.length >= Math.min(n, search.maxModes)) return sorted;
  // Only under the found modes' lobes: the spectrum is deflated there alone.
  const ranges = lobeRanges(sorted, search.from, search.to);
  const deflated = deflatedSpectrum(
    spectra,
    n,
    found.map((pick) => pick.shape),
    lines,
    ranges,
  );
  const floor = Math.max(...deflated.values) * 1e-30;
  const db = Float64Array.from(deflated.values, (value) => 10 * Math.log10(value + floor));
  const hidden = ranges
    .flatMap(([first, last]) => prominentPeaks(db, first, last + 1))
    .filter(
      (peak: Peak) =>
        peak.prominenceDb >= search.prominenceDb &&
        coherent(deflated.vectorAt, peak.line, lines) &&
        found.some((pick) => Math.abs(pick.line - peak.line) <= CLOSE_DISTANCE * pick.line) &&
        found.every((pick) => Math.abs(pick.line - peak.line) > MIN_LINES_APART),
    )
    .sort((a, b) => b.prominenceDb - a.prominenceDb)
    .slice(0, Math.min(n, search.maxModes) - found.length)
    .map((peak) => ({ line: peak.line, shape: deflated.vectorAt(peak.line) }));
  return [...sorted, ...hidden].sort((a, b) => a.line - b.line);
}

/**
 * The lines within twice CLOSE_DISTANCE of each pick, merged: hidden modes are taken within
 * CLOSE_DISTANCE, and the margin gives their prominence the bases it has on the whole spectrum.
 */
function lobeRanges(picks: PickedLine[], from: number, to: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const { line } of picks) {
    const first = Math.max(from, Math.floor(line * (1 - 2 * CLOSE_DISTANCE)) - 2);
    const last = Math.min(to - 1, Math.ceil(line * (1 + 2 * CLOSE_DISTANCE)) + 2);
    const previous = ranges[ranges.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else if (first <= last) ranges.push([first, last]);
  }
  return ranges;
}

/** A mode's vector holds over the lines of its peak; noise's turns from line to line. */
const COHERENT_MAC = 0.8;

function coherent(vectorAt: (line: number) => ComplexShape, line: number, lines: number): boolean {
  if (line < 2 || line > lines - 3) return false;
  const here = vectorAt(line);
  return mac(here, vectorAt(line - 1)) >= COHERENT_MAC && mac(here, vectorAt(line + 1)) >= COHERENT_MAC;
}

/**
 * The modal filter of each pick that shares a lobe with another (within CLOSE_DISTANCE), from the
 * shapes of its group; for a pick on its own, undefined, or with `everyMode` (FSDD) its shape
 * scaled to w^H phi = 1.
 */
export function closeModeFilters(
  picks: PickedLine[],
  n: number,
  options: { everyMode?: boolean } = {},
): Array<ComplexShape | undefined> {
  const filters: Array<ComplexShape | undefined> = picks.map((pick) =>
    options.everyMode ? modalFilters([pick.shape], n)[0] : undefined,
  );
  let start = 0;
  for (let i = 1; i <= picks.length; i++) {
    const apart = i === picks.length || (picks[i].line - picks[i - 1].line) / picks[i].line > CLOSE_DISTANCE;
    if (!apart) continue;
    const group = picks.slice(start, i);
    if (group.length > 1 && group.length <= n) {
      modalFilters(
        group.map((pick) => pick.shape),
        n,
      ).forEach((filter, j) => (filters[start + j] = filter));
    }
    start = i;
  }
  return filters;
}
