import { FetchOutcome, fromStoredOutcome, toStoredOutcome } from './fetch-outcome.schema';

describe('stored fetch outcomes', () => {
  const outcome: FetchOutcome = {
    _id: 'j1:r-1',
    tenant_id: 3,
    job_id: 'j1',
    resource_id: 'r-1',
    index: 1,
    creation_date: new Date('2026-11-01T00:00:00Z'),
    round: 2,
    status: 'DONE',
    attempts: 2,
    fields: [{ field: 'v', count: 2, sum: 3, sum_sq: 5, min: 1, max: 2 }],
    summary: { fields: { v: { count: 2, min: 1, max: 2, mean: 1.5, std: 0.7071 } } },
    processed_by: 'host:1',
    processed_at: new Date('2026-11-25T12:00:00Z'),
  };

  /** The outcome as its worker hands it over: the creation date as its message carries it. */
  function stored(of: FetchOutcome) {
    const { _id, tenant_id, job_id, creation_date, processed_at, ...rest } = of;
    return toStoredOutcome(
      { _id, tenant_id, job_id },
      { ...rest, creation_date: creation_date?.toISOString() },
      processed_at.getTime(),
    );
  }

  it('keeps what readers filter and sort on as fields and the rest as one text', () => {
    const document = stored(outcome);
    expect(Object.keys(document).sort()).toEqual(
      ['_id', 'tenant_id', 'job_id', 'status', 'index', 'round', 'record'].sort(),
    );
    expect(typeof document.record).toBe('string');
  });

  it('reads back the outcome it stored, dates included', () => {
    expect(fromStoredOutcome(stored(outcome))).toEqual(outcome);
    const failed = { ...outcome, status: 'FAILED' as const, summary: undefined, creation_date: undefined };
    const read = fromStoredOutcome(stored({ ...failed, last_error: 'boom' }));
    expect(read).toEqual({ ...failed, last_error: 'boom' });
  });

  it('reads a record written with processed_at as ISO text', () => {
    const document = stored(outcome);
    const record = { ...JSON.parse(document.record), processed_at: '2026-11-25T12:00:00.000Z' };
    expect(fromStoredOutcome({ ...document, record: JSON.stringify(record) })).toEqual(outcome);
  });
});
