import { Injectable } from '@nestjs/common';
import type { Picture, PlotFormat } from './plot-renderer';
import { type Principal } from '@modalflow/contracts';

/** A plot of an analysis that another feature draws (the geometry's mode-shapes-3d). */
export interface AnalysisPlot {
  name: string;
  render(
    principal: Principal,
    structureId: string,
    analysisId: string,
    format: PlotFormat,
    query: { with?: string; version?: number },
  ): Promise<Picture>;
}

/**
 * The plots other features register when their modules start, served at the same
 * `.../analyses/{id}/plots/<name>.svg|png` as the analyses' own (the analyses feature depends on none
 * of them).
 */
@Injectable()
export class AnalysisPlots {
  private readonly plots = new Map<string, AnalysisPlot>();

  register(plot: AnalysisPlot): void {
    this.plots.set(plot.name, plot);
  }

  find(name: string): AnalysisPlot | undefined {
    return this.plots.get(name);
  }

  names(): string[] {
    return [...this.plots.keys()];
  }
}
