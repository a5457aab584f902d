import { StructureSummaries } from './structure-summaries';

describe('StructureSummaries', () => {
  it('adds the parts up per structure and keeps the latest measurement time', async () => {
    const summaries = new StructureSummaries();
    summaries.register({
      summarize: async () =>
        new Map([['a', { measurements: 3, last_measurement_at: new Date('2026-01-02') }]]),
    });
    summaries.register({
      summarize: async () =>
        new Map([
          ['a', { uploads: 2, last_measurement_at: new Date('2026-03-01') }],
          ['b', { tracked_modes: 4, open_alerts: 1 }],
        ]),
    });
    const found = await summaries.of(9, ['a', 'b', 'c']);
    expect(found.get('a')).toEqual({
      measurements: 3,
      uploads: 2,
      tracked_modes: 0,
      open_alerts: 0,
      last_measurement_at: new Date('2026-03-01'),
    });
    expect(found.get('b')).toEqual({ measurements: 0, uploads: 0, tracked_modes: 4, open_alerts: 1 });
    expect(found.get('c')).toEqual({ measurements: 0, uploads: 0, tracked_modes: 0, open_alerts: 0 });
  });

  it('asks each part once for the whole page, with the tenant', async () => {
    const summaries = new StructureSummaries();
    const summarize = jest.fn(async () => new Map());
    summaries.register({ summarize });
    await summaries.of(4, ['a', 'b']);
    expect(summarize).toHaveBeenCalledTimes(1);
    expect(summarize).toHaveBeenCalledWith(4, ['a', 'b']);
  });
});
