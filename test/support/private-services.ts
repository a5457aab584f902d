import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from './app-process';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

export type ServiceName = 'rabbitmq' | 'ferretdb' | 'kafka' | 's3';

/**
 * Services of one suite's own, started by the project's scripts/services.sh on free ports with a
 * services dir of their own, which the suite may kill -9 and start again: faults are injected into
 * them, never into the shared local services that a running `npm start` also uses.
 */
export class PrivateServices {
  private constructor(
    private readonly dir: string,
    private readonly ports: Record<string, string>,
  ) {}

  static async start(...names: ServiceName[]): Promise<PrivateServices> {
    const ports: Record<string, string> = {};
    for (const name of [
      'MONGODB_PORT',
      'FERRETDB_DEBUG_PORT',
      'RABBITMQ_PORT',
      'RABBITMQ_MANAGEMENT_PORT',
      'RABBITMQ_DIST_PORT',
      'KAFKA_PORT',
      'KAFKA_CONTROLLER_PORT',
      'S3_PORT',
    ])
      ports[name] = String(await freePort());
    const services = new PrivateServices(mkdtempSync(join(tmpdir(), 'modalflow-services-')), ports);
    await services.up(...names);
    return services;
  }

  /** What an app needs to use these services (and the shared ones for the rest). */
  appEnv(...names: ServiceName[]): Record<string, string> {
    const env: Record<string, string> = {};
    if (names.includes('ferretdb')) env.MONGODB_PORT = this.ports.MONGODB_PORT;
    if (names.includes('rabbitmq'))
      Object.assign(env, { RABBITMQ_PORT: this.ports.RABBITMQ_PORT, RABBITMQ_VHOST: '/' });
    if (names.includes('kafka')) env.KAFKA_BROKER = `127.0.0.1:${this.ports.KAFKA_PORT}`;
    if (names.includes('s3')) env.S3_ENDPOINT = `http://127.0.0.1:${this.ports.S3_PORT}`;
    return env;
  }

  /** The management API of the private RabbitMQ. */
  get rabbitManagementUrl(): string {
    return `http://127.0.0.1:${this.ports.RABBITMQ_MANAGEMENT_PORT}/api`;
  }

  /** Starts them (again, on the same ports and data after kill). */
  async up(...names: ServiceName[]): Promise<void> {
    await run('bash', [join(ROOT, 'scripts/services.sh'), 'up', ...names], {
      env: { ...process.env, ...this.ports, MODALFLOW_SERVICES_DIR: this.dir },
    });
  }

  /** kill -9, and waits until it no longer listens. */
  async kill(name: ServiceName): Promise<void> {
    const pid = Number(readFileSync(join(this.dir, 'run', `${name}.pid`), 'utf8'));
    process.kill(pid, 'SIGKILL');
    const port = { rabbitmq: 'RABBITMQ_PORT', ferretdb: 'MONGODB_PORT', kafka: 'KAFKA_PORT', s3: 'S3_PORT' }[
      name
    ];
    while (await listening(Number(this.ports[port]))) await sleep(100);
  }

  async stop(): Promise<void> {
    await run('bash', [join(ROOT, 'scripts/services.sh'), 'down', 'rabbitmq', 'ferretdb', 'kafka', 's3'], {
      env: { ...process.env, ...this.ports, MODALFLOW_SERVICES_DIR: this.dir },
    }).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
