import { api, ApiError, ask } from '../api/client';
import { ErrorNote, Plot, Section } from '../components/ui';
import { useLoad } from '../hooks';
import { ModeViewer } from './mode-viewer';

/**
 * A finished FDD or SSI analysis's modes on the structure's geometry (docs/geometry.md): the picture
 * the API draws, or what to do when the structure has no geometry yet.
 */
export function GeometrySection({ structureId, analysisId }: { structureId: string; analysisId: string }) {
  const shapes = useLoad(
    () =>
      ask(
        api.GET('/structures/{structureId}/analyses/{analysisId}/mode-shapes', {
          params: { path: { structureId, analysisId } },
        }),
      ),
    [structureId, analysisId],
  );
  const version = shapes.data?.geometry_version;
  const geometry = useLoad(
    () =>
      version === undefined
        ? Promise.resolve(undefined)
        : ask(
            api.GET('/structures/{structureId}/geometry', {
              params: { path: { structureId }, query: { version } },
            }),
          ),
    [structureId, version],
  );
  const noGeometry = shapes.error instanceof ApiError && shapes.error.status === 409;
  return (
    <Section title="Modes on the structure" id="modes-on-structure">
      {noGeometry && (
        <p class="muted">
          The structure has no geometry yet: give it one (nodes, lines and where each sensor is) with PUT
          /structures/{structureId}/geometry, and each mode is drawn on it here.
        </p>
      )}
      {!noGeometry && <ErrorNote error={shapes.error} />}
      <ErrorNote error={geometry.error} />
      {shapes.data && geometry.data && <ModeViewer geometry={geometry.data.geometry} shapes={shapes.data} />}
      {shapes.data && (
        <figure>
          <Plot
            path={`/structures/${structureId}/analyses/${analysisId}/plots/mode-shapes-3d.svg`}
            alt={`Mode shapes on the structure (geometry version ${shapes.data.geometry_version})`}
          />
          <figcaption>
            Each mode on the geometry (version {shapes.data.geometry_version}): isometric, plan and elevation
            {shapes.data.missing_channels.length > 0 &&
              `; sensors without a channel in this result: ${shapes.data.missing_channels.join(', ')}`}
          </figcaption>
        </figure>
      )}
    </Section>
  );
}
