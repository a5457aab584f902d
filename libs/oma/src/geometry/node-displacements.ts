import { type CheckedGeometry, type Direction, linkOrder } from './geometry';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { type ComplexShape, normaliseShape } from '../modes/mode-shape';

export type Displacement = [number, number, number];

/** One mode on the geometry: each node's displacement, the largest of length 1. */
export interface ModeOnGeometry {
  nodes: Record<string, Displacement>;
  /** How far the shape is from a real one: the spread of its components' phases, degrees (0 for a real mode). */
  phase_spread_deg: number;
  /** Sensors whose channel the result does not have (their nodes rest on the others'). */
  missing_channels: string[];
}

/** Relative size under which a direction's weight in a node's least squares counts as absent. */
const RANK_TOLERANCE = 1e-9;

/**
 * A mode shape (one component per channel) as node displacements in 3D: a sensed node's motion is
 * the least-squares solution of direction_i · u = component_i over its sensors (the minimum-norm
 * one where its directions span fewer than three dimensions: one x sensor gives motion along x
 * only); a linked node's is the weighted sum of the nodes it follows; any other node rests. A complex
 * shape is first turned to its most real phase (normaliseShape); its phase spread is reported.
 * Normalised so that the largest displacement has length 1, its largest component positive.
 */
export function modeOnGeometry(
  geometry: CheckedGeometry,
  channels: string[],
  shape: ComplexShape,
): ModeOnGeometry {
  const real = normaliseShape(shape);
  const component = new Map(channels.map((channel, i) => [channel, real[i]]));
  const nodes: Record<string, Displacement> = Object.fromEntries(
    geometry.nodes.map((node) => [node.id, [0, 0, 0] as Displacement]),
  );
  const rows = new Map<string, Array<{ direction: Direction; value: number }>>();
  const missing: string[] = [];
  for (const sensor of geometry.sensors) {
    const value = component.get(sensor.channel);
    if (value === undefined) {
      missing.push(sensor.channel);
      continue;
    }
    rows.set(sensor.node, [...(rows.get(sensor.node) ?? []), { direction: sensor.direction, value }]);
  }
  for (const [node, equations] of rows) nodes[node] = leastSquares(equations);
  for (const link of linkOrder(geometry.links ?? [])) {
    const sum: Displacement = [0, 0, 0];
    for (const { node, weight } of link.from) for (let k = 0; k < 3; k++) sum[k] += weight * nodes[node][k];
    nodes[link.node] = sum;
  }
  return { nodes: normalised(nodes), phase_spread_deg: phaseSpread(shape), missing_channels: missing };
}

/** The minimum-norm u minimising sum (d_i · u - v_i)², through the eigen-decomposition of D^T D. */
function leastSquares(equations: Array<{ direction: Direction; value: number }>): Displacement {
  const normal = new Float64Array(9);
  const rhs = [0, 0, 0];
  for (const { direction: d, value } of equations)
    for (let i = 0; i < 3; i++) {
      rhs[i] += d[i] * value;
      for (let j = 0; j < 3; j++) normal[i * 3 + j] += d[i] * d[j];
    }
  const { values, vectors } = symmetricEigen(normal, 3);
  const u: Displacement = [0, 0, 0];
  for (let k = 0; k < 3; k++) {
    if (values[k] <= RANK_TOLERANCE * values[0]) continue;
    const v = vectors.subarray(k * 3, k * 3 + 3);
    const coefficient = (v[0] * rhs[0] + v[1] * rhs[1] + v[2] * rhs[2]) / values[k];
    for (let i = 0; i < 3; i++) u[i] += coefficient * v[i];
  }
  return u;
}

function normalised(nodes: Record<string, Displacement>): Record<string, Displacement> {
  let largest: Displacement = [0, 0, 0];
  for (const u of Object.values(nodes)) if (Math.hypot(...u) > Math.hypot(...largest)) largest = u;
  const length = Math.hypot(...largest);
  if (length === 0) return nodes;
  const main = largest.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best), 0);
  const scale = (main < 0 ? -1 : 1) / length;
  return Object.fromEntries(
    Object.entries(nodes).map(([id, u]) => [id, u.map((value) => value * scale) as Displacement]),
  );
}

/**
 * The largest phase of a component (of at least a tenth of the largest) away from the shape's main
 * axis in the complex plane, folded into ±90 degrees: 0 for a real mode, larger the more the
 * components move out of step.
 */
function phaseSpread(shape: ComplexShape): number {
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let largest = 0;
  for (let i = 0; i < shape.re.length; i++) {
    sxx += shape.re[i] ** 2;
    syy += shape.im[i] ** 2;
    sxy += shape.re[i] * shape.im[i];
    largest = Math.max(largest, Math.hypot(shape.re[i], shape.im[i]));
  }
  const axis = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  let spread = 0;
  for (let i = 0; i < shape.re.length; i++) {
    if (Math.hypot(shape.re[i], shape.im[i]) < 0.1 * largest) continue;
    let angle = Math.atan2(shape.im[i], shape.re[i]) - axis;
    angle = ((((angle + Math.PI / 2) % Math.PI) + Math.PI) % Math.PI) - Math.PI / 2;
    spread = Math.max(spread, Math.abs(angle));
  }
  return (spread * 180) / Math.PI;
}
