// `run.mjs build`: how long `carnet-build` takes to turn a blog into a site, against blog
// size, in the three cases a blogger meets: the first build into an empty folder, a
// rebuild with nothing changed, and a rebuild after one article was edited (same output
// folder each time); and, in the same run on the same articles, how long Hugo takes
// (bench/build/hugo.mjs). Each blog is the search benchmark's generated corpus (its
// bundle.json, given to `carnet-build --bundle`; the Markdown front matter reader is not in
// Carnet's times, while Hugo reads one Markdown file an article). Wall time of the whole
// process, and the files it wrote. Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import { DEFAULT_SEED, ensureCorpus } from '../search/corpus.mjs';
import { editFirstPost, ensureHugoSite, hugoBuild, hugoVersion } from './hugo.mjs';

export const SIZES = [1000, 10000];
export const QUICK_SIZES = [1000];
// The one-article edit of both tools: a paragraph put before the first article's body.
const EDIT = 'Paragraphe ajouté lors d\u2019une relecture.\n\n';
const CASES = [['cold', 'first build into an empty folder'], ['unchanged', 'rebuild with nothing changed'],
               ['one_edit', 'rebuild after one article edited']];

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
  const edit = Buffer.from(JSON.stringify(EDIT).slice(1, -1));
  fs.writeFileSync(out, Buffer.concat([bytes.subarray(0, insert), edit, bytes.subarray(insert)]));
}

// Modification time of every file below `dir` (by path), but Carnet's build caches
// (`.carnet-cache.json`, `.carnet-cache/`), which are not part of the site.
function mtimes(dir, into = new Map()) {
  if (!fs.existsSync(dir)) return into;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.carnet-cache')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) mtimes(p, into);
    else into.set(p, fs.statSync(p).mtimeMs);
  }
  return into;
}

// The three cases of one tool into `out`, emptied first. buildOnce(kase) runs one build and
// returns {ms, files_written (null: count the files it created or touched), summary}.
function timeCases(size, tool, out, buildOnce, log) {
  fs.rmSync(out, { recursive: true, force: true });
  const record = { loadavg: os.loadavg()[0] };
  for (const [kase, what] of CASES) {
    log(`build ${size}, ${tool}: ${what}`);
    const before = mtimes(out);
    const b = buildOnce(kase);
    const after = mtimes(out);
    const files = b.files_written ?? [...after].filter(([p, t]) => before.get(p) !== t).length;
    log(`build ${size}, ${tool}: ${(b.ms / 1000).toFixed(1)} s, ${files} files written`);
    Object.assign(record, { [`${kase}_ms`]: b.ms, [`${kase}_files`]: files }, kase === 'cold' && b.summary ? { summary: b.summary } : {});
    if (kase === 'one_edit') record.output_files = after.size;
  }
  return record;
}

export async function runBuild({ app, buildExe, quick, sizes, seed = DEFAULT_SEED, root, log, onSize }) {
  sizes = sizes ?? (quick ? QUICK_SIZES : SIZES);
  const work = path.join(root, 'build', 'bench');
  const update = {};
  let version = null;
  try {
    version = hugoVersion();
  } catch (e) {
    log(`build: no Hugo figures: ${e.message}`);
  }
  for (const size of sizes) {
    const { dir: corpus, meta } = ensureCorpus(work, size, seed, log);
    const bundle = path.join(corpus, 'bundle.json');
    const out = path.join(work, 'build-bench', `site-${size}`);
    // In a folder of its own: carnet-build refuses an output folder inside the content's.
    const edited = path.join(work, 'build-bench', `edited-${size}`, 'bundle.json');
    fs.mkdirSync(path.dirname(edited), { recursive: true });
    editedBundle(bundle, edited);
    const carnet = timeCases(size, 'carnet', out, (kase) => build(buildExe, app, kase === 'one_edit' ? edited : bundle, out), log);
    fs.rmSync(path.dirname(edited), { recursive: true, force: true });
    const record = {
      articles: size, corpus_bundle_bytes: meta.bundle_bytes, measured_at: new Date().toISOString(),
      cores: os.cpus().length, ...carnet, peers: {},
    };
    // A failing peer is recorded as such; Carnet's figures are kept.
    if (version) {
      try {
        const site = await ensureHugoSite(work, corpus, meta, log);
        const hugoOut = path.join(work, 'build-bench', `hugo-${size}`);
        record.peers.hugo = { version, ...timeCases(size, 'hugo', hugoOut, (kase) => {
          const undo = kase === 'one_edit' ? editFirstPost(site.firstPost, EDIT) : null;
          try {
            return { ms: hugoBuild(site.dir, hugoOut), files_written: null };
          } finally {
            undo?.();
          }
        }, log) };
      } catch (e) {
        log(`build ${size}, hugo: failed: ${e.message}`);
        record.peers.hugo = { version, error: e.message.slice(0, 1000) };
      }
    }
    update[size] = record;
    onSize?.(size, record);
  }
  return update;
}
