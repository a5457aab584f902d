import { mac, realShape } from './mode-shape';

/** Modes of two results paired by their shapes: each of the first with the second's mode of highest MAC. */
export interface ModePair {
  first: number;
  second: number;
  mac: number;
}

/**
 * Pairs each mode of `first` with the mode of `second` whose shape is most alike (MAC over the
 * channels both have), one-to-one, best pairs first; pairs below `minMac` are left out.
 */
export function pairModes(first: number[][], second: number[][], minMac = 0.5): ModePair[] {
  const candidates: ModePair[] = [];
  first.forEach((a, i) =>
    second.forEach((b, j) => candidates.push({ first: i, second: j, mac: mac(realShape(a), realShape(b)) })),
  );
  candidates.sort((x, y) => y.mac - x.mac);
  const usedFirst = new Set<number>();
  const usedSecond = new Set<number>();
  const pairs: ModePair[] = [];
  for (const candidate of candidates) {
    if (candidate.mac < minMac) break;
    if (usedFirst.has(candidate.first) || usedSecond.has(candidate.second)) continue;
    usedFirst.add(candidate.first);
    usedSecond.add(candidate.second);
    pairs.push(candidate);
  }
  return pairs.sort((x, y) => x.first - y.first);
}

/**
 * COMAC of each channel over paired modes (Lieven and Ewins): (sum |a_i b_i|)² / (sum a_i² sum b_i²)
 * with each pair's second shape scaled to its first by their modal scale factor. 1 where the two
 * results move a channel alike in every mode; lower at the sensors that see a change.
 */
export function comac(first: number[][], second: number[][], pairs: ModePair[]): number[] {
  const channels = first[0]?.length ?? 0;
  return Array.from({ length: channels }, (_, i) => {
    let cross = 0;
    let aa = 0;
    let bb = 0;
    for (const pair of pairs) {
      const a = first[pair.first];
      const b = second[pair.second];
      const scale = modalScaleFactor(a, b);
      cross += Math.abs(a[i] * b[i] * scale);
      aa += a[i] * a[i];
      bb += (b[i] * scale) ** 2;
    }
    return aa === 0 || bb === 0 ? 0 : (cross * cross) / (aa * bb);
  });
}

/** The factor that best scales `b` onto `a` (least squares). */
function modalScaleFactor(a: number[], b: number[]): number {
  let ab = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    bb += b[i] * b[i];
  }
  return bb === 0 ? 0 : ab / bb;
}
