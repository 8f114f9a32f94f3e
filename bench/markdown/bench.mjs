// Markdown throughput: Carnet's wasm renderer against markdown-wasm, md4w, marked and
// markdown-it, all in one Node process on the same article set, engines interleaved round
// by round (each round renders the whole set with every engine, in a rotating order), with
// md4c's own HTML renderer natively (the ceiling) and Carnet's renderer natively. Figures are
// medians over rounds, so that a noisy shared machine hurts every engine alike.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

import { makeMarkdownSet, DEFAULT_SEED } from './corpus.mjs';
import { ENGINES, MD4C_GITHUB_NOHTML, loadEngine } from './engines.mjs';
import { runInChromium } from './browser.mjs';
import { compareShapes, outputShape } from './check.mjs';

export { ENGINES };
export const NATIVE = ['md4c-native', 'carnet-native'];

// Rounds run until the time budget is spent, and at least MIN_ROUNDS; Node then Chromium.
const BUDGET_S = { quick: 40, full: 200 };
const BROWSER_BUDGET_S = { quick: 30, full: 120 };
const MIN_ROUNDS = { quick: 8, full: 25 };
const WARMUP_ROUNDS = 3;

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
export function fileSizes(files) {
  let bytes = 0;
  let bytesGz = 0;
  for (const f of files) {
    const b = fs.readFileSync(f);
    bytes += b.length;
    bytesGz += gz(b);
  }
  return { bytes, bytes_gz: bytesGz, files: files.map((f) => path.basename(f)) };
}

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (i - lo);
}

// Median and middle half of round times (ms) as throughputs (MB/s) of `bytes` per round.
function throughput(list, bytes) {
  const sorted = [...list].sort((a, b) => a - b);
  const mbps = (ms) => bytes / 1e6 / (ms / 1000);
  return {
    rounds: sorted.length, median_ms: quantile(sorted, 0.5), min_ms: sorted[0],
    mb_per_s: mbps(quantile(sorted, 0.5)), mb_per_s_p25: mbps(quantile(sorted, 0.75)),
    mb_per_s_p75: mbps(quantile(sorted, 0.25)), mb_per_s_best: mbps(sorted[0]),
  };
}

function buildNative(root, log) {
  const dir = path.join(root, 'build', 'native');
  log(`markdown: building carnet_markdown_bench in ${path.relative(root, dir)}`);
  // Re-configure first (keeping the cache): a tree configured before this target existed.
  execFileSync('cmake', ['-S', root, '-B', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('cmake', ['--build', dir, '--target', 'carnet_markdown_bench'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(dir, 'bench', 'markdown', 'carnet_markdown_bench');
}

// `rounds`: a fixed number of timed rounds instead of the time budget (a smoke run while
// developing; its figures are not worth publishing).
export async function runMarkdown({ app, root, quick = false, engines = ENGINES, seed = DEFAULT_SEED, browser = true,
                                    rounds: fixedRounds = 0, log = () => {} }) {
  const mode = quick ? 'quick' : 'full';
  const budgetS = fixedRounds ? 0 : BUDGET_S[mode];
  const browserBudgetS = fixedRounds ? 0 : BROWSER_BUDGET_S[mode];
  const minRounds = fixedRounds || MIN_ROUNDS[mode];
  const warmupRounds = fixedRounds ? 1 : WARMUP_ROUNDS;
  const set = makeMarkdownSet({ quick, seed });
  const texts = set.articles.map((a) => a.text);
  log(`markdown: ${texts.length} articles, ${(set.bytes / 1e6).toFixed(2)} MB (${set.french} French, ` +
      `${set.english} English, ${set.long} long, ${set.content} from content/), seed ${seed}`);
  const setFile = path.join(root, 'build', 'bench', `markdown-${seed}-${texts.length}.txt`);
  fs.mkdirSync(path.dirname(setFile), { recursive: true });
  fs.writeFileSync(setFile, texts.join('\0'));
  const nativeExe = buildNative(root, log);

  const loaded = [];
  const records = {};
  const setInfo = { articles: texts.length, bytes: set.bytes, french: set.french, english: set.english,
                    long: set.long, content: set.content, largest_bytes: set.largest, seed, generator: set.version };
  const base = { mode, measured_at: new Date().toISOString(), node: process.version, set: setInfo };
  for (const id of engines) {
    try {
      const e = await loadEngine(id, { app });
      const html = texts.map((t) => e.render(t)).join('\n');
      loaded.push(e);
      const shape = outputShape(html);
      records[id] = { ...base, status: 'ok', version: e.version, html_bytes: Buffer.byteLength(html),
                      tags: shape.counts, text_chars: shape.text_chars, code: fileSizes(e.codeFiles) };
    } catch (err) {
      log(`markdown: ${id} failed to load or render: ${err.stack || err}`);
      records[id] = { ...base, status: 'failed', error: String(err.message || err) };
    }
  }
  for (const id of NATIVE) {
    const html = execFileSync(nativeExe, [setFile, '--html', id], { maxBuffer: 1 << 28 }).toString('utf8');
    const shape = outputShape(html.replace(/\0/g, '\n'));
    records[id] = { ...base, status: 'ok', version: id === 'md4c-native' ? 'md4c 0.5.3 md4c-html' : 'working tree',
                    html_bytes: Buffer.byteLength(html.replace(/\0/g, '\n')), tags: shape.counts, text_chars: shape.text_chars };
  }
  // Every engine's output against md4c's own renderer (same parser, same flags).
  const reference = { counts: records['md4c-native'].tags, text_chars: records['md4c-native'].text_chars };
  for (const [id, r] of Object.entries(records)) {
    if (r.status !== 'ok') continue;
    r.output_check = compareShapes({ counts: r.tags, text_chars: r.text_chars }, reference);
    if (r.output_check !== 'ok') log(`markdown: ${id}: output ${r.output_check}`);
  }

  const times = Object.fromEntries([...loaded.map((e) => e.id), ...NATIVE].map((id) => [id, []]));
  let sink = 0;
  const renderAll = (e) => {
    globalThis.gc?.();
    const t0 = process.hrtime.bigint();
    for (const t of texts) sink += e.render(t).length;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  log(`markdown: warm-up (${warmupRounds} rounds)`);
  for (let r = 0; r < warmupRounds; r++) for (const e of loaded) renderAll(e);
  const deadline = performance.now() + budgetS * 1000;
  const loadBefore = os.loadavg()[0];
  let rounds = 0;
  while (rounds < minRounds || performance.now() < deadline) {
    const order = loaded.map((_, k) => loaded[(k + rounds) % loaded.length]);
    for (const e of order) times[e.id].push(renderAll(e));
    for (const line of execFileSync(nativeExe, [setFile, '--passes', '1']).toString().trim().split('\n')) {
      const { engine, ns } = JSON.parse(line);
      times[engine].push(ns / 1e6);
    }
    rounds++;
    if (rounds % 5 === 0) log(`markdown: ${rounds} rounds`);
  }
  const loadAfter = os.loadavg()[0];
  for (const [id, list] of Object.entries(times)) {
    Object.assign(records[id], throughput(list, set.bytes), { loadavg_before: loadBefore, loadavg_after: loadAfter });
  }
  if (sink === 0) throw new Error('no output');  // keeps the renders observable

  if (browser) {
    const ids = loaded.map((e) => e.id);
    const b = await runInChromium({
      app, texts, engines: ids, md4cFlags: MD4C_GITHUB_NOHTML, warmup: warmupRounds, minRounds,
      budgetMs: browserBudgetS * 1000, dir: path.join(root, 'build', 'bench', 'markdown-browser'), log,
    });
    for (const id of ids) {
      const r = b.engines[id];
      records[id].chromium = r.error ? { status: 'failed', error: r.error, version: b.version }
        : { status: 'ok', version: b.version, ...throughput(r.times, set.bytes) };
    }
  }
  return records;
}
