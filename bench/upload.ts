/**
 * bench/upload: a large CSV recording through POST /structures/{id}/uploads (raw body, streamed)
 * until it is stored and until DONE, and in the same run the raw ceiling: the same bytes sent to the
 * same S3 server by the same client library with the same part size and parts in flight.
 *
 *   npm run bench:upload     (BENCH_UPLOAD_BYTES, default 1 GiB)
 *
 * Prints bytes/s of both, the API's and the fetch worker's resident memory growth (peak VmHWM over
 * the RSS before the upload), and last `upload/raw ratio: <number>` (through the API to stored over
 * raw). Targets: ratio >= 0.7; API and worker growth < 150 MB each.
 */
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { ApiClient } from '../test/support/api-client';
import { AppProcess } from '../test/support/app-process';
import { createStructure } from '../test/support/analyses';
import { runIsolated } from '../test/support/isolated-run';
import { ObjectStorage } from '../test/support/object-storage';
import { isolatedDatabase, waitFor } from '../test/support/services';

const BYTES = Number(process.env.BENCH_UPLOAD_BYTES ?? 1024 ** 3);
/** As ObjectStore.write: parts of 8 MiB, 4 in flight. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
}

/** A recording of 8 channels at 1 kHz, written until it holds `bytes` (the last row cut to fit). */
async function writeRecording(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  let written = 0;
  const header = 'time,s1,s2,s3,s4,s5,s6,s7,s8\n';
  out.write(header);
  written += header.length;
  let row = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++, row++) {
      const t = row / 1000;
      const values = Array.from({ length: 8 }, (_, c) => Math.sin(2 * Math.PI * (c + 1) * t + c).toFixed(6));
      lines.push(`${t.toFixed(3)},${values.join(',')}`);
    }
    let chunk = `${lines.join('\n')}\n`;
    if (written + chunk.length > bytes) {
      const cut = chunk.lastIndexOf('\n', bytes - written - 1);
      chunk = chunk.slice(0, cut + 1);
      if (!chunk) break;
    }
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const path = join(tmpdir(), `modalflow-bench-upload-${process.pid}.csv`);
  await writeRecording(path, BYTES);
  const size = statSync(path).size;
  console.log(`recording: ${mb(size)} MB (8 channels at 1 kHz, CSV)`);
  const database = isolatedDatabase('bench_upload');
  const env = { MONGODB_DATABASE: database, UPLOAD_MAX_BYTES: String(4 * 1024 ** 3), LOG_LEVEL: 'warn' };
  try {
    const api = await AppProcess.start('api', env);
    const worker = await AppProcess.start('fetch-worker', env);
    const client = await ApiClient.as(api.url, 97, 1);
    const structureId = await createStructure(client, 'bench upload');
    const before = { api: memoryMb(api.child.pid!, 'VmRSS'), worker: memoryMb(worker.child.pid!, 'VmRSS') };

    const started = performance.now();
    const response = await fetch(`${api.url}/structures/${structureId}/uploads?file_name=bench.csv`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${client.token}`,
        'content-type': 'text/csv',
        'content-length': String(size),
      },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const upload = (await response.json()) as { id: string; status: string; message?: string };
    if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${upload.message}`);
    const storedSeconds = (performance.now() - started) / 1000;
    const done = await waitFor(
      'the upload to end',
      async () => {
        const seen = await client.get<{ status: string; error?: string }>(
          `/structures/${structureId}/uploads/${upload.id}`,
        );
        return (seen.status === 'DONE' || seen.status === 'ERROR') && seen;
      },
      3600 * 1000,
    );
    if (done.status !== 'DONE') throw new Error(`upload ended ${done.status}: ${done.error}`);
    const doneSeconds = (performance.now() - started) / 1000;
    const growth = {
      api: memoryMb(api.child.pid!, 'VmHWM') - before.api,
      worker: memoryMb(worker.child.pid!, 'VmHWM') - before.worker,
    };
    await AppProcess.stopAll();

    const storage = new ObjectStorage();
    const rawKey = `bench/raw-${process.pid}.csv`;
    const rawStarted = performance.now();
    await new Upload({
      client: storage.client,
      params: { Bucket: ObjectStorage.UPLOAD_BUCKET, Key: rawKey, Body: createReadStream(path) },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
    }).done();
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    await storage.removeAll(ObjectStorage.UPLOAD_BUCKET, rawKey);
    await storage.removeAll(ObjectStorage.FILE_BUCKET, `structures/${structureId}/`);

    const rate = (seconds: number) => `${mb(size / seconds)} MB/s`;
    console.log(`through the API to stored: ${storedSeconds.toFixed(1)} s, ${rate(storedSeconds)}`);
    console.log(
      `  to DONE (checked and summarised by the fetch worker): ${doneSeconds.toFixed(1)} s, ${rate(doneSeconds)}`,
    );
    console.log(
      `raw PUT to the same S3 server (lib-storage, same parts): ${rawSeconds.toFixed(1)} s, ${rate(rawSeconds)}`,
    );
    console.log(
      `memory growth (peak over the RSS before): api ${growth.api.toFixed(0)} MB, fetch-worker ${growth.worker.toFixed(0)} MB`,
    );
    console.log(`upload/raw ratio: ${(rawSeconds / storedSeconds).toFixed(2)}`);
  } finally {
    rmSync(path, { force: true });
  }
}

runIsolated(main);
