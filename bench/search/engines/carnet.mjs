// Carnet: the index is built natively by carnet-build (the same code `./carnet build` runs) and
// searched by the shipped wasm module (build/wasm/app/carnet-core.{js,wasm}), as the browser does.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

// As `./carnet build` writes it for a blog of 1,000 articles or more (every size here): a head
// file and postings parts of about this many KB (kSearchPartBytes, wasm/core/shards.hpp).
const PART_KB = 256;
const isPart = (f) => /^search-part-[0-9a-f]{16}\.bin$/.test(f);

export const info = {
  id: 'carnet',
  label: 'Carnet (wasm)',
  config: 'index built natively by `carnet-build --index bundle.json out 256` (JSON parse, Markdown to text, tokenize, ' +
    'stem, encode; whole process wall time) as a large site ships it: a head file (documents, vocabulary) and ' +
    'postings parts of about 256 KB, read when a query needs them (the worker fetches them beside the head); ' +
    'searched by the shipped wasm module: ' +
    "`Search.search('q=…', 10, 'fr')` + `JSON.parse` of its result (top 10 hits with title, date, category, " +
    'facets over all results, suggestions). Bodies not given (`setBundle` not called): no snippets, quoted ' +
    'phrases are matched as AND of their words, as the other engines do.',
};
export const needsDocs = false;

export function version() { return 'working tree'; }

export function codeFiles(ctx) {
  return [path.join(ctx.app, 'carnet-core.js'), path.join(ctx.app, 'carnet-core.wasm')];
}

export async function build({ corpusDir, outDir, ctx }) {
  const out = path.join(outDir, 'search-index.bin');
  for (const f of fs.readdirSync(outDir)) if (isPart(f)) fs.rmSync(path.join(outDir, f));
  const t0 = performance.now();
  const r = spawnSync(ctx.buildExe, ['--index', path.join(corpusDir, 'bundle.json'), out, String(PART_KB)],
    { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`carnet-build --index failed (${r.status ?? r.signal}): ${(r.stderr || '').slice(-2000)}`);
  const parts = fs.readdirSync(outDir).filter(isPart).map((f) => path.join(outDir, f));
  return { build_ms: ms, index_files: [out, ...parts], note: `native; head + ${parts.length} parts` };
}

export async function open({ outDir, ctx, afterImport }) {
  const t0 = performance.now();
  const { default: createCarnet } = await import(pathToFileURL(path.join(ctx.app, 'carnet-core.js')).href);
  const m = await createCarnet({ wasmBinary: fs.readFileSync(path.join(ctx.app, 'carnet-core.wasm')) });
  const import_ms = performance.now() - t0;
  const pause = afterImport();
  const wasmBefore = m.HEAPU8.length;
  const t1 = performance.now();
  const s = new m.Search();
  const put = (method, bytes) => {
    const ptr = m._malloc(bytes.length);
    if (!ptr) throw new Error('malloc failed for the index bytes');
    m.HEAPU8.set(bytes, ptr);
    const err = s[method](ptr, bytes.length);
    m._free(ptr);
    if (err) throw new Error(`Search.${method}: ${err}`);
  };
  let loaded = [fs.readFileSync(path.join(outDir, 'search-index.bin'))];  // until bytesLoaded()
  let filesRead = 1;
  put('load', loaded[0]);
  const load_ms = performance.now() - t1;
  return {
    import_ms,
    load_ms,
    pause,
    search(q) {
      for (;;) {
        const r = JSON.parse(s.search(`q=${encodeURIComponent(q)}`, 10, 'fr'));
        if (!r.needs) return { total: r.total, ids: r.hits.map((h) => h.slug) };
        for (const name of r.needs) {
          const bytes = fs.readFileSync(path.join(outDir, name));
          put('addPart', bytes);
          if (loaded) {
            loaded.push(bytes);
            filesRead += 1;
          }
        }
      }
    },
    // The code, the head and the parts read before the first result (each file gzipped
    // apart, as a host serves it).
    bytesLoaded: () => {
      const files = [...codeFiles(ctx).map((f) => fs.readFileSync(f)), ...loaded];
      loaded = null;
      return {
        raw: files.reduce((a, b) => a + b.length, 0),
        gz: files.reduce((a, b) => a + zlib.gzipSync(b, { level: 6 }).length, 0),
      };
    },
    filesLoaded: () => codeFiles(ctx).length + filesRead,
    // Wasm linear memory grown by loading (high-water mark: includes the index bytes copied
    // in, freed after load) — the JS heap delta is added by the caller.
    wasmBytes: () => m.HEAPU8.length - wasmBefore,
    wasmTotal: () => m.HEAPU8.length,
  };
}
