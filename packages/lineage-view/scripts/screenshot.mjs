// `pnpm --filter @ol/lineage-view screenshot`: regenerates docs/demo-lineage.png, the picture in the
// README. It builds the demo and this package, runs the demo (examples/demo) with the file transport,
// renders its events with renderHtml, opens the page in headless chromium, clicks the dataset with
// column lineage and takes the screenshot.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(pkg, '../..');
const out = path.join(pkg, 'docs', 'demo-lineage.png');

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
};

run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@ol/example-demo...', '--filter=@ol/lineage-view', '--output-logs=errors-only']);
const dir = await mkdtemp(path.join(os.tmpdir(), 'ol-screenshot-'));
try {
  const events = path.join(dir, 'events.jsonl');
  run(process.execPath, [path.join(repo, 'examples/demo/dist/main.js')], {
    OPENLINEAGE__TRANSPORT__TYPE: 'file',
    OPENLINEAGE__TRANSPORT__LOG_FILE_PATH: events,
    OPENLINEAGE__TRANSPORT__APPEND: 'true',
  });
  const { renderHtml } = await import(pathToFileURL(path.join(pkg, 'dist', 'index.js')).href);
  const lines = (await readFile(events, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const page = path.join(dir, 'lineage.html');
  await writeFile(page, renderHtml(lines, { title: 'Lineage of the demo pipeline' }));

  const context = await launchChromium(path.join(dir, 'profile'), { viewport: { width: 1440, height: 660 }, deviceScaleFactor: 2 });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('body[data-rendered]');
    await tab.click('[data-node-id^="dataset:snowflake://"]');
    await tab.waitForSelector('#details table.column-lineage');
    await tab.screenshot({ path: out });
  } finally {
    await context.close();
  }
  console.log(`wrote ${path.relative(repo, out)} (${lines.length} demo events)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
