import { abortTarget, runQueued } from './analysis-broadcasts';

describe('abortTarget', () => {
  it('reads the analysis id of an abort request', () => {
    expect(abortTarget('{"analysis_id":"65e08e66bfe58ba848bccee0"}')).toBe('65e08e66bfe58ba848bccee0');
  });

  it.each(['not json', '{"id":"x"}', '42', 'null', '{"analysis_id":7}', '{"analysis_id":""}'])(
    'ignores %s',
    (text) => {
      expect(abortTarget(text)).toBeUndefined();
    },
  );
});

describe('runQueued', () => {
  it('tells a queued-run notice from an abort request and from noise', () => {
    expect(runQueued('{"run_queued":"65e08e66bfe58ba848bccee0"}')).toBe(true);
    for (const text of ['{"analysis_id":"65e08e66bfe58ba848bccee0"}', 'not json', 'null', '{"run_queued":7}'])
      expect(runQueued(text)).toBe(false);
  });
});
