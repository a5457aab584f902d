import { io, type Socket } from 'socket.io-client';
import type { Schemas } from './api/client';
import { session } from './session';

export type StatusEvent = Schemas['StatusEventResponse'];
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

type EventListener = (event: StatusEvent) => void;
type StateListener = (state: LiveState, detail?: string) => void;

/**
 * The one Socket.IO connection of the app. Every open view listens to it; on a reconnect the server
 * replays what was missed since the last event seen (`auth.last_seq`), so nothing polls.
 */
class LiveStatus {
  private socket: Socket | undefined;
  private lastSeq = -1;
  private state: LiveState = 'offline';
  private readonly eventListeners = new Set<EventListener>();
  private readonly stateListeners = new Set<StateListener>();

  connect(): void {
    this.disconnect();
    this.setState('connecting');
    const socket = io({
      auth: (send) => send({ token: session.token(), last_seq: this.lastSeq }),
      transports: ['websocket'],
    });
    socket.on('connect', () => this.setState('live'));
    socket.on('disconnect', () => this.setState('reconnecting'));
    socket.on('connect_error', (error: Error) => {
      if (error.message.startsWith('unauthorized')) {
        this.disconnect();
        session.end(error.message.replace(/^unauthorized: /, ''));
      } else this.setState('reconnecting', error.message);
    });
    socket.on('status', (events: StatusEvent[]) => events.forEach((event) => this.accept(event)));
    this.socket = socket;
  }

  disconnect(): void {
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.socket = undefined;
    this.setState('offline');
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private accept(event: StatusEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    for (const listener of this.eventListeners) listener(event);
  }

  private setState(state: LiveState, detail?: string): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state, detail);
  }
}

export const live = new LiveStatus();
