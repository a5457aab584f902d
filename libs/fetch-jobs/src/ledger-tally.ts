import { FetchOutcome, FieldAccumulatorEntry } from './persistence/ledger/fetch-outcome.schema';
import { addAccumulators, FieldAccumulator } from '@modalflow/ingestion';

/** What one settled resource adds to its job's counts. */
export interface Tally {
  status: FetchOutcome['status'];
  /** Delivery attempts it took, the settling one included. */
  attempts: number;
  fields: FieldAccumulatorEntry[];
}

export interface SettleCounts {
  settled: number;
  processed: number;
  failed: number;
  attempts: number;
}

/** The tallies of a page (or of anything larger) added up. */
export interface TallySummary extends SettleCounts {
  fields: FieldAccumulatorEntry[];
}

export const EMPTY_SUMMARY: TallySummary = {
  settled: 0,
  processed: 0,
  failed: 0,
  attempts: 0,
  fields: [],
};

/** A page's key of the resource at `index` of the job's index. */
export const resourceSlot = (index: number): string => `i${index}`;

/** A page's key in its round's maps. */
export const pageSlot = (page: number): string => `n${page}`;

/**
 * A tally as a ledger page stores it, `<D|F>|<attempts>|<fields JSON>`: the one place that writes
 * or reads that text.
 */
export const tallyText = {
  encode(tally: Tally): string {
    return `${tally.status === 'DONE' ? 'D' : 'F'}|${tally.attempts}|${JSON.stringify(tally.fields)}`;
  },

  decode(text: string): Tally {
    const [status, attempts] = text.split('|', 2);
    const fields = text.slice(status.length + attempts.length + 2);
    return {
      status: tallyText.status(text),
      attempts: Number(attempts),
      fields: JSON.parse(fields) as FieldAccumulatorEntry[],
    };
  },

  /** How the resource ended, read from the first letter alone (a listing needs no more). */
  status(text: string): Tally['status'] {
    return text.startsWith('D') ? 'DONE' : 'FAILED';
  },
};

/**
 * The tallies of a page added up, in index order, so that the same page always sums to the same
 * floating-point totals whichever order its keys come back in.
 */
export function summariseTallies(tallies: Record<string, string>): TallySummary {
  const slots = Object.keys(tallies).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  return addSummaries(
    slots.map((slot) => {
      const tally = tallyText.decode(tallies[slot]);
      const processed = tally.status === 'DONE' ? 1 : 0;
      return {
        settled: 1,
        processed,
        failed: 1 - processed,
        attempts: tally.attempts,
        fields: tally.fields,
      };
    }),
  );
}

export function addSummaries(summaries: Iterable<TallySummary>): TallySummary {
  const total = { settled: 0, processed: 0, failed: 0, attempts: 0 };
  const fields = new Map<string, FieldAccumulator>();
  for (const summary of summaries) {
    total.settled += summary.settled;
    total.processed += summary.processed;
    total.failed += summary.failed;
    total.attempts += summary.attempts;
    addAccumulators(fields, summary.fields);
  }
  return { ...total, fields: [...fields].map(([field, acc]) => ({ field, ...acc })) };
}

// A page holds at most INDEX_PAGE_SIZE (500) resources: four digits keep `$max` numeric.
const settledPrefix = (settled: number): string => String(settled).padStart(4, '0');

/**
 * A page's summary as its round stores it: the counts and the fields apart (the counts are read on
 * every settle, the fields only for a job's summary), each led by the settled count so that `$max`
 * keeps the fullest. Two writers of the same settled count wrote the same summary: a page's keys
 * only ever grow, each to one value. The one place that writes or reads that text.
 */
export const pageSummaryText = {
  encode(summary: TallySummary): { counts: string; fields: string } {
    const prefix = settledPrefix(summary.settled);
    return {
      counts: `${prefix}|${summary.processed}|${summary.failed}|${summary.attempts}`,
      fields: `${prefix}|${JSON.stringify(summary.fields)}`,
    };
  },

  decodeCounts(text: string): SettleCounts {
    const [settled, processed, failed, attempts] = text.split('|').map(Number);
    return { settled, processed, failed, attempts };
  },

  decodeFields(text: string): FieldAccumulatorEntry[] {
    return JSON.parse(text.slice(text.indexOf('|') + 1)) as FieldAccumulatorEntry[];
  },
};
