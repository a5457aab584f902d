import { checkEnvironment, ENVIRONMENT_LIMITS } from './environment';

describe('checkEnvironment', () => {
  it('accepts finite numbers by snake_case name', () => {
    expect(checkEnvironment({ temperature_c: -4.5, wind_mps: 12, traffic_kn: 0 })).toEqual({
      valid: true,
      environment: { temperature_c: -4.5, wind_mps: 12, traffic_kn: 0 },
    });
    expect(checkEnvironment({})).toEqual({ valid: true, environment: {} });
  });

  it.each([
    [[1, 2], 'environment must be an object of numbers by name'],
    ['warm', 'environment must be an object of numbers by name'],
    [{ temperature_c: '12' }, 'environment.temperature_c must be a finite number'],
    [{ temperature_c: null }, 'environment.temperature_c must be a finite number'],
    [{ 'Temp C': 1 }, 'environment names a value "Temp C"'],
    [{ __proto__x: 1 }, 'environment names a value "__proto__x"'],
  ])('refuses %j naming what is wrong', (value, reason) => {
    const check = checkEnvironment(value);
    expect(check.valid).toBe(false);
    expect(!check.valid && check.reason).toContain(reason);
  });

  it('refuses more values than the limit and non-finite numbers from JSON-like input', () => {
    const many = Object.fromEntries(
      Array.from({ length: ENVIRONMENT_LIMITS.values + 1 }, (_, i) => [`v${i}`, i]),
    );
    expect(checkEnvironment(many)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('at most 32'),
    });
    expect(checkEnvironment({ t: Infinity })).toMatchObject({
      valid: false,
      reason: 'environment.t must be a finite number',
    });
    expect(checkEnvironment({ t: 1 }, 'query environment')).toEqual({ valid: true, environment: { t: 1 } });
  });
});
