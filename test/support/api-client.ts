import { tokenFor } from './tokens';
import { waitFor } from './services';
import { type FetchJobCounts } from '@modalflow/fetch-jobs';

export interface JobView {
  id: string;
  status: string;
  last_error?: string;
  counts: FetchJobCounts;
  summary: Record<string, { count: number; min: number; max: number; mean: number; std: number }>;
}

/** A tenant's view of the REST API, as a client would use it. */
export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  static async as(baseUrl: string, tenantId: number, userId = 1): Promise<ApiClient> {
    return new ApiClient(baseUrl, await tokenFor(tenantId, userId));
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** The raw response, for what is not JSON (pictures). */
  fetchRaw(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
  }

  async get<T>(path: string): Promise<T> {
    const { status, body } = await this.request<T>('GET', path);
    if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  async createFetchJob(body: object): Promise<JobView> {
    const { status, body: job } = await this.request<JobView>('POST', '/fetch-jobs', body);
    if (status !== 202) throw new Error(`POST /fetch-jobs: ${status} ${JSON.stringify(job)}`);
    return job;
  }

  /** Waits until the job reaches DONE or ERROR. */
  waitForJobEnd(id: string, timeoutMs = 60000): Promise<JobView> {
    return waitFor(
      `fetch job ${id} to end`,
      async () => {
        const job = await this.get<JobView>(`/fetch-jobs/${id}`);
        return job.status === 'DONE' || job.status === 'ERROR' ? job : undefined;
      },
      timeoutMs,
    );
  }
}
