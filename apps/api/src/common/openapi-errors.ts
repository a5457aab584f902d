import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: unknown[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, { description: string; content?: unknown }>;
  security?: unknown[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The body of every error answer (ApiExceptionFilter). */
export const ERROR_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'message', 'correlationId'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    message: { type: 'string', example: 'name: name should not be empty' },
    error: { type: 'string', example: 'Bad Request' },
    correlationId: { type: 'string', example: '0f7c3b9e-6a1d-4f4e-9a51-1f1b2d3c4e5f' },
    fields: {
      type: 'array',
      description: 'The fields at fault (400 from validation)',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, errors: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

const DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid parameters or body; `fields` names each field at fault',
  '401': 'Missing, invalid or expired bearer token',
  '404': 'No such document for your tenant',
  '413': 'Body larger than API_MAX_BODY_BYTES',
  '415': 'Body that is not JSON, or not UTF-8, or in an unsupported encoding',
};

/**
 * Declares on every operation the errors the API's edge can answer (400 where it takes input, 401
 * where it needs a token, 404 where the path names a document, 413 and 415 where it takes a body),
 * all with the one error body; and marks request bodies as closed (unknown fields are refused) and
 * PATCH bodies as non-empty.
 */
export function declareErrorResponses(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  (components.schemas ??= {}).ErrorResponse = ERROR_RESPONSE_SCHEMA;
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const statuses: string[] = [];
      if (operation.parameters?.length || operation.requestBody) statuses.push('400');
      if (operation.security === undefined || operation.security.length > 0) statuses.push('401');
      if (path.includes('{')) statuses.push('404');
      if (operation.requestBody) statuses.push('413', '415');
      for (const status of statuses) operation.responses[status] ??= { description: DESCRIPTIONS[status] };
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) response.content ??= errorContent;
      }
      const bodyRef = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      if (!bodyRef) continue;
      closeSchema(components.schemas, bodyRef);
      const bodySchema = components.schemas[schemaName(bodyRef)];
      // A PATCH that changes nothing is a 400.
      if (method === 'patch' && bodySchema && !('$ref' in bodySchema)) bodySchema.minProperties = 1;
    }
  }
}

type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

const schemaName = (ref: string): string => ref.split('/').pop()!;

/** Refuses unknown fields in a body's schema and in every object schema it refers to (nested DTOs). */
function closeSchema(schemas: Schemas, ref: string, seen = new Set<string>()): void {
  if (seen.has(ref)) return;
  seen.add(ref);
  const schema = schemas[schemaName(ref)];
  if (!schema || '$ref' in schema) return;
  schema.additionalProperties = false;
  const refsIn = (value: unknown): string[] => {
    if (typeof value !== 'object' || value === null) return [];
    const own = (value as { $ref?: unknown }).$ref;
    return [...(typeof own === 'string' ? [own] : []), ...Object.values(value).flatMap(refsIn)];
  };
  for (const nested of refsIn(schema.properties)) closeSchema(schemas, nested, seen);
}
