import { MalformedMessageError } from './malformed-message.error';
import { messageValidationPipe } from './message-validation.pipe';
import { DataProcessingMessage, StartFetchMessage } from '@modalflow/fetch-jobs';

const asPayload = (metatype: new () => object) => ({ type: 'body' as const, metatype });

const resourceMessage = {
  job_id: '6b04af4c836ca085c46e9970',
  tenant_id: 7,
  round: 0,
  resource_id: 'r-1',
  index: 3,
  creation_date: '2026-11-01T00:00:00.000Z',
  data: [{ v: 1 }],
};

describe('messageValidationPipe', () => {
  it('returns an instance of the contract with the payload fields, unknown keys stripped', () => {
    const message = messageValidationPipe.transform(
      { ...resourceMessage, injected: true },
      asPayload(DataProcessingMessage),
    );
    expect(message).toBeInstanceOf(DataProcessingMessage);
    expect(message).toEqual(Object.assign(new DataProcessingMessage(), resourceMessage));
    expect(message).not.toHaveProperty('injected');
  });

  it('names every invalid field', () => {
    const validate = () =>
      messageValidationPipe.transform(
        { ...resourceMessage, job_id: 'nope', index: -1 },
        asPayload(DataProcessingMessage),
      );
    expect(validate).toThrow(MalformedMessageError);
    expect(validate).toThrow(
      /^malformed message: job_id: job_id must be a mongodb id; index: index must not be less than 0$/,
    );
  });

  it('refuses a payload that is not an object', () => {
    for (const payload of [null, 42, 'text', [resourceMessage]])
      expect(() => messageValidationPipe.transform(payload, asPayload(StartFetchMessage))).toThrow(
        /malformed message: job_id/,
      );
  });

  it('does not let a __proto__ key change the prototype', () => {
    const payload = JSON.parse(
      '{"job_id":"6b04af4c836ca085c46e9970","tenant_id":1,"user_id":1,"__proto__":{"polluted":true}}',
    ) as object;
    const message = messageValidationPipe.transform(payload, asPayload(StartFetchMessage));
    expect(Object.getPrototypeOf(message)).toBe(StartFetchMessage.prototype);
    expect(message).not.toHaveProperty('polluted');
  });
});
