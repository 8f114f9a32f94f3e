// `run.mjs startup`: cold start of the viewer against blog size. For each size, the
// search benchmark's generated corpus (bench/search/corpus.mjs) is built by carnet-build
// (--bundle: the corpus's bundle.json as content; sharding decided by the automatic
// threshold), served on 127.0.0.1 by Python's plain http.server, and opened in headless
// Chromium, each run in a fresh browser context (empty cache, no service worker):
//   first list     navigation -> the app painted the home list (performance mark
//                  carnet:paint:list, set by carnet-app.js right after the DOM update)
//   first article  navigation to #/post/<newest> -> the app painted that article
//   old article    navigation to #/post/<oldest> -> painted (a sharded site needs every
//                  metadata part first: the slowest deep link)
// and for the 10k blog, in one page with the wasm module loaded: "boot data ready" (fetch
// bundle.json + Viewer.load of a sharded site's boot file) against fetch + JSON.parse of the
// single-file bundle.json of the same blog, and "all metadata ready" (every part fetched
// and added). Medians of several runs. Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

import { DEFAULT_SEED, ensureCorpus, forEachArticle } from '../search/corpus.mjs';
import { startServer, launchOptions } from '../../tests/browser/harness.mjs';

export const SIZES = [100, 10000, 100000];
export const QUICK_SIZES = [100, 10000];
export const TARGET_RATIO = 1.5;  // first paint of the 100k blog within 1.5x of the 100 one

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

function dirBytes(dir, filter) {
  let n = 0;
  let files = 0;
  for (const f of fs.readdirSync(dir)) {
    if (!filter(f)) continue;
    n += fs.statSync(path.join(dir, f)).size;
    files++;
  }
  return { bytes: n, files };
}

// Builds the site of one corpus (again only when the corpus or carnet-build changed).
function buildSite({ buildExe, app, corpus, out, log }) {
  const stamp = path.join(out, '.bench-stamp');
  const key = JSON.stringify({ corpus: fs.statSync(path.join(corpus, 'bundle.json')).mtimeMs,
                               exe: fs.statSync(buildExe).mtimeMs, app: fs.statSync(path.join(app, 'carnet-core.wasm')).mtimeMs,
                               page: fs.statSync(path.join(app, 'index.html')).mtimeMs });
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) {
    return JSON.parse(fs.readFileSync(path.join(out, '.bench-build.json'), 'utf8'));
  }
  fs.rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const run = spawnSync(buildExe, ['--app', app, '--bundle', path.join(corpus, 'bundle.json'), out],
                        { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`carnet-build failed (${run.status}): ${run.stderr.toString().slice(-2000)}`);
  const build = { build_ms: performance.now() - t0 };
  log(`  built in ${(build.build_ms / 1000).toFixed(1)} s: ${run.stderr.toString().trim().split('\n').pop()}`);
  fs.writeFileSync(path.join(out, '.bench-build.json'), JSON.stringify(build));
  fs.writeFileSync(stamp, key);
  return build;
}

// What a site published: boot (bundle.json), metadata parts, chunks.
function siteFigures(out) {
  const boot = fs.readFileSync(path.join(out, 'bundle.json'), 'utf8');
  const sharded = boot.includes('"format":"carnet-boot"');
  const meta = dirBytes(out, (f) => /^meta-[0-9a-f]{16}\.json$/.test(f));
  const chunks = dirBytes(out, (f) => /^chunk-[0-9a-f]{16}\.json$/.test(f));
  return { sharded, boot_bytes: Buffer.byteLength(boot), meta_bytes: meta.bytes, meta_files: meta.files,
           chunk_bytes: chunks.bytes, chunk_files: chunks.files };
}

// One navigation in a fresh context; resolves with the time of `mark` after navigation start
// and the first contentful paint (the static page's HTML, before the app takes it over).
async function timeTo(browser, url, mark) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1100, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 600000, polling: 10 });
    if (errors.length) throw new Error(errors.join('; '));
    return await page.evaluate((m) => ({
      mark: performance.getEntriesByName(m)[0].startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }), mark);
  } finally {
    await context.close();
  }
}

// In one page: boot data ready vs JSON.parse of the single-file bundle (10k blog).
async function loadingFigures(browser, origin, runs) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/bench-blank.html`);
    return await page.evaluate(async (n) => {
      const { loadCore, CarnetViewer } = await import('./js/core.js');
      const module = await loadCore();
      const out = { boot_ready_ms: [], meta_ready_ms: [], bundle_fetch_parse_ms: [], bundle_parse_ms: [] };
      for (let i = 0; i < n; i++) {
        let t0 = performance.now();
        const single = await (await fetch(`bundle-single.json?${i}`, { cache: 'no-store' })).text();
        const t1 = performance.now();
        JSON.parse(single);
        const t2 = performance.now();
        out.bundle_parse_ms.push(t2 - t1);
        out.bundle_fetch_parse_ms.push(t2 - t0);
        t0 = performance.now();
        const viewer = new CarnetViewer(module);
        const report = viewer.load(await (await fetch(`bundle.json?${i}`, { cache: 'no-store' })).text());
        out.boot_ready_ms.push(performance.now() - t0);
        const texts = await Promise.all(report.meta.map(async (f) => (await fetch(`${f}?${i}`, { cache: 'no-store' })).text()));
        report.meta.forEach((f, k) => viewer.addMeta(texts[k], f));
        out.meta_ready_ms.push(performance.now() - t0);
        viewer.delete();
      }
      return out;
    }, runs);
  } finally {
    await context.close();
  }
}

export async function runStartup({ app, buildExe, quick, sizes, seed = DEFAULT_SEED, root, log, onSize }) {
  sizes = sizes ?? (quick ? QUICK_SIZES : SIZES);
  const runs = quick ? 3 : 7;
  const work = path.join(root, 'build', 'bench');
  const browser = await chromium.launch(launchOptions());
  const update = {};
  try {
    for (const size of sizes) {
      const { dir: corpus, meta } = ensureCorpus(work, size, seed, log);
      const out = path.join(work, 'startup', `site-${size}`);
      log(`startup ${size}: building the site`);
      const build = buildSite({ buildExe, app, corpus, out, log });
      const figures = siteFigures(out);
      // The single-file bundle of the same blog, and a blank page of the site's origin.
      const single = path.join(out, 'bundle-single.json');
      if (!fs.existsSync(single)) fs.symlinkSync(path.join(corpus, 'bundle.json'), single);
      fs.writeFileSync(path.join(out, 'bench-blank.html'), '<!doctype html><meta charset="utf-8"><title>bench</title>\n');
      const { newest: firstSlug, oldest: oldestSlug } = await ends(corpus);
      const server = await startServer(out);
      const record = { articles: size, corpus_bundle_bytes: meta.bundle_bytes, ...figures, ...build, runs,
                       measured_at: new Date().toISOString(), loadavg: os.loadavg()[0], node: process.version,
                       chromium: browser.version() };
      try {
        const list = [];
        const article = [];
        const old = [];
        log(`startup ${size}: ${runs} runs (first list, first article, oldest article)`);
        for (let r = 0; r < runs; r++) {
          list.push(await timeTo(browser, `${server.origin}/`, 'carnet:paint:list'));
          article.push(await timeTo(browser, `${server.origin}/#/post/${firstSlug}`, 'carnet:paint:article'));
          old.push(await timeTo(browser, `${server.origin}/#/post/${oldestSlug}`, 'carnet:paint:article'));
        }
        const marks = (runs) => runs.map((r) => r.mark);
        const fcps = (runs) => runs.map((r) => r.fcp).filter((v) => v != null);
        Object.assign(record, { first_list_ms: median(marks(list)), first_article_ms: median(marks(article)),
                                old_article_ms: median(marks(old)),
                                first_list_fcp_ms: median(fcps(list)), first_article_fcp_ms: median(fcps(article)),
                                first_list_all: marks(list), first_article_all: marks(article), old_article_all: marks(old) });
        log(`startup ${size}: first list ${record.first_list_ms.toFixed(0)} ms (static HTML painted at ` +
            `${record.first_list_fcp_ms?.toFixed(0)} ms), first article ${record.first_article_ms.toFixed(0)} ms, ` +
            `oldest article ${record.old_article_ms.toFixed(0)} ms`);
        // The single-file bundle of a 100k blog (about 1 GB) is past what one JS string holds.
        if (figures.sharded && meta.bundle_bytes < 256 * 2 ** 20) {
          const l = await loadingFigures(browser, server.origin, runs);
          record.loading = Object.fromEntries(Object.entries(l).map(([k, v]) => [k, median(v)]));
          log(`startup ${size}: boot data ready ${record.loading.boot_ready_ms.toFixed(1)} ms; single bundle ` +
              `JSON.parse ${record.loading.bundle_parse_ms.toFixed(0)} ms (fetch + parse ${record.loading.bundle_fetch_parse_ms.toFixed(0)} ms); ` +
              `all metadata ready ${record.loading.meta_ready_ms.toFixed(0)} ms`);
        }
      } finally {
        await server.close();
      }
      update[size] = record;
      onSize?.(size, record);
    }
  } finally {
    await browser.close();
  }
  return update;
}

// The newest and oldest articles of a corpus, in the viewer's order (date, newest first;
// same day: by title, then slug).
async function ends(corpus) {
  let newest = null;
  let oldest = null;
  const before = (x, y) => x.date > y.date || (x.date === y.date && (x.title < y.title || (x.title === y.title && x.slug < y.slug)));
  await forEachArticle(corpus, (a) => {
    const k = { date: a.date, title: a.title, slug: a.slug };
    if (!newest || before(k, newest)) newest = k;
    if (!oldest || before(oldest, k)) oldest = k;
  });
  return { newest: newest.slug, oldest: oldest.slug };
}
