import { checkGeometry, type Geometry, GeometryError } from './geometry';
import { modeOnGeometry } from './node-displacements';
import { realShape } from '../modes/mode-shape';

const node = (id: string, x = 0, y = 0, z = 0) => ({ id, x, y, z });
const S = Math.SQRT1_2;

/** A refusal's field and problem. */
function refusal(geometry: Geometry): { field: string; problem: string } {
  try {
    checkGeometry(geometry);
  } catch (error) {
    if (error instanceof GeometryError) return { field: error.field, problem: error.problem };
    throw error;
  }
  throw new Error('accepted');
}

describe('checkGeometry', () => {
  const base: Geometry = {
    nodes: [node('a'), node('b', 10), node('c', 20)],
    lines: [['a', 'b']],
    sensors: [{ channel: 's1', node: 'a', direction: 'x' }],
  };

  it('turns axis names into unit vectors and scales a nearly-unit vector to length 1', () => {
    const checked = checkGeometry({
      ...base,
      sensors: [
        { channel: 's1', node: 'a', direction: '-Y' },
        { channel: 's2', node: 'b', direction: [0.6, 0.8, 0.0004] },
      ],
    });
    expect(checked.sensors[0].direction.map((v) => v + 0)).toEqual([0, -1, 0]);
    expect(Math.hypot(...checked.sensors[1].direction)).toBeCloseTo(1, 12);
  });

  it.each(
    (
      [
        [{ ...base, nodes: [node('a'), node('a', 1)] }, 'nodes[1].id', 'node a is given twice'],
        [{ ...base, lines: [['a', 'zz']] }, 'lines[0][1]', 'no node zz'],
        [
          { ...base, sensors: [{ channel: 's1', node: 'q', direction: 'x' }] },
          'sensors[0].node',
          'no node q',
        ],
        [
          { ...base, sensors: [{ channel: 's1', node: 'a', direction: [0, 0, 0] }] },
          'sensors[0].direction',
          'must not be zero',
        ],
        [
          { ...base, sensors: [{ channel: 's1', node: 'a', direction: [1, 1, 0] }] },
          'sensors[0].direction',
          'must be a unit vector (its length is 1.414)',
        ],
        [
          { ...base, sensors: [{ channel: 's1', node: 'a', direction: 'up' }] },
          'sensors[0].direction',
          'must be x, y, z, -x, -y, -z or a unit vector [dx, dy, dz]',
        ],
        [
          {
            ...base,
            sensors: [
              { channel: 's1', node: 'a', direction: 'x' },
              { channel: 's1', node: 'b', direction: 'x' },
            ],
          },
          'sensors[1].channel',
          'channel s1 is placed twice',
        ],
        [
          {
            ...base,
            links: [
              { node: 'b', from: [{ node: 'c', weight: 1 }] },
              { node: 'c', from: [{ node: 'b', weight: 1 }] },
            ],
          },
          'links[0].from',
          'the links form a cycle: b -> c -> b',
        ],
        [
          { ...base, links: [{ node: 'a', from: [{ node: 'b', weight: 1 }] }] },
          'links[0].node',
          'node a has sensors of its own',
        ],
        [{ ...base, faces: [['a', 'b']] }, 'faces[0]', 'must be three or four node ids'],
        [
          { ...base, nodes: [node('a', Number.NaN)] },
          'nodes[0].x',
          'must be a number of metres within ±100000',
        ],
      ] as Array<[Geometry, string, string]>
    ).map(([geometry, field, problem]) => [field, problem, geometry] as const),
  )('refuses %s: %s', (field, problem, geometry) => {
    expect(refusal(geometry)).toEqual({ field, problem });
  });

  it('refuses more nodes than its limit', () => {
    const nodes = Array.from({ length: 10_001 }, (_, i) => node(`n${i}`));
    expect(refusal({ ...base, nodes })).toEqual({ field: 'nodes', problem: 'has 10001; at most 10000' });
  });
});

describe('modeOnGeometry', () => {
  it('resolves a sensor at 45 degrees into x and y components (minimum norm: along its direction)', () => {
    const geometry = checkGeometry({
      nodes: [node('a'), node('b', 5)],
      sensors: [
        { channel: 's1', node: 'a', direction: [S, S, 0] },
        { channel: 's2', node: 'b', direction: 'x' },
      ],
    });
    const { nodes } = modeOnGeometry(geometry, ['s1', 's2'], realShape([0.5, 1]));
    expect(nodes.a[0]).toBeCloseTo(0.5 * S, 9);
    expect(nodes.a[1]).toBeCloseTo(0.5 * S, 9);
    expect(nodes.a[2]).toBeCloseTo(0, 9);
    expect(nodes.b).toEqual([1, 0, 0]);
  });

  it('solves a triaxial node, and one with four non-orthogonal sensors by least squares', () => {
    const truth = [0.3, -0.8, 0.5];
    const dirs: Array<[number, number, number]> = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [S, S, 0],
    ];
    const geometry = checkGeometry({
      nodes: [node('t')],
      sensors: dirs.map((direction, i) => ({ channel: `c${i}`, node: 't', direction })),
    });
    const values = dirs.map((d) => d[0] * truth[0] + d[1] * truth[1] + d[2] * truth[2]);
    const { nodes } = modeOnGeometry(geometry, ['c0', 'c1', 'c2', 'c3'], realShape(values));
    // Normalised to length 1, its largest component (-0.8) made positive.
    const length = Math.hypot(...truth);
    nodes.t.forEach((value, k) => expect(value).toBeCloseTo(-truth[k] / length, 9));
  });

  it('moves a linked node as the weighted sum of the nodes it follows, and leaves a support at rest', () => {
    const geometry = checkGeometry({
      nodes: [node('left'), node('mid', 5), node('right', 10), node('quarter', 2.5), node('support', -1)],
      sensors: [
        { channel: 'l', node: 'left', direction: 'z' },
        { channel: 'r', node: 'right', direction: 'z' },
      ],
      links: [
        {
          node: 'quarter',
          from: [
            { node: 'mid', weight: 0.5 },
            { node: 'left', weight: 0.5 },
          ],
        },
        {
          node: 'mid',
          from: [
            { node: 'left', weight: 0.5 },
            { node: 'right', weight: 0.5 },
          ],
        },
      ],
    });
    const { nodes } = modeOnGeometry(geometry, ['l', 'r'], realShape([1, 0.5]));
    expect(nodes.mid[2]).toBeCloseTo(0.75, 12);
    expect(nodes.quarter[2]).toBeCloseTo(0.875, 12);
    expect(nodes.support).toEqual([0, 0, 0]);
  });

  it('normalises to a largest displacement of 1 whatever the scale and sign of the shape', () => {
    const geometry = checkGeometry({
      nodes: [node('a'), node('b', 1)],
      sensors: [
        { channel: 's1', node: 'a', direction: 'x' },
        { channel: 's2', node: 'b', direction: '-x' },
      ],
    });
    const { nodes } = modeOnGeometry(geometry, ['s1', 's2'], realShape([-4, 2]));
    // -x sensor reads 2: node b moves -2 along x; a moves -4, the largest: made +1.
    expect(nodes.a).toEqual([1, 0, 0]);
    expect(nodes.b[0]).toBeCloseTo(0.5, 12);
  });

  it('takes a complex shape at its most real phase and reports its phase spread', () => {
    const geometry = checkGeometry({
      nodes: [node('a'), node('b', 1)],
      sensors: [
        { channel: 's1', node: 'a', direction: 'x' },
        { channel: 's2', node: 'b', direction: 'x' },
      ],
    });
    const turn = (re: number, im: number, angle: number) => [
      re * Math.cos(angle) - im * Math.sin(angle),
      re * Math.sin(angle) + im * Math.cos(angle),
    ];
    // A real shape (1, 0.5) turned by 40 degrees: real again once turned back, spread 0.
    const [r1, i1] = turn(1, 0, 0.7);
    const [r2, i2] = turn(0.5, 0, 0.7);
    const real = modeOnGeometry(geometry, ['s1', 's2'], {
      re: Float64Array.of(r1, r2),
      im: Float64Array.of(i1, i2),
    });
    expect(real.nodes.a[0]).toBeCloseTo(1, 12);
    expect(real.nodes.b[0]).toBeCloseTo(0.5, 12);
    expect(real.phase_spread_deg).toBeCloseTo(0, 9);
    // The second component 30 degrees out of step with the first.
    const [r3, i3] = turn(0.5, 0, Math.PI / 6);
    const complex = modeOnGeometry(geometry, ['s1', 's2'], {
      re: Float64Array.of(1, r3),
      im: Float64Array.of(0, i3),
    });
    expect(complex.phase_spread_deg).toBeGreaterThan(5);
    expect(complex.phase_spread_deg).toBeLessThanOrEqual(30 + 1e-9);
    expect(complex.nodes.b[0]).toBeCloseTo(0.5 * Math.cos(Math.PI / 6), 9);
  });

  it('names the sensors whose channel the result lacks', () => {
    const geometry = checkGeometry({
      nodes: [node('a')],
      sensors: [
        { channel: 's1', node: 'a', direction: 'x' },
        { channel: 'T', node: 'a', direction: 'y' },
      ],
    });
    expect(modeOnGeometry(geometry, ['s1'], realShape([1])).missing_channels).toEqual(['T']);
  });
});
