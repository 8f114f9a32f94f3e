// `run.mjs build`: how long `carnet-build` takes to turn a blog into a site, against blog
// size, in the three cases a blogger meets: the first build into an empty folder, a
// rebuild with nothing changed, and a rebuild after one article was edited (same output
// folder each time). Each blog is the search benchmark's generated corpus (its bundle.json,
// given to `carnet-build --bundle`; the Markdown front matter reader is not in the times).
// Wall time of the whole process, and the files it wrote (unchanged files are not
// rewritten). Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import { DEFAULT_SEED, ensureCorpus } from '../search/corpus.mjs';

export const SIZES = [1000, 10000];
export const QUICK_SIZES = [1000];

function build(buildExe, app, bundle, out) {
  const t0 = performance.now();
  const run = spawnSync(buildExe, ['--app', app, '--bundle', bundle, out], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  const err = run.stderr.toString();
  if (run.status !== 0) throw new Error(`carnet-build failed (${run.status}): ${err.slice(-2000)}`);
  const summary = err.trim().split('\n').pop();
  const written = summary.match(/\((\d+) file\(s\) updated/);
  return { ms, files_written: written ? Number(written[1]) : null, summary };
}

// A copy of the corpus's bundle with the body of its first article edited (a byte-level
// edit: a 100k bundle is larger than one JavaScript string may be).
function editedBundle(bundle, out) {
  const bytes = fs.readFileSync(bundle);
  const at = bytes.indexOf(Buffer.from('"bodies":'));
  const head = at < 0 ? null : bytes.subarray(at, at + 4096).toString('latin1').match(/^"bodies":\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*"/);
  if (!head) throw new Error(`${bundle}: no "bodies" object`);
  const insert = at + head[0].length;  // the first body's first byte
  const edit = Buffer.from('Paragraphe ajouté lors d\u2019une relecture.\\n\\n');
  fs.writeFileSync(out, Buffer.concat([bytes.subarray(0, insert), edit, bytes.subarray(insert)]));
}

export async function runBuild({ app, buildExe, quick, sizes, seed = DEFAULT_SEED, root, log, onSize }) {
  sizes = sizes ?? (quick ? QUICK_SIZES : SIZES);
  const work = path.join(root, 'build', 'bench');
  const update = {};
  for (const size of sizes) {
    const { dir: corpus, meta } = ensureCorpus(work, size, seed, log);
    const bundle = path.join(corpus, 'bundle.json');
    const out = path.join(work, 'build-bench', `site-${size}`);
    // In a folder of its own: carnet-build refuses an output folder inside the content's.
    const edited = path.join(work, 'build-bench', `edited-${size}`, 'bundle.json');
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(edited), { recursive: true });
    editedBundle(bundle, edited);
    const loadavg = os.loadavg()[0];
    log(`build ${size}: first build into an empty folder`);
    const cold = build(buildExe, app, bundle, out);
    log(`build ${size}: ${(cold.ms / 1000).toFixed(1)} s, ${cold.files_written} files; rebuild with nothing changed`);
    const same = build(buildExe, app, bundle, out);
    log(`build ${size}: ${(same.ms / 1000).toFixed(1)} s, ${same.files_written} files; rebuild after one article edited`);
    const one = build(buildExe, app, edited, out);
    log(`build ${size}: ${(one.ms / 1000).toFixed(1)} s, ${one.files_written} files`);
    fs.rmSync(path.dirname(edited), { recursive: true, force: true });
    const record = {
      articles: size, corpus_bundle_bytes: meta.bundle_bytes, measured_at: new Date().toISOString(),
      cores: os.cpus().length, loadavg, cold_ms: cold.ms, cold_files: cold.files_written,
      unchanged_ms: same.ms, unchanged_files: same.files_written, one_edit_ms: one.ms, one_edit_files: one.files_written,
      summary: cold.summary,
    };
    update[size] = record;
    onSize?.(size, record);
  }
  return update;
}

// The "build" section of docs/benchmarks.md.
export function renderBuildSection(results) {
  const sizes = Object.keys(results).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
  const s = (ms) => (ms == null ? '–' : `${(ms / 1000).toFixed(1)} s`);
  const out = ['## Site build', '',
    '`./carnet bench build [--quick] [--sizes 1000,10000,100000]`: wall time of `carnet-build` on the search ' +
    'benchmark\'s generated blogs (about 1,200 words an article; `--bundle`, so front matter reading is not ' +
    'timed), into the same output folder three times: empty, again with nothing changed, and again after one ' +
    'article was edited. A build renders every article, writes its static page, the search index, feeds and ' +
    'sitemap, and (from 1,000 articles) the sharded files; it skips writing files whose bytes did not change. ' +
    'No peer runs in this kind yet (Hugo, in Debian\'s archive, is the natural one to add): the figures stand alone.', '',
    '| articles | first build | nothing changed | one article edited | files written (first · unchanged · edited) | articles/s (first build) | measured |',
    '|---:|---:|---:|---:|---:|---:|---|'];
  for (const n of sizes) {
    const r = results[n];
    out.push(`| ${n.toLocaleString('en-US')} | ${s(r.cold_ms)} | ${s(r.unchanged_ms)} | ${s(r.one_edit_ms)} | ` +
      `${r.cold_files} · ${r.unchanged_files} · ${r.one_edit_files} | ${Math.round(n / (r.cold_ms / 1000))} | ` +
      `${r.measured_at.slice(0, 10)}${r.loadavg > r.cores * 0.8 ? ` (load ${r.loadavg.toFixed(1)})` : ''} |`);
  }
  out.push('', 'A rebuild writes only what changed, but still renders every article: there is no cache of ' +
    'rendered articles yet, so an edit costs about as much time as a first build.');
  return out.join('\n');
}
