import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentDocument } from './env.docs';
import { environmentSchema } from './env.schema';
import { ENVIRONMENT_DESCRIPTIONS } from './env.descriptions';

describe('docs/environment.md', () => {
  it('describes every variable of the schema, and nothing else', () => {
    const names = Object.keys(environmentSchema.describe().keys as object).sort();
    expect(Object.keys(ENVIRONMENT_DESCRIPTIONS).sort()).toEqual(names);
  });

  it('is what `npm run docs:env` generates from the schema (run it after changing a variable)', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/environment.md'), 'utf8');
    expect(committed).toBe(environmentDocument());
  });
});
