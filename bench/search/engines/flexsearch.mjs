// FlexSearch 0.8: a Document index over the four fields, exported with its export() API
// (one file per exported key) and loaded with import(key, data).
import fs from 'node:fs';
import path from 'node:path';
import { pkgFile, pkgVersion } from '../../lib/pkg.mjs';

export const info = {
  id: 'flexsearch',
  label: 'FlexSearch',
  config: "Document index, numeric ids, fields title, meta, summary, body; preset 'match' (tokenize 'forward': " +
    'prefix search), encoder `Charset.LatinBalance` (lower case, accents folded, light phonetic ' +
    "normalization: FlexSearch's typo tolerance), resolution 9; `store: ['slug', 'title']`; search " +
    '`{limit: 10, merge: true, enrich: true}` (fields in the order title, meta, summary, body). ' +
    'FlexSearch returns no total count: "total" is the merged list length (at most 10 per field).',
};
// Why a large index of this engine is queried in memory (worker.mjs --phase live).
export const tooLargeToWrite = "`export()` of its 100k index crashes V8 (in `JSON.stringify`)";
export const needsDocs = true;

export function version() { return pkgVersion('flexsearch'); }
export function codeFiles() { return [pkgFile('flexsearch', 'dist/flexsearch.bundle.module.min.mjs')]; }

async function makeDocument() {
  const { Document, Charset } = await import('flexsearch');
  return new Document({
    preset: 'match',
    tokenize: 'forward',
    encoder: Charset.LatinBalance,
    resolution: 9,
    document: { id: 'id', index: ['title', 'meta', 'summary', 'body'], store: ['slug', 'title'] },
  });
}

async function index(docs) {
  const doc = await makeDocument();
  for (const d of docs) doc.add(d);
  return doc;
}

function searcher(doc) {
  return (q) => {
    const r = doc.search({ query: q, limit: 10, merge: true, enrich: true });
    return { total: r.length, ids: r.slice(0, 10).map((h) => h.doc?.slug ?? h.id) };
  };
}

export async function build({ docs, outDir }) {
  await import('flexsearch');
  const t0 = performance.now();
  const doc = await index(docs);
  const parts = [];
  await doc.export((key, data) => { parts.push([key, data]); });
  const build_ms = performance.now() - t0;
  // One file per exported key, as FlexSearch's export/import examples do.
  const dir = path.join(outDir, 'flexsearch');
  fs.mkdirSync(dir, { recursive: true });
  const index_files = parts.map(([key, data]) => {
    const f = path.join(dir, key);
    fs.writeFileSync(f, typeof data === 'string' ? data : JSON.stringify(data));
    return f;
  });
  return { build_ms, index_files };
}

export async function open({ outDir, afterImport }) {
  const t0 = performance.now();
  await import('flexsearch');
  const import_ms = performance.now() - t0;
  const pause = afterImport();
  const t1 = performance.now();
  const doc = await makeDocument();
  const dir = path.join(outDir, 'flexsearch');
  for (const key of fs.readdirSync(dir)) await doc.import(key, fs.readFileSync(path.join(dir, key), 'utf8'));
  const load_ms = performance.now() - t1;
  return { import_ms, load_ms, pause, search: searcher(doc) };
}

// The index queried where it was built (worker.mjs --phase live): at 100k, its export()
// crashes V8 (JSON.stringify of a part past the longest string).
export async function live({ docs }) {
  await import('flexsearch');
  const t0 = performance.now();
  const doc = await index(docs);
  return { build_ms: performance.now() - t0, search: searcher(doc) };
}
