// Carnet: the index is built natively by carnet-build (the same code `./carnet build` runs) and
// searched by the shipped wasm module (build/wasm/app/carnet-core.{js,wasm}), as the browser does.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const info = {
  id: 'carnet',
  label: 'Carnet (wasm)',
  config: 'index built natively by `carnet-build --index bundle.json` (JSON parse, Markdown to text, tokenize, ' +
    'stem, encode; whole process wall time); searched by the shipped wasm module: ' +
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
  const t0 = performance.now();
  const r = spawnSync(ctx.buildExe, ['--index', path.join(corpusDir, 'bundle.json'), out], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`carnet-build --index failed (${r.status ?? r.signal}): ${(r.stderr || '').slice(-2000)}`);
  return { build_ms: ms, index_files: [out], note: 'native' };
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
  const bytes = fs.readFileSync(path.join(outDir, 'search-index.bin'));
  const ptr = m._malloc(bytes.length);
  if (!ptr) throw new Error('malloc failed for the index bytes');
  m.HEAPU8.set(bytes, ptr);
  const err = s.load(ptr, bytes.length);
  m._free(ptr);
  if (err) throw new Error(`Search.load: ${err}`);
  const load_ms = performance.now() - t1;
  return {
    import_ms,
    load_ms,
    pause,
    search(q) {
      const r = JSON.parse(s.search(`q=${encodeURIComponent(q)}`, 10, 'fr'));
      return { total: r.total, ids: r.hits.map((h) => h.slug) };
    },
    // Wasm linear memory grown by loading (high-water mark: includes the index bytes copied
    // in, freed after load) — the JS heap delta is added by the caller.
    wasmBytes: () => m.HEAPU8.length - wasmBefore,
    wasmTotal: () => m.HEAPU8.length,
  };
}
