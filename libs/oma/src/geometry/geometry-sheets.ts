import { type Direction, type Geometry, type GeometryLink, GeometryError } from './geometry';

/** A geometry as CSV sheets (docs/geometry.md, "From sheets"): one text per sheet, a header row first. */
export interface GeometrySheets {
  /** `id,x,y,z` */
  nodes: string;
  /** `from,to` */
  lines?: string;
  /** `channel,node,direction` (an axis name) or `channel,node,dx,dy,dz` */
  sensors: string;
  /** `node,from,weight`: one row per node followed (rows of one node together make its link) */
  links?: string;
}

/** The most rows a sheet may have (the geometry's own limits are checked after). */
const MAX_ROWS = 50_000;

/** Reads the sheets into a geometry (checked afterwards like any other); refusals name sheet, line and column. */
export function geometryFromSheets(sheets: GeometrySheets): Geometry {
  const nodes = rows(sheets.nodes, 'nodes', ['id', 'x', 'y', 'z']).map(({ cells, at }) => ({
    id: cells.id,
    x: number(cells.x, at('x')),
    y: number(cells.y, at('y')),
    z: number(cells.z, at('z')),
  }));
  const lines = rows(sheets.lines ?? '', 'lines', ['from', 'to']).map(
    ({ cells }) => [cells.from, cells.to] as [string, string],
  );
  const sensors = rows(sheets.sensors, 'sensors', ['channel', 'node'], ['direction', 'dx', 'dy', 'dz']).map(
    ({ cells, at }) => ({
      channel: cells.channel,
      node: cells.node,
      direction:
        cells.dx !== undefined
          ? ([
              number(cells.dx, at('dx')),
              number(cells.dy ?? '', at('dy')),
              number(cells.dz ?? '', at('dz')),
            ] as Direction)
          : (cells.direction ?? ''),
    }),
  );
  const links = new Map<string, GeometryLink>();
  for (const { cells, at } of rows(sheets.links ?? '', 'links', ['node', 'from', 'weight'])) {
    const link = links.get(cells.node) ?? { node: cells.node, from: [] };
    link.from.push({ node: cells.from, weight: number(cells.weight, at('weight')) });
    links.set(cells.node, link);
  }
  return { nodes, lines, sensors, links: [...links.values()] };
}

function rows(
  text: string,
  sheet: string,
  required: string[],
  optional: string[] = [],
): Array<{ cells: Record<string, string>; at: (column: string) => { sheet: string; where: string } }> {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const [header, ...body] = lines.filter((line, i) => i === 0 || (line !== '' && !line.startsWith('#')));
  if (!header) {
    if (required.length && sheet !== 'lines' && sheet !== 'links')
      throw new GeometryError(sheet, 'is empty: it needs a header row');
    return [];
  }
  const names = header.split(',').map((name) => name.trim().toLowerCase());
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length) throw new GeometryError(sheet, `the header row has no column ${missing.join(', ')}`);
  const unknown = names.filter((name) => !required.includes(name) && !optional.includes(name));
  if (unknown.length)
    throw new GeometryError(sheet, `the header row has unknown columns ${unknown.join(', ')}`);
  if (body.length > MAX_ROWS) throw new GeometryError(sheet, `has ${body.length} rows; at most ${MAX_ROWS}`);
  const numbered = lines
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }, i) => i > 0 && line !== '' && !line.startsWith('#'));
  return numbered.map(({ line, number: lineNumber }) => {
    const values = line.split(',').map((value) => value.trim());
    if (values.length !== names.length)
      throw new GeometryError(
        `${sheet}`,
        `line ${lineNumber} has ${values.length} values for ${names.length} columns`,
      );
    return {
      cells: Object.fromEntries(names.map((name, i) => [name, values[i]])),
      at: (column: string) => ({ sheet, where: `line ${lineNumber}, column ${column}` }),
    };
  });
}

function number(text: string, at: { sheet: string; where: string }): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw new GeometryError(at.sheet, `${at.where}: not a number`);
  return value;
}
