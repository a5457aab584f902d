import type { ApiClient, JobView } from './api-client';
import type { SourceServer } from './source-server';
import { simulate, type ExactMode } from '@modalflow/oma';

/** The monitored structure of the monitoring tests and bench: a 3-storey shear frame. */
const MASS_KG = 1000;
const STOREY_STIFFNESS = 1e6;
export const FRAME_CHANNELS = ['s1', 's2', 's3'];

export interface FrameRecordOptions {
  seed: number;
  duration_s: number;
  sampling_rate_hz: number;
  /** Scales every storey's stiffness (the spread between records, e.g. temperature). */
  stiffness_scale?: number;
  /** Stiffness lost by the first storey, a fraction (damage). */
  first_storey_loss?: number;
}

/** One recording of the frame as CSV (time column, one channel per storey) and its exact modes. */
export function frameRecord(options: FrameRecordOptions): { csv: string; modes: ExactMode[] } {
  const scale = options.stiffness_scale ?? 1;
  const k = [1 - (options.first_storey_loss ?? 0), 1, 1].map((factor) => factor * scale * STOREY_STIFFNESS);
  const stiffness = [
    [k[0] + k[1], -k[1], 0],
    [-k[1], k[1] + k[2], -k[2]],
    [0, -k[2], k[2]],
  ];
  const mass = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? MASS_KG : 0)));
  const { dataset, modes } = simulate({
    mass_matrix: mass,
    stiffness_matrix: stiffness,
    damping_ratio: 0.015,
    sampling_rate_hz: options.sampling_rate_hz,
    duration_s: options.duration_s,
    noise: 0.05,
    seed: options.seed,
  });
  const lines = [`time,${FRAME_CHANNELS.join(',')}`];
  const dt = 1 / options.sampling_rate_hz;
  for (let i = 0; i < dataset.data[0].length; i++) {
    lines.push([(i * dt).toFixed(4), ...dataset.data.map((channel) => channel[i].toPrecision(6))].join(','));
  }
  return { csv: lines.join('\n'), modes };
}

/**
 * One fetch job of the structure with one resource per record (`record-<seed>`, a CSV at the
 * source server), recorded now and in order; resolves once the job processed every record.
 */
export async function ingestFrameRecords(
  client: ApiClient,
  source: SourceServer,
  structureId: string,
  records: Array<FrameRecordOptions & { environment?: Record<string, number> }>,
): Promise<{
  job: JobView;
  index: Array<{ id: string; creation_date: string; url: string }>;
  modes: ExactMode[][];
}> {
  const made = records.map((options) => frameRecord(options));
  const index = records.map((options, i) => ({
    id: `record-${options.seed}`,
    creation_date: new Date(Date.now() + i).toISOString(),
    url: source.serve(`/records/${options.seed}.csv`, made[i].csv),
    ...(options.environment ? { environment: options.environment } : {}),
  }));
  const job = await client.createFetchJob({
    sourceUrl: source.serve(
      `/index-${records[0].seed}.ndjson`,
      index.map((entry) => JSON.stringify(entry)).join('\n'),
      'application/x-ndjson',
    ),
    structureId,
  });
  const done = await client.waitForJobEnd(job.id, 120_000);
  if (done.counts.processed !== records.length || done.counts.failed !== 0)
    throw new Error(`fetch job ${job.id} ended with ${JSON.stringify(done.counts)}`);
  return { job, index, modes: made.map((record) => record.modes) };
}
