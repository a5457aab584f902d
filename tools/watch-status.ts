/** Prints every status change on KAFKA_TOPIC_OUTPUT as it happens (npm run watch-status). */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

async function main(): Promise<void> {
  const topic = process.env.KAFKA_TOPIC_OUTPUT ?? 'output';
  const kafka = new Kafka({
    brokers: (process.env.KAFKA_BROKER ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `watch-status-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  console.error(`watching ${topic} (Ctrl-C to stop)`);
  await consumer.run({ eachMessage: async ({ message }) => void console.log(message.value?.toString()) });
  process.once('SIGINT', () => void consumer.disconnect().then(() => process.exit(0)));
}

void main();
