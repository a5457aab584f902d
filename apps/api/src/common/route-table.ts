import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The API's paths and their methods, read from the OpenAPI document, so that a known path asked
 * with another method answers 405 with an Allow header instead of a 404.
 */
@Injectable()
export class RouteTable {
  private routes: Array<{ pattern: RegExp; methods: string[] }> = [];

  load(document: OpenAPIObject): void {
    this.routes = Object.entries(document.paths).map(([path, item]) => {
      const methods = METHODS.filter((method) => method in item).map((method) => method.toUpperCase());
      if (methods.includes('GET')) methods.push('HEAD');
      const pattern = path
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { pattern: new RegExp(`^${pattern}/?$`), methods };
    });
  }

  /** The methods a path answers; empty when no route has this path. */
  allowedMethods(path: string): string[] {
    return this.routes.find((route) => route.pattern.test(path))?.methods ?? [];
  }
}
