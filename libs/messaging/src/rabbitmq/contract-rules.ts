import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

type Contract = new () => object;
type Condition = (object: object, value: unknown) => boolean;

interface Check {
  validate(value: unknown, args: ValidationArguments): unknown;
  constraints: unknown[];
  /** A per-check condition (`validateIf` in the decorator's options). */
  validateIf?: Condition;
}

interface PropertyRules {
  property: string;
  /** @IsOptional / @ValidateIf: the property is checked only when every one holds. */
  conditions: Condition[];
  checks: Check[];
}

/**
 * A contract class's class-validator rules, read once from its decorators, to tell a valid message
 * from an invalid one without class-validator's executor: that builds a ValidationError and three
 * filtered arrays per property of every message it checks, about a third of everything a processing
 * worker allocates per resource. The checks are class-validator's own functions; an invalid message
 * is described by validateSync, so the texts stay class-validator's. Only what message contracts
 * use is supported (flat classes of synchronous checks); a contract with nesting, `each`, groups
 * or async checks is refused the first time it is used.
 */
export class ContractRules {
  private static readonly known = new Map<Contract, ContractRules>();

  /** Every decorated property, in declaration order: what a whitelisting validation keeps. */
  readonly properties: string[];

  private constructor(
    private readonly contract: Contract,
    private readonly rules: PropertyRules[],
  ) {
    this.properties = rules.map((rule) => rule.property);
  }

  static of(contract: Contract): ContractRules {
    let rules = ContractRules.known.get(contract);
    if (!rules) {
      rules = new ContractRules(contract, readRules(contract));
      ContractRules.known.set(contract, rules);
    }
    return rules;
  }

  /** Whether class-validator's validateSync would find no error in `message`. */
  isValid(message: object): boolean {
    const record = message as Record<string, unknown>;
    for (const { property, conditions, checks } of this.rules) {
      const value = record[property];
      if (!conditions.every((condition) => condition(message, value))) continue;
      for (const { validate, constraints, validateIf } of checks) {
        if (validateIf && !validateIf(message, value)) continue;
        const args = { targetName: this.contract.name, property, object: message, value, constraints };
        if (!validate(value, args)) return false;
      }
    }
    return true;
  }
}

function readRules(contract: Contract): PropertyRules[] {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(contract, '', false, false);
  const byProperty = new Map<string, PropertyRules>();
  for (const metadata of metadatas) {
    const where = `${contract.name}.${metadata.propertyName}`;
    if (metadata.each || (metadata.groups?.length ?? 0) > 0)
      throw new Error(`${where}: message contracts cannot use \`each\` or validation groups`);
    const rules = byProperty.get(metadata.propertyName) ?? {
      property: metadata.propertyName,
      conditions: [],
      checks: [],
    };
    byProperty.set(metadata.propertyName, rules);
    switch (metadata.type) {
      case ValidationTypes.WHITELIST:
        break;
      case ValidationTypes.CONDITIONAL_VALIDATION:
        rules.conditions.push(metadata.constraints[0] as Condition);
        break;
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION:
        for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) throw new Error(`${where}: message contracts cannot use async checks`);
          const instance = constraint.instance as Pick<Check, 'validate'>;
          rules.checks.push({
            validate: (value, args) => instance.validate(value, args),
            constraints: metadata.constraints,
            validateIf: metadata.validateIf,
          });
        }
        break;
      default:
        throw new Error(`${where}: message contracts cannot use ${metadata.type} validation`);
    }
  }
  return [...byProperty.values()];
}
