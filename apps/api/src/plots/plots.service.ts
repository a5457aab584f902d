import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@modalflow/contracts';
import { AnalysesService } from '../analyses/analyses.service';
import { modeShapesPlot, PLOTS, PlotName, singularValuesPlot, stabilizationPlot } from './plot-options';
import { renderPng, renderSvg } from './plot-renderer';

export type PlotFormat = 'svg' | 'png';

@Injectable()
export class PlotsService {
  constructor(private readonly analyses: AnalysesService) {}

  async render(
    principal: Principal,
    structureId: string,
    id: string,
    file: string,
  ): Promise<{ body: string | Buffer; contentType: string }> {
    const match = /^([a-z-]+)\.(svg|png)$/.exec(file);
    if (!match)
      throw new NotFoundException(
        `plot file must be <name>.svg or <name>.png, with name one of ${Object.keys(PLOTS).join(', ')}`,
      );
    const [, name, format] = match as unknown as [string, PlotName, PlotFormat];
    if (!Object.hasOwn(PLOTS, name))
      throw new NotFoundException(`no plot "${name}": use one of ${Object.keys(PLOTS).join(', ')}`);
    const record = await this.analyses.latestResult(principal, structureId, id);
    if (!(PLOTS[name] as readonly string[]).includes(record.type)) {
      throw new NotFoundException(
        `a ${record.type} analysis has no "${name}" plot (it has ${this.plotsOf(record.type).join(', ') || 'none'})`,
      );
    }
    const result = record.result as never;
    const option =
      name === 'singular-values'
        ? singularValuesPlot(result)
        : name === 'stabilization'
          ? stabilizationPlot(result)
          : modeShapesPlot(result);
    const svg = renderSvg(option);
    return format === 'svg'
      ? { body: svg, contentType: 'image/svg+xml' }
      : { body: renderPng(svg), contentType: 'image/png' };
  }

  plotsOf(type: string): string[] {
    return Object.entries(PLOTS)
      .filter(([, types]) => (types as readonly string[]).includes(type))
      .map(([name]) => name);
  }
}
