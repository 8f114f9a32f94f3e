// Benchmark dispatcher: `./carnet bench [search|markdown|size|startup|build ...] [--quick]`
// (./carnet passes --app APP_DIR --build CARNET_BUILD_EXE). With no kind, every implemented
// kind runs. Each kind merges its figures under its own top-level key of bench/results.json
// and rewrites its own section of docs/benchmarks.md. Benchmarks assert nothing.
//
// Options: --quick              the short variant of each kind (search: 10k articles only;
//                               markdown: 60 articles, 50 s of rounds)
//          --sizes 1000,10000   search: corpus sizes (default 1000,10000,100000; --quick: 10000);
//                               startup: blog sizes (default 100,10000,100000; --quick: 100,10000);
//                               build: blog sizes (default 1000,10000; --quick: 1000)
//          --engines a,b        search: engines (default carnet,minisearch,lunr,flexsearch,pagefind);
//                               markdown: engines (default carnet,markdown-wasm,md4w,marked,markdown-it)
//          --seed TEXT          search: corpus seed; markdown: article set seed
//          --rebuild            search: rebuild every index (--quick otherwise reuses a peer's index,
//                               and its build figures, when its engine, settings and corpus are unchanged)
//          --reuse              search: reuse unchanged peer indexes in a full run too
//          --build-timeout MIN  search: minutes an engine may take to build one index (default 10;
//                               the JS peers need far more at 100k articles)
//          --in-memory a,b      search: build these engines' indexes and query them in the same
//                               process, without writing them (what an engine whose index cannot
//                               be serialized at a size gets anyway, after its build fails)
//          --no-browser         markdown: Node only (no headless Chromium half)
//          --rounds N           markdown: N timed rounds, no time budget (a smoke run; use with --no-docs)
//          --no-docs            do not touch docs/benchmarks.md and the chart
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { mergeKind, writeSection } from './lib/results.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'bench', 'results.json');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');

const log = (msg) => process.stderr.write(`\x1b[1m[bench]\x1b[0m ${msg}\n`);

function minutes(text, fallback) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(n > 0)) throw new Error(`bad --build-timeout '${text}' (minutes, > 0)`);
  return n;
}

// --sizes "1000,10k,100000" as numbers (undefined when not given).
function sizesOption(text) {
  if (!text) return undefined;
  return text.split(',').map((x) => x.trim()).filter(Boolean).map((s) => {
    const n = Number(s.replace(/k$/i, '000'));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`bad size '${s}' in --sizes`);
    return n;
  });
}

const KINDS = {
  search: async (opts) => {
    const { runSearch, ENGINES } = await import('./search/bench.mjs');
    const list = (s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
    const engines = list(opts.engines);
    const inMemory = list(opts['in-memory']) ?? [];
    for (const e of [...(engines ?? []), ...inMemory]) if (!ENGINES.includes(e)) throw new Error(`unknown engine '${e}' (known: ${ENGINES.join(', ')})`);
    const sizes = sizesOption(opts.sizes);
    const { renderSearchMarkdown, writeSearchChart } = await import('./search/report.mjs');
    // Merged and written after each corpus size.
    const onSize = (size, records) => {
      const results = mergeKind(RESULTS, 'search', { [size]: records });
      log(`search ${size}: figures merged into ${path.relative(ROOT, RESULTS)}`);
      if (!opts['no-docs']) {
        writeSearchChart(path.join(ROOT, 'docs', 'bench-search.svg'), results.search);
        writeSection(DOC, 'search', renderSearchMarkdown(results.search, { chartFile: 'bench-search.svg' }));
        log(`search ${size}: wrote ${path.relative(ROOT, DOC)} (search section) and docs/bench-search.svg`);
      }
    };
    const update = await runSearch({ app: opts.app, buildExe: opts.build, quick: opts.quick, sizes, engines,
                                     seed: opts.seed, root: ROOT, log, reuseBuilds: (opts.quick || opts.reuse) && !opts.rebuild,
                                     buildTimeoutMs: minutes(opts['build-timeout'], 10) * 60_000, inMemory, onSize });
    printSummary(update);
  },
  markdown: async (opts) => {
    const { runMarkdown, ENGINES } = await import('./markdown/bench.mjs');
    const engines = opts.engines ? opts.engines.split(',').map((x) => x.trim()).filter(Boolean) : ENGINES;
    for (const e of engines) if (!ENGINES.includes(e)) throw new Error(`unknown engine '${e}' (known: ${ENGINES.join(', ')})`);
    const records = await runMarkdown({ app: opts.app, root: ROOT, quick: opts.quick, engines, log,
                                        browser: !opts['no-browser'], rounds: Number(opts.rounds ?? 0),
                                        ...(opts.seed ? { seed: opts.seed } : {}) });
    // One level deep: a run replaces the figures of the engines it measured, keeps the others.
    const results = mergeKind(RESULTS, 'markdown', records, 1);
    log(`markdown: figures merged into ${path.relative(ROOT, RESULTS)}`);
    if (!opts['no-docs']) {
      const { renderMarkdownSection, writeMarkdownChart } = await import('./markdown/report.mjs');
      writeMarkdownChart(path.join(ROOT, 'docs', 'bench-markdown.svg'), results.markdown);
      writeSection(DOC, 'markdown', renderMarkdownSection(results.markdown, { chartFile: 'bench-markdown.svg' }));
      log(`markdown: wrote ${path.relative(ROOT, DOC)} (markdown section) and docs/bench-markdown.svg`);
    }
    console.log('\nmarkdown: MB/s (median of rounds)   Node     Chromium');
    for (const [id, r] of Object.entries(records)) {
      const cell = (x) => (x?.mb_per_s == null ? (x?.status ?? '–') : x.mb_per_s.toFixed(1)).padStart(8);
      console.log(`${id.padEnd(32)} ${cell(r)} ${cell(r.chromium)}` +
                  `${r.code ? `   code ${r.code.bytes} B, ${r.code.bytes_gz} B gzip` : ''}`);
    }
  },
  size: async (opts) => {
    const { measureModule, renderSizeSection } = await import('./size/module-size.mjs');
    const size = measureModule(opts.app);
    const results = mergeKind(RESULTS, 'size', size, 0);
    if (!opts['no-docs']) writeSection(DOC, 'size', renderSizeSection(results.size));
    const m = size.module;
    console.log(`\nviewer core: ${m.files.map((f) => `${f.file} ${f.gzip} B`).join(' + ')} = ${m.gzip} B gzip -9 ` +
                `(target ${size.target_gzip}: ${m.met ? 'met' : 'NOT met'})`);
  },
  startup: async (opts) => {
    const { runStartup } = await import('./startup/bench.mjs');
    const { renderStartupMarkdown, renderStartupSection, writeStartupChart } = await import('./startup/report.mjs');
    const sizes = sizesOption(opts.sizes);
    await runStartup({ app: opts.app, buildExe: opts.build, quick: opts.quick, sizes, seed: opts.seed, root: ROOT, log,
      onSize: (size, record) => {
        const results = mergeKind(RESULTS, 'startup', { [size]: record }, 1);
        log(`startup ${size}: figures merged into ${path.relative(ROOT, RESULTS)}`);
        if (opts['no-docs']) return;
        writeStartupChart(path.join(ROOT, 'docs', 'bench-startup.svg'), results.startup);
        fs.writeFileSync(path.join(ROOT, 'docs', 'bench-startup.md'),
          renderStartupMarkdown(results.startup, { chartFile: 'bench-startup.svg' }));
        writeSection(DOC, 'startup', renderStartupSection(results.startup));
        log(`startup ${size}: wrote docs/bench-startup.md, docs/bench-startup.svg and the startup section of ${path.relative(ROOT, DOC)}`);
      } });
  },
  build: async (opts) => {
    const { runBuild } = await import('./build/bench.mjs');
    const { renderBuildSection, writeBuildChart } = await import('./build/report.mjs');
    const sizes = sizesOption(opts.sizes);
    const update = await runBuild({ app: opts.app, buildExe: opts.build, quick: opts.quick, sizes, seed: opts.seed, root: ROOT, log,
      onSize: (size, record) => {
        const results = mergeKind(RESULTS, 'build', { [size]: record }, 1);
        log(`build ${size}: figures merged into ${path.relative(ROOT, RESULTS)}`);
        if (opts['no-docs']) return;
        writeBuildChart(path.join(ROOT, 'docs', 'bench-build.svg'), results.build);
        writeSection(DOC, 'build', renderBuildSection(results.build, { chartFile: 'bench-build.svg' }));
        log(`build ${size}: wrote ${path.relative(ROOT, DOC)} (build section) and docs/bench-build.svg`);
      } });
    console.log('\nbuild: wall time      first build   unchanged   one edit   files written (first · unchanged · edited)');
    for (const [size, r] of Object.entries(update)) {
      for (const [tool, f] of [['carnet', r], ['hugo', r.peers.hugo]]) {
        if (f?.cold_ms == null) continue;
        const s = (ms) => `${(ms / 1000).toFixed(2)} s`.padStart(11);
        console.log(`${`${size} ${tool}`.padEnd(18)} ${s(f.cold_ms)}   ${s(f.unchanged_ms)} ${s(f.one_edit_ms)}   ` +
                    `${f.cold_files} · ${f.unchanged_files} · ${f.one_edit_files}`);
      }
    }
  },
};

function printSummary(update) {
  for (const [size, engines] of Object.entries(update)) {
    console.log(`\nsearch, ${size} articles`);
    console.log('engine       p50 ms    p99 ms   index gz/article   build        first result');
    for (const [id, r] of Object.entries(engines)) {
      if (r.p50_ms == null) {
        console.log(`${id.padEnd(12)} ${r.status}${r.error ? `: ${r.error.split('\n')[0].slice(0, 100)}` : ''}`);
        continue;
      }
      const gz = r.index_bytes_gz == null ? '–' : `${Math.round(r.index_bytes_gz / Number(size))} B`;
      const ttfr = r.ttfr_ms == null ? '–' : `${r.ttfr_ms.toFixed(0)} ms`;
      console.log(`${id.padEnd(12)} ${r.p50_ms.toFixed(3).padStart(7)} ${r.p99_ms.toFixed(3).padStart(9)}` +
        `   ${gz.padStart(16)}   ${`${(r.build_ms / 1000).toFixed(1)} s`.padStart(9)}` +
        `   ${ttfr.padStart(12)}${r.status === 'in memory' ? '   (in memory)' : ''}`);
    }
  }
}

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    app: { type: 'string' }, build: { type: 'string' }, quick: { type: 'boolean', default: false },
    sizes: { type: 'string' }, engines: { type: 'string' }, seed: { type: 'string' },
    'no-docs': { type: 'boolean', default: false }, rebuild: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false }, 'build-timeout': { type: 'string' }, 'in-memory': { type: 'string' },
    'no-browser': { type: 'boolean', default: false }, rounds: { type: 'string' },
  },
});

const requested = positionals.length ? positionals : Object.keys(KINDS).filter((k) => KINDS[k]);
let missing = 0;
for (const kind of requested) {
  if (!(kind in KINDS)) {
    log(`unknown benchmark kind '${kind}' (known: ${Object.keys(KINDS).join(', ')})`);
    process.exitCode = 2;
    continue;
  }
  if (!KINDS[kind]) {
    log(`${kind}: not implemented yet (only: ${Object.keys(KINDS).filter((k) => KINDS[k]).join(', ')})`);
    missing++;
    continue;
  }
  if (!opts.app || !opts.build) throw new Error('--app APP_DIR and --build CARNET_BUILD_EXE are required (./carnet bench passes them)');
  if (!fs.existsSync(path.join(opts.app, 'carnet-core.wasm'))) throw new Error(`${opts.app}: no carnet-core.wasm (run ./carnet build first, or use ./carnet bench)`);
  const t0 = performance.now();
  log(`${kind}${opts.quick ? ' (quick)' : ''}`);
  await KINDS[kind](opts);
  log(`${kind} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
if (missing) process.exitCode = 2;
