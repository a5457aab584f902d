import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Schemas } from '../api/client';

type Geometry = Schemas['GeometryDto'];
type Shapes = Schemas['ModeShapesResponse'];
type Point = [number, number, number];

const SIZE = 360;
/** Oscillations per second of the animation. */
const RATE_HZ = 0.75;

/**
 * One mode on the structure, drawn in the browser: pick a mode, turn the view (azimuth, elevation),
 * and watch it oscillate (paused for people who ask for reduced motion). The undeformed wireframe
 * is grey and dashed, the deformed one blue, the largest displacement a sixth of the structure.
 */
export function ModeViewer({ geometry, shapes }: { geometry: Geometry; shapes: Shapes }) {
  const [modeIndex, setModeIndex] = useState(0);
  const [azimuth, setAzimuth] = useState(35);
  const [elevation, setElevation] = useState(25);
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  const [playing, setPlaying] = useState(!reduced);
  const phase = useOscillation(playing);
  const mode = shapes.modes[modeIndex];

  const positions = useMemo(
    () => new Map(geometry.nodes.map((node) => [node.id, [node.x, node.y, node.z] as Point])),
    [geometry],
  );
  const edges = useMemo(
    () => [
      ...(geometry.lines ?? []),
      ...(geometry.faces ?? []).flatMap((face) => face.map((id, i) => [id, face[(i + 1) % face.length]])),
    ],
    [geometry],
  );
  const project = projection(azimuth, elevation);
  const extent = Math.max(1, ...[0, 1, 2].map((k) => spread([...positions.values()].map((p) => p[k]))));
  const amplitude = extent / 6;
  const deformed = new Map(
    [...positions].map(([id, p]) => {
      const u = mode?.nodes[id] ?? [0, 0, 0];
      return [id, [0, 1, 2].map((k) => p[k] + phase * amplitude * u[k]) as Point];
    }),
  );
  const flat = [...positions.values()].map(project);
  const pad = amplitude * 1.4;
  const [minX, maxX] = [Math.min(...flat.map((p) => p[0])) - pad, Math.max(...flat.map((p) => p[0])) + pad];
  const [minY, maxY] = [Math.min(...flat.map((p) => p[1])) - pad, Math.max(...flat.map((p) => p[1])) + pad];
  const scale = SIZE / Math.max(maxX - minX, maxY - minY);
  const screen = (p: Point) => {
    const [x, y] = project(p);
    return [(x - minX) * scale, SIZE - (y - minY) * scale] as const;
  };
  const segments = (nodes: Map<string, Point>) =>
    edges.map(([a, b]) => [screen(nodes.get(a)!), screen(nodes.get(b)!)] as const);
  const describe = (i: number) => {
    const m = shapes.modes[i];
    return `Mode ${i + 1}: ${m.frequency_hz.toFixed(3)} Hz${m.damping_ratio === null ? '' : `, damping ${(100 * m.damping_ratio).toFixed(2)} %`}`;
  };

  return (
    <div class="mode-viewer">
      <div class="inline-form">
        <label>
          Mode
          <select value={modeIndex} onChange={(e) => setModeIndex(Number(e.currentTarget.value))}>
            {shapes.modes.map((_, i) => (
              <option key={i} value={i}>
                {describe(i)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Azimuth (°)
          <input
            type="range"
            min={-180}
            max={180}
            value={azimuth}
            onInput={(e) => setAzimuth(Number(e.currentTarget.value))}
          />
        </label>
        <label>
          Elevation (°)
          <input
            type="range"
            min={-90}
            max={90}
            value={elevation}
            onInput={(e) => setElevation(Number(e.currentTarget.value))}
          />
        </label>
        <button type="button" onClick={() => setPlaying(!playing)}>
          {playing ? 'Pause' : 'Animate'}
        </button>
      </div>
      <svg
        role="img"
        aria-label={`${describe(modeIndex)} on the structure`}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        class="mode-viewer-canvas"
      >
        {segments(positions).map(([a, b], i) => (
          <line
            key={`u${i}`}
            x1={a[0]}
            y1={a[1]}
            x2={b[0]}
            y2={b[1]}
            stroke="#9aa3ad"
            stroke-dasharray="4 3"
          />
        ))}
        {segments(deformed).map(([a, b], i) => (
          <line key={`d${i}`} x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke="#1f5fa8" stroke-width="2" />
        ))}
        {[...deformed.values()].map((p, i) => {
          const [x, y] = screen(p);
          return <circle key={i} cx={x} cy={y} r="2.5" fill="#1f5fa8" />;
        })}
      </svg>
    </div>
  );
}

/** sin of the time at RATE_HZ while playing; 1 (the shape at its largest) when paused. */
function useOscillation(playing: boolean): number {
  const [phase, setPhase] = useState(1);
  useEffect(() => {
    if (!playing) {
      setPhase(1);
      return;
    }
    const start = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      setPhase(Math.cos(((now - start) / 1000) * 2 * Math.PI * RATE_HZ));
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);
  return phase;
}

/** Turns the structure by the azimuth about z, tilts it by the elevation, and drops the depth. */
function projection(azimuthDeg: number, elevationDeg: number) {
  const a = (azimuthDeg * Math.PI) / 180;
  const e = (elevationDeg * Math.PI) / 180;
  return ([x, y, z]: Point): [number, number] => {
    const across = x * Math.cos(a) - y * Math.sin(a);
    const depth = x * Math.sin(a) + y * Math.cos(a);
    return [across, z * Math.cos(e) + depth * Math.sin(e)];
  };
}

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
