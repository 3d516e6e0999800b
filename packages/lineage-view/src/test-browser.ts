import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium; .ci/run installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
}

export interface Browser {
  open(html: string, viewport?: { width: number; height: number }, deviceScaleFactor?: number): Promise<OpenedPage>;
  close(): Promise<void>;
}

/**
 * Starts headless chromium with a fresh profile. A missing browser is an error, not a skip: a suite
 * that silently skips its browser tests would pass without ever rendering the page.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ol-lineage-view-'));
  const profile = path.join(dir, 'profile');
  const contexts: BrowserContext[] = [];
  let n = 0;
  return {
    async open(html, viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1) {
      const context = await chromium.launchPersistentContext(profile + String(n), {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport,
        deviceScaleFactor,
      });
      contexts.push(context);
      const file = path.join(dir, `page-${n++}.html`);
      await writeFile(file, html);
      const page = context.pages()[0] ?? (await context.newPage());
      const external: string[] = [];
      const errors: string[] = [];
      await context.route('**/*', async (route) => {
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
      const start = Date.now();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
      const loadMs = Date.now() - start;
      const renderMs = await page.evaluate(() => (window as unknown as { olLineageRenderMs: number }).olLineageRenderMs);
      return { page, external, errors, loadMs, renderMs };
    },
    async close() {
      for (const c of contexts) await c.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
