/**
 * bench/web-structure-page: how long the web app takes to show a structure page with BENCH_TRACKS
 * tracked modes and BENCH_POINTS points in all (issue 29's target: 20 tracks, 2,000 points, under
 * 1 s on loopback), in Debian's Chromium against the real API and database.
 *
 *   npm run bench:web    (BENCH_TRACKS 20, BENCH_POINTS 2000, BENCH_RUNS 7)
 *
 * The tracks and their history are written straight into an isolated database (what a year of
 * monitoring leaves); each run loads the page anew in the signed-in tab (assets cached, as for a
 * person coming back) and times it from navigation until the tracked-modes table has every row and the trend
 * chart is drawn. Prints each run, then `web structure page: median <ms> ms, api trend <ms> ms`.
 */
import { ApiClient } from '../test/support/api-client';
import { AppProcess } from '../test/support/app-process';
import { createStructure } from '../test/support/analyses';
import { launchChromium } from '../test/support/browser';
import { inDatabase } from '../test/support/databases';
import { runIsolated } from '../test/support/isolated-run';
import { isolatedDatabase } from '../test/support/services';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 20);
const POINTS = Number(process.env.BENCH_POINTS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TENANT = 95;
const DAY_MS = 86_400_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function seed(database: string, structureId: string): Promise<void> {
  const perTrack = Math.ceil(POINTS / TRACKS);
  const start = Date.UTC(2026, 0, 1);
  const frequency = (track: number, i: number) =>
    (1 + track * 0.9) * (1 + 0.02 * Math.sin((2 * Math.PI * i) / 365));
  const point = (track: number, i: number) => ({
    analysis_id: `bench-${i}`,
    recorded_at: start + i * DAY_MS,
    frequency_hz: frequency(track, i),
    damping_ratio: 0.015,
    mac: 0.99,
  });
  const tracks = Array.from({ length: TRACKS }, (_, track) => ({
    id: `bench-track-${track}`,
    reference_shape: [1, 0.5, -0.3],
    points: perTrack,
    first: Array.from({ length: 10 }, (_, i) => point(track, i)),
    baseline_hz: frequency(track, 0),
    recent: Array.from({ length: 5 }, (_, i) => point(track, perTrack - 5 + i)),
    value_hz: frequency(track, perTrack - 1),
    change_percent: (frequency(track, perTrack - 1) / frequency(track, 0) - 1) * 100,
    alert: track === 0,
  }));
  await inDatabase(database, async (db) => {
    await db.collection<{ _id: string; [field: string]: unknown }>('mode_tracking').insertOne({
      _id: 'bench-rule',
      tenant_id: TENANT,
      structure_id: structureId,
      channels: ['s1', 's2', 's3'],
      tracks,
      version: 1,
    });
    const history = tracks.flatMap((track, t) =>
      Array.from({ length: perTrack }, (_, i) => ({
        _id: `${track.id}:${i}`,
        tenant_id: TENANT,
        structure_id: structureId,
        rule_id: 'bench-rule',
        track_id: track.id,
        mode_index: t,
        ...point(t, i),
        recorded_at: new Date(start + i * DAY_MS),
      })),
    );
    await db.collection<{ _id: string; [field: string]: unknown }>('mode_history').insertMany(history);
  });
}

async function main(): Promise<void> {
  const database = isolatedDatabase('web_bench');
  const api = await AppProcess.start('api', {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_m`,
  });
  const client = await ApiClient.as(api.url, TENANT, 1);
  const structureId = await createStructure(client, 'Bench bridge');
  await seed(database, structureId);

  const trendMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await client.get(`/structures/${structureId}/modes/trend`);
    trendMs.push(performance.now() - started);
  }

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The token lives in the tab (sessionStorage): every run loads the page anew in the same tab.
  const page = await context.newPage();
  await page.goto(`${api.url}/#token=${client.token}`);
  await page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
  const pageMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(`${api.url}/#/structures/${structureId}`);
    await page
      .getByRole('table', { name: 'Tracked modes' })
      .locator('tbody tr')
      .nth(TRACKS - 1)
      .waitFor();
    await page
      .getByRole('img', { name: /Trend of the tracked modes/ })
      .locator('canvas')
      .waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    pageMs.push(performance.now() - started);
    console.log(`run ${run + 1}: ${pageMs.at(-1)!.toFixed(0)} ms`);
  }
  await browser.close();
  await AppProcess.stopAll();
  console.log(
    `web structure page (${TRACKS} tracks, ${POINTS} points): median ${median(pageMs).toFixed(0)} ms, ` +
      `api trend ${median(trendMs).toFixed(0)} ms`,
  );
}

runIsolated(main);
