import { environmentSchema } from './env.schema';
import { ENVIRONMENT_DESCRIPTIONS, LAUNCHER_VARIABLES } from './env.descriptions';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/environment.md: every variable of the schema, its default and what it is for. */
export function environmentDocument(): string {
  const keys = environmentSchema.describe().keys as Record<string, { flags?: { default?: unknown } }>;
  const rows = Object.entries(keys).map(([name, described]) => {
    const value = described.flags?.default;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const shown = value === undefined || value === '' ? '(empty)' : `\`${text}\``;
    const description = ENVIRONMENT_DESCRIPTIONS[name];
    if (!description) throw new Error(`${name} has no description in env.descriptions.ts`);
    return `| \`${name}\` | ${shown} | ${cell(description)} |`;
  });
  for (const [name, variable] of Object.entries(LAUNCHER_VARIABLES)) {
    rows.splice(1, 0, `| \`${name}\` | \`${variable.default}\` | ${cell(variable.description)} |`);
  }
  return [
    '# Environment variables',
    '',
    '<!-- Generated from libs/config/src/env.schema.ts and env.descriptions.ts by `npm run docs:env`; do not edit. -->',
    '',
    'Validated at start: a missing or wrong value stops the app with one line naming it, e.g.',
    '`api failed to start: Invalid environment: MONGODB_PORT must be a number (got "abc")`. A service',
    'that does not answer within `STARTUP_TIMEOUT` stops it naming the service and address.',
    '',
    '| variable | default | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
