/** A child of bench/status-latency: connects CLIENTS Socket.IO clients and reports what they received. */
import { io, Socket } from 'socket.io-client';
import { SOCKET_EVENTS, type SequencedStatusEvent } from '@modalflow/contracts';

type BenchEvent = SequencedStatusEvent & { sent_at: number };

const [url, token, countText, totalText] = process.argv.slice(2);
const now = () => performance.timeOrigin + performance.now();
const clients = Number(countText);
const total = Number(totalText);
// Preallocated, so the bookkeeping of 100 clients x 30,000 events adds no garbage-collection pauses
// to the latencies it measures.
const latencies = new Float64Array(clients * total);
let deliveries = 0;
/** seen[c * total + i]: client c received event doc-i (duplicates are not counted twice). */
const seen = new Uint8Array(clients * total);
let received = 0;

async function main(): Promise<void> {
  const sockets: Socket[] = [];
  for (let c = 0; c < clients; c++) {
    const socket = io(url, { transports: ['websocket'], auth: { token } });
    socket.on(SOCKET_EVENTS.STATUS, (events: BenchEvent[]) => {
      const at = now();
      for (const event of events) {
        const slot = c * total + Number(event.document_id.slice(4));
        if (deliveries < latencies.length) latencies[deliveries++] = at - event.sent_at;
        if (!seen[slot]) {
          seen[slot] = 1;
          received++;
        }
      }
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
    process.send!({ latencies: Array.from(latencies.subarray(0, deliveries)), received }, () =>
      process.exit(0),
    );
  });
}

void main();
