import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_ROUTE = 'modalflow:public-route';

/** Marks a route that needs no bearer token (health, metrics, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);
