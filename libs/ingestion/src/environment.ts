/**
 * Environmental values of a measurement, by name: what the structure's frequencies follow besides
 * damage (temperature, wind, traffic). Checked the same way wherever they come in: a fetch resource's
 * `environment`, an upload's, a queued message's.
 */
export type Environment = Record<string, number>;

export const ENVIRONMENT_LIMITS = { values: 32, nameLength: 64 } as const;

/** snake_case names: `temperature_c`, `wind_mps`, `traffic_kn`. */
const NAME = /^[a-z][a-z0-9_]{0,63}$/;

export type EnvironmentCheck = { valid: true; environment: Environment } | { valid: false; reason: string };

/** Checks an `environment` object; the reason names the value at fault (`environment.<name>`). */
export function checkEnvironment(value: unknown, field = 'environment'): EnvironmentCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { valid: false, reason: `${field} must be an object of numbers by name` };
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > ENVIRONMENT_LIMITS.values)
    return {
      valid: false,
      reason: `${field} has ${entries.length} values; at most ${ENVIRONMENT_LIMITS.values}`,
    };
  for (const [name, number] of entries) {
    if (!NAME.test(name))
      return {
        valid: false,
        reason: `${field} names a value "${name.slice(0, ENVIRONMENT_LIMITS.nameLength)}": use lower-case letters, digits and _ (at most ${ENVIRONMENT_LIMITS.nameLength}, a letter first)`,
      };
    if (typeof number !== 'number' || !Number.isFinite(number))
      return { valid: false, reason: `${field}.${name} must be a finite number` };
  }
  return { valid: true, environment: Object.fromEntries(entries) as Environment };
}
