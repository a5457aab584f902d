import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A local HTTP server standing in for the remote sources a fetch job pulls from. */
export class SourceServer {
  private readonly routes = new Map<string, Route>();
  readonly requests: string[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<SourceServer> {
    const server = createServer();
    const source = new SourceServer(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      source.requests.push(request.url ?? '');
      const route = source.routes.get(request.url ?? '');
      if (route) route(request, response);
      else response.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return source;
  }

  /** `127.0.0.1:<port>`: the FETCH_ALLOWED_HOSTS entry that lets the workers fetch from this server only. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Serves a body (JSON for anything not a string) at a path. */
  serve(
    path: string,
    body: unknown,
    contentType = typeof body === 'string' ? 'text/csv' : 'application/json',
  ): string {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.routes.set(path, (_request, response) =>
      response.writeHead(200, { 'content-type': contentType }).end(text),
    );
    return this.url(path);
  }

  route(path: string, route: Route): string {
    this.routes.set(path, route);
    return this.url(path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
