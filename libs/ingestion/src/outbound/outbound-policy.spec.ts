import { OutboundPolicy, OutboundRefusedError } from './outbound-policy';

describe('OutboundPolicy', () => {
  const closed = OutboundPolicy.parse('');

  it.each([
    ['http://127.0.0.1:3001/metrics', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://10.1.2.3/', 'private'],
    ['http://192.168.0.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00::1]/', 'unique-local'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://0.0.0.0:3000/', 'unspecified'],
  ])('refuses %s, a %s address, without resolving anything', (url, range) => {
    expect(() => closed.checkUrl(new URL(url))).toThrow(
      new OutboundRefusedError(`its host is a ${range} address (allow it with FETCH_ALLOWED_HOSTS)`),
    );
  });

  it('refuses other schemes and URLs with credentials', () => {
    expect(() => closed.checkUrl(new URL('file:///etc/passwd'))).toThrow('only http and https');
    expect(() => closed.checkUrl(new URL('ftp://example.org/x'))).toThrow('only http and https');
    expect(() => closed.checkUrl(new URL('http://u:p@example.org/'))).toThrow('credentials');
  });

  it('lets public addresses and names through to the resolver', () => {
    expect(closed.checkUrl(new URL('https://93.184.215.14/'))).toEqual({ explicitlyAllowed: false });
    expect(closed.checkUrl(new URL('https://data.example.org/x'))).toEqual({ explicitlyAllowed: false });
  });

  it('allows exactly the hosts and ports FETCH_ALLOWED_HOSTS names', () => {
    const policy = OutboundPolicy.parse('127.0.0.1:8080, sensors.local, [::1]:81');
    expect(policy.checkUrl(new URL('http://127.0.0.1:8080/a'))).toEqual({ explicitlyAllowed: true });
    expect(() => policy.checkUrl(new URL('http://127.0.0.1:8081/a'))).toThrow(OutboundRefusedError);
    expect(policy.checkUrl(new URL('https://sensors.local/a'))).toEqual({ explicitlyAllowed: true });
    expect(policy.checkUrl(new URL('http://[::1]:81/'))).toEqual({ explicitlyAllowed: true });
    expect(() => policy.checkUrl(new URL('http://[::1]:82/'))).toThrow(OutboundRefusedError);
  });

  it('checks resolved addresses, keeping only those allowed', () => {
    const policy = OutboundPolicy.parse('10.20.0.0/16');
    const resolved = [
      { address: '127.0.0.1', family: 4 },
      { address: '10.20.3.4', family: 4 },
      { address: '10.21.3.4', family: 4 },
    ];
    expect(policy.allowedAddresses(resolved)).toEqual([{ address: '10.20.3.4', family: 4 }]);
    expect(() => closed.allowedAddresses(resolved)).toThrow(
      'its host resolves to a loopback address (allow it with FETCH_ALLOWED_HOSTS)',
    );
    expect(closed.allowedAddresses([{ address: '8.8.8.8' }])).toEqual([{ address: '8.8.8.8' }]);
  });

  it('refuses a malformed allow list entry', () => {
    expect(() => OutboundPolicy.parse('10.0.0.0/99')).toThrow();
  });
});
