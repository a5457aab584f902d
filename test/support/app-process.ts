import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';

export type AppName = 'api' | 'fetch-worker' | 'processing-worker' | 'oma-worker';

const PORT_VARIABLE: Record<AppName, string> = {
  api: 'API_PORT',
  'fetch-worker': 'FETCH_WORKER_PORT',
  'processing-worker': 'PROCESSING_WORKER_PORT',
  'oma-worker': 'OMA_WORKER_PORT',
};

/**
 * The workers' larger young generation (docs/ingestion.md, "Throughput"); the API, which holds no
 * in-flight messages, keeps V8's defaults (its memory then stays close to what it uses).
 */
const WORKER_NODE_OPTIONS = '--max-semi-space-size=64';

/** A port nobody listens on now (the OS picks it), so suites never find another suite's app. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const running = new Set<AppProcess>();

/** A real app process (node dist/apps/<name>/main.js) started for a test. */
export class AppProcess {
  readonly output: string[] = [];
  private exited?: Promise<number | null>;

  private constructor(
    readonly name: AppName,
    readonly port: number,
    readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = once(child, 'exit').then(([code]) => {
      running.delete(this);
      this.show();
      return code as number | null;
    });
    running.add(this);
  }

  /** Stops every app a suite started, whether or not its start-up succeeded. */
  static async stopAll(): Promise<void> {
    await Promise.all([...running].map((app) => app.stop()));
  }

  /** With E2E_SHOW_LOGS=1, an app's output is printed when it stops (for debugging a suite). */
  private show(): void {
    if (process.env.E2E_SHOW_LOGS)
      process.stdout.write(`----- ${this.name} (${this.port})\n${this.output.join('')}\n`);
  }

  static async spawn(name: AppName, env: Record<string, string> = {}): Promise<AppProcess> {
    const port = await freePort();
    // APP_NODE_ARGS: Node options for the apps that NODE_OPTIONS refuses (e.g. --cpu-prof).
    const nodeArgs = process.env.APP_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(__dirname, '../../dist/apps', name, 'main.js')],
      {
        env: {
          // Node options of the apps, as docker-compose.yml and scripts/start.sh set them.
          ...(name === 'api' ? {} : { NODE_OPTIONS: WORKER_NODE_OPTIONS }),
          ...process.env,
          LOG_LEVEL: 'warn',
          STARTUP_TIMEOUT: '30',
          [PORT_VARIABLE[name]]: String(port),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new AppProcess(name, port, child);
  }

  /** Starts the app and waits until /health answers 200. */
  static async start(name: AppName, env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await AppProcess.spawn(name, env);
    await app.waitHealthy();
    return app;
  }

  /** The whole pipeline: the API, one fetch and one processing worker, `omaWorkers` OMA workers; resolves with the API. */
  static async startPipeline(env: Record<string, string>, omaWorkers = 1): Promise<AppProcess> {
    const [api] = await Promise.all([
      AppProcess.start('api', env),
      AppProcess.start('fetch-worker', env),
      AppProcess.start('processing-worker', env),
      ...Array.from({ length: omaWorkers }, () => AppProcess.start('oma-worker', env)),
    ]);
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(3000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async waitHealthy(timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.output.join('')}`);
      }
      try {
        if ((await this.health()).status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${this.name} not healthy within ${timeoutMs} ms:\n${this.output.join('')}`);
  }

  /** Resolves with the exit code. */
  waitExit(): Promise<number | null> {
    return this.exited!;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.waitExit();
  }
}
