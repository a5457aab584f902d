import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { CORRELATION_HEADER } from '@modalflow/observability';

/** Deeper JSON than this is refused before validation (class-transformer recurses per level). */
export const MAX_JSON_DEPTH = 32;
const JSON_TYPES = ['application/json', 'application/*+json'];
const SAFE_CORRELATION_ID = /^[\w.:-]{1,128}$/;

type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * Security headers on every response (helmet): a Content-Security-Policy that runs no inline script
 * and loads nothing from another origin (the web app, Swagger UI and Socket.IO are all served from
 * here; ECharts and Swagger UI set inline styles). No HSTS or upgrade-insecure-requests: the API is
 * served over plain HTTP on loopback, TLS belongs to whatever fronts it.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
});

/**
 * What every request passes before Nest sees it, in order: security headers, a correlation id (the caller's
 * x-request-id when it is a plain token, else a new one), 415 for a body that is not JSON (but for
 * the routes that stream a body of their own types: uploads), the JSON
 * parser with its size limit (413) and charset check (415), and 400 for JSON nested too deeply.
 * Errors go to ApiExceptionFilter like any other.
 */
export function configureHttpEdge(
  app: NestExpressApplication,
  maxBodyBytes: number,
  streamedBodies: StreamedBody[] = [],
): void {
  app.use(securityHeaders);
  app.use(assignCorrelationId);
  app.use(requireJsonBody(streamedBodies));
  app.use(json({ limit: maxBodyBytes, type: JSON_TYPES }));
  app.use(limitNesting);
}

const assignCorrelationId: Middleware = (request, response, next) => {
  const given = request.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && SAFE_CORRELATION_ID.test(given) ? given : randomUUID();
  (request as Request & { id: string }).id = id;
  response.setHeader(CORRELATION_HEADER, id);
  next();
};

/**
 * A path whose route reads its body itself, as a stream (an upload): a body of these types goes on
 * unparsed (another method on the path then gets its 405 from the router, as on any path).
 */
export interface StreamedBody {
  path: RegExp;
  types: string[];
}

const requireJsonBody =
  (streamed: StreamedBody[]): Middleware =>
  (request, _response, next) => {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    const readsItself = streamed.some((route) => route.path.test(request.path) && request.is(route.types));
    if (hasBody && !readsItself && !request.is(JSON_TYPES)) {
      return next(
        new UnsupportedMediaTypeException('the request body must be JSON (Content-Type: application/json)'),
      );
    }
    next();
  };

const limitNesting: Middleware = (request, _response, next) => {
  if (nestingDepth(request.body as unknown, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return next(new BadRequestException(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`));
  }
  next();
};

/** Depth of nested arrays and objects, counted without recursion and no further than `limit + 1`. */
function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}
