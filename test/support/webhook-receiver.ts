import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it was answered with. */
  answered: number;
}

/** A local webhook receiver: records every request, answers each with the next planned status (200 when none). */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private readonly planned: number[] = [];
  private always?: number;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answered = receiver.planned.shift() ?? receiver.always ?? 200;
        receiver.received.push({
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          answered,
        });
        response.writeHead(answered).end('receiver says: internal detail that must not be echoed');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `127.0.0.1:<port>`: the FETCH_ALLOWED_HOSTS entry that lets webhooks reach this receiver. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `http://${this.host}${path}`;
  }

  /** The next requests get these statuses, in order. */
  answerNext(...statuses: number[]): void {
    this.planned.push(...statuses);
  }

  /** Every request gets this status from now on (undefined: 200 again). */
  answerAlways(status: number | undefined): void {
    this.always = status;
  }

  /** The bodies received of an event type, parsed. */
  events(type: string): Array<{ id: string; type: string; data: Record<string, unknown> }> {
    return this.received
      .filter((hook) => hook.answered < 300)
      .map((hook) => JSON.parse(hook.body) as { id: string; type: string; data: Record<string, unknown> })
      .filter((body) => body.type === type);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
