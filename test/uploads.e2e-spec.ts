import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ApiClient } from './support/api-client';
import { AppProcess } from './support/app-process';
import { createAnalysis, createStructure, modesOf, REFERENCE_DIR, runToEnd } from './support/analyses';
import { LiveClient } from './support/live-client';
import { ObjectStorage } from './support/object-storage';
import { PrivateServices } from './support/private-services';
import { isolatedDatabase, waitFor } from './support/services';

interface UploadView {
  id: string;
  structure_id: string;
  file_name: string;
  status: string;
  bytes_received: number;
  size?: number;
  error?: string;
  recording?: {
    channels: string[];
    samples: number;
    sampling_rate_hz: number;
    duration_s: number;
    summary: Array<{ channel: string; count: number; mean: number; rms: number }>;
  };
}

const SHEARFRAME = readFileSync(join(REFERENCE_DIR, 'shearframe-5dof.csv'));
const reference = JSON.parse(readFileSync(join(REFERENCE_DIR, 'shearframe-5dof.reference.json'), 'utf8')) as {
  frequencies_hz: number[];
};
const MAX_BYTES = 32 * 1024 * 1024;
const TENANT = 51;
/** Uploads that receive nothing for this long are abandoned (UPLOAD_STALE_HOURS), swept every half. */
const STALE_S = 12;

/**
 * Uploads against a real S3 server (a Versity S3 Gateway of the suite's own, so it can be stopped),
 * the real API, fetch worker and OMA worker (docs/uploads.md).
 */
describe('uploads: recordings into object storage, checked, summarised and analysed', () => {
  let services: PrivateServices;
  let storage: ObjectStorage;
  let api: AppProcess;
  let fetchWorker: AppProcess;
  let client: ApiClient;
  let otherTenant: ApiClient;
  let structureId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    services = await PrivateServices.start('s3');
    env = {
      ...services.appEnv('s3'),
      MONGODB_DATABASE: isolatedDatabase('uploads'),
      UPLOAD_MAX_BYTES: String(MAX_BYTES),
      MAX_ATTEMPTS: '8',
      RETRY_DELAY_MS: '500',
      SLEEP_TIME: '0.2',
      UPLOAD_STALE_HOURS: String(STALE_S / 3600),
    };
    storage = new ObjectStorage(env.S3_ENDPOINT);
    [api, fetchWorker] = await Promise.all([
      AppProcess.start('api', env),
      AppProcess.start('fetch-worker', env),
      AppProcess.start('oma-worker', env),
    ]);
    client = await ApiClient.as(api.url, TENANT, 7);
    otherTenant = await ApiClient.as(api.url, TENANT + 1, 8);
    structureId = await createStructure(client, 'Uploaded frame');
  }, 120_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await services.stop();
  });

  const uploadsPath = (id = '') => `/structures/${structureId}/uploads${id ? `/${id}` : ''}`;

  async function uploadForm(
    name: string,
    content: Buffer | string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: UploadView & { message?: string } }> {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    const response = await fetch(`${api.url}${uploadsPath()}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, ...headers },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as UploadView & { message?: string } };
  }

  async function uploadRaw(
    query: string,
    content: Buffer | string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: UploadView & { message?: string; fields?: Array<{ field: string }> } }> {
    const response = await fetch(`${api.url}${uploadsPath()}${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'text/csv', ...headers },
      body: content,
    });
    return { status: response.status, body: (await response.json()) as UploadView };
  }

  const uploadEnd = (id: string, timeoutMs = 60_000) =>
    waitFor(
      `upload ${id} to end`,
      async () => {
        const upload = await client.get<UploadView>(uploadsPath(id));
        return (upload.status === 'DONE' || upload.status === 'ERROR') && upload;
      },
      timeoutMs,
    );

  async function statusesOf(id: string): Promise<string[]> {
    const events = await client.get<Array<{ document_id: string; status: string }>>(
      '/events?after=-1&limit=1000',
    );
    // Progress events repeat UPLOADING with the bytes so far: the sequence of statuses is what counts.
    return events
      .filter((event) => event.document_id === id)
      .map((event) => event.status)
      .filter((status, i, all) => i === 0 || status !== all[i - 1]);
  }

  it('a recording uploaded as a form ends DONE with its shape and summary, stored once, its events in order', async () => {
    const live = await LiveClient.connect(api.url, client.token);
    const { status, body } = await uploadForm('shear frame.csv', SHEARFRAME);
    expect(status).toBe(202);
    expect(body).toMatchObject({
      status: 'QUEUED',
      file_name: 'shear_frame.csv',
      bytes_received: SHEARFRAME.length,
    });
    expect(body).not.toHaveProperty('staging_key');

    const done = await uploadEnd(body.id);
    expect(done.status).toBe('DONE');
    expect(done.recording).toMatchObject({ channels: ['ch1', 'ch2', 'ch3', 'ch4', 'ch5'], samples: 14400 });
    expect(done.recording!.sampling_rate_hz).toBeCloseTo(12, 4); // times rounded to 8 digits
    expect(done.recording!.duration_s).toBeCloseTo(1200, 3);
    const firstColumn = SHEARFRAME.toString()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[1]));
    const mean = firstColumn.reduce((sum, v) => sum + v, 0) / firstColumn.length;
    expect(done.recording!.summary[0]).toMatchObject({ channel: 'ch1', count: 14400 });
    expect(done.recording!.summary[0].mean).toBeCloseTo(mean, 9);

    expect(
      await storage.keys(ObjectStorage.FILE_BUCKET, `structures/${structureId}/uploads/${body.id}/`),
    ).toEqual([`structures/${structureId}/uploads/${body.id}/shear_frame.csv`]);
    expect(await storage.keys(ObjectStorage.UPLOAD_BUCKET, `${TENANT}/${body.id}`)).toEqual([]);

    await waitFor('the DONE event', async () => (await statusesOf(body.id)).includes('DONE'));
    expect(await statusesOf(body.id)).toEqual(['UPLOADING', 'QUEUED', 'PROCESSING', 'DONE']);
    await live.waitForStatus(body.id, 'DONE');
    expect(live.statusesOf(body.id).filter((s, i, all) => i === 0 || s !== all[i - 1])).toEqual([
      'UPLOADING',
      'QUEUED',
      'PROCESSING',
      'DONE',
    ]);
    const uploading = live.eventsOf(body.id).find((event) => event.status === 'UPLOADING')!;
    expect(uploading).toMatchObject({ run_type: 'UPLOAD', structure_id: structureId });
    live.close();

    // An analysis takes it, FDD and SSI alike.
    for (const type of ['FDD', 'SSI']) {
      const analysis = await createAnalysis(client, structureId, {
        type,
        input: { source: 'upload', upload_id: body.id },
      });
      const ended = await runToEnd(client, analysis, 120_000);
      expect(ended.status).toBe('DONE');
      const found = (await modesOf(client, ended)).map((mode) => mode.frequency_hz);
      for (const exact of reference.frequencies_hz.slice(1, 4)) {
        const nearest = found.reduce((best, f) => (Math.abs(f - exact) < Math.abs(best - exact) ? f : best));
        expect(Math.abs(nearest - exact) / exact).toBeLessThan(0.03);
      }
    }
    // Another tenant sees none of it.
    expect((await otherTenant.request('GET', uploadsPath(body.id))).status).toBe(404);
    const { status: analysisStatus } = await otherTenant.request(
      'POST',
      `/structures/${structureId}/analyses`,
      {
        type: 'FDD',
        input: { source: 'upload', upload_id: body.id },
      },
    );
    expect(analysisStatus).toBe(404);
  }, 300_000);

  it('a raw body with a file name; the same Idempotency-Key again is the same upload, stored once', async () => {
    const text = 'x;y\n1;2\n3;5\n2;4\n';
    const first = await uploadRaw('?file_name=pair.csv&sampling_rate_hz=50', text, {
      'idempotency-key': 'pair-1',
    });
    expect(first.status).toBe(202);
    const again = await uploadRaw('?file_name=pair.csv&sampling_rate_hz=50', text, {
      'idempotency-key': 'pair-1',
    });
    expect(again.body.id).toBe(first.body.id);
    const done = await uploadEnd(first.body.id);
    expect(done).toMatchObject({ status: 'DONE', size: text.length });
    expect(done.recording).toMatchObject({ channels: ['x', 'y'], samples: 3, sampling_rate_hz: 50 });
    expect(
      await storage.keys(ObjectStorage.FILE_BUCKET, `structures/${structureId}/uploads/${first.body.id}/`),
    ).toHaveLength(1);
    const listed = await client.get<{ items: UploadView[] }>(`${uploadsPath()}?limit=200`);
    expect(listed.items.filter((upload) => upload.id === first.body.id)).toHaveLength(1);
  });

  it('carries the measurement time and environment a client gives, and refuses them when malformed', async () => {
    const environment = { temperature_c: -7.25, wind_mps: 3 };
    const query = `?file_name=winter.csv&sampling_rate_hz=50&recorded_at=2026-01-15T06:00:00Z&environment=${encodeURIComponent(JSON.stringify(environment))}`;
    const given = await uploadRaw(query, 'x;y\n1;2\n3;5\n');
    expect(given.status).toBe(202);
    expect(given.body).toMatchObject({ recorded_at: '2026-01-15T06:00:00.000Z', environment });
    expect(await uploadEnd(given.body.id)).toMatchObject({ status: 'DONE', environment });

    const refused = async (extra: string) => {
      const answer = await uploadRaw(`?file_name=bad.csv&sampling_rate_hz=50${extra}`, 'x\n1\n');
      expect(answer.status).toBe(400);
      return answer.body;
    };
    const notNumber = await refused(`&environment=${encodeURIComponent('{"temperature_c":"cold"}')}`);
    expect(notNumber.message).toContain('environment.temperature_c must be a finite number');
    expect(notNumber.fields?.map((f) => f.field)).toEqual(['environment']);
    const notJson = await refused('&environment=warm');
    expect(notJson.message).toContain('environment must be an object of numbers by name');
    const badTime = await refused('&recorded_at=yesterday');
    expect(badTime.fields?.map((f) => f.field)).toEqual(['recorded_at']);

    const presigned = await client.request<{ fields: Array<{ field: string }>; message: string }>(
      'POST',
      uploadsPath(),
      { mode: 'presigned', file_name: 'x.csv', size: 10, environment: { 'Temp C': 1 } },
    );
    expect(presigned.status).toBe(400);
    expect(presigned.body.fields.map((f) => f.field)).toEqual(['environment']);
  });

  it('names what is wrong with a recording, and refuses what it cannot take', async () => {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      [
        'bad-line.csv',
        'time,a,b\n0,1,2\n0.1,1,oops\n0.2,1,2\n',
        /^CSV line 3, column 3 \(b\): the value is not a number$/,
      ],
      [
        'one-channel.csv',
        'time,a\n0,1\n0.1,2\n',
        /^the recording has 1 channel\(s\); modal analysis needs at least 2$/,
      ],
      ['uneven.csv', 'time,a,b\n0,1,2\n0.1,1,2\n0.5,1,2\n', /^uneven time steps: rows/],
      ['no-time.csv', 'a,b\n1,2\n3,4\n', /^the recording has no time column: give its sampling_rate_hz$/],
      [
        'binary.bin',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0x02, 0x2c, 0x0a]),
        /^CSV/,
      ],
    ];
    for (const [name, content, reason] of cases) {
      const { status, body } = await uploadForm(name, content);
      expect(status).toBe(202);
      const ended = await uploadEnd(body.id);
      expect({ name, status: ended.status }).toEqual({ name, status: 'ERROR' });
      expect(ended.error).toMatch(reason);
      expect(await storage.keys(ObjectStorage.UPLOAD_BUCKET, `${TENANT}/${body.id}`)).toEqual([]);
    }

    const empty = await uploadForm('empty.csv', '');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('the file is empty');

    const nameless = await uploadRaw('', 'time,a,b\n0,1,2\n');
    expect(nameless.status).toBe(400);
    expect(nameless.body.fields?.map((f) => f.field)).toEqual(['file_name']);

    const noForm = await fetch(`${api.url}${uploadsPath()}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'image/png' },
      body: 'x',
    });
    expect(noForm.status).toBe(415);

    const elsewhere = await fetch(`${api.url}/structures/65e08e66bfe58ba848bccee0/uploads?file_name=a.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'text/csv' },
      body: 'time,a,b\n0,1,2\n',
    });
    expect(elsewhere.status).toBe(404);
  });

  it('past UPLOAD_MAX_BYTES: 413, declared or counted, and nothing is left behind', async () => {
    const declared = await uploadRaw('?file_name=big.csv', Buffer.alloc(MAX_BYTES + 1, 0x31));
    expect(declared.status).toBe(413);

    // Sent without a length: counted as it arrives, refused once past the limit.
    const chunk = Buffer.alloc(1024 * 1024, 0x31);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BYTES + 4 * chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const counted = await fetch(`${api.url}${uploadsPath()}?file_name=bigger.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(counted.status).toBe(413);
    const listed = await client.get<{ items: UploadView[] }>(`${uploadsPath()}?limit=200`);
    const bigger = listed.items.find((upload) => upload.file_name === 'bigger.csv')!;
    expect(bigger).toMatchObject({ status: 'ERROR' });
    expect(bigger.error).toBe(`the file is larger than UPLOAD_MAX_BYTES (${MAX_BYTES} bytes)`);
    expect(await storage.keys(ObjectStorage.UPLOAD_BUCKET, `${TENANT}/${bigger.id}`)).toEqual([]);
  });

  it('a client that disconnects mid-body leaves no object; the upload ends ERROR "client disconnected"', async () => {
    const url = new URL(`${api.url}${uploadsPath()}?file_name=cut.csv`);
    const request = httpRequest(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'text/csv' },
    });
    request.on('error', () => undefined);
    request.write(`time,a,b\n${'0,1,2\n'.repeat(200_000)}`);
    const started = await waitFor('the upload to start', async () => {
      const listed = await client.get<{ items: UploadView[] }>(`${uploadsPath()}?limit=200`);
      return listed.items.find((upload) => upload.file_name === 'cut.csv');
    });
    request.destroy();
    const ended = await uploadEnd(started.id);
    expect(ended).toMatchObject({ status: 'ERROR', error: 'client disconnected' });
    expect(await storage.keys(ObjectStorage.UPLOAD_BUCKET, `${TENANT}/${started.id}`)).toEqual([]);
  });

  it('object storage away: an upload is refused (503, ERROR); a queued one is retried until storage is back', async () => {
    await services.kill('s3');
    const refused = await uploadForm('during-outage.csv', SHEARFRAME);
    expect(refused.status).toBe(503);
    expect(refused.body.message).toBe('Service unavailable');
    const listed = await client.get<{ items: UploadView[] }>(`${uploadsPath()}?limit=200`);
    expect(listed.items.find((upload) => upload.file_name === 'during-outage.csv')).toMatchObject({
      status: 'ERROR',
      error: 'the file could not be stored: object storage is unavailable',
    });
    await services.up('s3');

    // Stored and queued while the worker is away; storage fails when the worker comes back.
    await fetchWorker.stop();
    const queued = await uploadForm('retried.csv', SHEARFRAME);
    expect(queued.status).toBe(202);
    await services.kill('s3');
    fetchWorker = await AppProcess.start('fetch-worker', env);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await client.get<UploadView>(uploadsPath(queued.body.id))).status).not.toBe('DONE');
    await services.up('s3');
    const done = await uploadEnd(queued.body.id, 90_000);
    expect(done.status).toBe('DONE');
  }, 180_000);

  it('a fetch worker killed mid-check leaves the upload to the next delivery: DONE once, one object', async () => {
    const rows = Array.from(
      { length: 400_000 },
      (_, i) => `${(i / 100).toFixed(2)},${Math.sin(i)},${Math.cos(i)},${i % 7}`,
    );
    const recording = `time,a,b,c\n${rows.join('\n')}\n`;
    const { status, body } = await uploadForm('long.csv', recording);
    expect(status).toBe(202);
    await waitFor(
      'the check to start',
      async () => (await client.get<UploadView>(uploadsPath(body.id))).status === 'PROCESSING',
      30_000,
    );
    await fetchWorker.stop('SIGKILL');
    fetchWorker = await AppProcess.start('fetch-worker', env);
    const done = await uploadEnd(body.id, 120_000);
    expect(done.status).toBe('DONE');
    expect(done.recording).toMatchObject({ channels: ['a', 'b', 'c'], samples: 400_000 });
    expect(
      await storage.keys(ObjectStorage.FILE_BUCKET, `structures/${structureId}/uploads/${body.id}/`),
    ).toHaveLength(1);
    expect(await storage.keys(ObjectStorage.UPLOAD_BUCKET, `${TENANT}/${body.id}`)).toEqual([]);
    await waitFor('the DONE event', async () => (await statusesOf(body.id)).includes('DONE'));
    expect(await statusesOf(body.id)).toEqual(['UPLOADING', 'QUEUED', 'PROCESSING', 'DONE']);
  }, 240_000);

  interface PresignedView extends UploadView {
    part_size: number;
    parts: number;
    received: number;
    missing: Array<{ part_number: number; url: string }>;
  }

  const presign = async (fileName: string, size: number) => {
    const { status, body } = await client.request<PresignedView>('POST', uploadsPath(), {
      mode: 'presigned',
      file_name: fileName,
      size,
    });
    expect(status).toBe(202);
    return body;
  };

  const putPart = async (url: string, bytes: Buffer) => {
    const response = await fetch(url, { method: 'PUT', body: bytes });
    expect(response.status).toBe(200);
  };

  it('presigned: parts go straight to object storage; an interrupted client asks again for the rest; complete queues it', async () => {
    const rows = Array.from(
      { length: 600_000 },
      (_, i) => `${(i / 100).toFixed(2)},${Math.sin(i / 7).toFixed(6)},${i % 13}`,
    );
    const recording = Buffer.from(`time,a,b\n${rows.join('\n')}\n`);
    const started = await presign('parts.csv', recording.length);
    expect(started).toMatchObject({
      status: 'UPLOADING',
      mode: 'presigned',
      received: 0,
      size: recording.length,
    });
    expect(started.parts).toBe(Math.ceil(recording.length / started.part_size));
    expect(started.parts).toBeGreaterThanOrEqual(2);
    expect(started.missing.map((part) => part.part_number)).toEqual(
      Array.from({ length: started.parts }, (_, i) => i + 1),
    );
    expect(started.missing[0].url.startsWith(env.S3_ENDPOINT)).toBe(true);
    const part = (n: number) => recording.subarray((n - 1) * started.part_size, n * started.part_size);

    await putPart(started.missing[0].url, part(1));
    // The client stops here; completing now names what is missing.
    const early = await client.request<{ message: string }>('POST', `${uploadsPath(started.id)}/complete`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/^part\(s\) 2(, \d+)* have not arrived/);
    const asked = await client.get<PresignedView>(`${uploadsPath(started.id)}/parts`);
    expect(asked.received).toBe(1);
    expect(asked.missing.map((p) => p.part_number)).toEqual(
      started.missing.slice(1).map((p) => p.part_number),
    );
    for (const missing of asked.missing) await putPart(missing.url, part(missing.part_number));

    const queued = await client.request<UploadView>('POST', `${uploadsPath(started.id)}/complete`);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'QUEUED', bytes_received: recording.length });
    const done = await uploadEnd(started.id);
    expect(done.recording).toMatchObject({ channels: ['a', 'b'], samples: 600_000, sampling_rate_hz: 100 });
    expect(
      await storage.keys(ObjectStorage.FILE_BUCKET, `structures/${structureId}/uploads/${started.id}/`),
    ).toHaveLength(1);
    expect((await client.request('POST', `${uploadsPath(started.id)}/complete`)).status).toBe(409);
    // Over the limit, refused before anything is stored.
    const tooLarge = await client.request('POST', uploadsPath(), {
      mode: 'presigned',
      file_name: 'x.csv',
      size: MAX_BYTES + 1,
    });
    expect(tooLarge.status).toBe(413);
    const badSize = await client.request<{ fields: Array<{ field: string }> }>('POST', uploadsPath(), {
      mode: 'presigned',
      file_name: 'x.csv',
      size: -1,
    });
    expect(badSize.status).toBe(400);
    expect(badSize.body.fields.map((f) => f.field)).toEqual(['size']);
  }, 120_000);

  it('an upload that receives nothing for UPLOAD_STALE_HOURS is abandoned: its parts removed, ERROR with the reason', async () => {
    const started = await presign('left.csv', 20 * 1024 * 1024);
    await putPart(started.missing[0].url, Buffer.alloc(started.part_size, 0x31));
    const ended = await uploadEnd(started.id, 4 * STALE_S * 1000);
    expect(ended.status).toBe('ERROR');
    expect(ended.error).toMatch(/^abandoned: nothing arrived for [\d.]+ hour\(s\) \(UPLOAD_STALE_HOURS\)/);
    expect(await storage.multipartUploads(ObjectStorage.UPLOAD_BUCKET, `${TENANT}/${started.id}`)).toEqual(
      [],
    );
  }, 120_000);

  it('an analysis reads a CSV object of FILE_BUCKET (input source "bucket")', async () => {
    await storage.put(ObjectStorage.FILE_BUCKET, 'e2e/shearframe.csv', SHEARFRAME);
    const analysis = await createAnalysis(client, structureId, {
      type: 'FDD',
      input: { source: 'bucket', key: 'e2e/shearframe.csv' },
    });
    const ended = await runToEnd(client, analysis, 120_000);
    expect(ended.status).toBe('DONE');
    expect((await modesOf(client, ended)).length).toBeGreaterThanOrEqual(3);
  }, 180_000);
});
