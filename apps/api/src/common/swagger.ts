import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeUploadBodies } from '../uploads/upload-openapi';
import { declareErrorResponses } from './openapi-errors';
import { PUBLIC_OPERATION_EXTENSION } from '@modalflow/contracts';

export const BEARER = 'bearer';

/** Swagger UI at /docs (Authorize takes a token from `npm run token`), OpenAPI JSON at /docs-json. */
export function setupSwagger(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ModalFlow API')
    .setDescription(
      'Ingestion of structural-monitoring data and Operational Modal Analysis. ' +
        'Every route but health and metrics needs a bearer token: mint one with `npm run token -- --tenant 9 --user 7`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  markPublicOperations(document);
  describeUploadBodies(document);
  declareErrorResponses(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
}

/**
 * The bearer requirement is global; operations marked @Public() get `security: []`, so Swagger UI
 * shows no lock on them and sends no token.
 */
function markPublicOperations(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Array<Record<string, unknown>>) {
      if (typeof operation !== 'object' || !operation?.[PUBLIC_OPERATION_EXTENSION]) continue;
      delete operation[PUBLIC_OPERATION_EXTENSION];
      operation.security = [];
    }
  }
}
