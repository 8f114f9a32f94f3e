// MiniSearch: one index for both languages, serialized with JSON.stringify(miniSearch) and
// loaded with MiniSearch.loadJSON, as its documentation describes.
import fs from 'node:fs';
import path from 'node:path';
import { pkgFile, pkgVersion } from '../../lib/pkg.mjs';
import { STOP_WORDS, fold } from '../queries.mjs';

export const info = {
  id: 'minisearch',
  label: 'MiniSearch',
  config: "fields title, meta (category + tags), summary, body; `storeFields: ['title']`, id = slug; " +
    'processTerm: lower case, accents folded, the same stop words as Carnet dropped; search: ' +
    "`combineWith: 'AND'`, `fuzzy: 0.2`, prefix on the last word (search-as-you-type), " +
    'boost title 6, meta 3, summary 2 (Carnet\'s field weights); top 10 of the sorted results.',
};
// Why a large index of this engine is queried in memory (worker.mjs --phase live).
export const tooLargeToWrite = "`JSON.stringify` of its 100k index is past V8's longest string (RangeError: Invalid string length)";
export const needsDocs = true;

export function version() { return pkgVersion('minisearch'); }
export function codeFiles() { return [pkgFile('minisearch', 'dist/umd/index.js')]; }

function options() {
  return {
    idField: 'slug',
    fields: ['title', 'meta', 'summary', 'body'],
    storeFields: ['title'],
    processTerm: (term) => {
      const t = fold(term);
      return STOP_WORDS.has(t) ? null : t;
    },
    searchOptions: {
      combineWith: 'AND',
      fuzzy: 0.2,
      prefix: (term, i, terms) => i === terms.length - 1,
      boost: { title: 6, meta: 3, summary: 2 },
    },
  };
}

async function index(docs) {
  const { default: MiniSearch } = await import('minisearch');
  const ms = new MiniSearch(options());
  ms.addAll(docs);
  return ms;
}

function searcher(ms) {
  return (q) => {
    const r = ms.search(q);
    return { total: r.length, ids: r.slice(0, 10).map((h) => h.id) };
  };
}

export async function build({ docs, outDir }) {
  await import('minisearch');
  const t0 = performance.now();
  const ms = await index(docs);
  const json = JSON.stringify(ms);
  const build_ms = performance.now() - t0;
  const out = path.join(outDir, 'minisearch.json');
  fs.writeFileSync(out, json);
  return { build_ms, index_files: [out] };
}

export async function open({ outDir, afterImport }) {
  const t0 = performance.now();
  const { default: MiniSearch } = await import('minisearch');
  const import_ms = performance.now() - t0;
  const pause = afterImport();
  const t1 = performance.now();
  const ms = MiniSearch.loadJSON(fs.readFileSync(path.join(outDir, 'minisearch.json'), 'utf8'), options());
  const load_ms = performance.now() - t1;
  return { import_ms, load_ms, pause, search: searcher(ms) };
}

// The index queried where it was built (worker.mjs --phase live): at 100k, JSON.stringify
// of it is past V8's longest string.
export async function live({ docs }) {
  await import('minisearch');
  const t0 = performance.now();
  const ms = await index(docs);
  return { build_ms: performance.now() - t0, search: searcher(ms) };
}
