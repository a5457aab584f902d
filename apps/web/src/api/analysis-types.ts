import { api, ask } from './client';
import type { ParameterSchemas } from '../components/params-fields';

export interface AnalysisTypeSchema {
  type: string;
  parameters: ParameterSchemas;
}

let loaded: Promise<AnalysisTypeSchema[]> | undefined;

/** The analysis types and their parameter schemas; asked once per page load (they change with a release). */
export function analysisTypes(): Promise<AnalysisTypeSchema[]> {
  loaded ??= ask(api.GET('/analysis-types')).then((types) =>
    types.map((entry) => ({
      type: entry.type,
      parameters: (entry.parameters as { properties?: ParameterSchemas }).properties ?? {},
    })),
  );
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
