import { Dataset, OmaInputError } from '../dataset';

const MAGIC = 'MFDS1';

/**
 * A compact binary form of a record, for keeping PREPROCESSING outputs: a JSON header line
 * (magic, sampling rate, channels, samples), then each channel's float64 samples.
 */
export function encodeDataset(dataset: Dataset): Buffer {
  const samples = dataset.data[0]?.length ?? 0;
  const header = Buffer.from(
    JSON.stringify({ magic: MAGIC, sampling_rate_hz: dataset.samplingRateHz, channels: dataset.channels, samples }) + '\n',
  );
  const body = Buffer.alloc(samples * 8 * dataset.data.length);
  dataset.data.forEach((channel, c) => body.set(new Uint8Array(channel.buffer, channel.byteOffset, samples * 8), c * samples * 8));
  return Buffer.concat([header, body]);
}

export function decodeDataset(bytes: Buffer): Dataset {
  const newline = bytes.indexOf(10);
  let header: { magic?: string; sampling_rate_hz: number; channels: string[]; samples: number };
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as typeof header;
  } catch {
    throw new OmaInputError('the stored record is not a ModalFlow dataset');
  }
  if (header.magic !== MAGIC) throw new OmaInputError('the stored record is not a ModalFlow dataset');
  const start = newline + 1;
  const data = header.channels.map((_, c) => {
    const channel = new Float64Array(header.samples);
    const offset = start + c * header.samples * 8;
    new Uint8Array(channel.buffer).set(bytes.subarray(offset, offset + header.samples * 8));
    return channel;
  });
  return { samplingRateHz: header.sampling_rate_hz, channels: header.channels, data };
}
