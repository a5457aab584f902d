import { environmentFor } from './monitoring-trigger';
import { COMPENSATION_DEFAULTS } from '@modalflow/oma';

const compensated = (channels?: Record<string, string>) => ({
  compensation: {
    ...COMPENSATION_DEFAULTS,
    covariates: ['temperature_c', 'wind_mps'],
    training_records: 20,
    ...(channels ? { channels } : {}),
  },
});

describe('environmentFor (the environment a monitored analysis is judged with)', () => {
  it("takes a covariate from a slow channel's mean over the record, over the measurement's own value", () => {
    expect(
      environmentFor(compensated({ temperature_c: 'T_deck' }), {
        environment: { temperature_c: 4, wind_mps: 7 },
        channel_means: { s1: 0.001, T_deck: 12.5 },
      }),
    ).toEqual({ temperature_c: 12.5, wind_mps: 7 });
  });

  it('leaves the covariate out when the recording has no such channel (tracked, not judged)', () => {
    expect(
      environmentFor(compensated({ temperature_c: 'T_deck' }), { channel_means: { s1: 0 } }),
    ).toBeUndefined();
    expect(
      environmentFor(compensated({ temperature_c: 'T_deck' }), {
        environment: { wind_mps: 3 },
        channel_means: {},
      }),
    ).toEqual({ wind_mps: 3 });
  });

  it("is the measurement's environment for a rule without channel covariates", () => {
    expect(environmentFor({}, { environment: { temperature_c: 1 }, channel_means: { T: 9 } })).toEqual({
      temperature_c: 1,
    });
    expect(environmentFor(compensated(), {})).toBeUndefined();
  });
});
