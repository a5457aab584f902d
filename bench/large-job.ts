/**
 * bench/large-job: listing one page of a very large fetch job's resources, per status filter.
 *
 *   npm run bench:large-job     (BENCH_ENTRIES, default 1000000; BENCH_REQUESTS per case, default 20)
 *
 * The job is written straight into a database of its own, as the fetch and processing workers store
 * it (index pages, the INVALID pages, the census, ledger pages and round summaries of the settled
 * resources, the job PROCESSING): the pipeline itself is measured by bench/pipeline. One entry in
 * 100 is INVALID, the last tenth of the index is still QUEUED, one settled resource in 50 FAILED. Then one API serves listings at offsets 0, the middle and the end,
 * limits 20 and 1000. Prints p50 and p99 per filter and the API's RSS before and after (its peak,
 * VmHWM), the growth from an API warmed up by 1,500 ordinary requests. Targets: p99 < 200 ms, RSS
 * growth < 50 MB.
 */
import { readFileSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { ApiClient } from '../test/support/api-client';
import { AppProcess } from '../test/support/app-process';
import { runIsolated } from '../test/support/isolated-run';
import { isolatedDatabase } from '../test/support/services';
import {
  pageSummaryText,
  tallyText,
  INDEX_PAGE_SIZE,
  indexPageOf,
  IndexEntry,
  indexPageDocument,
  indexPageId,
  invalidIndexPageId,
  ledgerPageId,
  ledgerRecordsId,
  ledgerRoundId,
  pageSlot,
  resourceSlot,
  summariseTallies,
} from '@modalflow/fetch-jobs';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
const WARM_UP_REQUESTS = 1500;
const TENANT = 77;
const JOB_ID = '6b100000000000000000abcd';
const FILTERS = ['(none)', 'QUEUED', 'INVALID', 'DONE', 'FAILED'] as const;

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The driver's collections are typed by ObjectId `_id`s; the index's are strings. */
const stored = (document: object) => document as never;

async function seed(
  database: string,
): Promise<{ valid: number; invalid: number; failed: number; queued: number }> {
  const client = await MongoClient.connect(`mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}/`);
  const db = client.db(database);
  const created = new Date();
  const settledBelow = Math.floor(ENTRIES * 0.9);
  let invalid = 0;
  let failed = 0;
  let queued = 0;
  const invalidEntries: IndexEntry[] = [];
  const census: number[] = [];
  const round = { counts: {} as Record<string, string>, fields: {} as Record<string, string> };
  for (let start = 0; start < ENTRIES; start += INDEX_PAGE_SIZE) {
    const page = indexPageOf(start);
    const entries: IndexEntry[] = [];
    const records = { DONE: {} as Record<string, string>, FAILED: {} as Record<string, string> };
    const tallies: Record<string, string> = {};
    for (let index = start; index < Math.min(start + INDEX_PAGE_SIZE, ENTRIES); index++) {
      const id = `${JOB_ID}:r-${index}`;
      if (index % 100 === 99) {
        const entry: IndexEntry = {
          id,
          resource_id: `r-${index}`,
          index,
          status: 'INVALID',
          reason: 'missing creation_date',
        };
        entries.push(entry);
        invalidEntries.push(entry);
        invalid++;
        continue;
      }
      entries.push({
        id,
        resource_id: `r-${index}`,
        index,
        status: 'QUEUED',
        creation_date: created,
        data: [{ v: index }],
      });
      if (index >= settledBelow) {
        queued++;
        continue;
      }
      const status = (index - invalid) % 50 === 49 ? 'FAILED' : 'DONE';
      if (status === 'FAILED') failed++;
      const fields =
        status === 'DONE'
          ? [{ field: 'v', count: 1, sum: index, sum_sq: index * index, min: index, max: index }]
          : [];
      records[status][resourceSlot(index)] = JSON.stringify({
        resource_id: `r-${index}`,
        attempts: 1,
        fields,
        processed_by: 'bench',
        processed_at: created.getTime(),
      });
      tallies[resourceSlot(index)] = tallyText.encode({ status, attempts: 1, fields });
    }
    census.push(entries.filter((entry) => entry.status === 'QUEUED').length);
    await db
      .collection('fetch_index_pages')
      .insertOne(
        stored(indexPageDocument(TENANT, JOB_ID, indexPageId(JOB_ID, page), page, entries, created)),
      );
    if (Object.keys(tallies).length > 0) {
      await db.collection('fetch_ledger_pages').insertOne(
        stored({
          _id: ledgerPageId(JOB_ID, 0, page),
          tenant_id: TENANT,
          job_id: JOB_ID,
          round: 0,
          page,
          tallies,
        }),
      );
      for (const status of ['DONE', 'FAILED'] as const)
        if (Object.keys(records[status]).length > 0)
          await db.collection('fetch_ledger_records').insertOne(
            stored({
              _id: ledgerRecordsId(JOB_ID, 0, page, status),
              tenant_id: TENANT,
              job_id: JOB_ID,
              records: records[status],
            }),
          );
      const summary = pageSummaryText.encode(summariseTallies(tallies));
      round.counts[pageSlot(page)] = summary.counts;
      round.fields[pageSlot(page)] = summary.fields;
    }
    if (page % 200 === 199) process.stderr.write(`[large-job] stored ${start + INDEX_PAGE_SIZE} entries\n`);
  }
  await db.collection('fetch_ledger_rounds').insertOne(
    stored({
      _id: ledgerRoundId(JOB_ID, 0),
      tenant_id: TENANT,
      job_id: JOB_ID,
      round: 0,
      ...round,
      census: JSON.stringify(census),
    }),
  );
  for (let start = 0; start < invalidEntries.length; start += INDEX_PAGE_SIZE) {
    const entries = invalidEntries.slice(start, start + INDEX_PAGE_SIZE);
    const page = indexPageOf(start);
    await db
      .collection('fetch_index_pages')
      .insertOne(
        stored(indexPageDocument(TENANT, JOB_ID, invalidIndexPageId(JOB_ID, page), page, entries, created)),
      );
  }
  const valid = ENTRIES - invalid;
  await db.collection('fetch_jobs').insertOne({
    _id: new (await import('mongodb')).ObjectId(JOB_ID),
    tenant_id: TENANT,
    user_id: 1,
    source_url: 'https://bench.example.org/index.json',
    max_attempts: 3,
    status: 'PROCESSING',
    counts: { found: ENTRIES, valid, invalid },
    round: 0,
    round_size: valid,
    idempotency_key: 'bench-large-job',
    created_at: created,
    updated_at: created,
  });
  await client.close();
  return { valid, invalid, failed, queued };
}

async function main(): Promise<void> {
  const database = isolatedDatabase('largejob');
  const started = Date.now();
  const seeded = await seed(database);
  console.log(
    `job of ${ENTRIES} entries (${seeded.invalid} INVALID, ${seeded.queued} QUEUED, ${seeded.failed} FAILED) stored in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  const api = await AppProcess.start('api', { MONGODB_DATABASE: database, LOG_LEVEL: 'warn' });
  const client = await ApiClient.as(api.url, TENANT);
  // A freshly started API grows by ~80 MB over its first thousand or so requests of any kind (code
  // compiled, heap sized; measured with GET /structures/{id}: 190 -> 271 MB after 1,500, then +1 MB
  // per 500). What the listings themselves cost is measured from a warmed-up API.
  const rssStarted = memoryMb(api.child.pid!, 'VmRSS');
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await client.get(`/fetch-jobs/${JOB_ID}`);
  const rssBefore = memoryMb(api.child.pid!, 'VmRSS');
  const totals: Record<string, number> = {
    '(none)': ENTRIES,
    QUEUED: seeded.queued,
    INVALID: seeded.invalid,
    DONE: seeded.valid - seeded.queued - seeded.failed,
    FAILED: seeded.failed,
  };
  let worstP99 = 0;
  for (const filter of FILTERS) {
    const latencies: number[] = [];
    for (const limit of [20, 1000]) {
      for (const where of [0, 0.5, 1]) {
        const offset = Math.max(0, Math.floor(totals[filter] * where) - limit);
        const query = `offset=${offset}&limit=${limit}${filter === '(none)' ? '' : `&status=${filter}`}`;
        for (let i = 0; i < REQUESTS; i++) {
          const t0 = performance.now();
          const { status, body } = await client.request<{ items: Array<{ status: string }>; total: number }>(
            'GET',
            `/fetch-jobs/${JOB_ID}/resources?${query}`,
          );
          latencies.push(performance.now() - t0);
          if (status !== 200) throw new Error(`${query}: ${status}`);
          // A fast wrong answer is no answer: the page must hold what the job holds there.
          const expected = Math.min(limit, totals[filter] - offset);
          const wrong = body.items.some((item) => filter !== '(none)' && item.status !== filter);
          if (body.total !== totals[filter] || body.items.length !== expected || wrong)
            throw new Error(
              `${query}: total ${body.total}, ${body.items.length} items (expected ${totals[filter]}, ${expected})`,
            );
        }
      }
    }
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    worstP99 = Math.max(worstP99, p99);
    console.log(
      `status ${filter.padEnd(7)} p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  (${latencies.length} requests, limits 20 and 1000, offsets 0 / middle / end; API RSS now ${memoryMb(api.child.pid!, 'VmRSS').toFixed(0)} MB)`,
    );
  }
  const rssAfter = memoryMb(api.child.pid!, 'VmRSS');
  const peak = memoryMb(api.child.pid!, 'VmHWM');
  console.log(
    `API RSS ${rssStarted.toFixed(0)} MB started, ${rssBefore.toFixed(0)} MB after ${WARM_UP_REQUESTS} warm-up requests (GET /fetch-jobs/{id}), ${rssAfter.toFixed(0)} MB after the listings, peak ${peak.toFixed(0)} MB`,
  );
  console.log(`worst p99_ms: ${worstP99.toFixed(1)} rss_growth_mb: ${(peak - rssBefore).toFixed(0)}`);
  await AppProcess.stopAll();
}

runIsolated(main);
