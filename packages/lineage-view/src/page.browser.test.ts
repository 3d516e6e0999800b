import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { launchBrowser, type Browser, type OpenedPage } from './test-browser.js';
import { ev, KNOWN, knownEvents, manyEvents } from './test-events.js';

// page.evaluate callbacks run in the browser (serialized: they cannot call helpers of this file);
// this file is type-checked for Node, without DOM types, hence `(globalThis as any).document`.

// Real headless chromium (Debian's, driven by playwright-core). Without it these tests fail with
// an install hint rather than skip: see launchBrowser.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function clean(opened: OpenedPage): void {
  expect(opened.external, 'requests that left the page').toEqual([]);
  expect(opened.errors, 'console errors').toEqual([]);
}

describe('the lineage page in headless chromium', () => {
  it('draws every job and dataset once, every edge, and each job in the state of its latest run', async () => {
    const opened = await browser.open(renderHtml(knownEvents(), { title: 'known' }));
    const { page } = opened;
    const nodes = await page.$$eval('[data-node-id]', (els) => els.map((e) => [e.getAttribute('data-node-id'), e.getAttribute('data-state')]));
    const ids = nodes.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...Object.keys(KNOWN.jobs), ...KNOWN.datasets].sort());
    expect(Object.fromEntries(nodes.filter(([id]) => id!.startsWith('job:')))).toEqual(KNOWN.jobs);
    expect(nodes.filter(([id]) => id!.startsWith('dataset:')).every(([, state]) => state === null)).toBe(true);
    const edges = await page.$$eval('[data-edge]', (els) => els.map((e) => e.getAttribute('data-edge')));
    expect(edges.sort()).toEqual([...KNOWN.edges].sort());
    // Every edge is drawn as a real path between its two boxes.
    const empty = await page.$$eval('path[data-edge]', (els) => els.filter((e) => (e as any).getTotalLength() < 10).length);
    expect(empty).toBe(0);
    // The parent job is a group drawn around its children.
    const inside = await page.evaluate(() => {
      const group = (globalThis as any).document.querySelector('[data-node-id="job:shop/nightly"] > .outline')!.getBoundingClientRect();
      const child = (globalThis as any).document.querySelector('[data-node-id="job:shop/nightly.publish"]')!.getBoundingClientRect();
      return child.left >= group.left && child.right <= group.right && child.top >= group.top && child.bottom <= group.bottom;
    });
    expect(inside).toBe(true);
    expect(await page.textContent('.legend')).toContain('FAIL 2');
    clean(opened);
  });

  it('shows a clicked dataset: schema and the column lineage into it, with transformation types', async () => {
    const opened = await browser.open(renderHtml(knownEvents()));
    const { page } = opened;
    await page.click('[data-node-id="dataset:snowflake://acme/ANALYTICS.PUBLIC.ORDER_TOTALS"]');
    const panel = page.locator('#details');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.getAttribute('data-details-for')).toBe('dataset:snowflake://acme/ANALYTICS.PUBLIC.ORDER_TOTALS');
    const rows = await page.$$eval('#details table.column-lineage tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows).toEqual([
      ['customer_id', 's3://lake/raw/orders.customer_id', 'DIRECT/IDENTITY'],
      ['total_amount', 's3://lake/raw/orders.amount', 'DIRECT/AGGREGATION (SUM)'],
      ['', 's3://lake/raw/orders.status', 'INDIRECT/FILTER'],
    ]);
    const schema = await page.$$eval('#details table.schema tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(schema).toEqual(['customer_id', 'total_amount', 'address', 'city']);
    expect(await panel.textContent()).toContain('INDIRECT/GROUP_BY');
    // A link in the panel selects the input dataset.
    await page.click('#details a[data-target="dataset:s3://lake/raw/orders"]');
    expect(await panel.getAttribute('data-details-for')).toBe('dataset:s3://lake/raw/orders');
    expect(await page.getAttribute('[data-node-id="dataset:s3://lake/raw/orders"]', 'class')).toContain('selected');
    clean(opened);
  });

  it('shows a clicked job: runs with state, time, duration and error message', async () => {
    const opened = await browser.open(renderHtml(knownEvents()));
    const { page } = opened;
    await page.click('[data-node-id="job:shop/nightly.publish"]');
    const run = await page.$$eval('#details table.runs tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(run).toEqual([['FAIL', '2024-06-01T02:03:00Z', '5.00 s', '0190f7a0-0000-7000-8000-000000000004', 'dashboard API answered 503']]);
    expect(await page.textContent('#details')).toContain('errorMessage');
    // Escape closes the panel.
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#details')).toBe(true);
    clean(opened);
  });

  it('finds nodes by name, and zooms and pans', async () => {
    const opened = await browser.open(renderHtml(knownEvents()));
    const { page } = opened;
    await page.fill('#search', 'CLEANUP');
    expect(await page.$$eval('.match', (els) => els.map((e) => e.getAttribute('data-node-id')).sort())).toEqual([
      'job:shop/cleanup.abort',
      'job:shop/cleanup.other',
      'job:shop/cleanup.running',
      'job:shop/cleanup.start',
    ]);
    expect(await page.textContent('#search-status')).toBe('4 found');
    await page.press('#search', 'Enter');
    expect(await page.getAttribute('#details', 'data-details-for')).toMatch(/^job:shop\/cleanup\./);
    const transform = () => page.getAttribute('g.viewport', 'transform');
    const before = await transform();
    await page.click('#zoom-in');
    const zoomed = await transform();
    expect(zoomed).not.toBe(before);
    await page.mouse.move(300, 300);
    await page.mouse.wheel(0, 400);
    expect(await transform()).not.toBe(zoomed);
    const beforeDrag = await transform();
    // Drag from a spot of bare background.
    const spot = await page.evaluate(() => {
      for (let y = 80; y < 760; y += 20)
        for (let x = 20; x < 1260; x += 20) if ((globalThis as any).document.elementFromPoint(x, y)?.id === 'graph') return { x, y };
      return undefined;
    });
    expect(spot).toBeDefined();
    await page.mouse.move(spot!.x, spot!.y);
    await page.mouse.down();
    await page.mouse.move(spot!.x + 40, spot!.y + 30, { steps: 4 });
    await page.mouse.up();
    expect(await transform()).not.toBe(beforeDrag);
    clean(opened);
  });

  it('writes names and facets as text, never as markup', async () => {
    const evil = '<img src=x onerror="document.title=1">';
    const events = [
      ev('FAIL', '2024-01-01T00:00:00Z', '0190f7a0-0000-7000-8000-000000000001', `${evil}</script>`, {
        namespace: `ns"${evil}`,
        inputs: [{ namespace: 'https://example.com/x.png', name: 'd', facets: { documentation: { description: evil } } }],
        runFacets: { errorMessage: { message: evil } },
      }),
    ];
    const opened = await browser.open(renderHtml(events, { title: evil }));
    const { page } = opened;
    const id = `job:ns"${evil}/${evil}</script>`;
    expect(await page.$$eval('[data-node-id]', (els) => els.map((e) => e.getAttribute('data-node-id')))).toContain(id);
    await page.click('[data-node-id="dataset:https://example.com/x.png/d"]');
    await page.click('#details a[data-target^="job:"]');
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.title()).toBe(evil);
    clean(opened);
  });

  it('renders 2,000 events within 2 s', async () => {
    const events = manyEvents(2000);
    expect(events).toHaveLength(2000);
    const html = renderHtml(events);
    // The better of two loads, so that one stall of a shared machine does not decide.
    const first = await browser.open(html);
    const second = await browser.open(html);
    const best = (key: 'renderMs' | 'mainThreadCpuMs') => Math.min(first[key], second[key]);
    const jobs = await first.page.$$eval('[data-node-id^="job:"]', (els) => els.length);
    const edges = await first.page.$$eval('[data-edge]', (els) => els.length);
    const load = os.loadavg()[0]!;
    console.log(
      `2,000 events (${jobs} jobs, ${edges} edges, ${(html.length / 1024).toFixed(0)} KiB): drawn ${first.renderMs} and ${second.renderMs} ms ` +
        `after navigation start, main thread CPU ${first.mainThreadCpuMs} and ${second.mainThreadCpuMs} ms (load average ${load.toFixed(1)})`,
    );
    expect(jobs).toBeGreaterThan(200);
    // What the page itself costs: its main thread's CPU time from navigation to the drawn graph.
    expect(best('mainThreadCpuMs')).toBeLessThan(2000);
    // Wall time measures the neighbours as much as the page when the machine is oversubscribed
    // (as on a developer machine shared by several builds); there only the CPU time above decides.
    if (load <= 2 * os.cpus().length) expect(best('renderMs')).toBeLessThan(2000);
    clean(first);
    clean(second);
  });
});
