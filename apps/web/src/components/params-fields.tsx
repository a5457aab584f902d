import type { JSX } from 'preact';

/** One parameter as the API's JSON Schema describes it (GET /analysis-types). */
export interface ParameterSchema {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  items?: { type?: string };
  minItems?: number;
  maxItems?: number;
  'x-unit'?: string;
}

export type ParameterSchemas = Record<string, ParameterSchema>;
/** What the person typed, by parameter name (a pair as "low,high"); empty means the default. */
export type ParameterValues = Record<string, string>;

/**
 * A form for an analysis type's parameters, built from its schema: every field optional, its
 * default shown as the placeholder, its unit and bounds beside its label.
 */
export function ParamsFields(props: {
  schemas: ParameterSchemas;
  values: ParameterValues;
  onChange: (values: ParameterValues) => void;
  idPrefix: string;
}) {
  const set = (name: string, value: string) => props.onChange({ ...props.values, [name]: value });
  return (
    <div class="params">
      {Object.entries(props.schemas).map(([name, schema]) => {
        const id = `${props.idPrefix}-${name}`;
        return (
          <div class="field" key={name}>
            <label for={id}>
              <code>{name}</code>
              {schema['x-unit'] && ` (${schema['x-unit']})`}
            </label>
            {inputFor(schema, id, props.values[name] ?? '', (value) => set(name, value))}
            <small id={`${id}-help`}>{helpText(schema)}</small>
          </div>
        );
      })}
    </div>
  );
}

function inputFor(
  schema: ParameterSchema,
  id: string,
  value: string,
  change: (value: string) => void,
): JSX.Element {
  const common = { id, 'aria-describedby': `${id}-help`, value };
  if (schema.enum)
    return (
      <select {...common} onChange={(e) => change(e.currentTarget.value)}>
        <option value="">default ({shown(schema.default)})</option>
        {schema.enum.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  if (schema.type === 'boolean')
    return (
      <select {...common} onChange={(e) => change(e.currentTarget.value)}>
        <option value="">default ({schema.default ? 'yes' : 'no'})</option>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  if (schema.type === 'number' || schema.type === 'integer')
    return (
      <input
        {...common}
        type="number"
        inputMode="decimal"
        step={schema.type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        placeholder={schema.default === undefined ? 'automatic' : shown(schema.default)}
        onInput={(e) => change(e.currentTarget.value)}
      />
    );
  return (
    <input
      {...common}
      type="text"
      placeholder={
        schema.default !== undefined
          ? shown(schema.default)
          : schema.type === 'array'
            ? 'comma-separated'
            : 'JSON'
      }
      onInput={(e) => change(e.currentTarget.value)}
    />
  );
}

/** A default as a person reads it: 0.5, linear, 0.1, 0.9. */
function shown(value: unknown): string {
  if (value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value).replace(/[[\]]/g, '');
}

function helpText(schema: ParameterSchema): string {
  const parts = [schema.description ?? ''];
  if (schema.minimum !== undefined || schema.maximum !== undefined)
    parts.push(`from ${schema.minimum ?? '−∞'} to ${schema.maximum ?? '∞'}`);
  if (schema.type === 'array' && schema.minItems === 2 && schema.maxItems === 2)
    parts.push('two values: low, high');
  else if (schema.type === 'array') parts.push('comma-separated');
  return parts.filter(Boolean).join('; ');
}

/** The parameters to send: only those filled in, typed as their schema says. */
export function paramsOf(schemas: ParameterSchemas, values: ParameterValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(values)) {
    const schema = schemas[name];
    const given = text.trim();
    if (!schema || given === '') continue;
    if (schema.type === 'number' || schema.type === 'integer') params[name] = Number(given);
    else if (schema.type === 'boolean') params[name] = given === 'true';
    else if (schema.type === 'array')
      params[name] = given
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => (schema.items?.type === 'string' ? item : Number(item)));
    else if (schema.type === 'object') params[name] = parseJson(given);
    else params[name] = given;
  }
  return params;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // the API names the field and what it expects
  }
}
