import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from './support/api-client';
import { AppProcess } from './support/app-process';
import { createStructure } from './support/analyses';
import { launchChromium, seriousAxeViolations, watchedPage, type PageTrouble } from './support/browser';
import { FRAME_CHANNELS, frameRecord, ingestFrameRecords } from './support/monitored-frame';
import { isolatedDatabase, purgeWorkQueues, waitFor } from './support/services';
import { SourceServer } from './support/source-server';
import { tokenFor } from './support/tokens';

const TENANT = 91;
const USER = 4;
const RATE_HZ = 25;

interface ResultView {
  result: {
    modes: Array<{
      frequency_hz: number;
      damping_ratio: number | null;
      uncertainty?: { frequency_sd_hz: number; damping_sd: number };
    }>;
  };
}

/**
 * The web app (docs/web-app.md) in Debian's Chromium against the real apps, found by role and name
 * as a screen reader would: signing in through the printed link, a structure created, a recording
 * uploaded by the file input and checked, SSI run and its modes shown as the API has them, a
 * monitoring rule whose ALERT appears live on the structure page and in the list, an axe-core scan
 * of every page, and another tenant seeing none of it.
 */
describe('web app: the engineer’s pages over the public API, live', () => {
  const database = isolatedDatabase('web_app');
  const env: Record<string, string> = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_measures`,
    FETCH_ALLOWED_HOSTS: '',
    FETCH_MAX_BYTES: '2000000',
    SLEEP_TIME: '0.2',
  };
  let source: SourceServer;
  let api: AppProcess;
  let client: ApiClient;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;
  let token: string;
  let structureId: string;
  let recordNumber = 0;
  const axeFindings = new Map<string, unknown[]>();

  beforeAll(async () => {
    await purgeWorkQueues();
    source = await SourceServer.start();
    env.FETCH_ALLOWED_HOSTS = source.host;
    api = await AppProcess.startPipeline(env);
    client = await ApiClient.as(api.url, TENANT, USER);
    token = client.token;
    browser = await launchChromium();
    ({ page, trouble } = await watchedPage(
      await browser.newContext({ viewport: { width: 1280, height: 800 } }),
    ));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await AppProcess.stopAll();
    await source?.close();
  });

  /** Scans the page as it is now; the findings are asserted once, at the end. */
  async function scan(name: string): Promise<void> {
    axeFindings.set(name, await seriousAxeViolations(page));
  }

  it('is typed from the OpenAPI document of the API it talks to (npm run web:api-types)', async () => {
    // In a process of its own: openapi-typescript loads ES modules, which Jest's runtime does not.
    const { stdout } = await promisify(execFile)(process.execPath, [
      require.resolve('ts-node/dist/bin'),
      '--transpile-only',
      join(__dirname, '..', 'tools', 'web-api-types.ts'),
      '--check',
      api.url,
    ]);
    expect(stdout).toContain('typed from the API it talks to');
  });

  it('is served at / with a Content-Security-Policy that allows no inline script', async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('signs in through the link npm start prints, keeps the token out of the address bar, and shows who is signed in', async () => {
    await page.goto(`${api.url}/#token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
    expect(page.url()).toBe(`${api.url}/#/structures`);
    expect(await page.evaluate(() => sessionStorage.getItem('modalflow.token'))).toBe(token);
    await page.getByText(`Tenant ${TENANT} · user ${USER}`).waitFor();
    await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
    await page.getByText('No structure yet').waitFor();
    await scan('structures (empty)');
  });

  it('creates a structure and opens its page', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Footbridge over the Nidelva');
    await page.getByLabel('Location (optional)').fill('Trondheim');
    await page.getByRole('button', { name: 'Add structure' }).click();
    await page.getByRole('heading', { level: 1, name: 'Footbridge over the Nidelva' }).waitFor();
    structureId = /#\/structures\/(\w+)$/.exec(page.url())![1];
    await page.getByText('No tracked mode yet').waitFor();
    await scan('structure (empty)');
  });

  it('uploads a CSV by the file input and shows its check live, down to DONE; a refused one names line and column', async () => {
    const record = frameRecord({ seed: 1, duration_s: 300, sampling_rate_hz: RATE_HZ });
    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'frame.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(record.csv),
    });
    const uploads = page.getByRole('table', { name: 'Uploads' });
    await uploads
      .getByRole('row', { name: /frame\.csv/ })
      .getByText('DONE')
      .waitFor({ timeout: 60_000 });
    await uploads
      .getByRole('row', { name: /frame\.csv/ })
      .getByText('3 channels, 25 Hz, 5.0 min')
      .waitFor();

    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('time,s1,s2\n0,1,2\n0.04,x,3\n'),
    });
    const broken = uploads.getByRole('row', { name: /broken\.csv/ });
    await broken.getByText('ERROR').waitFor({ timeout: 60_000 });
    await broken.getByText(/line 3, column 2/).waitFor();
  });

  it('runs SSI from the new-analysis form and shows the modes the API returns', async () => {
    await page.getByRole('link', { name: 'New analysis' }).click();
    await page.getByRole('heading', { level: 1, name: 'New analysis' }).waitFor();
    await page.getByLabel('Recording').selectOption({ index: 1 });
    await page.getByLabel('Method', { exact: true }).selectOption('SSI');
    const orderMax = page.getByLabel('order_max');
    expect(await orderMax.getAttribute('placeholder')).toBe('60');
    expect(await orderMax.getAttribute('max')).toBe('400');
    await orderMax.fill('30');
    await page.getByLabel('uncertainty').selectOption({ label: 'yes' });
    await scan('new analysis');
    await page.getByRole('button', { name: 'Create and run' }).click();

    const modes = page.getByRole('table', { name: 'Identified modes' });
    await modes.waitFor({ timeout: 90_000 });
    const analysisId = /analyses\/(\w+)$/.exec(page.url())![1];
    const [result] = await client.get<ResultView[]>(
      `/structures/${structureId}/analyses/${analysisId}/results`,
    );
    const rows = modes.locator('tbody tr');
    expect(await rows.count()).toBe(result.result.modes.length);
    expect(result.result.modes.length).toBeGreaterThanOrEqual(3);
    for (const [index, mode] of result.result.modes.entries()) {
      const cells = await rows.nth(index).locator('td').allTextContents();
      expect(cells[0]).toBe(`${mode.frequency_hz.toFixed(4)} Hz`);
      expect(cells[1]).toBe(`${((mode.damping_ratio ?? 0) * 100).toFixed(2)} %`);
      // The statistical uncertainty asked for in the form, beside each mode.
      expect(cells[3]).toBe(`± ${mode.uncertainty!.frequency_sd_hz.toFixed(4)} Hz`);
    }
    await modes.getByRole('columnheader', { name: 'Frequency standard deviation' }).waitFor();
    await page.getByRole('img', { name: 'Stabilization diagram' }).waitFor();
    await scan('analysis result');

    // Without a geometry the page says how to give one; with one, the modes are drawn on it.
    const onStructure = page.getByRole('region', { name: 'Modes on the structure' });
    await onStructure.getByText('The structure has no geometry yet').waitFor();
    const geometry = await client.request('PUT', `/structures/${structureId}/geometry`, {
      nodes: [
        { id: 'ground', x: 0, y: 0, z: 0 },
        ...FRAME_CHANNELS.map((_, i) => ({ id: `f${i + 1}`, x: 0, y: 0, z: 3 * (i + 1) })),
      ],
      lines: FRAME_CHANNELS.map((_, i) => [i === 0 ? 'ground' : `f${i}`, `f${i + 1}`]),
      sensors: FRAME_CHANNELS.map((channel, i) => ({ channel, node: `f${i + 1}`, direction: 'x' })),
    });
    expect(geometry.status).toBe(200);
    await page.reload();
    await onStructure
      .getByRole('img', { name: 'Mode shapes on the structure (geometry version 1)' })
      .waitFor();
    // The viewer: pick a mode, turn the view, pause the oscillation.
    await onStructure.getByRole('img', { name: /^Mode 1: .* on the structure$/ }).waitFor();
    await onStructure.getByRole('combobox', { name: /^Mode/ }).selectOption({ index: 1 });
    await onStructure.getByRole('img', { name: /^Mode 2: .* on the structure$/ }).waitFor();
    await onStructure.getByLabel('Azimuth (°)').fill('90');
    await onStructure.getByRole('button', { name: 'Pause' }).click();
    await onStructure.getByRole('button', { name: 'Animate' }).waitFor();
    await screenshots('analysis');
    await scan('analysis result (modes on the structure)');
  });

  it('creates a monitoring rule, and an ALERT appears live on the structure page and in the list', async () => {
    await page.goto(`${api.url}/#/structures/${structureId}`);
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New monitoring rule' });
    await form.getByLabel('Name').fill('Frame modes');
    await form.getByLabel('Channels (comma-separated; empty: all)').fill(FRAME_CHANNELS.join(', '));
    await form.getByLabel('Baseline: median of the first points').fill('3');
    await form.getByLabel('Current value: median of the latest points').fill('1');
    await form.getByLabel('Alert when the frequency moved more than (%)').fill('3');
    await form.getByLabel('Clear when back within (%)').fill('1.5');
    await form.getByLabel('order_max').fill('30');
    await scan('structure (rule form)');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await page
      .getByRole('table', { name: 'Monitoring rules' })
      .getByRole('row', { name: /Frame modes/ })
      .waitFor();

    await ingest([{}, {}, {}]);
    const trackedModes = page.getByRole('table', { name: 'Tracked modes' });
    await trackedModes.waitFor({ timeout: 120_000 });
    await waitFor(
      'three points on the tracks',
      async () => (await trackedModes.getByRole('cell', { name: '3', exact: true }).count()) >= 3,
      120_000,
    );
    await page.getByText('No open alert').waitFor();

    await ingest([{ first_storey_loss: 0.2 }]);
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await alerts.getByText('OPEN', { exact: true }).first().waitFor({ timeout: 120_000 });
    expect(await trackedModes.getByText('ALERT', { exact: true }).count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('img', { name: /Trend of the tracked modes/ }).waitFor();
    // A user names the first track: the table and the chart's legend use the name.
    await trackedModes.getByRole('button', { name: /^Name Mode 1/ }).click();
    await trackedModes.getByLabel(/^Name of Mode 1/).fill('1st sway');
    await trackedModes.getByRole('button', { name: 'Save' }).click();
    await trackedModes.getByRole('rowheader', { name: '1st sway' }).waitFor();
    await screenshots('structure');
    await scan('structure (tracks and alerts)');

    // An alert's lifecycle: acknowledged, then snoozed, each change in its history.
    const opened = await alerts.getByText('OPEN', { exact: true }).count();
    const first = alerts.getByRole('group', { name: /Actions on the alert of Frame modes/ }).first();
    await first.getByRole('button', { name: 'Acknowledge' }).click();
    await alerts.getByText('ACKNOWLEDGED', { exact: true }).waitFor();
    expect(await alerts.getByText('OPEN', { exact: true }).count()).toBe(opened - 1);
    const acknowledged = alerts
      .getByRole('listitem')
      .filter({ hasText: /ACKNOWLEDGED/ })
      .first();
    await acknowledged.getByRole('button', { name: 'Snooze 24 h' }).click();
    await acknowledged.getByText(/Snoozed until/).waitFor();
    await acknowledged.getByText(/History \(3\)/).click();
    await acknowledged.getByText(/snoozed by user \d+ until/).waitFor();
    await alerts.getByText(/Maintenance windows/).click();
    await alerts.getByLabel('Works start').fill('2026-12-14T06:00');
    await alerts.getByLabel('Works end').fill('2026-12-18T18:00');
    await alerts.getByLabel('Reason').fill('Bearing replacement');
    await alerts.getByRole('button', { name: 'Add maintenance window' }).click();
    await alerts.getByText(/: Bearing replacement/).waitFor();
    await scan('structure (alert actions)');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Structures' }).click();
    const row = page
      .getByRole('table', { name: 'Structures' })
      .getByRole('row', { name: /Footbridge over the Nidelva/ });
    await row.getByText(/\d+ alerts?/).waitFor();
    await row.getByText('4 measurements, 1 upload').waitFor();
    await scan('structures (one structure)');
  }, 300_000);

  it('lists fetch jobs with their progress and each job’s resources by status', async () => {
    await page.getByRole('link', { name: 'Fetch jobs' }).click();
    const jobs = page.getByRole('table', { name: 'Fetch jobs' });
    await jobs
      .getByRole('row', { name: /index-/ })
      .first()
      .waitFor();
    await scan('fetch jobs');
    await jobs.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: 'Fetch job' }).waitFor();
    await page.getByText('DONE').first().waitFor();
    await page.getByLabel('Status').selectOption('DONE');
    await page
      .getByRole('table', { name: 'DONE resources' })
      .getByRole('row', { name: /record-/ })
      .first()
      .waitFor();
    await scan('fetch job');
    await page.getByRole('link', { name: 'Activity' }).click();
    await page
      .getByRole('table', { name: 'Status changes' })
      .getByText('ALERT', { exact: true })
      .first()
      .waitFor();
    await scan('activity');
  });

  it('adds a webhook, shows its secret once, pings it and lists the delivery', async () => {
    const received: string[] = [];
    const hookUrl = source.route('/hook', (request, response) => {
      received.push(String(request.headers['modalflow-event']));
      response.writeHead(204).end();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No webhook yet').waitFor();
    await page.getByLabel('URL').fill(hookUrl);
    await page.getByLabel('analysis.done').check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'signing secret' })
      .getByText(/^whsec_/)
      .waitFor();
    const hooks = page.getByRole('table', { name: 'Webhooks' });
    const row = hooks.getByRole('row', { name: new RegExp(hookUrl) });
    await row.getByText('alert.opened, alert.closed, analysis.done').waitFor();
    await row.getByRole('button', { name: 'Ping' }).click();
    await waitFor('the ping received', async () => received.includes('ping'));
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('table', { name: 'Deliveries' });
    await waitFor('the ping delivered in the log', async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return (await log.getByRole('row', { name: /ping.*DELIVERED/ }).count()) === 1;
    });
    await screenshots('webhooks');
    await scan('webhooks');
  });

  it('renames a structure, and deletes one that holds a rule only once its name is typed', async () => {
    const doomed = await createStructure(client, 'Old pier');
    await client.request('POST', `/structures/${doomed}/monitoring`, { type: 'FDD' });
    await page.goto(`${api.url}/#/structures/${doomed}`);
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New name').fill('Old pier, north');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('heading', { level: 1, name: 'Old pier, north' }).waitFor();

    await page.getByRole('button', { name: 'Delete Old pier, north' }).click();
    await page
      .getByRole('alert')
      .getByText(/has 1 monitoring rules/)
      .waitFor();
    const confirm = page.getByRole('button', { name: 'Delete the structure and everything in it' });
    expect(await confirm.isDisabled()).toBe(true);
    await scan('structure (delete confirmation)');
    await page.getByLabel(/Type the structure's name/).fill('Old pier, north');
    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
    expect((await client.request('GET', `/structures/${doomed}`)).status).toBe(404);
  });

  it('ships less than 300 KB of gzipped JavaScript', () => {
    const assets = join(__dirname, '..', 'dist', 'apps', 'web', 'assets');
    const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file))).length, 0);
    expect(gzipped).toBeLessThan(300 * 1024);
  });

  it('shows another tenant none of it', async () => {
    const other = await watchedPage(await browser.newContext());
    try {
      await other.page.goto(`${api.url}/#token=${await tokenFor(TENANT + 1, USER)}`);
      await other.page.getByText('No structure yet').waitFor();
      await other.page.goto(`${api.url}/#/structures/${structureId}`);
      await other.page.getByRole('alert').getByText(`structure ${structureId} not found`).waitFor();
      await other.page.getByRole('link', { name: 'Activity' }).click();
      await other.page.getByText('Nothing has happened yet').waitFor();
    } finally {
      await other.page.context().close();
    }
  });

  it('signs out, and an expired token brings the sign-in back with the reason', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').waitFor();
    await scan('sign-in');
    expect(await page.evaluate(() => sessionStorage.getItem('modalflow.token'))).toBeNull();

    const expired = await tokenFor(TENANT, USER, '1s');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.getByLabel('Access token').fill(expired);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .getByText(/Signed out: .*expired/)
      .waitFor();
  });

  it('never put the token in a URL, logged no console error, and has no serious or critical axe finding', () => {
    expect(trouble.requests.filter((url) => url.includes(token))).toEqual([]);
    // Chromium logs every refused request itself: the expired token's 401 and the 409 with which the
    // API tells what a structure holds before it is deleted are the two this journey asks for.
    expect(trouble.errors.filter((error) => !/status of (401|409)/.test(error))).toEqual([]);
    expect([...axeFindings.keys()]).toHaveLength(15);
    expect(Object.fromEntries(axeFindings)).toEqual(
      Object.fromEntries([...axeFindings.keys()].map((name) => [name, []])),
    );
  });

  /** With WEB_SCREENSHOTS=<folder>, the page at desktop and phone widths (docs/images/ holds them). */
  async function screenshots(name: string): Promise<void> {
    const folder = process.env.WEB_SCREENSHOTS;
    if (!folder) return;
    for (const [width, height, device] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(folder, `${name}-${device}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  /** A fetch job of the structure with one resource per five-minute record. */
  async function ingest(records: Array<{ first_storey_loss?: number }>): Promise<void> {
    const options = records.map((record) => ({
      seed: 100 + ++recordNumber,
      duration_s: 300,
      sampling_rate_hz: RATE_HZ,
      ...record,
    }));
    await ingestFrameRecords(client, source, structureId, options);
  }
});
