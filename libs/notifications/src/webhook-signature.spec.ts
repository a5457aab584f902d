import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = '{"id":"e1","type":"alert.opened"}';
  const now = 1_796_000_000;

  it('is the HMAC-SHA256 of "<timestamp>.<body>" under the secret, with its timestamp', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, now, body)).toBe(`t=${now},v1=${expected}`);
  });

  it('verifies the body it was made for, and nothing else', () => {
    const header = signWebhook(secret, now, body);
    expect(verifyWebhook(secret, header, body, now)).toBe(true);
    expect(verifyWebhook(secret, header, body.replace('opened', 'closed'), now)).toBe(false);
    expect(verifyWebhook('another secret', header, body, now)).toBe(false);
    expect(verifyWebhook(secret, header.replace(`t=${now}`, `t=${now + 1}`), body, now)).toBe(false);
    expect(verifyWebhook(secret, 'v1=deadbeef', body, now)).toBe(false);
  });

  it('refuses a replay older (or newer) than the tolerance', () => {
    const header = signWebhook(secret, now, body);
    expect(verifyWebhook(secret, header, body, now + 300)).toBe(true);
    expect(verifyWebhook(secret, header, body, now + 301)).toBe(false);
    expect(verifyWebhook(secret, header, body, now - 301)).toBe(false);
  });
});
