/** A child of bench/status-latency: connects CLIENTS Socket.IO clients and reports what they received. */
import { io, Socket } from 'socket.io-client';

const [url, token, countText] = process.argv.slice(2);
const now = () => performance.timeOrigin + performance.now();
const latencies: number[] = [];
const received = new Set<string>();

async function main(): Promise<void> {
  const sockets: Socket[] = [];
  for (let c = 0; c < Number(countText); c++) {
    const socket = io(url, { transports: ['websocket'], auth: { token } });
    socket.on('status', (event: { document_id: string; sent_at: number }) => {
      latencies.push(now() - event.sent_at);
      received.add(`${c}:${event.document_id}`);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    sockets.push(socket);
  }
  process.send!({ ready: true });
  process.on('message', () => {
    sockets.forEach((socket) => socket.close());
    process.send!({ latencies, received: received.size }, () => process.exit(0));
  });
}

void main();
