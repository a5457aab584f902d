import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './app-process';

const ROOT = join(__dirname, '..', '..');

/**
 * A FerretDB of one test's own (the project's build, scripts/services.sh), on free ports with its own
 * data, which the test may kill -9 and start again: faults are injected into it, never into the
 * shared local services that a running `npm start` also uses.
 */
export class PrivateFerretDb {
  private process?: ChildProcess;

  private constructor(
    private readonly binary: string,
    private readonly dir: string,
    readonly port: number,
    private readonly debugPort: number,
  ) {}

  static async start(): Promise<PrivateFerretDb> {
    const binary = execFileSync('bash', [join(ROOT, 'scripts/services.sh'), 'ferretdb-bin'], {
      encoding: 'utf8',
    }).trim();
    const db = new PrivateFerretDb(
      binary,
      mkdtempSync(join(tmpdir(), 'modalflow-ferretdb-')),
      await freePort(),
      await freePort(),
    );
    await db.restart();
    return db;
  }

  /** Starts it again on the same port and data (after kill). */
  async restart(): Promise<void> {
    this.process = spawn(
      this.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${this.dir}/`,
        `--state-dir=${this.dir}`,
        `--listen-addr=127.0.0.1:${this.port}`,
        `--debug-addr=127.0.0.1:${this.debugPort}`,
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 15_000;
    while (!(await listening(this.port))) {
      if (Date.now() > deadline) throw new Error(`private FerretDB did not listen on ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** kill -9, and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
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
