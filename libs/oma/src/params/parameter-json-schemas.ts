import parse from 'joi-to-json';
import { ANALYSIS_TYPES, AnalysisType, PARAMETER_SCHEMAS } from './parameter-schemas';

/** A JSON Schema (OpenAPI flavour) of one analysis type's parameters, with `x-unit` per parameter. */
export type ParameterJsonSchema = {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  additionalProperties: false;
};

/**
 * The parameter schemas as JSON Schema, from the same Joi schemas that check them (joi-to-json), so
 * a form built from them offers what the check accepts. A bound given relative to another parameter
 * (order_max >= order_min) stays in the description, as JSON Schema has no such bound.
 */
export function parameterJsonSchemas(): Record<AnalysisType, ParameterJsonSchema> {
  return Object.fromEntries(ANALYSIS_TYPES.map((type) => [type, jsonSchemaOf(type)])) as Record<
    AnalysisType,
    ParameterJsonSchema
  >;
}

function jsonSchemaOf(type: AnalysisType): ParameterJsonSchema {
  const schema = PARAMETER_SCHEMAS[type];
  const json = parse(schema, 'open-api') as ParameterJsonSchema;
  const described = schema.describe().keys as Record<string, { flags?: { unit?: string } }>;
  for (const [name, property] of Object.entries(json.properties)) {
    if (typeof property.maximum === 'object') delete property.maximum;
    if (typeof property.minimum === 'object') {
      delete property.minimum;
      delete property.exclusiveMinimum;
    }
    const unit = described[name]?.flags?.unit;
    if (unit) property['x-unit'] = unit;
  }
  return json;
}
