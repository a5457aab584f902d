import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi';
import { session } from '../session';

export type Schemas = components['schemas'];

/** An answer of the API that was not a success, with the message the API gave. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const authorize: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // A refused token (expired, revoked, malformed) ends the session with the API's reason.
    if (response.status === 401) void messageOf(response.clone()).then((reason) => session.end(reason));
    return response;
  },
};

/** The API, typed from its OpenAPI document (openapi-fetch; types by `npm run web:api-types`). */
export const api = createClient<paths>({ baseUrl: '' });
api.use(authorize);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; an ApiError with the API's message otherwise. */
export async function ask<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(response.status, describeError(error, response));
}

function describeError(error: unknown, response: Response): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return `the server answered ${response.status} ${response.statusText}`.trim();
}

async function messageOf(response: Response): Promise<string> {
  try {
    return describeError(await response.json(), response);
  } catch {
    return 'the server refused the token';
  }
}

/** A binary answer (a plot) as an object URL the page can show; revoke it when done. */
export async function fetchObjectUrl(path: string): Promise<string> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${session.token()}` } });
  if (!response.ok) throw new ApiError(response.status, await messageOf(response));
  return URL.createObjectURL(await response.blob());
}
