import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const SERVICE_PIDS = join(__dirname, '../.services/run');

/** CPU seconds (user + system) a process has used so far, or 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at state: utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The local services' processes started by scripts/services.sh, by name. */
export function servicePids(): Record<string, number> {
  const pids: Record<string, number> = {};
  for (const name of ['rabbitmq', 'ferretdb', 'kafka']) {
    const file = join(SERVICE_PIDS, `${name}.pid`);
    if (existsSync(file)) pids[name] = Number(readFileSync(file, 'utf8').trim());
  }
  return pids;
}

/** Starts measuring the CPU of named processes; the returned function gives the seconds each used since. */
export function measureCpu(pids: Record<string, number>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return () =>
    Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - before[name]]));
}

/** "name 123 µs, ..." per unit of work, largest first, and the total. */
export function formatCpuPerItem(used: Record<string, number>, items: number): string {
  const entries = Object.entries(used).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, seconds]) => sum + seconds, 0);
  const micros = (seconds: number) => ((seconds / items) * 1e6).toFixed(0);
  return `${entries.map(([name, seconds]) => `${name} ${micros(seconds)}`).join(', ')}; total ${micros(total)} µs`;
}
