import { parameterJsonSchemas } from './parameter-json-schemas';
import { checkParams } from './parameter-schemas';

describe('parameterJsonSchemas', () => {
  const schemas = parameterJsonSchemas();

  it('describes every parameter each type accepts, with defaults, bounds and units', () => {
    expect(Object.keys(schemas)).toEqual(['PREPROCESSING', 'FDD', 'FSDD', 'SSI', 'SSI-DAT', 'PLSCF']);
    expect(schemas.PLSCF.properties).not.toHaveProperty('block_rows');
    expect(schemas.PLSCF.properties.order_max).toMatchObject({ type: 'integer', default: 20, maximum: 100 });
    expect(schemas['SSI-DAT'].properties.references).toMatchObject({ type: 'array' });
    expect(schemas.SSI.properties).not.toHaveProperty('references');
    expect(schemas.SSI.properties.order_max).toMatchObject({ type: 'integer', default: 60, maximum: 400 });
    expect(schemas.SSI.properties.order_max).not.toHaveProperty('minimum'); // relative to order_min
    expect(schemas.FDD.properties.peak_prominence_db).toMatchObject({
      default: 6,
      minimum: 0,
      'x-unit': 'dB',
    });
    expect(schemas.FDD.properties.frequency_band).toMatchObject({
      type: 'array',
      minItems: 2,
      'x-unit': 'Hz',
    });
    expect(schemas.PREPROCESSING.properties.detrend).toMatchObject({ enum: ['none', 'constant', 'linear'] });
    expect(schemas.SSI.additionalProperties).toBe(false);
  });

  it('gives as defaults what the check fills in', () => {
    for (const type of ['FDD', 'SSI'] as const) {
      const defaults = Object.fromEntries(
        Object.entries(schemas[type].properties)
          .filter(([, property]) => property.default !== undefined)
          .map(([name, property]) => [name, property.default]),
      );
      expect(checkParams(type, {})).toEqual(defaults);
    }
  });

  it('gives every parameter a description', () => {
    for (const schema of Object.values(schemas))
      for (const [name, property] of Object.entries(schema.properties))
        expect([name, typeof property.description]).toEqual([name, 'string']);
  });
});
