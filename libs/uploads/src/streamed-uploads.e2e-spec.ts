import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { QUEUES } from '@modalflow/contracts';
import { StructureRepository } from '@modalflow/structures';
import { featureContext, FeatureContext } from '../../../test/support/feature-context';
import { ObjectStorage } from '../../../test/support/object-storage';
import { RabbitMessage, rabbitApi, vhostPath } from '../../../test/support/services';
import { UploadRepository } from './persistence/upload.repository';
import { StreamedUploadRequest, StreamedUploads } from './streamed-uploads';
import { UploadsModule } from './uploads.module';

const TENANT = 21;
const principal = { tenantId: TENANT, userId: 4 };
const CSV = 'time,a,b\n0,1,2\n0.01,2,3\n0.02,3,4\n';

function request(body: string, fileName = 'deck.csv'): StreamedUploadRequest {
  return {
    readFile: async () => ({ fileName, stream: Readable.from([Buffer.from(body)]) }),
    connection: { complete: true, once: () => undefined },
    declaredBytes: Buffer.byteLength(body),
  };
}

/** Receiving a recording streamed through the API: object storage, the uploads collection, the `upload` queue. */
describe('receiving a streamed upload (real database, object storage and RabbitMQ)', () => {
  let context: FeatureContext;
  let uploads: StreamedUploads;
  let structureId: string;
  const storage = new ObjectStorage();

  beforeAll(async () => {
    // The fetch worker declares the queue; here nobody consumes it, so the message waits in it.
    await rabbitApi(`/queues/${vhostPath()}/${QUEUES.UPLOAD}`, {
      method: 'PUT',
      body: JSON.stringify({ durable: true }),
    });
    context = await featureContext('streamed_uploads', [UploadsModule]);
    uploads = context.module.get(StreamedUploads);
    structureId = (
      await context.module.get(StructureRepository).create(TENANT, { name: 'mast', created_by: 4 })
    ).id;
  });

  afterAll(() => context.close());

  it('stores the bytes in the staging bucket, ends QUEUED and hands the upload to the fetch worker', async () => {
    const view = await uploads.upload(principal, structureId, request(CSV), 'streamed-spec-1');
    expect(view).toMatchObject({
      status: 'QUEUED',
      file_name: 'deck.csv',
      bytes_received: CSV.length,
      size: CSV.length,
    });
    expect(view).not.toHaveProperty('staging_key');

    const stored = await context.module.get(UploadRepository).findById(TENANT, view.id);
    expect(await storage.keys(process.env.UPLOAD_BUCKET ?? 'modalflow-uploads', stored!.staging_key)).toEqual(
      [stored!.staging_key],
    );
    const messages = await rabbitApi<RabbitMessage[]>(`/queues/${vhostPath()}/${QUEUES.UPLOAD}/get`, {
      method: 'POST',
      body: JSON.stringify({ count: 10, ackmode: 'ack_requeue_false', encoding: 'auto' }),
    });
    expect(messages.map((message) => JSON.parse(message.payload) as unknown)).toEqual([
      { upload_id: view.id, structure_id: structureId, tenant_id: TENANT, user_id: 4 },
    ]);
  });

  it('answers the first upload again for a repeated Idempotency-Key, storing nothing twice', async () => {
    const first = await uploads.upload(principal, structureId, request(CSV), 'streamed-spec-2');
    const again = await uploads.upload(principal, structureId, request('time,a\n0,1\n'), 'streamed-spec-2');
    expect(again.id).toBe(first.id);
    expect(again.bytes_received).toBe(CSV.length);
  });

  it('refuses an empty file and one larger than UPLOAD_MAX_BYTES, recording why', async () => {
    await expect(uploads.upload(principal, structureId, request(''), 'streamed-spec-3')).rejects.toThrow(
      'the file is empty',
    );
    const tooLarge = { ...request(CSV), declaredBytes: Number.MAX_SAFE_INTEGER };
    await expect(uploads.upload(principal, structureId, tooLarge)).rejects.toBeInstanceOf(
      PayloadTooLargeException,
    );
    const page = await context.module
      .get(UploadRepository)
      .findPage(TENANT, { structure_id: structureId, status: 'ERROR' }, { offset: 0, limit: 10 });
    expect(page.items.map((upload) => upload.error)).toEqual(['the file is empty']);
  });

  it("answers 404 for another tenant's structure", async () => {
    const stranger = { tenantId: TENANT + 1, userId: 9 };
    await expect(uploads.upload(stranger, structureId, request(CSV))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});
