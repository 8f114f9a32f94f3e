// `run.mjs search`: for each corpus size, every engine builds its index from the same corpus
// and answers the same queries, each phase in its own Node process (worker.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { DEFAULT_SEED, ensureCorpus } from './corpus.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ENGINES = ['carnet', 'minisearch', 'lunr', 'flexsearch', 'pagefind'];
// Build order: slowest first, so that two build lanes finish together.
const BUILD_ORDER = ['lunr', 'pagefind', 'flexsearch', 'minisearch', 'carnet'];
export const FULL_SIZES = [1000, 10000, 100000];
export const QUICK_SIZES = [10000];

const gzipSize = (buf) => zlib.gzipSync(buf, { level: 6 }).length;

// Memory guard: the resident memory of a worker and its children (Pagefind's indexer is a
// separate native process) may not exceed this, or the worker is stopped and the engine
// reported "out of memory", before the machine (24 GiB, shared) runs out.
const MEMORY_LIMIT_BYTES = 14 * 2 ** 30;
const WORKER_HEAP_MB = 12288;

function treeRss(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch { /* gone */ }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

function killTree(pid) {
  const kill = (p) => { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } };
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) killTree(Number(d));
    } catch { /* gone */ }
  }
  kill(pid);
}

// Runs worker.mjs; resolves {ok, result | status+error, wall_ms}.
function runWorker(workerArgs, timeoutMs, log) {
  return new Promise((resolve) => {
    const resultFile = path.join(os.tmpdir(), `carnet-bench-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    const child = spawn(process.execPath,
      ['--expose-gc', `--max-old-space-size=${WORKER_HEAP_MB}`, path.join(HERE, 'worker.mjs'), ...workerArgs, '--result', resultFile],
      { stdio: ['ignore', 'inherit', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      tail = (tail + d.toString()).slice(-4000);
    });
    let timedOut = false;
    let overMemory = 0;
    const timer = setTimeout(() => { timedOut = true; killTree(child.pid); }, timeoutMs);
    const guard = setInterval(() => {
      const rss = treeRss(child.pid);
      if (rss > MEMORY_LIMIT_BYTES) { overMemory = rss; killTree(child.pid); }
    }, 1000);
    const t0 = performance.now();
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(guard);
      if (overMemory) {
        fs.rmSync(resultFile, { force: true });
        return resolve({ ok: false, status: 'out of memory', error: `stopped at ${(overMemory / 2 ** 30).toFixed(1)} GiB resident (limit ${MEMORY_LIMIT_BYTES / 2 ** 30} GiB)`, wall_ms: performance.now() - t0 });
      }
      const wall_ms = performance.now() - t0;
      let result = null;
      try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* no result */ }
      fs.rmSync(resultFile, { force: true });
      if (timedOut) return resolve({ ok: false, status: 'timeout', error: `stopped after ${Math.round(timeoutMs / 1000)} s`, wall_ms });
      if (result?.ok) return resolve({ ok: true, result, wall_ms });
      if (result && !result.ok) {
        const tooBig = /Invalid string length/.test(result.error);
        return resolve({ ok: false, status: tooBig ? 'index too large to serialize' : 'error', error: result.error, wall_ms });
      }
      const oom = /heap out of memory|Reached heap limit|Cannot allocate|OutOfMemory/i.test(tail);
      log(`worker exited (code ${code}, signal ${signal})`);
      resolve({ ok: false, status: oom ? 'out of memory' : 'crashed', error: tail.trim().split('\n').slice(-3).join(' ').slice(0, 500), wall_ms });
    });
  });
}

function filesSize(files) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    raw += buf.length;
    gz += gzipSize(buf);
  }
  return { raw, gz };
}

// What a peer's index depends on: when none of it changed, its index (and the figures of the
// build that made it) can be reused. Carnet's own index is always rebuilt: it is the code
// under test.
function buildKey(id, engine, meta) {
  const src = fs.readFileSync(path.join(HERE, 'engines', `${id}.mjs`), 'utf8');
  return crypto.createHash('sha256').update(JSON.stringify({
    id, version: engine.version(), src, node: process.version,
    corpus: { generator: meta.generator, size: meta.size, seed: meta.seed, dicts: meta.dicts },
  })).digest('hex');
}

// onSize(size, records) is called as soon as a size is done (so that a long run that is
// stopped keeps the sizes it finished).
export async function runSearch({ app, buildExe, quick, sizes, engines, seed = DEFAULT_SEED, root, log, reuseBuilds,
                                  buildTimeoutMs = 600_000, inMemory = [], onSize = () => {} }) {
  reuseBuilds ??= quick;
  sizes ??= quick ? QUICK_SIZES : FULL_SIZES;
  engines ??= ENGINES;
  const work = path.join(root, 'build', 'bench');
  const buildTimeout = buildTimeoutMs;                 // per engine and size (default 10 minutes)
  const queryTimeout = quick ? 300_000 : 600_000;
  const budget = quick ? 6000 : 20000;                 // ms of measured queries per engine
  const concurrency = quick ? 2 : 1;                   // index builds at once (2 cores here)
  const update = {};
  for (const size of sizes) {
    const { dir: corpus, meta } = ensureCorpus(work, size, seed, log);
    const corpusInfo = { articles: meta.articles, words: meta.words, french: meta.french, english: meta.english,
                         bundle_bytes: meta.bundle_bytes, seed };
    update[size] = {};
    const jobs = [];
    for (const id of engines) {
      const engine = await import(`./engines/${id}.mjs`);
      const out = path.join(work, 'index', `${id}-${size}`);
      const common = ['--engine', id, '--corpus', corpus, '--out', out, '--app', app, '--build', buildExe];
      const record = {
        status: 'ok', version: engine.version(), mode: quick ? 'quick' : 'full',
        measured_at: new Date().toISOString(), node: process.version, corpus: corpusInfo,
        build_parallel: concurrency,
      };
      update[size][id] = record;
      jobs.push({ id, engine, common, record, out, built: false, key: buildKey(id, engine, meta) });
    }
    jobs.sort((a, b) => BUILD_ORDER.indexOf(a.id) - BUILD_ORDER.indexOf(b.id));
    // Builds first (`concurrency` at a time), then the query phases one at a time, alone on
    // the machine, so that nothing disturbs the latency figures.
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const { id, record } = job;
        if (inMemory.includes(id) && job.engine.live) {
          job.live = true;
          log(`search ${size}: ${id}: will be built and queried in memory (--in-memory)`);
          continue;
        }
        const cacheFile = path.join(job.out, 'build-result.json');
        if (reuseBuilds && id !== 'carnet' && fs.existsSync(cacheFile)) {
          const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
          if (cached.key === job.key) {
            Object.assign(record, cached.result, { build_reused_from: cached.measured_at });
            job.built = true;
            log(`search ${size}: ${id}: index unchanged since ${cached.measured_at}: reusing it and its build figures`);
            continue;
          }
        }
        log(`search ${size}: ${id}: building the index`);
        const b = await runWorker(['--phase', 'build', ...job.common], buildTimeout, log);
        if (!b.ok && job.engine.live && /too large to serialize|crashed/.test(b.status)) {
          // Built, but its index cannot be written (V8's longest string): queried in memory.
          record.serialize_error = `${b.status}: ${b.error}`.slice(0, 500);
          job.live = true;
          log(`search ${size}: ${id}: ${b.status}: will be queried in memory, where it is built`);
          continue;
        }
        if (!b.ok) {
          Object.assign(record, { status: b.status === 'timeout' ? 'build timeout' : `build ${b.status}`, error: b.error,
                                  build_ms: null, p50_ms: null, p99_ms: null, index_bytes_gz: null });
          log(`search ${size}: ${id}: ${record.status}: ${b.error}`);
          continue;
        }
        delete b.result.ok;
        b.result.loadavg_after_build = os.loadavg()[0];
        Object.assign(record, b.result);
        job.built = true;
        fs.writeFileSync(cacheFile, JSON.stringify({ key: job.key, measured_at: record.measured_at,
                                                     result: { ...b.result, build_parallel: concurrency } }));
        log(`search ${size}: ${id}: built in ${(record.build_ms / 1000).toFixed(1)} s, ` +
            `${(record.index_bytes_gz / size).toFixed(0)} B/article gzip`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
    for (const { id, engine, common, record, built, live } of engines.map((e) => jobs.find((j) => j.id === e))) {
      if (!built && !live) continue;
      const load = os.loadavg()[0];
      record.loadavg_before_queries = load;
      if (load > 0.8 * os.cpus().length) log(`warning: load average ${load.toFixed(2)} on ${os.cpus().length} cores: other processes may disturb the latency figures`);
      log(`search ${size}: ${id}: ${live ? 'building in memory and querying' : 'querying'}`);
      const q = await runWorker(['--phase', live ? 'live' : 'query', ...common, '--budget-ms', String(budget),
                                 '--min-rounds', quick ? '5' : '10', '--max-rounds', '200'],
                                live ? buildTimeout + queryTimeout : queryTimeout, log);
      if (!q.ok) {
        Object.assign(record, { status: `query ${q.status}`, error: q.error, p50_ms: null, p99_ms: null });
        log(`search ${size}: ${id}: ${record.status}: ${q.error}`);
        continue;
      }
      Object.assign(record, q.result);
      delete record.ok;
      if (live) {
        record.status = 'in memory';
        log(`search ${size}: ${id}: in memory: p50 ${record.p50_ms.toFixed(3)} ms, p99 ${record.p99_ms.toFixed(3)} ms`);
        continue;
      }
      // Bytes a page downloads before its first search: engine code + index.
      if (record.bytes_loaded_fetch) {
        record.bytes_before_first_search = record.bytes_loaded_fetch.raw;
        record.bytes_before_first_search_gz = record.bytes_loaded_fetch.gz;
        record.code_bytes = null;
        record.code_bytes_gz = null;
      } else {
        const code = filesSize(engine.codeFiles({ app }));
        record.code_bytes = code.raw;
        record.code_bytes_gz = code.gz;
        record.bytes_before_first_search = code.raw + record.index_bytes;
        record.bytes_before_first_search_gz = code.gz + record.index_bytes_gz;
      }
      delete record.bytes_loaded_fetch;
      record.index_bytes_per_article = record.index_bytes / size;
      record.index_bytes_gz_per_article = record.index_bytes_gz / size;
      log(`search ${size}: ${id}: p50 ${record.p50_ms.toFixed(3)} ms, p99 ${record.p99_ms.toFixed(3)} ms ` +
          `(${record.samples} samples), first result after ${record.ttfr_ms.toFixed(0)} ms`);
    }
    onSize(size, update[size]);
  }
  return update;
}
