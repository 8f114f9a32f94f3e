// One engine, one phase, in a fresh Node process (started by bench/search/bench.mjs):
//   --phase build   build the index from the corpus and write it to --out
//   --phase query   load the index written by the build phase, as a page would, and time queries
//   --phase live    build the index in memory and time queries on it, in the same process: for
//                   an engine whose index cannot be serialized at this size (MiniSearch and
//                   FlexSearch at 100k), so that its query latency is still measured
// Writes its findings as JSON to --result. Each engine gets its own process so that memory,
// JIT state and crashes (out of memory) of one engine never touch another.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';

import { loadDocuments } from './corpus.mjs';
import { FIRST_QUERY, QUERIES } from './queries.mjs';

const { values: args } = parseArgs({
  options: {
    phase: { type: 'string' }, engine: { type: 'string' }, corpus: { type: 'string' }, out: { type: 'string' },
    result: { type: 'string' }, app: { type: 'string' }, build: { type: 'string' },
    'budget-ms': { type: 'string', default: '15000' }, 'min-rounds': { type: 'string', default: '10' },
    'max-rounds': { type: 'string', default: '200' }, 'warmup-rounds': { type: 'string', default: '3' },
  },
});
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');

const ctx = { app: args.app, buildExe: args.build };
const engine = await import(`./engines/${args.engine}.mjs`);
const log = (msg) => process.stderr.write(`    [${args.engine}] ${msg}\n`);

const memNow = () => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, rss: m.rss };
};
const gzipSize = (buf) => zlib.gzipSync(buf, { level: 6 }).length;

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

async function buildPhase() {
  fs.rmSync(args.out, { recursive: true, force: true });
  fs.mkdirSync(args.out, { recursive: true });
  let docs = null;
  if (engine.needsDocs) {
    const t = performance.now();
    docs = await loadDocuments(args.corpus, { markdown: !!engine.needsMarkdown });
    log(`${docs.length} documents read in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed)`);
  }
  global.gc();
  const before = memNow();
  let peakHeap = before.heap + before.external;
  const sampler = setInterval(() => {
    const m = memNow();
    peakHeap = Math.max(peakHeap, m.heap + m.external);
  }, 200);
  const r = await engine.build({ docs, corpusDir: args.corpus, outDir: args.out, ctx });
  clearInterval(sampler);
  const after = memNow();
  peakHeap = Math.max(peakHeap, after.heap + after.external);
  let raw = 0;
  let gz = 0;
  if (r.sizes) {
    ({ raw, gz } = r.sizes);
  } else {
    for (const f of r.index_files) {
      const buf = fs.readFileSync(f);
      raw += buf.length;
      gz += gzipSize(buf);
    }
  }
  return {
    build_ms: r.build_ms,
    build_note: r.note ?? null,
    index_bytes: raw,
    index_bytes_gz: gz,
    index_files: r.index_files.length,
    build_heap_peak_bytes: engine.needsDocs ? peakHeap - before.heap - before.external : null,
    ...(r.extra ?? {}),
  };
}

async function queryPhase() {
  global.gc();
  let base = null;
  // afterImport: called by the engine once its code is loaded, before it reads the index.
  // Takes the memory baseline (a full GC, whose time is left out of time-to-first-result).
  const afterImport = () => {
    const t = performance.now();
    global.gc();
    base = memNow();
    return performance.now() - t;
  };
  const t0 = performance.now();
  let opened = await engine.open({ outDir: args.out, ctx, afterImport });
  const first = await opened.search(FIRST_QUERY);
  const { import_ms, load_ms } = opened;
  const ttfr = performance.now() - t0 - opened.pause;
  if (!first.total) log(`warning: the first query '${FIRST_QUERY}' found nothing`);
  const bytesLoaded = opened.bytesLoaded ? opened.bytesLoaded() : null;
  const filesLoaded = opened.filesLoaded ? opened.filesLoaded() : null;
  global.gc();
  const loaded = memNow();
  const memory = loaded.heap + loaded.external - base.heap - base.external;
  const figures = await timeQueries(opened);
  opened = null;
  global.gc();
  const end = memNow();
  return {
    ...figures,
    ttfr_ms: ttfr,
    import_ms,
    load_ms,
    memory_bytes: memory,
    memory_after_queries_bytes: end.heap + end.external - base.heap - base.external,
    rss_bytes: end.rss,
    bytes_loaded_fetch: bytesLoaded,
    files_loaded_fetch: filesLoaded,
  };
}

async function livePhase() {
  let docs = await loadDocuments(args.corpus, { markdown: !!engine.needsMarkdown });
  log(`${docs.length} documents read (not timed); building in memory`);
  global.gc();
  const base = memNow();
  let opened = await engine.live({ docs, ctx });
  docs = null;  // the engine keeps what it stored (titles), not the corpus
  global.gc();
  const built = memNow();
  log(`built in memory in ${(opened.build_ms / 1000).toFixed(1)} s`);
  const figures = await timeQueries(opened);
  const build_ms = opened.build_ms;
  opened = null;
  return {
    ...figures,
    build_ms,
    build_note: 'in memory',
    index_bytes: null,
    index_bytes_gz: null,
    index_files: 0,
    ttfr_ms: null,
    memory_bytes: built.heap + built.external - base.heap - base.external,
    rss_bytes: built.rss,
  };
}

// The timed part of a query phase: every query once (untimed, for the report's sanity
// table), warm-up rounds, then rounds of every query until the time budget is spent.
async function timeQueries(opened) {
  const budget = Number(args['budget-ms']);
  const minRounds = Number(args['min-rounds']);
  const maxRounds = Number(args['max-rounds']);
  // Results of every query (untimed), for the report's sanity table.
  const answers = {};
  for (const { q } of QUERIES) {
    const r = opened.slugs ? await opened.slugs(q) : await opened.search(q);
    answers[q] = { total: r.total, top: r.ids.slice(0, 3) };
  }
  for (let i = 0; i < Number(args['warmup-rounds']); i++) for (const { q } of QUERIES) await opened.search(q);

  // Measured rounds: every query once per round, in order, until the time budget is spent.
  const samples = QUERIES.map(() => []);
  const start = performance.now();
  let rounds = 0;
  while (rounds < maxRounds && (rounds < minRounds || performance.now() - start < budget)) {
    for (let k = 0; k < QUERIES.length; k++) {
      const q = QUERIES[k].q;
      const t = process.hrtime.bigint();
      await opened.search(q);
      samples[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    rounds++;
  }
  const all = samples.flat().sort((a, b) => a - b);
  const perQuery = {};
  QUERIES.forEach(({ q }, k) => {
    const s = samples[k].sort((a, b) => a - b);
    perQuery[q] = { p50_ms: percentile(s, 50), max_ms: s[s.length - 1], ...answers[q] };
  });
  return {
    p50_ms: percentile(all, 50),
    p99_ms: percentile(all, 99),
    mean_ms: all.reduce((a, b) => a + b, 0) / all.length,
    max_ms: all[all.length - 1],
    rounds,
    samples: all.length,
    per_query: perQuery,
  };
}

let out;
try {
  const phases = { build: buildPhase, query: queryPhase, live: livePhase };
  if (!phases[args.phase]) throw new Error(`unknown phase '${args.phase}'`);
  out = await phases[args.phase]();
  out.ok = true;
} catch (e) {
  out = { ok: false, error: String(e?.stack || e).slice(0, 4000) };
}
fs.writeFileSync(args.result, JSON.stringify(out));
process.exit(0);
