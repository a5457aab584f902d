/**
 * A structure's geometry (docs/geometry.md): nodes in metres, lines and faces to draw, sensors (a
 * channel measuring the motion of a node along a unit direction) and links (an unmeasured node that
 * moves as a weighted sum of others). Checked once, when it is stored; everything after trusts it.
 */
export interface GeometryNode {
  id: string;
  x: number;
  y: number;
  z: number;
}

export type Direction = [number, number, number];
/** Axis names a sensor's direction may be given by. */
export const AXIS_DIRECTIONS: Record<string, Direction> = {
  x: [1, 0, 0],
  y: [0, 1, 0],
  z: [0, 0, 1],
  '-x': [-1, 0, 0],
  '-y': [0, -1, 0],
  '-z': [0, 0, -1],
};

export interface GeometrySensor {
  channel: string;
  node: string;
  direction: Direction | string;
}

export interface GeometryLink {
  node: string;
  from: Array<{ node: string; weight: number }>;
}

export interface Geometry {
  nodes: GeometryNode[];
  lines?: Array<[string, string]>;
  faces?: string[][];
  sensors: GeometrySensor[];
  links?: GeometryLink[];
}

/** A checked geometry: every direction a unit vector. */
export type CheckedGeometry = Omit<Geometry, 'sensors'> & {
  sensors: Array<Omit<GeometrySensor, 'direction'> & { direction: Direction }>;
};

export const GEOMETRY_LIMITS = {
  nodes: 10_000,
  lines: 50_000,
  faces: 20_000,
  sensors: 1_000,
  links: 10_000,
  link_sources: 16,
  id_length: 64,
  /** How far from 1 a direction's length may be (rounding in a sheet). */
  unit_tolerance: 1e-3,
  /** Coordinates within a kilometre... of a large bridge: 100 km. */
  coordinate: 100_000,
} as const;

/** A geometry refused: the field at fault (`sensors[3].direction`) and why. */
export class GeometryError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** Checks a geometry against its rules and limits; returns it with every direction a unit vector. */
export function checkGeometry(geometry: Geometry): CheckedGeometry {
  const { nodes, lines = [], faces = [], sensors, links = [] } = geometry;
  bounded('nodes', nodes, GEOMETRY_LIMITS.nodes, 1);
  bounded('lines', lines, GEOMETRY_LIMITS.lines);
  bounded('faces', faces, GEOMETRY_LIMITS.faces);
  bounded('sensors', sensors, GEOMETRY_LIMITS.sensors, 1);
  bounded('links', links, GEOMETRY_LIMITS.links);
  const ids = new Set<string>();
  nodes.forEach((node, i) => {
    identifier(`nodes[${i}].id`, node.id);
    if (ids.has(node.id)) throw new GeometryError(`nodes[${i}].id`, `node ${node.id} is given twice`);
    ids.add(node.id);
    for (const axis of ['x', 'y', 'z'] as const)
      if (!Number.isFinite(node[axis]) || Math.abs(node[axis]) > GEOMETRY_LIMITS.coordinate)
        throw new GeometryError(
          `nodes[${i}].${axis}`,
          `must be a number of metres within ±${GEOMETRY_LIMITS.coordinate}`,
        );
  });
  const known = (field: string, id: unknown) => {
    if (typeof id !== 'string' || !ids.has(id)) throw new GeometryError(field, `no node ${String(id)}`);
  };
  lines.forEach((line, i) => {
    if (!Array.isArray(line) || line.length !== 2)
      throw new GeometryError(`lines[${i}]`, 'must be two node ids');
    line.forEach((id, j) => known(`lines[${i}][${j}]`, id));
  });
  faces.forEach((face, i) => {
    if (!Array.isArray(face) || face.length < 3 || face.length > 4)
      throw new GeometryError(`faces[${i}]`, 'must be three or four node ids');
    face.forEach((id, j) => known(`faces[${i}][${j}]`, id));
  });
  const channels = new Set<string>();
  const sensed = new Set<string>();
  const checkedSensors = sensors.map((sensor, i) => {
    identifier(`sensors[${i}].channel`, sensor.channel);
    if (channels.has(sensor.channel))
      throw new GeometryError(`sensors[${i}].channel`, `channel ${sensor.channel} is placed twice`);
    channels.add(sensor.channel);
    known(`sensors[${i}].node`, sensor.node);
    sensed.add(sensor.node);
    return { ...sensor, direction: unitDirection(`sensors[${i}].direction`, sensor.direction) };
  });
  const linked = new Set<string>();
  links.forEach((link, i) => {
    known(`links[${i}].node`, link.node);
    if (sensed.has(link.node))
      throw new GeometryError(`links[${i}].node`, `node ${link.node} has sensors of its own`);
    if (linked.has(link.node))
      throw new GeometryError(`links[${i}].node`, `node ${link.node} is linked twice`);
    linked.add(link.node);
    bounded(`links[${i}].from`, link.from, GEOMETRY_LIMITS.link_sources, 1);
    link.from.forEach((source, j) => {
      known(`links[${i}].from[${j}].node`, source.node);
      if (source.node === link.node)
        throw new GeometryError(`links[${i}].from[${j}].node`, 'a node cannot follow itself');
      if (!Number.isFinite(source.weight) || Math.abs(source.weight) > 1000)
        throw new GeometryError(`links[${i}].from[${j}].weight`, 'must be a number within ±1000');
    });
  });
  linkOrder(links); // throws on a cycle
  return { ...geometry, lines, faces, links, sensors: checkedSensors };
}

/** Links in an order where every node comes after the linked nodes it follows; a cycle is refused. */
export function linkOrder(links: GeometryLink[]): GeometryLink[] {
  const byNode = new Map(links.map((link, i) => [link.node, { link, i }]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: GeometryLink[] = [];
  const visit = (node: string, path: string[]) => {
    const entry = byNode.get(node);
    if (!entry || state.get(node) === 'done') return;
    if (state.get(node) === 'visiting')
      throw new GeometryError(
        `links[${entry.i}].from`,
        `the links form a cycle: ${[...path, node].join(' -> ')}`,
      );
    state.set(node, 'visiting');
    for (const source of entry.link.from) visit(source.node, [...path, node]);
    state.set(node, 'done');
    order.push(entry.link);
  };
  for (const link of links) visit(link.node, []);
  return order;
}

function unitDirection(field: string, direction: Direction | string): Direction {
  if (typeof direction === 'string') {
    const axis = AXIS_DIRECTIONS[direction.trim().toLowerCase()];
    if (!axis) throw new GeometryError(field, `must be x, y, z, -x, -y, -z or a unit vector [dx, dy, dz]`);
    return [...axis];
  }
  if (!Array.isArray(direction) || direction.length !== 3 || !direction.every(Number.isFinite))
    throw new GeometryError(field, 'must be a unit vector [dx, dy, dz] or an axis name');
  const length = Math.hypot(...direction);
  if (length === 0) throw new GeometryError(field, 'must not be zero');
  if (Math.abs(length - 1) > GEOMETRY_LIMITS.unit_tolerance)
    throw new GeometryError(field, `must be a unit vector (its length is ${length.toPrecision(4)})`);
  return direction.map((value) => value / length) as Direction;
}

function bounded(field: string, list: unknown, max: number, min = 0): void {
  if (!Array.isArray(list)) throw new GeometryError(field, 'must be a list');
  if (list.length < min) throw new GeometryError(field, `needs at least ${min}`);
  if (list.length > max) throw new GeometryError(field, `has ${list.length}; at most ${max}`);
}

function identifier(field: string, id: unknown): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > GEOMETRY_LIMITS.id_length)
    throw new GeometryError(field, `must be a name of 1 to ${GEOMETRY_LIMITS.id_length} characters`);
}
