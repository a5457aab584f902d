import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { waitFor } from './services';
import { type StatusEvent } from '@modalflow/contracts';

/** Collects every message of a Kafka topic from the moment it has joined its own consumer group. */
export class KafkaListener {
  readonly events: StatusEvent[] = [];
  private readonly arrivals = new WeakMap<StatusEvent, number>();
  private constructor(private readonly consumer: Consumer) {}

  static async listen(topic = process.env.KAFKA_TOPIC_OUTPUT ?? 'output'): Promise<KafkaListener> {
    const kafka = new Kafka({
      brokers: [process.env.KAFKA_BROKER ?? '127.0.0.1:9092'],
      logLevel: logLevel.NOTHING,
    });
    // On a fresh broker no app may have created the topic yet: create it as the apps would.
    const admin = kafka.admin();
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) {
      await admin
        .createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] })
        .catch(() => undefined);
    }
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: `e2e-${randomUUID()}` });
    const listener = new KafkaListener(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as StatusEvent;
        listener.arrivals.set(event, performance.now());
        listener.events.push(event);
      },
    });
    await waitFor('the Kafka consumer to join its group', async () => joined);
    return listener;
  }

  /** Sends raw messages to a topic, as another producer would. */
  static async send(topic: string, values: string[]): Promise<void> {
    const kafka = new Kafka({
      brokers: [process.env.KAFKA_BROKER ?? '127.0.0.1:9092'],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: values.map((value) => ({ value })) });
    await producer.disconnect();
  }

  eventsOf(documentId: string): StatusEvent[] {
    return this.events.filter((event) => event.document_id === documentId);
  }

  waitForEvent(documentId: string, status: string, timeoutMs = 20000): Promise<StatusEvent> {
    return waitFor(
      `status ${status} of ${documentId}`,
      async () => this.eventsOf(documentId).find((event) => event.status === status),
      timeoutMs,
    );
  }

  /** When an event reached this listener (performance.now()), not when a waitFor noticed it. */
  receivedAt(event: StatusEvent): number {
    return this.arrivals.get(event)!;
  }

  close(): Promise<void> {
    return this.consumer.disconnect();
  }
}
