import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_ROUTE = 'modalflow:public-route';
/** OpenAPI extension on public operations; the API's document setup turns it into `security: []`. */
export const PUBLIC_OPERATION_EXTENSION = 'x-public';

/** Marks a route that needs no bearer token (health, metrics, docs, the live page). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
