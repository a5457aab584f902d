import { Module, OnModuleInit } from '@nestjs/common';
import { GeometryPart } from './geometry.part';
import { GeometryService } from './geometry.service';
import { ModeShapes3dPlot } from './mode-shapes-3d.plot';
import { StructureGeometryRepository } from './persistence/structure-geometry.repository';
import { AnalysesModule, AnalysisPlots } from '@modalflow/analyses';
import { StructureParts, StructuresModule } from '@modalflow/structures';

/** Structures' geometries and results' mode shapes on them, as JSON and as the mode-shapes-3d plot (the API). */
@Module({
  imports: [AnalysesModule, StructuresModule],
  providers: [StructureGeometryRepository, GeometryService, GeometryPart, ModeShapes3dPlot],
  exports: [GeometryService],
})
export class GeometryModule implements OnModuleInit {
  constructor(
    private readonly parts: StructureParts,
    private readonly part: GeometryPart,
    private readonly plots: AnalysisPlots,
    private readonly modeShapes3d: ModeShapes3dPlot,
  ) {}

  onModuleInit(): void {
    this.parts.register(this.part);
    this.plots.register(this.modeShapes3d);
  }
}
