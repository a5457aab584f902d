import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { StorageConfig } from '@modalflow/config';
import { ObjectStore } from './object-store';

const config: StorageConfig = {
  enabled: true,
  endpoint: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  accessKeyId: 'key',
  secretAccessKey: 'secret',
  fileBucket: 'files',
  cacheBucket: 'cache',
};

/** A stand-in for the S3 client that keeps objects in a map and records the commands it got. */
function fakeClient() {
  const objects = new Map<string, Buffer>();
  const commands: unknown[] = [];
  const client = {
    send: (command: GetObjectCommand | PutObjectCommand) => {
      commands.push(command);
      const { Bucket, Key } = command.input;
      if (command instanceof PutObjectCommand) {
        objects.set(`${Bucket}/${Key}`, command.input.Body as Buffer);
        return Promise.resolve({});
      }
      const body = objects.get(`${Bucket}/${Key}`);
      if (!body) return Promise.reject(new NoSuchKey({ message: 'missing', $metadata: {} }));
      return Promise.resolve({ Body: { transformToByteArray: () => Promise.resolve(new Uint8Array(body)) } });
    },
  };
  return { client: client as unknown as S3Client, commands };
}

describe('ObjectStore', () => {
  it('puts and gets objects in the given bucket', async () => {
    const store = new ObjectStore(config);
    const { client, commands } = fakeClient();
    store.useClient(client);
    await store.put('files', 'bridge/a.csv', Buffer.from('time,a,b\n'));
    expect((await store.get('files', 'bridge/a.csv')).toString()).toBe('time,a,b\n');
    expect(commands).toHaveLength(2);
  });

  it('names the key and bucket of a missing object', async () => {
    const store = new ObjectStore(config);
    store.useClient(fakeClient().client);
    await expect(store.get('files', 'nope.csv')).rejects.toThrow('no object "nope.csv" in bucket files');
  });

  it('says what to set when object storage is not configured', async () => {
    const store = new ObjectStore({ ...config, enabled: false });
    await expect(store.get('files', 'a.csv')).rejects.toThrow('object storage is not configured');
  });
});
