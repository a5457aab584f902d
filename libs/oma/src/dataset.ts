/** A multichannel record sampled at a constant rate: one typed array per channel. */
export interface Dataset {
  samplingRateHz: number;
  channels: string[];
  data: Float64Array[];
}

/** Input that an analysis cannot use; the message tells a person what to change. */
export class OmaInputError extends Error {
  override readonly name = 'OmaInputError';
}

export function sampleCount(dataset: Dataset): number {
  return dataset.data[0]?.length ?? 0;
}

export function requireChannels(dataset: Dataset, minimum = 2): void {
  if (dataset.channels.length < minimum) {
    throw new OmaInputError(
      `the record has ${dataset.channels.length} channel(s); modal analysis needs at least ${minimum}`,
    );
  }
}

export function requireSamples(
  dataset: Dataset,
  needed: number,
  forWhat: string,
  remedy = 'give a longer record',
): void {
  const samples = sampleCount(dataset);
  if (samples < needed) {
    throw new OmaInputError(
      `${forWhat} needs at least ${needed} samples; the record has ${samples} (${remedy})`,
    );
  }
}
