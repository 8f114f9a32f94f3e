// Opening a huge article in headless Chromium, as a reader does (issue 5: no single article
// may take more than a second): a site built by carnet-build with the 10 MB article of
// tests/robustness_cases.hpp, served by a static server; from another article, the hash
// changes to it and the time until its heading is painted and two frames have passed is
// measured. Reports wall time and the renderer main thread's CPU time (from a Chromium
// trace: the share of the work, whatever else the machine runs), with layout, style and
// script apart. Measures; asserts nothing.
//
// Usage (after ./carnet build): node bench/robustness/browser.mjs [--runs 3] [--case article-10MB]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, launchOptions } from '../../tests/browser/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: {
    'native-build': { type: 'string', default: path.join(ROOT, 'build', 'native') },
    app: { type: 'string', default: path.join(ROOT, 'build', 'wasm', 'app') },
    case: { type: 'string', default: 'article-10MB' },
    runs: { type: 'string', default: '3' },
  },
});
const log = (msg) => process.stderr.write(`\x1b[1m[bench robustness/browser]\x1b[0m ${msg}\n`);

// The case's Markdown, from the native half (which writes every case with --dump).
execFileSync('cmake', ['--build', opts['native-build'], '--target', 'carnet_robustness_bench'], { stdio: ['ignore', 'ignore', 'inherit'] });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-robustness-browser-'));
const cases = path.join(tmp, 'cases');
fs.mkdirSync(cases);
log(`writing the cases (${opts['native-build']}/bench/robustness/carnet_robustness_bench --dump)`);
execFileSync(path.join(opts['native-build'], 'bench', 'robustness', 'carnet_robustness_bench'), ['--dump', cases],
  { stdio: ['ignore', 'ignore', 'inherit'] });
const markdown = fs.readFileSync(path.join(cases, `${opts.case}.md`));

const content = path.join(tmp, 'content');
for (const d of ['posts', 'authors']) fs.mkdirSync(path.join(content, d), { recursive: true });
fs.writeFileSync(path.join(content, 'site.yml'), 'title: Robustness\nlang: fr\n');
fs.writeFileSync(path.join(content, 'authors', 'camille.md'), '---\nname: Camille\n---\n');
fs.writeFileSync(path.join(content, 'posts', 'big.md'),
  Buffer.concat([Buffer.from('---\ntitle: Big\ndate: 2024-03-14\nauthor: camille\n---\n'), markdown]));
fs.writeFileSync(path.join(content, 'posts', 'small.md'), '---\ntitle: Small\ndate: 2024-03-13\nauthor: camille\n---\nCourt.\n');
execFileSync(path.join(opts['native-build'], 'carnet-build'), ['--app', opts.app, content, path.join(tmp, 'site')], { stdio: 'pipe' });

const server = await startServer(path.join(tmp, 'site'));
const browser = await chromium.launch(launchOptions());
const ms = (us) => (us / 1000).toFixed(0);
try {
  for (let run = 0; run < Number(opts.runs); run++) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${server.origin}/#/post/small`);
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Small');
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const t0 = Date.now();
    await page.evaluate(() => { location.hash = '#/post/big'; });
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Big', null, { timeout: 600000 });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const wall = Date.now() - t0;
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const sum = (name) => events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' &&
      e.name === name && e.tdur !== undefined).reduce((n, e) => n + e.tdur, 0);
    const pieces = await page.evaluate(() => document.querySelectorAll('.post-body > *').length);
    log(`run ${run + 1}: wall ${wall} ms; main thread CPU ${ms(sum('RunTask'))} ms ` +
        `(script ${ms(sum('FunctionCall'))}, of which layout ${ms(sum('Layout'))} and style ${ms(sum('UpdateLayoutTree'))}); ` +
        `${pieces} top-level blocks painted`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
