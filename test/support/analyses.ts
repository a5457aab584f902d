import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from './api-client';
import { waitFor } from './services';

export interface AnalysisView {
  id: string;
  structure_id: string;
  type: string;
  status: string;
  error?: string;
  result_ids: string[];
  worker_id?: string;
}

export interface ModeView {
  frequency_hz: number;
  damping_ratio: number | null;
  mode_shape: number[];
}

export const REFERENCE_DIR = join(__dirname, '../../fixtures/oma');

/** A DATA_PATH of its own for a suite, holding the reference records and any files a test writes. */
export function dataFolder(files: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'modalflow-data-'));
  mkdirSync(join(folder, 'reference'));
  for (const name of ['suspension-bridge.csv', 'shearframe-5dof.csv'])
    copyFileSync(join(REFERENCE_DIR, name), join(folder, 'reference', name));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

export async function createStructure(client: ApiClient, name = 'e2e structure'): Promise<string> {
  const { status, body } = await client.request<{ id: string }>('POST', '/structures', { name });
  if (status !== 201) throw new Error(`POST /structures: ${status} ${JSON.stringify(body)}`);
  return body.id;
}

export async function createAnalysis(
  client: ApiClient,
  structureId: string,
  body: object,
): Promise<AnalysisView> {
  const { status, body: analysis } = await client.request<AnalysisView>(
    'POST',
    `/structures/${structureId}/analyses`,
    body,
  );
  if (status !== 201) throw new Error(`POST analyses: ${status} ${JSON.stringify(analysis)}`);
  return analysis;
}

export async function runAnalysis(client: ApiClient, analysis: AnalysisView): Promise<AnalysisView> {
  const { status, body } = await client.request<AnalysisView>(
    'POST',
    `/structures/${analysis.structure_id}/analyses/${analysis.id}/run`,
  );
  if (status !== 202) throw new Error(`run: ${status} ${JSON.stringify(body)}`);
  return body;
}

export function getAnalysis(client: ApiClient, analysis: AnalysisView): Promise<AnalysisView> {
  return client.get<AnalysisView>(`/structures/${analysis.structure_id}/analyses/${analysis.id}`);
}

export function waitForAnalysisStatus(
  client: ApiClient,
  analysis: AnalysisView,
  statuses: string[],
  timeoutMs = 60000,
): Promise<AnalysisView> {
  return waitFor(
    `analysis ${analysis.id} to reach ${statuses.join(' or ')}`,
    async () => {
      const current = await getAnalysis(client, analysis);
      return statuses.includes(current.status) ? current : undefined;
    },
    timeoutMs,
  );
}

/** Runs an analysis and waits for it to end (DONE, ERROR or ABORTED). */
export async function runToEnd(
  client: ApiClient,
  analysis: AnalysisView,
  timeoutMs = 60000,
): Promise<AnalysisView> {
  await runAnalysis(client, analysis);
  return waitForAnalysisStatus(client, analysis, ['DONE', 'ERROR', 'ABORTED'], timeoutMs);
}

export async function modesOf(client: ApiClient, analysis: AnalysisView): Promise<ModeView[]> {
  const results = await client.get<Array<{ result: { modes: ModeView[] } }>>(
    `/structures/${analysis.structure_id}/analyses/${analysis.id}/results`,
  );
  return results[results.length - 1].result.modes;
}

export function mac(a: number[], b: number[]): number {
  const dot = a.reduce((sum, value, i) => sum + value * b[i], 0);
  const norm = (v: number[]) => v.reduce((sum, value) => sum + value * value, 0);
  return (dot * dot) / (norm(a) * norm(b));
}
