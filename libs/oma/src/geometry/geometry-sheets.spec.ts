import { checkGeometry, GeometryError } from './geometry';
import { geometryFromSheets } from './geometry-sheets';

describe('geometryFromSheets', () => {
  it('reads nodes, lines, sensors by axis name or vector, and links of several rows', () => {
    const geometry = geometryFromSheets({
      nodes: 'id,x,y,z\nA,0,0,0\nB,10,0,0\n# a comment\nC,20,0,0\n',
      lines: 'from,to\nA,B\nB,C',
      sensors: 'channel,node,dx,dy,dz\ns1,A,0,0,1\ns2,C,0.6,0.8,0',
      links: 'node,from,weight\nB,A,0.5\nB,C,0.5',
    });
    expect(geometry.nodes).toEqual([
      { id: 'A', x: 0, y: 0, z: 0 },
      { id: 'B', x: 10, y: 0, z: 0 },
      { id: 'C', x: 20, y: 0, z: 0 },
    ]);
    expect(geometry.sensors[1].direction).toEqual([0.6, 0.8, 0]);
    expect(geometry.links).toEqual([
      {
        node: 'B',
        from: [
          { node: 'A', weight: 0.5 },
          { node: 'C', weight: 0.5 },
        ],
      },
    ]);
    expect(checkGeometry(geometry).lines).toEqual([
      ['A', 'B'],
      ['B', 'C'],
    ]);
    const byName = geometryFromSheets({
      nodes: 'id,x,y,z\nA,0,0,0',
      sensors: 'channel,node,direction\ns1,A,-z',
    });
    expect(checkGeometry(byName).sensors[0].direction.map((v) => v + 0)).toEqual([0, 0, -1]);
  });

  it.each([
    [
      { nodes: 'id,x,y\nA,0,0', sensors: 'channel,node,direction\ns1,A,x' },
      'nodes',
      'the header row has no column z',
    ],
    [
      { nodes: 'id,x,y,z\nA,0,zero,0', sensors: 'channel,node,direction\ns1,A,x' },
      'nodes',
      'line 2, column y: not a number',
    ],
    [
      { nodes: 'id,x,y,z\nA,0,0', sensors: 'channel,node,direction\ns1,A,x' },
      'nodes',
      'line 2 has 3 values for 4 columns',
    ],
    [
      { nodes: 'id,x,y,z\nA,0,0,0', sensors: 'channel,node,angle\ns1,A,x' },
      'sensors',
      'the header row has unknown columns angle',
    ],
  ])('refuses %#, naming the sheet, line and column', (sheets, field, problem) => {
    try {
      geometryFromSheets(sheets);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(GeometryError);
      expect({ field: (error as GeometryError).field, problem: (error as GeometryError).problem }).toEqual({
        field,
        problem,
      });
    }
  });
});
