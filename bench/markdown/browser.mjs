// The Markdown benchmark's Chromium half: serves the engines' browser builds and the article
// set from 127.0.0.1 (the tests' static server) and drives bench/markdown/browser-runner.js
// in Debian's headless Chromium, round by round like the Node half.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { launchOptions, startServer } from '../../tests/browser/harness.mjs';
import { pkgFile } from '../lib/pkg.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// Files of the page: [path in the served folder, source].
function pageFiles(app) {
  return [
    ['index.html', null],
    ['runner.js', path.join(HERE, 'browser-runner.js')],
    ['carnet-core.js', path.join(app, 'carnet-core.js')],
    ['carnet-core.wasm', path.join(app, 'carnet-core.wasm')],
    ['markdown.es.js', pkgFile('markdown-wasm', 'dist/markdown.es.js')],
    ['markdown.wasm', pkgFile('markdown-wasm', 'dist/markdown.wasm')],
    ['md4w/index.js', pkgFile('md4w', 'js/index.js')],
    ['md4w/md4w.js', pkgFile('md4w', 'js/md4w.js')],
    ['md4w/md4w-fast.wasm', pkgFile('md4w', 'js/md4w-fast.wasm')],
    ['marked.esm.js', pkgFile('marked', 'lib/marked.esm.js')],
    ['markdown-it.esm.min.mjs', pkgFile('markdown-it', 'dist/browser/markdown-it.esm.min.mjs')],
  ];
}

// Runs `engines` in Chromium until `budgetMs` is spent (at least `minRounds` rounds).
// Returns {version, engines: {id: {times: [ms...]} | {error}}}.
export async function runInChromium({ app, texts, engines, md4cFlags, warmup, minRounds, budgetMs, dir, log }) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, src] of pageFiles(app)) {
    const dest = path.join(dir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (src) fs.copyFileSync(src, dest);
  }
  fs.writeFileSync(path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>Markdown benchmark</title><script type="module" src="runner.js"></script>\n');
  fs.writeFileSync(path.join(dir, 'articles.json'), JSON.stringify(texts));
  const server = await startServer(dir);
  const opts = launchOptions();
  const browser = await chromium.launch({ ...opts, args: [...opts.args, '--js-flags=--expose-gc'] });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.origin}/index.html`);
    await page.waitForFunction(() => window.bench);
    const setup = await page.evaluate(([ids, flags]) => window.bench.setup(ids, flags), [engines, md4cFlags]);
    const result = { version: browser.version(), engines: {} };
    const ok = [];
    for (const id of engines) {
      if (typeof setup[id] === 'number') {
        ok.push(id);
        result.engines[id] = { times: [] };
      } else {
        result.engines[id] = { error: String(setup[id]) };
        log(`markdown (Chromium): ${id}: ${setup[id]}`);
      }
    }
    log(`markdown (Chromium ${result.version}): warm-up (${warmup} rounds)`);
    for (let r = 0; r < warmup; r++) await page.evaluate((k) => window.bench.round(k), r);
    const deadline = Date.now() + budgetMs;
    let rounds = 0;
    while (rounds < minRounds || Date.now() < deadline) {
      const times = await page.evaluate((k) => window.bench.round(k), rounds);
      for (const id of ok) result.engines[id].times.push(times[id]);
      rounds++;
      if (rounds % 5 === 0) log(`markdown (Chromium): ${rounds} rounds`);
    }
    if (problems.length) log(`markdown (Chromium): page errors: ${problems.join('; ')}`);
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}
