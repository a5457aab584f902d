import { mac, normaliseShape, realShape } from '../modes/mode-shape';
import { IdentifiedMode } from '../modes/modal-result';
import { LabelledPole } from './stabilization';
import { SsiParams } from './ssi-params';
import type { ModeUncertainty } from './uncertainty';
import { median, standardDeviation } from '../statistics';

export interface PoleCluster {
  poles: LabelledPole[];
  frequency_hz: number;
}

/** An SSI mode with what its cluster says of its certainty. */
export interface SsiMode extends IdentifiedMode {
  /** How many model orders gave a pole to it. */
  poles: number;
  /** The model order its shape (and its statistical uncertainty) is read at. */
  order: number;
  /** Standard deviation of its poles' frequency and damping ratio over the orders (their spread). */
  frequency_std_hz: number;
  damping_std: number;
  /** Statistical uncertainty of its estimates (params.uncertainty, uncertainty.ts). */
  uncertainty?: ModeUncertainty;
}

export interface ModeSelection {
  modes: SsiMode[];
  clusters: Array<{ frequency_hz: number; poles: number; selected: boolean }>;
}

/**
 * Automatic selection of physical modes: stable poles with a plausible damping are clustered by
 * frequency and shape (distance |df|/f + 1 - MAC); a cluster fed by enough model orders is a mode,
 * reported by its median frequency and damping and the shape of its most central pole.
 */
export function selectModes(
  polesByOrder: LabelledPole[][],
  params: Pick<SsiParams, 'frequency_band' | 'max_damping' | 'cluster_distance' | 'min_cluster_fraction'>,
): ModeSelection {
  const [low, high] = params.frequency_band ?? [0, Infinity];
  const candidates = polesByOrder
    .flat()
    .filter(
      (pole) =>
        pole.stable_frequency &&
        pole.stable_mode &&
        pole.damping_ratio > 0 &&
        pole.damping_ratio < params.max_damping &&
        pole.frequency_hz >= low &&
        pole.frequency_hz <= high,
    )
    .sort((a, b) => a.frequency_hz - b.frequency_hz);

  const clusters: PoleCluster[] = [];
  for (const pole of candidates) {
    let best: PoleCluster | undefined;
    let bestDistance = params.cluster_distance;
    for (const cluster of clusters) {
      const representative = centralPole(cluster);
      const distance =
        Math.abs(pole.frequency_hz - cluster.frequency_hz) /
          Math.max(pole.frequency_hz, cluster.frequency_hz) +
        (1 - mac(pole.shape, representative.shape));
      if (distance < bestDistance) {
        best = cluster;
        bestDistance = distance;
      }
    }
    if (best) {
      best.poles.push(pole);
      best.frequency_hz = median(best.poles.map((p) => p.frequency_hz));
    } else {
      clusters.push({ poles: [pole], frequency_hz: pole.frequency_hz });
    }
  }

  mergeSplitClusters(clusters, params.cluster_distance);
  const orderCount = polesByOrder.length;
  const needed = Math.max(2, Math.ceil(params.min_cluster_fraction * orderCount));
  const summary = clusters.map((cluster) => {
    const poles = onePolePerOrder(cluster);
    return { cluster, poles, selected: poles.length >= needed };
  });
  const modes = summary
    .filter((entry) => entry.selected)
    .map(({ cluster, poles }) => {
      const central = centralPole({ ...cluster, poles });
      return {
        frequency_hz: median(poles.map((p) => p.frequency_hz)),
        damping_ratio: median(poles.map((p) => p.damping_ratio)),
        mode_shape: normaliseShape(central.shape),
        mpc: central.mpc,
        poles: poles.length,
        order: central.order,
        frequency_std_hz: standardDeviation(poles.map((p) => p.frequency_hz)),
        damping_std: standardDeviation(poles.map((p) => p.damping_ratio)),
      };
    })
    .sort((a, b) => a.frequency_hz - b.frequency_hz);
  return {
    modes: withoutShadows(modes),
    clusters: summary
      .map(({ cluster, poles, selected }) => ({
        frequency_hz: cluster.frequency_hz,
        poles: poles.length,
        selected,
      }))
      .sort((a, b) => a.frequency_hz - b.frequency_hz),
  };
}

/**
 * One mode's poles can fall into two clusters side by side (at high orders its shape takes a little
 * of a neighbour's or of noise, and the greedy pass opens a new cluster): clusters within
 * `distance` in frequency whose shapes agree (MAC at least SHADOW_MAC) are merged before their
 * support is counted, so neither half falls short of the orders needed. A close pair of modes has
 * unlike shapes and stays apart.
 */
/**
 * ... as long as the merged poles keep together (relative standard deviation of their frequencies):
 * noise poles with alike shapes, easy to come by on a few channels, scatter 0.3 to 1%.
 */
const MAX_MERGED_SPREAD = 0.003;

function mergeSplitClusters(clusters: PoleCluster[], distance: number): void {
  for (let merged = true; merged;) {
    merged = false;
    for (let a = 0; a < clusters.length && !merged; a++) {
      for (let b = a + 1; b < clusters.length && !merged; b++) {
        const [first, second] = [clusters[a], clusters[b]];
        const apart =
          Math.abs(first.frequency_hz - second.frequency_hz) /
          Math.max(first.frequency_hz, second.frequency_hz);
        if (apart >= distance) continue;
        if (mac(centralPole(first).shape, centralPole(second).shape) < SHADOW_MAC) continue;
        const poles = [...first.poles, ...second.poles];
        const mean = poles.reduce((sum, p) => sum + p.frequency_hz, 0) / poles.length;
        if (standardDeviation(poles.map((p) => p.frequency_hz)) > MAX_MERGED_SPREAD * mean) continue;
        first.poles.push(...second.poles);
        first.frequency_hz = median(first.poles.map((p) => p.frequency_hz));
        clusters.splice(b, 1);
        merged = true;
      }
    }
  }
}

/** Modes this near in frequency (relative) with shapes this alike are one mode seen twice. */
const SHADOW_DISTANCE = 0.1;
const SHADOW_MAC = 0.9;

/**
 * Drops a mode whose shape repeats that of a better-supported mode (more orders) close in
 * frequency: two physical modes that near have distinct shapes (a pair 1% apart has MAC 0.02), while
 * short records give a real mode a shadow a few percent off with its shape.
 */
function withoutShadows(modes: SsiMode[]): SsiMode[] {
  const kept: SsiMode[] = [];
  for (const mode of [...modes].sort((a, b) => b.poles - a.poles)) {
    const shadowOf = kept.find(
      (other) =>
        Math.abs(other.frequency_hz - mode.frequency_hz) / other.frequency_hz < SHADOW_DISTANCE &&
        mac(realShape(other.mode_shape), realShape(mode.mode_shape)) >= SHADOW_MAC,
    );
    if (!shadowOf) kept.push(mode);
  }
  return kept.sort((a, b) => a.frequency_hz - b.frequency_hz);
}

function onePolePerOrder(cluster: PoleCluster): LabelledPole[] {
  const byOrder = new Map<number, LabelledPole>();
  for (const pole of cluster.poles) {
    const kept = byOrder.get(pole.order);
    if (
      !kept ||
      Math.abs(pole.frequency_hz - cluster.frequency_hz) < Math.abs(kept.frequency_hz - cluster.frequency_hz)
    ) {
      byOrder.set(pole.order, pole);
    }
  }
  return [...byOrder.values()];
}

function centralPole(cluster: PoleCluster): LabelledPole {
  return cluster.poles.reduce((best, pole) =>
    Math.abs(pole.frequency_hz - cluster.frequency_hz) < Math.abs(best.frequency_hz - cluster.frequency_hz)
      ? pole
      : best,
  );
}
