import { io, Socket } from 'socket.io-client';
import { waitFor } from './services';
import { SOCKET_EVENTS, type SequencedStatusEvent } from '@modalflow/contracts';

/** A Socket.IO client of the API's live status, collecting the events it receives. */
export class LiveClient {
  readonly events: SequencedStatusEvent[] = [];

  private constructor(readonly socket: Socket) {
    socket.on(SOCKET_EVENTS.STATUS, (events: SequencedStatusEvent[]) => this.events.push(...events));
  }

  /** Connects and resolves once connected; rejects with the server's reason when refused. */
  static connect(url: string, token: string | undefined, lastSeq?: number): Promise<LiveClient> {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      auth: {
        ...(token === undefined ? {} : { token }),
        ...(lastSeq === undefined ? {} : { last_seq: lastSeq }),
      },
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new LiveClient(socket)));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  eventsOf(documentId: string): SequencedStatusEvent[] {
    return this.events.filter((event) => event.document_id === documentId);
  }

  statusesOf(documentId: string): string[] {
    return this.eventsOf(documentId).map((event) => event.status);
  }

  waitForStatus(documentId: string, status: string, timeoutMs = 60000): Promise<SequencedStatusEvent> {
    return waitFor(
      `live status ${status} of ${documentId}`,
      async () => this.eventsOf(documentId).find((event) => event.status === status),
      timeoutMs,
    );
  }

  request(event: string, body: object): Promise<{ ok: boolean; error?: string }> {
    return this.socket.timeout(5000).emitWithAck(event, body) as Promise<{ ok: boolean; error?: string }>;
  }

  close(): void {
    this.socket.close();
  }
}
