import { BadRequestException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { Readable } from 'node:stream';

/** Content types of an upload's body: a form with a file (Swagger UI, curl -F) or the raw bytes. */
export const MULTIPART = 'multipart/form-data';
export const RAW_UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

/** The form field that carries the file. */
export const FILE_FIELD = 'file';

export interface IncomingFile {
  /** The name the client gave (the form part's, or none for a raw body). */
  fileName?: string;
  /** The file's bytes, read as they are consumed. */
  stream: Readable;
}

/** The file of an upload request: the `file` part of a multipart form, or the raw body. */
export function incomingFile(request: Request): Promise<IncomingFile> {
  if (!request.is(MULTIPART)) return Promise.resolve({ stream: request });
  return new Promise((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: request.headers, limits: { files: 1, fields: 10 } });
    } catch (error) {
      return reject(new BadRequestException(`the form cannot be read: ${(error as Error).message}`));
    }
    let found = false;
    form.on('file', (field, stream, info) => {
      if (field !== FILE_FIELD || found) return stream.resume();
      found = true;
      resolve({ fileName: info.filename, stream });
    });
    form.on('error', () => found || reject(new BadRequestException('the multipart body cannot be read')));
    form.on('close', () => found || reject(new BadRequestException(`the form has no "${FILE_FIELD}" field`)));
    request.pipe(form);
  });
}

/** The upload route streams its own body (see configureHttpEdge). */
export const UPLOAD_BODY = {
  path: /^\/structures\/[^/]+\/uploads\/?$/,
  types: [MULTIPART, ...RAW_UPLOAD_TYPES],
};
