import { pageSummaryText, tallyText, resourceSlot, summariseTallies, Tally } from './ledger-tally';

const done = (v: number, attempts = 1): Tally => ({
  status: 'DONE',
  attempts,
  fields: [{ field: 'v', count: 1, sum: v, sum_sq: v * v, min: v, max: v }],
});
const failed: Tally = { status: 'FAILED', attempts: 3, fields: [] };

describe('ledger tallies', () => {
  it('keeps a tally as it was', () => {
    expect(tallyText.decode(tallyText.encode(done(0.1, 2)))).toEqual(done(0.1, 2));
    expect(tallyText.decode(tallyText.encode(failed))).toEqual(failed);
  });

  it('adds up a page whatever order its keys come back in, to the same bits', () => {
    const values = [0.1, 0.2, 0.3, 1e16, -1e16, 7];
    const forward: Record<string, string> = {};
    const backward: Record<string, string> = {};
    values.forEach((v, i) => (forward[resourceSlot(i)] = tallyText.encode(done(v))));
    [...values.keys()]
      .reverse()
      .forEach((i) => (backward[resourceSlot(i)] = tallyText.encode(done(values[i]))));
    forward[resourceSlot(10)] = backward[resourceSlot(10)] = tallyText.encode(failed);
    const summary = summariseTallies(forward);
    expect(summariseTallies(backward)).toEqual(summary);
    expect(summary).toMatchObject({ settled: 7, processed: 6, failed: 1, attempts: 9 });
    expect(summary.fields).toEqual([
      { field: 'v', count: 6, sum: expect.any(Number), sum_sq: expect.any(Number), min: -1e16, max: 1e16 },
    ]);
  });

  it('encodes page summaries so that the larger settled count is the larger string ($max keeps it)', () => {
    const small = pageSummaryText.encode({
      settled: 9,
      processed: 9,
      failed: 0,
      attempts: 9,
      fields: [],
    });
    const large = pageSummaryText.encode({
      settled: 10,
      processed: 8,
      failed: 2,
      attempts: 14,
      fields: [],
    });
    expect(large.counts > small.counts).toBe(true);
    expect(large.fields > small.fields).toBe(true);
    expect(pageSummaryText.decodeCounts(large.counts)).toEqual({
      settled: 10,
      processed: 8,
      failed: 2,
      attempts: 14,
    });
    expect(
      pageSummaryText.decodeFields(
        pageSummaryText.encode({ ...summariseTallies({ i0: tallyText.encode(done(2)) }) }).fields,
      ),
    ).toEqual(done(2).fields);
  });
});
