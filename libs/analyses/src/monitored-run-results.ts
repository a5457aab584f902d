import type { ModuleMetadata } from '@nestjs/common';
import type { Analysis } from './persistence/analysis.schema';
import { type ModalResultBase } from '@modalflow/oma';

/**
 * Takes the modes of a monitored analysis (one with `monitoring`) before it is DONE; monitoring
 * implements it (its tracks), and answers a warning to keep with the result, if any. A port, so that
 * analyses do not depend on monitoring; the OMA worker binds it (`AnalysisWorkerModule.register`).
 */
export abstract class MonitoredRunResults {
  abstract apply(analysis: Analysis, result: ModalResultBase): Promise<string | undefined>;
}

/** A Nest module that provides and exports MonitoredRunResults. */
export type MonitoredRunResultsModule = NonNullable<ModuleMetadata['imports']>[number];
