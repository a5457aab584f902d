/**
 * Draws docs/images/geometry-bridge.png: SSI on the suspension-bridge fixture (fixtures/oma), its
 * modes on the deck geometry of docs/examples/lysefjord-deck-geometry.json (five vertical sensors,
 * the other deck nodes linked to them, towers at rest), with the renderer the API uses for
 * `.../plots/mode-shapes-3d.png`. Run: `npx ts-node --transpile-only -r tsconfig-paths/register tools/geometry-picture.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPicture } from '@modalflow/analyses';
import { modeShapes3d, modeShapes3dHeight, type ModeShapesOnGeometry } from '@modalflow/geometry';
import {
  checkGeometry,
  type Geometry,
  type IdentifiedMode,
  modeOnGeometry,
  readCsvFile,
  realShape,
  runAnalysis,
} from '@modalflow/oma';

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const geometry = checkGeometry(
    JSON.parse(readFileSync(join(root, 'docs/examples/lysefjord-deck-geometry.json'), 'utf8')) as Geometry,
  );
  const record = await readCsvFile(join(root, 'fixtures/oma/suspension-bridge.csv'));
  const { result } = runAnalysis('SSI', record, { order_max: 40 });
  const { channels, modes } = result as unknown as { channels: string[]; modes: IdentifiedMode[] };
  const shapes: ModeShapesOnGeometry = {
    analysis_id: 'fixture',
    geometry_version: 1,
    channels,
    missing_channels: [],
    modes: modes.slice(0, 4).map((mode) => {
      const on = modeOnGeometry(geometry, channels, realShape(mode.mode_shape));
      return {
        frequency_hz: mode.frequency_hz,
        damping_ratio: mode.damping_ratio,
        phase_spread_deg: on.phase_spread_deg,
        nodes: on.nodes,
      };
    }),
  };
  const picture = renderPicture(
    modeShapes3d(geometry, shapes),
    'png',
    modeShapes3dHeight(shapes.modes.length),
  );
  writeFileSync(join(root, 'docs/images/geometry-bridge.png'), picture.body);
  console.log(
    `wrote docs/images/geometry-bridge.png: ${shapes.modes.map((m) => m.frequency_hz.toFixed(3)).join(', ')} Hz`,
  );
}

void main();
