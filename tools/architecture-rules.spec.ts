import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const FIXTURES = join(__dirname, 'architecture-fixtures');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs the project's dependency-cruiser rules over the fixture tree; answers what they refuse. */
function violations(): Violation[] {
  let output: string;
  try {
    output = execFileSync(
      join(ROOT, 'node_modules/.bin/depcruise'),
      ['apps', 'libs', '--config', join(ROOT, '.dependency-cruiser.js'), '--output-type', 'json'],
      { cwd: FIXTURES, encoding: 'utf8' },
    );
  } catch (error) {
    output = (error as { stdout: string }).stdout; // exits 1 when it finds violations
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the architecture rules of npm run lint', () => {
  const found = violations();
  const refused = (rule: string) =>
    found.filter((violation) => violation.rule.name === rule).map(({ from, to }) => `${from} -> ${to}`);

  it('refuse a deep import into another library, from an app or a library', () => {
    expect(refused('libraries-only-through-their-index')).toEqual([
      'apps/api/src/main.ts -> libs/structures/src/structure-name.ts',
    ]);
    expect(refused('libraries-only-through-their-index-between-libraries')).toEqual([
      'libs/monitoring/src/deep-import.ts -> libs/analyses/src/persistence/analysis.schema.ts',
    ]);
  });

  it('refuse a kernel library importing a feature, and contracts importing any library', () => {
    expect(refused('kernel-knows-no-feature')).toEqual([
      'libs/database/src/index.ts -> libs/structures/src/index.ts',
    ]);
    expect(refused('contracts-is-a-leaf')).toEqual([
      'libs/contracts/src/index.ts -> libs/config/src/index.ts',
    ]);
  });

  it('refuse a feature using one above it, and the cycle that makes', () => {
    expect(refused('feature-dag-analyses')).toEqual([
      'libs/analyses/src/reaches-up-the-dag.ts -> libs/monitoring/src/index.ts',
    ]);
    expect(refused('no-cycles').length).toBeGreaterThan(0);
  });

  it('refuse mongoose outside a persistence folder', () => {
    expect(refused('mongoose-only-in-persistence').map((edge) => edge.split(' -> ')[0])).toEqual([
      'libs/structures/src/structure-id.ts',
    ]);
  });

  it('let the imports through a library index pass', () => {
    const allowedEdge = 'libs/monitoring/src/deep-import.ts -> libs/analyses/src/index.ts';
    expect(
      found.filter((v) => `${v.from} -> ${v.to}` === allowedEdge && !v.rule.name.startsWith('no-cycles')),
    ).toEqual([]);
  });
});
