import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { RouteTable } from './route-table';
import { CORRELATION_HEADER } from '@modalflow/observability';

/** What body-parser's errors (http-errors with `expose`) mean to a caller, by their `type`. */
const PARSER_ERRORS: Record<string, string> = {
  'entity.too.large': 'the request body is larger than the limit (API_MAX_BODY_BYTES)',
  'entity.parse.failed': 'the request body is not valid JSON',
  'encoding.unsupported': 'unsupported Content-Encoding: send identity, gzip, deflate or br',
  'charset.unsupported': 'unsupported charset: send UTF-8',
  'request.aborted': 'the request was aborted before its body arrived',
  'request.size.invalid': 'the request body does not match its Content-Length',
};

interface ClientHttpError {
  status: number;
  expose: true;
  type?: string;
}

function isClientHttpError(error: unknown): error is ClientHttpError {
  const candidate = error as Partial<ClientHttpError> | null;
  return (
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

/**
 * The API's one exception filter. 4xx answers keep their message (and the fields at fault, from the
 * validation pipe); a known path asked with another method is a 405 with Allow; errors of the body
 * parser get their own status and a fixed message; anything else is logged and answered as a plain
 * 500 (503) that names only the correlation id, never internals. Every answer carries that id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(@Optional() private readonly routes?: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    request.id ??= randomUUID();
    const correlationId = String(request.id);
    if (!response.headersSent) response.setHeader(CORRELATION_HEADER, correlationId);

    // A known path whose methods exclude this one: no handler ran, the router found no route.
    const allowed =
      exception instanceof NotFoundException ? (this.routes?.allowedMethods(request.path) ?? []) : [];
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      response.setHeader('Allow', allowed.join(', '));
      return this.answer(response, HttpStatus.METHOD_NOT_ALLOWED, {
        message: `${request.method} is not allowed on this path; use ${allowed.join(', ')}`,
        correlationId,
      });
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const body = exception.getResponse();
      return this.answer(response, exception.getStatus(), {
        ...(typeof body === 'string' ? { message: body } : body),
        correlationId,
      });
    }
    if (isClientHttpError(exception)) {
      const message = PARSER_ERRORS[exception.type ?? ''] ?? 'the request could not be read';
      return this.answer(response, exception.status, { message, correlationId });
    }
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    this.logger.error(
      { err: exception, correlationId, method: request.method, url: request.url },
      `unhandled error on ${request.method} ${request.url}`,
    );
    this.answer(response, status, {
      message: status === 503 ? 'Service unavailable' : 'Internal server error',
      correlationId,
    });
  }

  private answer(response: Response, status: number, body: object): void {
    if (response.headersSent) return void response.end();
    response.status(status).json({ statusCode: status, ...body });
  }
}
