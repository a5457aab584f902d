import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PresignedUploadDto } from './dto/presigned-upload.dto';
import { FILE_FIELD, MULTIPART } from './incoming-file';

const UPLOAD_PATH = '/structures/{structureId}/uploads';

/**
 * Gives each body of POST .../uploads its own schema: a form with the file, or the JSON of presigned
 * mode (Nest's decorators give every content type one schema).
 */
export function describeUploadBodies(document: OpenAPIObject): void {
  const operation = document.paths[UPLOAD_PATH]?.post;
  if (!operation) return;
  operation.requestBody = {
    required: true,
    content: {
      [MULTIPART]: {
        schema: {
          type: 'object',
          required: [FILE_FIELD],
          properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } },
        },
      },
      'application/json': { schema: { $ref: getSchemaPath(PresignedUploadDto) } },
    },
  };
}
