import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.js';

export interface OpenedPage {
  page: Page;
  /** Every request whose URL is not file: (each is also aborted). */
  external: string[];
  /** Console messages of type error, and uncaught page errors. */
  errors: string[];
  /** Wall time from navigation to the page's data-rendered mark. */
  loadMs: number;
  /** The page's own figure: performance.now() when its graph was drawn. */
  renderMs: number;
  /**
   * CPU time of the page's main thread when the graph was drawn (DevTools' ThreadTime of its renderer):
   * what the page itself costs, which other processes on a shared machine do not inflate the way they
   * inflate wall time.
   */
  mainThreadCpuMs: number;
}

export interface Browser {
  open(html: string, viewport?: { width: number; height: number }): Promise<OpenedPage>;
  close(): Promise<void>;
}

/**
 * Starts headless chromium with a fresh profile. A missing browser is an error, not a skip: a suite
 * that silently skips its browser tests would pass without ever rendering the page.
 */
export async function launchBrowser(): Promise<Browser> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ol-lineage-view-'));
  let context: BrowserContext;
  try {
    context = await launchChromium(path.join(dir, 'profile'));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  let n = 0;
  return {
    async open(html, viewport = { width: 1280, height: 800 }) {
      const file = path.join(dir, `page-${n++}.html`);
      await writeFile(file, html);
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      const external: string[] = [];
      const errors: string[] = [];
      // Anything but the page file itself is counted and refused.
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) await route.continue();
        else {
          external.push(url);
          await route.abort();
        }
      });
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !external.includes(r.url())) external.push(r.url());
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      // Durations in thread ticks (CPU time), so ThreadTime is the main thread's CPU time.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const start = Date.now();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
      const loadMs = Date.now() - start;
      const renderMs = await page.evaluate(() => (globalThis as unknown as { olLineageRenderMs: number }).olLineageRenderMs);
      const { metrics } = await cdp.send('Performance.getMetrics');
      await cdp.detach();
      const threadTime = metrics.find((m) => m.name === 'ThreadTime')?.value;
      if (threadTime === undefined) throw new Error('chromium reported no ThreadTime metric');
      return { page, external, errors, loadMs, renderMs, mainThreadCpuMs: Math.round(threadTime * 1000) };
    },
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
