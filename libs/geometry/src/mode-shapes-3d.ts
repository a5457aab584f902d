import type { EChartsOption, SeriesOption } from 'echarts';
import type { ModeShapesOnGeometry } from './geometry.service';
import type { CheckedGeometry } from '@modalflow/oma';

/** The most modes one picture shows. */
export const PICTURE_MODES = 8;
const ROW = 250;
const TOP = 60;

type Point = [number, number, number];
const VIEWS: Array<{ name: string; project: (p: Point) => [number, number] }> = [
  {
    name: 'isometric',
    project: ([x, y, z]) => [(x - y) * Math.cos(Math.PI / 6), z + (x + y) * Math.sin(Math.PI / 6)],
  },
  { name: 'plan (x, y)', project: ([x, y]) => [x, y] },
  { name: 'elevation (x, z)', project: ([x, , z]) => [x, z] },
];

export const modeShapes3dHeight = (modes: number) => TOP + Math.min(modes, PICTURE_MODES) * ROW + 20;

/**
 * Each mode on the structure: a row per mode (frequency and damping in its title), the undeformed
 * wireframe (grey, dashed) and the deformed one (the largest displacement a sixth of the structure's
 * size) seen isometric, in plan and in elevation, each view at equal scale on both axes.
 */
export function modeShapes3d(geometry: CheckedGeometry, shapes: ModeShapesOnGeometry): EChartsOption {
  const modes = shapes.modes.slice(0, PICTURE_MODES);
  const position = new Map(geometry.nodes.map((node) => [node.id, [node.x, node.y, node.z] as Point]));
  const size = extent([...position.values()]);
  const amplitude = (size || 1) / 6;
  const edges: Array<[string, string]> = [
    ...(geometry.lines ?? []),
    ...(geometry.faces ?? []).flatMap((face) =>
      face.map((id, i) => [id, face[(i + 1) % face.length]] as [string, string]),
    ),
  ];
  const grids: NonNullable<EChartsOption['grid']> = [];
  const xAxes: unknown[] = [];
  const yAxes: unknown[] = [];
  const series: SeriesOption[] = [];
  const titles: NonNullable<EChartsOption['title']> = [
    {
      text: `Mode shapes on the geometry (version ${shapes.geometry_version})`,
      left: 'center',
      top: 8,
      textStyle: { fontSize: 15 },
    },
  ];
  modes.forEach((mode, row) => {
    const damping =
      mode.damping_ratio === null ? 'damping –' : `damping ${(100 * mode.damping_ratio).toFixed(2)} %`;
    titles.push({
      text: `Mode ${row + 1}: ${mode.frequency_hz.toFixed(3)} Hz, ${damping}`,
      left: 20,
      top: TOP + row * ROW - 8,
      textStyle: { fontSize: 13 },
    });
    const deformed = new Map(
      [...position].map(([id, p]) => {
        const u = mode.nodes[id] ?? [0, 0, 0];
        return [id, [p[0] + amplitude * u[0], p[1] + amplitude * u[1], p[2] + amplitude * u[2]] as Point];
      }),
    );
    VIEWS.forEach((view, column) => {
      const index = grids.length;
      const left = 20 + column * 315;
      grids.push({ left, top: TOP + row * ROW + 30, width: 290, height: ROW - 70 });
      const projected = [...position.values(), ...deformed.values()].map(view.project);
      const [xMin, xMax, yMin, yMax] = squareBounds(projected, 290 / (ROW - 70));
      xAxes.push({ gridIndex: index, type: 'value', min: xMin, max: xMax, show: false });
      yAxes.push({ gridIndex: index, type: 'value', min: yMin, max: yMax, show: false });
      titles.push({
        text: view.name,
        left: left + 145,
        top: TOP + row * ROW + 12,
        textAlign: 'center',
        textStyle: { fontSize: 11, color: '#666', fontWeight: 'normal' },
      });
      const segments = (nodes: Map<string, Point>) =>
        edges.map(([a, b]) => ({ coords: [view.project(nodes.get(a)!), view.project(nodes.get(b)!)] }));
      const common = {
        type: 'lines' as const,
        coordinateSystem: 'cartesian2d' as const,
        xAxisIndex: index,
        yAxisIndex: index,
        silent: true,
      };
      series.push(
        { ...common, data: segments(position), lineStyle: { color: '#9aa3ad', type: 'dashed', width: 1 } },
        { ...common, data: segments(deformed), lineStyle: { color: '#1f5fa8', width: 2 } },
        {
          type: 'scatter',
          xAxisIndex: index,
          yAxisIndex: index,
          symbolSize: 4,
          itemStyle: { color: '#1f5fa8' },
          silent: true,
          data: [...deformed.values()].map(view.project),
        },
      );
    });
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: titles,
    grid: grids,
    xAxis: xAxes as never,
    yAxis: yAxes as never,
    series,
  };
}

function extent(points: Point[]): number {
  let largest = 0;
  for (let k = 0; k < 3; k++) {
    const values = points.map((p) => p[k]);
    largest = Math.max(largest, Math.max(...values) - Math.min(...values));
  }
  return largest;
}

/** Bounds around the points with the same scale on both axes for a box of this width/height ratio. */
function squareBounds(points: Array<[number, number]>, ratio: number): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  let width = (Math.max(...xs) - Math.min(...xs)) * 1.15 || 1;
  let height = (Math.max(...ys) - Math.min(...ys)) * 1.15 || 1;
  if (width / height < ratio) width = height * ratio;
  else height = width / ratio;
  return [cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2];
}
