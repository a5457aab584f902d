import { HealthIndicatorService } from '@nestjs/terminus';
import type { Counter, Gauge } from 'prom-client';
import { WorkProgress } from './work-progress';
import { type WorkerConfig } from '@modalflow/config';
import { HealthRegistry } from '@modalflow/observability';

describe('WorkProgress', () => {
  let registry: HealthRegistry;
  let progress: WorkProgress;
  let inHand: number;
  let settled: Record<string, number>;

  const check = async () => {
    const [indicator] = registry.all();
    return indicator() as Promise<Record<string, { status: string; message?: string; in_hand: number }>>;
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    registry = new HealthRegistry();
    settled = {};
    progress = new WorkProgress(
      registry,
      new HealthIndicatorService(),
      { stallTimeoutMs: 60_000 } as WorkerConfig,
      {
        inc: ({ queue, outcome }: { queue: string; outcome: string }) => {
          settled[`${queue}:${outcome}`] = (settled[`${queue}:${outcome}`] ?? 0) + 1;
        },
      } as unknown as Counter<string>,
      { set: (value: number) => (inHand = value) } as unknown as Gauge<string>,
      { set: () => undefined } as unknown as Gauge<string>,
    );
    progress.onModuleInit();
  });

  afterEach(() => jest.useRealTimers());

  it('is healthy while idle, however long', async () => {
    jest.advanceTimersByTime(3_600_000);
    expect((await check()).work.status).toBe('up');
  });

  it('reports a stall, with its reason, when it holds messages and neither settles nor progresses', async () => {
    jest.advanceTimersByTime(3_600_000); // idle first: the stall clock starts with the work
    progress.delivered();
    progress.delivered();
    jest.advanceTimersByTime(59_000);
    expect((await check()).work.status).toBe('up');
    jest.advanceTimersByTime(2_000);
    const stalled = (await check()).work;
    expect(stalled.status).toBe('down');
    expect(stalled.message).toBe('no progress for 61 s while holding 2 message(s) (WORK_STALL_TIMEOUT 60 s)');
    expect(inHand).toBe(2);
  });

  it('settling a message or a heartbeat is progress', async () => {
    progress.delivered();
    progress.delivered();
    jest.advanceTimersByTime(50_000);
    progress.settled('jobs', 'ack');
    jest.advanceTimersByTime(50_000);
    progress.progressed();
    jest.advanceTimersByTime(50_000);
    expect((await check()).work).toMatchObject({ status: 'up', in_hand: 1 });
    expect(settled).toEqual({ 'jobs:ack': 1 });
    progress.settled('jobs', 'retry');
    jest.advanceTimersByTime(3_600_000);
    expect((await check()).work).toMatchObject({ status: 'up', in_hand: 0 });
  });
});
