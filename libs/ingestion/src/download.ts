import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { Agent, fetch, Response } from 'undici';
import { OutboundPolicy, OutboundRefusedError } from './outbound/outbound-policy';

export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
  /** FETCH_ALLOWED_HOSTS: hosts and networks that may be fetched although not public. */
  allowedHosts: string;
}

/** A download that failed for a reason a person can act on; `retryable` when trying again may help. */
export class DownloadError extends Error {
  override name = 'DownloadError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Outbound {
  policy: OutboundPolicy;
  /** Connects only to the checked addresses of a host (resolved once per connection: no DNS rebinding). */
  checked: Agent;
  /** For hosts that FETCH_ALLOWED_HOSTS names. */
  trusted: Agent;
}

const outbounds = new Map<string, Outbound>();

function outboundFor(allowedHosts: string): Outbound {
  let outbound = outbounds.get(allowedHosts);
  if (!outbound) {
    const policy = OutboundPolicy.parse(allowedHosts);
    const lookup = (
      hostname: string,
      options: LookupOptions,
      callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) =>
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, []);
        let allowed: LookupAddress[];
        try {
          allowed = policy.allowedAddresses(addresses);
        } catch (refusal) {
          return callback(refusal as Error, []);
        }
        if (options.all) callback(null, allowed);
        else callback(null, allowed[0].address, allowed[0].family);
      });
    outbound = { policy, checked: new Agent({ connect: { lookup } }), trusted: new Agent() };
    outbounds.set(allowedHosts, outbound);
  }
  return outbound;
}

/**
 * GETs a URL as text within a time limit and a size cap, streaming so a huge body is cut off early.
 * Every hop (at most MAX_REDIRECTS redirects) passes the outbound policy; the reason of a failure
 * names the URL, the status or the rule, never what the server sent.
 */
export async function downloadText(url: string, limits: DownloadLimits): Promise<string> {
  const outbound = outboundFor(limits.allowedHosts);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await request(current, outbound, signal, limits);
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return readBody(current, response, limits);
    await response.body?.cancel().catch(() => undefined);
    if (hop === MAX_REDIRECTS) {
      throw new DownloadError(`${url} redirected more than ${MAX_REDIRECTS} times`, false);
    }
    current = new URL(location, current).href;
  }
}

/** What an outbound POST of a JSON body answered: its status (the body is never read). */
export interface PostOutcome {
  status: number;
}

/**
 * POSTs a JSON body under the same outbound policy as downloads (webhooks): no redirect followed
 * (a 3xx is an answer like any other), the response body discarded unread; a refusal, a timeout or a
 * connection failure is a DownloadError naming the URL and the reason, never what a server sent.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  limits: Omit<DownloadLimits, 'maxBytes'>,
): Promise<PostOutcome> {
  const outbound = outboundFor(limits.allowedHosts);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const response = await request(
    url,
    outbound,
    signal,
    { ...limits, maxBytes: 0 },
    {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    },
  );
  await response.body?.cancel().catch(() => undefined);
  return { status: response.status };
}

async function request(
  url: string,
  outbound: Outbound,
  signal: AbortSignal,
  limits: DownloadLimits,
  init: { method: 'POST'; body: string; headers: Record<string, string> } | { method?: 'GET' } = {},
) {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new DownloadError(`${url} is not a valid URL`, false);
  }
  try {
    const { explicitlyAllowed } = outbound.policy.checkUrl(target);
    return await fetch(target, {
      ...init,
      signal,
      redirect: 'manual',
      dispatcher: explicitlyAllowed ? outbound.trusted : outbound.checked,
    });
  } catch (error) {
    throw describeFailure(url, error, limits);
  }
}

async function readBody(url: string, response: Response, limits: DownloadLimits): Promise<string> {
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new DownloadError(`${url} answered ${response.status}`, retryable);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, limits);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) throw tooLarge(url, limits);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof DownloadError) {
      await response.body?.cancel().catch(() => undefined);
      throw error;
    }
    throw describeFailure(url, error, limits);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(url: string, limits: DownloadLimits): DownloadError {
  return new DownloadError(`${url} is larger than the limit of ${limits.maxBytes} bytes`, false);
}

function describeFailure(url: string, error: unknown, limits: DownloadLimits): DownloadError {
  const err = error as Error & { cause?: Error & { code?: string } };
  const refusal = [err, err.cause].find((e) => e instanceof OutboundRefusedError);
  if (refusal) return new DownloadError(`${url} is refused: ${refusal.message}`, false);
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new DownloadError(`${url} did not answer within ${limits.timeoutMs} ms`, true);
  }
  // Only an error code (ECONNREFUSED, ENOTFOUND, ...): the messages around it name internal addresses.
  const code = err.cause?.code ?? (err as { code?: string }).code;
  return new DownloadError(`${url} could not be fetched${code ? `: ${code}` : ''}`, true);
}
