import { abortTarget } from './abort-listener';

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
