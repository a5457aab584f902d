import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { AppProcess } from './support/app-process';
import { ApiClient } from './support/api-client';
import { KafkaListener } from './support/kafka-listener';
import { ObjectStorage } from './support/object-storage';
import { isolatedDatabase, waitFor } from './support/services';
import {
  AnalysisView,
  REFERENCE_DIR,
  createAnalysis,
  createStructure,
  dataFolder,
  getAnalysis,
  mac,
  modesOf,
  runAnalysis,
  runToEnd,
  waitForAnalysisStatus,
} from './support/analyses';

const bridge = JSON.parse(readFileSync(join(REFERENCE_DIR, 'suspension-bridge.reference.json'), 'utf8')) as {
  frequencies_hz: number[];
  damping_ratios: number[];
  mode_shapes: number[][];
};
/** Published covariance-SSI estimates on the bridge record (its reference note). */
const BRIDGE_PUBLISHED_HZ = [0.205, 0.319, 0.438, 0.582, 0.855, 1.171];
const relativeError = (estimate: number, exact: number) => Math.abs(estimate - exact) / exact;

describe('OMA analyses: API and worker against the real services', () => {
  const database = isolatedDatabase('oma');
  const measuresDatabase = `${database}_measures`;
  const dataPath = dataFolder({
    'broken.csv': 'time,a,b\n0,1,2\n0.1,1,oops\n0.2,1,2\n',
    // 3,000 samples: too few for 400 block rows (20 samples per row).
    'short.csv': `time,a,b\n${Array.from({ length: 3000 }, (_, i) => `${i / 100},${Math.sin(i)},${Math.cos(i / 3)}`).join('\n')}\n`,
  });
  const env = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: measuresDatabase,
    DATA_PATH: dataPath,
    SLEEP_TIME: '0.2',
    LEASE_TIME: '3',
  };
  let api: AppProcess;
  let client: ApiClient;
  let otherTenant: ApiClient;
  let kafka: KafkaListener;
  let structureId: string;

  beforeAll(async () => {
    kafka = await KafkaListener.listen();
    [api] = await Promise.all([AppProcess.start('api', env), AppProcess.start('oma-worker', env)]);
    client = await ApiClient.as(api.url, 41, 7);
    otherTenant = await ApiClient.as(api.url, 42, 8);
    structureId = await createStructure(client, 'Lysefjord deck');
  }, 120000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await kafka?.close();
  });

  describe('the bridge record through PREPROCESSING, then FDD and SSI on its output', () => {
    let preprocessing: AnalysisView;
    let ssi: AnalysisView;
    let fdd: AnalysisView;

    beforeAll(async () => {
      preprocessing = await createAnalysis(client, structureId, {
        type: 'PREPROCESSING',
        params: {
          detrend: 'linear',
          filter: { type: 'lowpass', order: 4, cutoff_hz: 3 },
          decimation_factor: 2,
        },
        input: { source: 'file', path: 'reference/suspension-bridge.csv' },
      });
      expect((await runToEnd(client, preprocessing)).status).toBe('DONE');
      ssi = await createAnalysis(client, structureId, {
        type: 'SSI',
        input: { source: 'analysis', analysis_id: preprocessing.id },
      });
      fdd = await createAnalysis(client, structureId, {
        type: 'FDD',
        input: { source: 'analysis', analysis_id: preprocessing.id },
      });
      await Promise.all([runAnalysis(client, ssi), runAnalysis(client, fdd)]);
      await Promise.all([
        waitForAnalysisStatus(client, ssi, ['DONE', 'ERROR']),
        waitForAnalysisStatus(client, fdd, ['DONE', 'ERROR']),
      ]);
    }, 120000);

    it('SSI finds the six modes, as published and close to the true ones', async () => {
      expect(await getAnalysis(client, ssi)).toMatchObject({
        status: 'DONE',
        result_ids: [expect.any(String)],
      });
      const modes = await modesOf(client, ssi);
      expect(modes).toHaveLength(6);
      modes.forEach((mode, j) => {
        expect(relativeError(mode.frequency_hz, BRIDGE_PUBLISHED_HZ[j])).toBeLessThan(0.005);
        expect(relativeError(mode.frequency_hz, bridge.frequencies_hz[j])).toBeLessThan(0.025);
        expect(Math.abs(mode.damping_ratio! - bridge.damping_ratios[j])).toBeLessThan(0.002);
        expect(mac(mode.mode_shape, bridge.mode_shapes[j])).toBeGreaterThanOrEqual(0.98);
      });
    });

    it('FDD finds the six modes within 2%', async () => {
      const modes = await modesOf(client, fdd);
      expect(modes).toHaveLength(6);
      modes.forEach((mode, j) =>
        expect(relativeError(mode.frequency_hz, BRIDGE_PUBLISHED_HZ[j])).toBeLessThan(0.02),
      );
    });

    it('sends QUEUED, RUNNING, DONE to the output topic in order, in the seed shape', async () => {
      await kafka.waitForEvent(ssi.id, 'DONE');
      const events = kafka.eventsOf(ssi.id);
      expect(events.map((event) => event.status)).toEqual(['QUEUED', 'RUNNING', 'DONE']);
      expect(events[0]).toMatchObject({
        tenant_id: 41,
        user_id: 7,
        document_id: ssi.id,
        run_type: 'SSI',
        status: 'QUEUED',
      });
    });

    it('serves the plots as SVG and PNG', async () => {
      for (const [analysis, name] of [
        [fdd, 'singular-values'],
        [fdd, 'mode-shapes'],
        [ssi, 'stabilization'],
        [ssi, 'mode-shapes'],
      ] as const) {
        const base = `/structures/${structureId}/analyses/${analysis.id}/plots/${name}`;
        const svg = await client.fetchRaw(`${base}.svg`);
        expect(svg.status).toBe(200);
        expect(svg.headers.get('content-type')).toContain('image/svg+xml');
        const text = await svg.text();
        expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        expect(text.trim().endsWith('</svg>')).toBe(true);
        const png = await client.fetchRaw(`${base}.png`);
        expect(png.headers.get('content-type')).toBe('image/png');
        const bytes = Buffer.from(await png.arrayBuffer());
        expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(bytes.readUInt32BE(16)).toBeGreaterThan(500); // IHDR width
      }
      const wrong = await client.request(
        'GET',
        `/structures/${structureId}/analyses/${ssi.id}/plots/singular-values.svg`,
      );
      expect(wrong.status).toBe(404);
      // Rendered once and kept in CACHE_BUCKET under the tenant: asked again, the same picture.
      // (Kept after the answer: wait for the last one.)
      const kept = await waitFor('the plots kept', async () => {
        const keys = await new ObjectStorage().keys(ObjectStorage.CACHE_BUCKET, `41/${structureId}/plots/`);
        return keys.length >= 8 && keys;
      });
      expect(kept.map((key) => key.split('/').pop()).sort()).toEqual(
        [
          'mode-shapes.png',
          'mode-shapes.png',
          'mode-shapes.svg',
          'mode-shapes.svg',
          'singular-values.png',
          'singular-values.svg',
          'stabilization.png',
          'stabilization.svg',
        ].sort(),
      );
      const again = await client.fetchRaw(
        `/structures/${structureId}/analyses/${ssi.id}/plots/stabilization.svg`,
      );
      const first = await client.fetchRaw(
        `/structures/${structureId}/analyses/${ssi.id}/plots/stabilization.svg`,
      );
      expect(await again.text()).toBe(await first.text());
    });

    // After the plots test, whose listing of the kept plots counts those of SSI and FDD alone.
    it('SSI-DAT with uncertainty and FSDD run through the worker: modes, standard deviations, plots', async () => {
      const ssiDat = await createAnalysis(client, structureId, {
        type: 'SSI-DAT',
        params: { uncertainty: true },
        input: { source: 'analysis', analysis_id: preprocessing.id },
      });
      const fsdd = await createAnalysis(client, structureId, {
        type: 'FSDD',
        input: { source: 'analysis', analysis_id: preprocessing.id },
      });
      await Promise.all([runAnalysis(client, ssiDat), runAnalysis(client, fsdd)]);
      for (const analysis of [ssiDat, fsdd])
        expect((await waitForAnalysisStatus(client, analysis, ['DONE', 'ERROR'])).status).toBe('DONE');
      const dataModes = (await modesOf(client, ssiDat)) as Array<{
        frequency_hz: number;
        uncertainty?: { frequency_sd_hz: number; damping_sd: number; blocks: number };
      }>;
      expect(dataModes).toHaveLength(6);
      dataModes.forEach((mode, j) => {
        expect(relativeError(mode.frequency_hz, BRIDGE_PUBLISHED_HZ[j])).toBeLessThan(0.005);
        expect(mode.uncertainty!.frequency_sd_hz).toBeGreaterThan(0);
        expect(mode.uncertainty!.frequency_sd_hz).toBeLessThan(0.01 * mode.frequency_hz);
        expect(mode.uncertainty!.blocks).toBeGreaterThanOrEqual(10);
      });
      const spatialModes = await modesOf(client, fsdd);
      expect(spatialModes).toHaveLength(6);
      spatialModes.forEach((mode, j) =>
        expect(relativeError(mode.frequency_hz, BRIDGE_PUBLISHED_HZ[j])).toBeLessThan(0.02),
      );
      const plot = await client.fetchRaw(
        `/structures/${structureId}/analyses/${ssiDat.id}/plots/stabilization.svg`,
      );
      expect(plot.status).toBe(200);
      expect(await plot.text()).toMatch(/^<svg/);
    }, 180000);

    it('another tenant sees none of it', async () => {
      const paths = [
        `/structures/${structureId}`,
        `/structures/${structureId}/analyses`,
        `/structures/${structureId}/analyses/${ssi.id}`,
        `/structures/${structureId}/analyses/${ssi.id}/results`,
        `/structures/${structureId}/analyses/${ssi.id}/plots/stabilization.svg`,
      ];
      for (const path of paths) expect((await otherTenant.request('GET', path)).status).toBe(404);
      expect(
        (await otherTenant.request('POST', `/structures/${structureId}/analyses/${ssi.id}/run`)).status,
      ).toBe(404);
      expect((await otherTenant.get<{ items: unknown[] }>('/structures')).items).toHaveLength(0);
    });
  });

  it('a malformed CSV ends the run in ERROR with its message, and the worker goes on', async () => {
    const broken = await createAnalysis(client, structureId, {
      type: 'FDD',
      input: { source: 'file', path: 'broken.csv' },
    });
    expect(await runToEnd(client, broken)).toMatchObject({
      status: 'ERROR',
      error: 'CSV line 3, column 3 (b): the value is not a number',
    });
    // The file's length is known once the worker reads it: the same check as at creation, then.
    const tooShort = await createAnalysis(client, structureId, {
      type: 'SSI',
      params: { order_max: 100, block_rows: 400 },
      input: { source: 'file', path: 'short.csv' },
    });
    expect(await runToEnd(client, tooShort)).toMatchObject({
      status: 'ERROR',
      error: expect.stringMatching(
        /^params\.block_rows of 400 need at least 8000 samples; the record has 3000 /,
      ),
    });
  });

  it('reads a measurement of the measures database, with a channel and time-window selection', async () => {
    const mongo = await MongoClient.connect(`mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}`);
    try {
      // As the processing worker stores a measurement: one {channel, values} per channel.
      const text = readFileSync(join(REFERENCE_DIR, 'shearframe-5dof.csv'), 'utf8').trim().split('\n');
      const header = text[0].split(',');
      const rows = text.slice(1).map((line) => line.split(',').map(Number));
      await mongo
        .db(measuresDatabase)
        .collection<Record<string, unknown> & { _id: string }>(`measures_${structureId}`)
        .insertOne({
          _id: 'frame-1',
          tenant_id: 41,
          structure_id: structureId,
          sampling_rate_hz: 12,
          channels: header.slice(1),
          samples: rows.length,
          time: rows.map((row) => row[0]),
          series: header.slice(1).map((channel, c) => ({ channel, values: rows.map((row) => row[c + 1]) })),
          created_at: new Date(),
        });
    } finally {
      await mongo.close();
    }
    const analysis = await createAnalysis(client, structureId, {
      type: 'PREPROCESSING',
      input: {
        source: 'measurement',
        measurement_id: 'frame-1',
        channels: ['ch1', 'ch3', 'ch5'],
        start_s: 100,
        end_s: 1100,
      },
    });
    expect((await runToEnd(client, analysis)).status).toBe('DONE');
    const [record] = await client.get<
      Array<{ result: { channels: string[]; samples: number; sampling_rate_hz: number } }>
    >(`/structures/${structureId}/analyses/${analysis.id}/results`);
    expect(record.result).toMatchObject({
      channels: ['ch1', 'ch3', 'ch5'],
      samples: 12000,
      sampling_rate_hz: 12,
    });
  });

  it('aborting a long SSI run ends it ABORTED within 2 s; an abort for another id changes nothing', async () => {
    const long = await createAnalysis(client, structureId, {
      type: 'SSI',
      params: { order_max: 300, block_rows: 70 },
      input: { source: 'file', path: 'reference/suspension-bridge.csv' },
    });
    await runAnalysis(client, long);
    await kafka.waitForEvent(long.id, 'RUNNING');
    // Somebody else's abort (another analysis id, and noise) on the broadcast topic.
    const other = await createAnalysis(client, structureId, {
      type: 'FDD',
      input: { source: 'file', path: 'broken.csv' },
    });
    expect(
      (await client.request('POST', `/structures/${structureId}/analyses/${other.id}/abort`)).status,
    ).toBe(409);
    await KafkaListener.send(process.env.KAFKA_TOPIC_BROADCAST ?? 'broadcast', [
      JSON.stringify({ analysis_id: other.id }),
      'not json at all',
      JSON.stringify({ something: 'else' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await getAnalysis(client, long)).status).toBe('RUNNING');

    const asked = Date.now();
    const response = await client.request('POST', `/structures/${structureId}/analyses/${long.id}/abort`);
    expect(response.status).toBe(202);
    await kafka.waitForEvent(long.id, 'ABORTED', 5000);
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(await getAnalysis(client, long)).toMatchObject({ status: 'ABORTED' });
    expect(kafka.eventsOf(long.id).map((event) => event.status)).toEqual(['QUEUED', 'RUNNING', 'ABORTED']);

    // The worker is free again: the next run goes through.
    const next = await createAnalysis(client, structureId, {
      type: 'FDD',
      input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
    });
    expect((await runToEnd(client, next)).status).toBe('DONE');
  });

  it('rejects parameters and inputs it cannot use, naming the field', async () => {
    const cases: Array<[object, string]> = [
      [
        { type: 'SSI', params: { order_max: 'many' }, input: { source: 'file', path: 'a.csv' } },
        'params.order_max',
      ],
      [
        { type: 'FDD', params: { window: 'hamming' }, input: { source: 'file', path: 'a.csv' } },
        'params.window',
      ],
      [{ type: 'FDD', input: { source: 'ftp' } }, 'input.source'],
      [{ type: 'MAGIC', input: { source: 'file', path: 'a.csv' } }, 'type'],
    ];
    for (const [body, field] of cases) {
      const { status, body: error } = await client.request<{ fields: Array<{ field: string }> }>(
        'POST',
        `/structures/${structureId}/analyses`,
        body,
      );
      expect(status).toBe(400);
      expect(error.fields.map((f) => f.field)).toContain(field);
    }
    // A path out of DATA_PATH is answered like a missing file (docs/security.md).
    const escape = await client.request<{ message: string }>('POST', `/structures/${structureId}/analyses`, {
      type: 'FDD',
      input: { source: 'file', path: '../../etc/passwd' },
    });
    expect(escape.status).toBe(404);
    expect(escape.body.message).toBe('input.path "../../etc/passwd" names no readable file under DATA_PATH');
  });

  it('deletes a structure with analyses only when asked to cascade', async () => {
    const doomed = await createStructure(client, 'to delete');
    await createAnalysis(client, doomed, { type: 'FDD', input: { source: 'file', path: 'broken.csv' } });
    expect((await client.request('DELETE', `/structures/${doomed}`)).status).toBe(409);
    expect((await client.request('DELETE', `/structures/${doomed}?cascade=true`)).status).toBe(204);
    expect((await client.request('GET', `/structures/${doomed}`)).status).toBe(404);
  });

  it('aborting a queued run removes it from the queue', async () => {
    // With the worker busy on a long run, the next one waits in the queue.
    const busy = await createAnalysis(client, structureId, {
      type: 'SSI',
      params: { order_max: 300, block_rows: 70 },
      input: { source: 'file', path: 'reference/suspension-bridge.csv' },
    });
    const queued = await createAnalysis(client, structureId, {
      type: 'FDD',
      input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
    });
    await runAnalysis(client, busy);
    await kafka.waitForEvent(busy.id, 'RUNNING');
    await runAnalysis(client, queued);
    expect(
      (await client.request('POST', `/structures/${structureId}/analyses/${queued.id}/abort`)).status,
    ).toBe(202);
    expect(await getAnalysis(client, queued)).toMatchObject({ status: 'ABORTED' });
    await client.request('POST', `/structures/${structureId}/analyses/${busy.id}/abort`);
    await waitForAnalysisStatus(client, busy, ['ABORTED']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await getAnalysis(client, queued)).toMatchObject({ status: 'ABORTED', result_ids: [] });
    expect(kafka.eventsOf(queued.id).map((event) => event.status)).toEqual(['QUEUED', 'ABORTED']);
  });
});
