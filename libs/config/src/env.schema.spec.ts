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

  it('takes FETCH_ALLOWED_HOSTS as host, host:port or CIDR entries', () => {
    const allowed = '127.0.0.1:8080, data.example.org,10.0.0.0/8,[::1]:81';
    expect(validateEnvironment({ FETCH_ALLOWED_HOSTS: allowed })).toMatchObject({
      FETCH_ALLOWED_HOSTS: allowed,
    });
    expect(() => validateEnvironment({ FETCH_ALLOWED_HOSTS: 'http://x/' })).toThrow(
      'FETCH_ALLOWED_HOSTS must be comma-separated host, host:port or CIDR',
    );
  });

  it('keeps variables it does not know', () => {
    expect(validateEnvironment({ PATH: '/usr/bin' })).toMatchObject({ PATH: '/usr/bin' });
  });
});
