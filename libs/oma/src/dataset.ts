/**
 * Named numeric columns as read from CSV or JSON (resource data, OMA records): one typed array per
 * channel, the time column set apart when there is one.
 */
export interface ChannelTable {
  channels: string[];
  data: Float64Array[];
  time?: Float64Array;
}

/** A multichannel record sampled at a constant rate: the table every analysis takes. */
export interface Dataset extends Omit<ChannelTable, 'time'> {
  samplingRateHz: number;
}

/**
 * Input that an analysis cannot use; the message tells a person what to change. `field` names the
 * parameter at fault (`params.order_max`) when one is.
 */
export class OmaInputError extends Error {
  override readonly name = 'OmaInputError';
  constructor(
    message: string,
    readonly field?: string,
    readonly problem?: string,
  ) {
    super(message);
  }
}

/** An OmaInputError about one parameter: its message is the field's name, then the problem. */
export function paramError(field: string, problem: string): OmaInputError {
  return new OmaInputError(`${field} ${problem}`, field, problem);
}

/** What the checks before a run need to know of a record: no samples, so the API can ask before any is read. */
export interface RecordShape {
  channels: string[];
  samplingRateHz: number;
  samples: number;
}

export function requireChannels(record: { channels: string[] }, minimum = 2): void {
  if (record.channels.length < minimum) {
    throw new OmaInputError(
      `the record has ${record.channels.length} channel(s); modal analysis needs at least ${minimum}`,
    );
  }
}

/** `record` is a RecordShape or a RecordSource (record/record-source.ts). */
export function requireSamples(
  record: { samples: number },
  needed: number,
  forWhat: string,
  remedy = 'give a longer record',
): void {
  const samples = record.samples;
  if (samples < needed) {
    throw new OmaInputError(
      `${forWhat} needs at least ${needed} samples; the record has ${samples} (${remedy})`,
    );
  }
}
