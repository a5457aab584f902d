import { Logger, UnauthorizedException } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { TokenService } from '@modalflow/auth';
import { SOCKET_EVENTS, type Principal } from '@modalflow/contracts';
import { LiveDocuments, StatusStreamService, Subscriber } from '@modalflow/live-status';

interface LiveSocketData {
  principal: Principal;
  subscriber: Subscriber;
}

interface SubscribeRequest {
  document_id?: unknown;
  structure_id?: unknown;
}

/**
 * Live status over Socket.IO. Clients authenticate at the handshake with the REST bearer token
 * (`auth: { token }`, or an Authorization header), may pass `auth.last_seq` to receive what they
 * missed, and get every status change of their tenant in `status` messages (arrays of events in
 * sequence order), or, once they subscribe to documents, only those documents'.
 */
@WebSocketGateway({ cors: { origin: true } })
export class StatusGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(StatusGateway.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly stream: StatusStreamService,
    private readonly documents: LiveDocuments,
  ) {}

  afterInit(server: Server): void {
    this.stream.broadcast = (tenantId, events) =>
      server.to(tenantRoom(tenantId)).emit(SOCKET_EVENTS.STATUS, events);
    // Nest guards do not run on connect: the handshake is checked here, before any event.
    server.use((socket, next) => {
      const token = bearerToken(socket);
      if (!token)
        return next(new Error('unauthorized: no token (pass auth: { token } or an Authorization header)'));
      this.tokens
        .verify(token)
        .then((principal) => {
          (socket.data as LiveSocketData).principal = principal;
          next();
        })
        .catch((error: Error) =>
          next(
            new Error(
              `unauthorized: ${error instanceof UnauthorizedException ? error.message : 'invalid token'}`,
            ),
          ),
        );
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as LiveSocketData;
    const subscriber: Subscriber = {
      tenantId: data.principal.tenantId,
      send: (events) => socket.emit(SOCKET_EVENTS.STATUS, events),
      joinTenantBroadcast: () => void socket.join(tenantRoom(data.principal.tenantId)),
      leaveTenantBroadcast: () => void socket.leave(tenantRoom(data.principal.tenantId)),
    };
    data.subscriber = subscriber;
    const lastSeq = Number((socket.handshake.auth as { last_seq?: unknown }).last_seq ?? -1);
    const after = Number.isFinite(lastSeq) ? lastSeq : -1;
    this.stream.subscribers.add(subscriber, after);
    try {
      this.stream.subscribers.goLive(
        subscriber,
        after >= 0 ? await this.stream.replay(subscriber.tenantId, after) : [],
      );
    } catch (error) {
      this.logger.warn(
        `replay for a client of tenant ${subscriber.tenantId} failed: ${(error as Error).message}`,
      );
      this.stream.subscribers.goLive(subscriber, []);
    }
  }

  handleDisconnect(socket: Socket): void {
    const subscriber = (socket.data as Partial<LiveSocketData>).subscriber;
    if (subscriber) this.stream.subscribers.remove(subscriber);
  }

  @SubscribeMessage(SOCKET_EVENTS.SUBSCRIBE)
  async subscribe(
    @ConnectedSocket() socket: Socket,
    @MessageBody() request: SubscribeRequest,
  ): Promise<{ ok: boolean; error?: string }> {
    const { principal, subscriber } = socket.data as LiveSocketData;
    const documentId = typeof request?.document_id === 'string' ? request.document_id : '';
    const structureId = typeof request?.structure_id === 'string' ? request.structure_id : undefined;
    if (!documentId) return { ok: false, error: 'document_id is required' };
    if (!(await this.documents.owns(principal.tenantId, documentId, structureId)))
      return {
        ok: false,
        error: `no document ${documentId} for your tenant (an analysis also needs its structure_id)`,
      };
    this.stream.subscribers.subscribe(subscriber, documentId);
    return { ok: true };
  }

  @SubscribeMessage(SOCKET_EVENTS.UNSUBSCRIBE)
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() request: SubscribeRequest): { ok: boolean } {
    const { subscriber } = socket.data as LiveSocketData;
    if (typeof request?.document_id === 'string')
      this.stream.subscribers.unsubscribe(subscriber, request.document_id);
    return { ok: true };
  }
}

const tenantRoom = (tenantId: number) => `tenant:${tenantId}`;

function bearerToken(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown }).token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
