// Pagefind: indexes a folder of HTML pages with its command-line indexer (the pagefind npm
// package's native binary, as a site's build would run it), and is searched with the
// bundle's own pagefind.js + wasm. Pagefind targets browsers; here pagefind.js runs in Node (same V8 as
// the other engines) with a fetch() that serves the bundle's files from disk and counts the
// bytes it hands out, so "bytes loaded" is exactly what a browser would download.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pkgVersion } from '../../lib/pkg.mjs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const info = {
  id: 'pagefind',
  label: 'Pagefind',
  config: 'one HTML page per article (`<html lang>`, `<h1>` title, a paragraph with category and tags, the ' +
    'summary, the body as HTML) written to a folder and indexed by `pagefind --site` (its CLI: the Node API\'s ' +
    '`addHTMLFile` took 7x longer at 10k), default settings (per-language indexes, ' +
    'stemming); searched with the bundle\'s pagefind.js (French index primary, English merged with ' +
    '`mergeIndex(…, {language: "en"})`), in Node with a file-serving fetch(). Latency = `pagefind.search(q)` ' +
    '(ranked result ids; loading a result\'s title/excerpt is one more fragment fetch per result, not timed). ' +
    "Pagefind's files are gzip-compressed on disk: raw = decompressed size, gzip = size on disk.",
};
export const needsDocs = true;
export const needsMarkdown = true;

export function version() { return pkgVersion('pagefind'); }
export function codeFiles() { return []; }   // counted from what pagefind.js actually fetches

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function bodyHtml(markdown) {
  return markdown.trim().split(/\n\n+/).map((block) => {
    const inline = (s) => esc(s).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
    if (block.startsWith('## ')) return `<h2>${inline(block.slice(3))}</h2>`;
    if (block.startsWith('- ')) return `<ul>${block.split('\n').map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
    return `<p>${inline(block)}</p>`;
  }).join('\n');
}

export function pageHtml(a) {
  return `<!doctype html><html lang="${a.lang}"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head>` +
    `<body><main><h1>${esc(a.title)}</h1><p>${esc(a.meta.replace(/\n/g, ', '))}</p><p>${esc(a.summary)}</p>\n` +
    `${bodyHtml(a.markdown)}</main></body></html>`;
}

const PAGEFIND = fileURLToPath(new URL('../../../node_modules/.bin/pagefind', import.meta.url));

export async function build({ docs, outDir }) {
  // The pages are the input, written before the clock starts (a site has them already).
  const site = path.join(outDir, 'site');
  const out = path.join(outDir, 'pagefind');
  fs.rmSync(site, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
  for (const d of docs) {
    const dir = path.join(site, 'post', d.slug);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), pageHtml(d));
  }
  const t0 = performance.now();
  const run = spawnSync(PAGEFIND, ['--site', site, '--output-path', out], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const build_ms = performance.now() - t0;
  fs.rmSync(site, { recursive: true, force: true });
  if (run.status !== 0) {
    throw new Error(`pagefind --site: ${run.error?.message || `exit ${run.status ?? run.signal}`} ${run.stderr.toString().slice(-2000)}`);
  }
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p); else files.push(p);
    }
  };
  walk(out);
  const index_files = files.filter((f) => /\.(pf_index|pf_meta|pf_filter)$|pagefind-entry\.json$/.test(f));
  const fragments = files.filter((f) => f.endsWith('.pf_fragment'));
  const sum = (list) => list.reduce((a, f) => a + fs.statSync(f).size, 0);
  return {
    build_ms,
    index_files,
    // Pagefind's own files are gzip already: raw = decompressed bytes, gzip = bytes on disk.
    sizes: {
      raw: index_files.reduce((a, f) => a + rawSize(f), 0),
      gz: sum(index_files),
    },
    extra: { fragment_bytes_gz: sum(fragments), fragment_files: fragments.length },
  };
}

function rawSize(file) {
  const buf = fs.readFileSync(file);
  return buf[0] === 0x1f && buf[1] === 0x8b ? zlib.gunzipSync(buf).length : buf.length;
}

export async function open({ outDir, afterImport }) {
  const dir = path.join(outDir, 'pagefind');
  const counter = { gz: 0, files: 0, fetched: [] };
  globalThis.fetch = async (input) => {
    const url = String(input);
    const rel = url.replace(/^.*?\/pagefind(-en)?\//, '').split('?')[0];
    const buf = await fs.promises.readFile(path.join(dir, rel));
    counter.gz += buf.length;   // on disk = on the wire (already gzip)
    counter.files++;
    if (counter.fetched) counter.fetched.push(buf);
    return new Response(buf, { headers: { 'content-type': 'application/octet-stream' } });
  };
  const js = path.join(dir, 'pagefind.js');
  const t0 = performance.now();
  const pf = await import(pathToFileURL(js).href);
  const import_ms = performance.now() - t0;
  const pause = afterImport();
  const t1 = performance.now();
  await pf.options({ basePath: '/pagefind/' });
  await pf.init('fr');
  await pf.mergeIndex('/pagefind-en/', { language: 'en' });
  const load_ms = performance.now() - t1;
  return {
    import_ms, load_ms, pause,
    async search(q) {
      const r = await pf.search(q);
      return { total: r.results.length, ids: r.results.slice(0, 10).map((h) => h.id) };
    },
    async slugs(q) {
      const r = await pf.search(q);
      const data = await Promise.all(r.results.slice(0, 10).map((h) => h.data()));
      return { total: r.results.length, ids: data.map((d) => d.url.replace(/^\/post\/|\/$/g, '')) };
    },
    // Everything fetched before the first result, plus pagefind.js itself.
    bytesLoaded: () => {
      const code = fs.readFileSync(js);
      const raw = counter.fetched.reduce((a, b) => a + (b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b).length : b.length), 0);
      counter.fetched = null;
      return { raw: raw + code.length, gz: counter.gz + zlib.gzipSync(code, { level: 6 }).length };
    },
    filesLoaded: () => counter.files + 1,
  };
}
