import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

/**
 * The API's one exception filter: 4xx answers keep their message (and the fields at fault, from the
 * validation pipe); anything else is logged with the request's correlation id and answered as a
 * plain 500 that names only that id, never internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const correlationId = String(request.id ?? '');

    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      response
        .status(status)
        .json(
          typeof body === 'string' ? { statusCode: status, message: body } : { statusCode: status, ...body },
        );
      return;
    }
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    this.logger.error(
      { err: exception, correlationId, method: request.method, url: request.url },
      `unhandled error on ${request.method} ${request.url}`,
    );
    response.status(status).json({
      statusCode: status,
      message: status === 503 ? 'Service unavailable' : 'Internal server error',
      correlationId,
    });
  }
}
