import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DownloadError, downloadText, MAX_REDIRECTS } from './download';

/** Real local HTTP servers: the loopback addresses the policy must keep a download away from. */
async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('downloadText', () => {
  let secret: { server: Server; port: number };
  let source: { server: Server; port: number };
  const limits = (allowedHosts: string) => ({ timeoutMs: 5000, maxBytes: 1024, allowedHosts });

  beforeAll(async () => {
    secret = await listen((_request, response) => response.end('# HELP internal_metric secret'));
    source = await listen((request, response) => {
      const url = request.url ?? '';
      if (url === '/data.csv') return response.end('a,b\n1,2\n');
      if (url === '/to-secret')
        return response.writeHead(302, { location: `http://127.0.0.1:${secret.port}/` }).end();
      if (url === '/to-localhost')
        return response.writeHead(307, { location: `http://localhost:${secret.port}/` }).end();
      if (url.startsWith('/loop/')) {
        const n = Number(url.slice('/loop/'.length));
        return response.writeHead(302, { location: n === 0 ? '/data.csv' : `/loop/${n - 1}` }).end();
      }
      if (url === '/error') return response.writeHead(500).end('stack trace with /srv/secret/path');
      if (url === '/big') return response.end('x'.repeat(5000));
      response.writeHead(404).end();
    });
  });

  afterAll(() => {
    secret.server.close();
    source.server.close();
  });

  const failure = (url: string, allowedHosts = `127.0.0.1:${source.port}`) =>
    downloadText(url, limits(allowedHosts)).then(
      () => {
        throw new Error('the download should have failed');
      },
      (error: unknown) => error as DownloadError,
    );

  it('fetches from a host FETCH_ALLOWED_HOSTS names', async () => {
    await expect(
      downloadText(`http://127.0.0.1:${source.port}/data.csv`, limits(`127.0.0.1:${source.port}`)),
    ).resolves.toBe('a,b\n1,2\n');
  });

  it('refuses loopback by default, by address and by name, without connecting', async () => {
    const byAddress = await failure(`http://127.0.0.1:${secret.port}/metrics`, '');
    expect(byAddress).toBeInstanceOf(DownloadError);
    expect(byAddress.retryable).toBe(false);
    expect(byAddress.message).toBe(
      `http://127.0.0.1:${secret.port}/metrics is refused: its host is a loopback address (allow it with FETCH_ALLOWED_HOSTS)`,
    );
    const byName = await failure(`http://localhost:${secret.port}/`, '');
    expect(byName.message).toBe(
      `http://localhost:${secret.port}/ is refused: its host resolves to a loopback address (allow it with FETCH_ALLOWED_HOSTS)`,
    );
  });

  it('checks every redirect hop', async () => {
    const toAddress = await failure(`http://127.0.0.1:${source.port}/to-secret`);
    expect(toAddress.message).toBe(
      `http://127.0.0.1:${secret.port}/ is refused: its host is a loopback address (allow it with FETCH_ALLOWED_HOSTS)`,
    );
    const toName = await failure(`http://127.0.0.1:${source.port}/to-localhost`);
    expect(toName.message).toContain('resolves to a loopback address');
    expect(toName.message).not.toContain('secret');
  });

  it(`follows at most ${MAX_REDIRECTS} redirects`, async () => {
    const base = `http://127.0.0.1:${source.port}`;
    await expect(
      downloadText(`${base}/loop/${MAX_REDIRECTS - 1}`, limits(`127.0.0.1:${source.port}`)),
    ).resolves.toBe('a,b\n1,2\n');
    const tooMany = await failure(`${base}/loop/${MAX_REDIRECTS}`);
    expect(tooMany.message).toBe(`${base}/loop/${MAX_REDIRECTS} redirected more than ${MAX_REDIRECTS} times`);
  });

  it('names the status, never the body, of a failed answer', async () => {
    const error = await failure(`http://127.0.0.1:${source.port}/error`);
    expect(error.message).toBe(`http://127.0.0.1:${source.port}/error answered 500`);
    expect(error.retryable).toBe(true);
  });

  it('cuts off a body over the size limit', async () => {
    const error = await failure(`http://127.0.0.1:${source.port}/big`);
    expect(error.message).toBe(`http://127.0.0.1:${source.port}/big is larger than the limit of 1024 bytes`);
  });

  it('refuses cloud metadata and non-http schemes', async () => {
    expect((await failure('http://169.254.169.254/latest/meta-data/', '')).message).toContain('link-local');
    expect((await failure('file:///etc/passwd', '')).message).toBe(
      'file:///etc/passwd is refused: only http and https URLs are fetched',
    );
  });
});
