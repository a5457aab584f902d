import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AnalysesService } from '../analyses.service';
import { ShapeComparisons } from '../shapes/shape-comparisons';
import { AnalysisPlots } from './analysis-plots';
import { macPlot } from './mac-plot';
import { modeShapesPlot, PLOTS, PlotName, singularValuesPlot, stabilizationPlot } from './plot-options';
import { contentTypeOf, Picture, plotFile, renderPicture } from './plot-renderer';
import { type Principal } from '@modalflow/contracts';
import { CacheFiles } from '@modalflow/storage';

/**
 * Plots of a finished analysis, rendered once per result and kept (CacheFiles: CACHE_BUCKET or
 * CACHE_PATH): a result never changes, and a plot of a large stabilization diagram takes seconds.
 */
@Injectable()
export class PlotsService {
  private readonly logger = new Logger(PlotsService.name);

  constructor(
    private readonly analyses: AnalysesService,
    private readonly cache: CacheFiles,
    private readonly comparisons: ShapeComparisons,
    private readonly others: AnalysisPlots,
  ) {}

  /** `query.with`: the other analysis of a MAC plot; `query.version`: a geometry version (mode-shapes-3d). */
  async render(
    principal: Principal,
    structureId: string,
    id: string,
    file: string,
    query: { with?: string; version?: number } = {},
  ): Promise<Picture> {
    const names = [...Object.keys(PLOTS), 'mac', ...this.others.names()].join(', ');
    const parsed = plotFile(file);
    if (!parsed)
      throw new NotFoundException(`plot file must be <name>.svg or <name>.png, with name one of ${names}`);
    const { format } = parsed;
    if (parsed.name === 'mac')
      return renderPicture(
        macPlot(await this.comparisons.compare(principal, structureId, id, query.with)),
        format,
        640,
      );
    const other = this.others.find(parsed.name);
    if (other) return other.render(principal, structureId, id, format, query);
    const name = parsed.name as PlotName;
    if (!Object.hasOwn(PLOTS, name)) throw new NotFoundException(`no plot "${name}": use one of ${names}`);
    const record = await this.analyses.latestResult(principal, structureId, id);
    if (!(PLOTS[name] as readonly string[]).includes(record.type)) {
      throw new NotFoundException(
        `a ${record.type} analysis has no "${name}" plot (it has ${this.plotsOf(record.type).join(', ') || 'none'})`,
      );
    }
    const key = `${principal.tenantId}/${structureId}/plots/${record.id}/${name}.${format}`;
    const kept = await this.cache.get(key);
    if (kept) return { body: kept, contentType: contentTypeOf(format) };
    const result = record.result as never;
    const option =
      name === 'singular-values'
        ? singularValuesPlot(result)
        : name === 'stabilization'
          ? stabilizationPlot(result)
          : modeShapesPlot(result);
    const picture = renderPicture(option, format);
    // Not kept is only slower next time: the answer does not wait on it.
    void this.cache
      .put(key, picture.body)
      .catch((error: Error) => this.logger.warn(`plot ${key} not kept: ${error.message}`));
    return picture;
  }

  plotsOf(type: string): string[] {
    return Object.entries(PLOTS)
      .filter(([, types]) => (types as readonly string[]).includes(type))
      .map(([name]) => name);
  }
}
