import { InvalidEnvironmentError, validateEnvironment } from './env.schema';

describe('validateEnvironment', () => {
  it('fills every default for an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      MONGODB_PORT: 27017,
      MONGODB_QUEUE_COLLECTION: 'modals_queue',
      KAFKA_TOPIC_OUTPUT: 'output',
      WORKERS: 10,
      MAX_ATTEMPTS: 3,
      FAILURE_RATE: 0,
    });
  });

  it('converts numbers given as strings', () => {
    expect(validateEnvironment({ WORKERS: '4', SLEEP_TIME: '0.5' })).toMatchObject({
      WORKERS: 4,
      SLEEP_TIME: 0.5,
    });
  });

  it('names every variable at fault and what it got, in one line', () => {
    const attempt = () => validateEnvironment({ MONGODB_PORT: 'abc', FAILURE_RATE: '2', KAFKA_BROKER: 'x' });
    expect(attempt).toThrow(InvalidEnvironmentError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('MONGODB_PORT must be a number (got "abc")');
      expect(message).toContain('FAILURE_RATE must be less than or equal to 1');
      expect(message).toContain('KAFKA_BROKER must be host:port[,host:port...]');
    }
  });

  it('keeps variables it does not know', () => {
    expect(validateEnvironment({ PATH: '/usr/bin' })).toMatchObject({ PATH: '/usr/bin' });
  });
});
