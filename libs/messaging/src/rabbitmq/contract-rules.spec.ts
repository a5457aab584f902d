import { IsInt, IsString, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import { ContractRules } from './contract-rules';
import { DataProcessingMessage, StartFetchMessage } from '@modalflow/fetch-jobs';

const valid: Record<string, Record<string, unknown>> = {
  StartFetchMessage: { job_id: '6b04af4c836ca085c46e9970', tenant_id: 1, user_id: 2 },
  DataProcessingMessage: {
    job_id: '6b04af4c836ca085c46e9970',
    tenant_id: 7,
    user_id: 2,
    round: 0,
    resource_id: 'r-1',
    index: 3,
    creation_date: '2026-11-01T00:00:00.000Z',
    url: 'http://127.0.0.1/r-1.csv',
    data: [{ v: 1 }],
  },
};

/** Values of every JSON type and the edges the contracts' checks draw. */
const probes: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  '',
  'x',
  '7',
  '6b04af4c836ca085c46e9970',
  '6B04AF4C836CA085C46E997',
  '2026-11-01',
  '2026-11-01T25:00:00Z',
  true,
  [],
  {},
];

describe('ContractRules', () => {
  it.each([StartFetchMessage, DataProcessingMessage])(
    'agrees with validateSync on every field of %p set to every probe value',
    (contract) => {
      const rules = ContractRules.of(contract);
      const base = valid[contract.name];
      let invalid = 0;
      for (const property of rules.properties)
        for (const probe of probes) {
          const message = Object.assign(new contract(), base, { [property]: probe });
          const expected = validateSync(message).length === 0;
          expect({ property, probe, valid: rules.isValid(message) }).toEqual({
            property,
            probe,
            valid: expected,
          });
          if (!expected) invalid++;
        }
      expect(rules.isValid(Object.assign(new contract(), base))).toBe(true);
      expect(invalid).toBeGreaterThan(rules.properties.length * 5);
    },
  );

  it('lists the decorated properties, an @Allow-only one included', () => {
    expect(ContractRules.of(StartFetchMessage).properties).toEqual(['job_id', 'tenant_id', 'user_id']);
    expect(ContractRules.of(DataProcessingMessage).properties).toContain('data');
  });

  it('skips a property whose condition does not hold', () => {
    class Conditional {
      @IsString() kind: string;
      @ValidateIf((message: Conditional) => message.kind === 'counted')
      @IsInt()
      count?: unknown;
    }
    const rules = ContractRules.of(Conditional);
    expect(rules.isValid(Object.assign(new Conditional(), { kind: 'other', count: 'x' }))).toBe(true);
    expect(rules.isValid(Object.assign(new Conditional(), { kind: 'counted', count: 'x' }))).toBe(false);
  });

  it('refuses a contract it cannot check the way validateSync does', () => {
    class Nested {
      @ValidateNested() inner: object;
    }
    class Each {
      @IsInt({ each: true }) values: number[];
    }
    expect(() => ContractRules.of(Nested)).toThrow(/Nested\.inner: .*nestedValidation/);
    expect(() => ContractRules.of(Each)).toThrow(/Each\.values: .*`each`/);
  });
});
