import { Injectable } from '@nestjs/common';
import { GeometryService } from './geometry.service';
import { modeShapes3d, modeShapes3dHeight } from './mode-shapes-3d';
import { type AnalysisPlot, type Picture, type PlotFormat, renderPicture } from '@modalflow/analyses';
import { type Principal } from '@modalflow/contracts';

/** `.../analyses/{id}/plots/mode-shapes-3d.svg|png`: the result's modes drawn on the structure. */
@Injectable()
export class ModeShapes3dPlot implements AnalysisPlot {
  readonly name = 'mode-shapes-3d';

  constructor(private readonly geometry: GeometryService) {}

  async render(
    principal: Principal,
    structureId: string,
    analysisId: string,
    format: PlotFormat,
    query: { version?: number },
  ): Promise<Picture> {
    const { shapes, geometry } = await this.geometry.drawn(principal, structureId, analysisId, query.version);
    return renderPicture(modeShapes3d(geometry, shapes), format, modeShapes3dHeight(shapes.modes.length));
  }
}
