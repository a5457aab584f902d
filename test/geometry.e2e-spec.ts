import { AppProcess } from './support/app-process';
import { ApiClient } from './support/api-client';
import { isolatedDatabase } from './support/services';
import {
  type AnalysisView,
  createAnalysis,
  createStructure,
  dataFolder,
  modesOf,
  runToEnd,
} from './support/analyses';

interface ModeShapes {
  geometry_version: number;
  channels: string[];
  missing_channels: string[];
  modes: Array<{ frequency_hz: number; phase_spread_deg: number; nodes: Record<string, number[]> }>;
}

const FLOORS = [1, 2, 3, 4, 5];
const S = Math.SQRT1_2;

/** The 5-storey shear frame: ground and five floors 3 m apart, one x sensor per floor (ch1 the top, ch5 the first). */
const frame = (extra: object = {}) => ({
  nodes: [
    { id: 'ground', x: 0, y: 0, z: 0 },
    ...FLOORS.map((floor) => ({ id: `f${floor}`, x: 0, y: 0, z: 3 * floor })),
  ],
  lines: FLOORS.map((floor) => [floor === 1 ? 'ground' : `f${floor - 1}`, `f${floor}`]),
  sensors: FLOORS.map((floor) => ({ channel: `ch${6 - floor}`, node: `f${floor}`, direction: 'x' })),
  ...extra,
});

/**
 * Geometry (docs/geometry.md) on the real API and OMA worker: a structure's geometry stored in
 * versions and refused naming the field; SSI on the 5-storey shear frame fixture drawn on it, each
 * floor's displacement its channel's component along its direction; a clear 409 before there is a
 * geometry; another tenant sees none of it.
 */
describe('geometry and mode shapes on it', () => {
  const database = isolatedDatabase('geometry');
  const env = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_measures`,
    DATA_PATH: dataFolder(),
    SLEEP_TIME: '0.2',
  };
  let client: ApiClient;
  let other: ApiClient;
  let structureId: string;
  let ssi: AnalysisView;

  beforeAll(async () => {
    const [api] = await Promise.all([AppProcess.start('api', env), AppProcess.start('oma-worker', env)]);
    client = await ApiClient.as(api.url, 61, 2);
    other = await ApiClient.as(api.url, 62, 2);
    structureId = await createStructure(client, 'Five-storey frame');
    ssi = await createAnalysis(client, structureId, {
      type: 'SSI',
      input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
    });
    expect((await runToEnd(client, ssi, 120_000)).status).toBe('DONE');
  }, 180_000);

  afterAll(() => AppProcess.stopAll());

  const geometryPath = () => `/structures/${structureId}/geometry`;
  const shapesPath = () => `/structures/${structureId}/analyses/${ssi.id}/mode-shapes`;

  it('answers 409 for mode shapes while the structure has no geometry, and 404 for its geometry', async () => {
    const shapes = await client.request<{ message: string }>('GET', shapesPath());
    expect(shapes.status).toBe(409);
    expect(shapes.body.message).toContain('has no geometry: PUT');
    expect((await client.request('GET', geometryPath())).status).toBe(404);
  });

  it('refuses a geometry it cannot use, naming the field', async () => {
    const bad = async (geometry: object, field: string) => {
      const { status, body } = await client.request<{ fields: Array<{ field: string }> }>(
        'PUT',
        geometryPath(),
        geometry,
      );
      expect({ status, fields: body.fields?.map((f) => f.field) }).toEqual({ status: 400, fields: [field] });
    };
    await bad(frame({ sensors: [{ channel: 'ch1', node: 'f9', direction: 'x' }] }), 'sensors[0].node');
    await bad(
      frame({ sensors: [{ channel: 'ch1', node: 'f1', direction: [1, 1, 0] }] }),
      'sensors[0].direction',
    );
    await bad(
      frame({
        links: [
          { node: 'ground', from: [{ node: 'f1', weight: 1 }] },
          { node: 'f1', from: [{ node: 'ground', weight: 1 }] },
        ],
      }),
      'links[1].node',
    );
    await bad({ ...frame(), nodes: [...frame().nodes, { id: 'f1', x: 1, y: 0, z: 0 }] }, 'nodes[6].id');
    await bad({ ...frame(), lines: [['f1', 'roof']] }, 'lines[0][1]');
  });

  it('draws each SSI mode on the frame: floor displacements are the components along x, rising with height for mode 1', async () => {
    const stored = await client.request<{ version: number }>('PUT', geometryPath(), frame());
    expect(stored.status).toBe(200);
    expect(stored.body.version).toBe(1);
    const shapes = await client.get<ModeShapes>(shapesPath());
    expect(shapes.geometry_version).toBe(1);
    expect(shapes.missing_channels).toEqual([]);
    const modes = await modesOf(client, ssi);
    expect(shapes.modes.map((m) => m.frequency_hz)).toEqual(modes.map((m) => m.frequency_hz));
    shapes.modes.forEach((mode, k) => {
      const shape = modes[k].mode_shape;
      const largest = shape.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best), 0);
      FLOORS.forEach((floor) => {
        const [ux, uy, uz] = mode.nodes[`f${floor}`];
        expect(ux).toBeCloseTo(shape[5 - floor] / largest, 9);
        expect([uy, uz]).toEqual([0, 0]);
      });
      expect(mode.nodes.ground).toEqual([0, 0, 0]);
    });
    const first = FLOORS.map((floor) => Math.abs(shapes.modes[0].nodes[`f${floor}`][0]));
    expect(first).toEqual([...first].sort((a, b) => a - b));
    expect(first[4]).toBeCloseTo(1, 9);
  });

  it('keeps earlier versions: a sensor at 45 degrees and a linked node in version 2, version 1 on request', async () => {
    const rotated = frame({
      nodes: [...frame().nodes, { id: 'roof', x: 0, y: 0, z: 16 }],
      sensors: FLOORS.map((floor) => ({
        channel: `ch${6 - floor}`,
        node: `f${floor}`,
        direction: floor === 5 ? [S, S, 0] : 'x',
      })),
      links: [{ node: 'roof', from: [{ node: 'f5', weight: 1 }] }],
    });
    expect((await client.request<{ version: number }>('PUT', geometryPath(), rotated)).body.version).toBe(2);
    const latest = await client.get<{
      version: number;
      geometry: { sensors: Array<{ direction: number[] }> };
    }>(geometryPath());
    expect(latest.version).toBe(2);
    expect(latest.geometry.sensors[4].direction[0]).toBeCloseTo(S, 12);
    const shapes = await client.get<ModeShapes>(`${shapesPath()}?version=2`);
    const top = shapes.modes[0].nodes.f5;
    expect(top[0]).toBeCloseTo(top[1], 12);
    expect(shapes.modes[0].nodes.roof).toEqual(top);
    expect((await client.get<ModeShapes>(`${shapesPath()}?version=1`)).geometry_version).toBe(1);
    expect((await client.get<ModeShapes>(shapesPath())).geometry_version).toBe(1); // the version of the result's time
  });

  it('draws the modes on the structure as SVG and PNG', async () => {
    const picture = async (file: string) => {
      const response = await fetch(
        `${client.baseUrl}/structures/${structureId}/analyses/${ssi.id}/plots/${file}`,
        {
          headers: { authorization: `Bearer ${client.token}` },
        },
      );
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: Buffer.from(await response.arrayBuffer()),
      };
    };
    const svg = await picture('mode-shapes-3d.svg?version=2');
    expect(svg).toMatchObject({ status: 200, type: expect.stringContaining('image/svg+xml') });
    const text = svg.body.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('Mode 1: ');
    expect(text).toContain('isometric');
    const png = await picture('mode-shapes-3d.png');
    expect(png).toMatchObject({ status: 200, type: 'image/png' });
    expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('compares shapes: the AutoMAC of a result, MAC and COMAC with an FDD of the same record, as numbers and a picture', async () => {
    const auto = await client.get<{ mac: number[][]; channels: string[] }>(
      `/structures/${structureId}/analyses/${ssi.id}/mac`,
    );
    expect(auto.channels).toEqual(['ch1', 'ch2', 'ch3', 'ch4', 'ch5']);
    auto.mac.forEach((row, i) => expect(row[i]).toBeCloseTo(1, 9));
    const fdd = await createAnalysis(client, structureId, {
      type: 'FDD',
      input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
    });
    expect((await runToEnd(client, fdd, 120_000)).status).toBe('DONE');
    const cross = await client.get<{
      pairs: Array<{ first: number; second: number; mac: number }>;
      comac: Array<{ channel: string; value: number }>;
    }>(`/structures/${structureId}/analyses/${ssi.id}/mac?with=${fdd.id}`);
    expect(cross.pairs.length).toBeGreaterThanOrEqual(3);
    expect(cross.pairs.every((pair) => pair.mac > 0.9)).toBe(true);
    expect(cross.comac.map((c) => c.channel)).toEqual(['ch1', 'ch2', 'ch3', 'ch4', 'ch5']);
    expect(cross.comac.every((c) => c.value > 0.9)).toBe(true);
    const response = await fetch(
      `${client.baseUrl}/structures/${structureId}/analyses/${ssi.id}/plots/mac.png?with=${fdd.id}`,
      { headers: { authorization: `Bearer ${client.token}` } },
    );
    expect(response.status).toBe(200);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const foreign = await other.request(
      'GET',
      `/structures/${structureId}/analyses/${ssi.id}/mac?with=${fdd.id}`,
    );
    expect(foreign.status).toBe(404);
  }, 180_000);

  it('takes the geometry from CSV sheets as version 3, and names the sheet, line and column of a bad value', async () => {
    const sheets = {
      nodes: ['id,x,y,z', 'ground,0,0,0', ...FLOORS.map((floor) => `f${floor},0,0,${3 * floor}`)].join('\n'),
      lines: [
        'from,to',
        ...FLOORS.map((floor) => `${floor === 1 ? 'ground' : `f${floor - 1}`},f${floor}`),
      ].join('\n'),
      sensors: ['channel,node,direction', ...FLOORS.map((floor) => `ch${6 - floor},f${floor},x`)].join('\n'),
    };
    const stored = await client.request<{
      version: number;
      geometry: { nodes: unknown[]; sensors: unknown[] };
    }>('PUT', `${geometryPath()}/sheets`, sheets);
    expect(stored.status).toBe(200);
    expect(stored.body.version).toBe(3);
    expect(stored.body.geometry.nodes).toHaveLength(6);
    const bad = await client.request<{ message: string }>('PUT', `${geometryPath()}/sheets`, {
      ...sheets,
      nodes: sheets.nodes.replace('f2,0,0,6', 'f2,0,zero,6'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('nodes: line 4, column y: not a number');
  });

  it('shows another tenant none of it', async () => {
    expect((await other.request('GET', geometryPath())).status).toBe(404);
    expect((await other.request('PUT', geometryPath(), frame())).status).toBe(404);
    expect((await other.request('GET', shapesPath())).status).toBe(404);
  });
});
