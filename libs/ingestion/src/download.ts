export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
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

/** GETs a URL as text within a time limit and a size cap, streaming so a huge body is cut off early. */
export async function downloadText(url: string, limits: DownloadLimits): Promise<string> {
  let response: Response;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (error) {
    throw describeFailure(url, error, limits);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new DownloadError(`${url} answered ${response.status} ${response.statusText}`.trim(), retryable);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, limits);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
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
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new DownloadError(`${url} did not answer within ${limits.timeoutMs} ms`, true);
  }
  const cause = err.cause?.code ?? err.cause?.message ?? err.message;
  return new DownloadError(`${url} could not be fetched: ${cause}`, true);
}
