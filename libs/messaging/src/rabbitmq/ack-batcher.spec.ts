import type { ConsumeMessage } from 'amqplib';
import { AckBatcher } from './ack-batcher';

function delivery(tag: number): ConsumeMessage {
  return { content: Buffer.from('{}'), fields: { deliveryTag: tag }, properties: {} } as ConsumeMessage;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('AckBatcher', () => {
  let sent: Array<[tag: number, allUpTo: boolean]>;
  let acks: AckBatcher;

  beforeEach(() => {
    sent = [];
    acks = new AckBatcher((message, allUpTo) => sent.push([message.fields.deliveryTag, allUpTo]));
  });

  function deliver(...tags: number[]): ConsumeMessage[] {
    return tags.map((tag) => {
      const message = delivery(tag);
      acks.delivered(message);
      return message;
    });
  }

  it('acks the messages finished in one turn from the oldest on with one multiple ack', async () => {
    const messages = deliver(1, 2, 3, 4);
    for (const message of [messages[2], messages[0], messages[1]]) acks.ack(message);
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual([[3, true]]);
    acks.ack(messages[3]);
    await nextTurn();
    expect(sent).toEqual([
      [3, true],
      [4, true],
    ]);
  });

  it('acks messages finished after a gap one by one, so an unfinished one holds back no other', async () => {
    const messages = deliver(1, 2, 3, 4, 5);
    for (const message of [messages[0], messages[1], messages[3], messages[4]]) acks.ack(message);
    await nextTurn();
    expect(sent).toEqual([
      [2, true],
      [4, false],
      [5, false],
    ]);
    acks.ack(messages[2]);
    await nextTurn();
    expect(sent.at(-1)).toEqual([3, true]);
  });

  it('sends what was asked for at once on flush (before its channel closes)', () => {
    const [first] = deliver(1, 2);
    acks.ack(first);
    acks.flush();
    expect(sent).toEqual([[1, true]]);
  });

  it('never acks a message of a channel that closed since on the new one', async () => {
    const old = deliver(1, 2, 3);
    const fresh = deliver(1, 2); // a reconnect: tags start again
    acks.ack(old[0]);
    acks.ack(old[2]);
    await nextTurn();
    expect(sent).toEqual([]);
    acks.ack(fresh[0]);
    await nextTurn();
    expect(sent).toEqual([[1, true]]);
  });
});
