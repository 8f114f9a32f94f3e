// The search section of docs/benchmarks.md and its chart (docs/bench-search.svg), both made
// from results.json's "search" key alone, so that a run of one size keeps the others' figures.
import fs from 'node:fs';
import os from 'node:os';

import { ENGINES } from './bench.mjs';
import { FIRST_QUERY, QUERIES } from './queries.mjs';

const COLORS = { carnet: '#d9480f', minisearch: '#1c7ed6', lunr: '#2f9e44', flexsearch: '#7048e8', pagefind: '#e8a200' };
const TARGET_P50 = 1;
const TARGET_P99 = 5;

const infos = {};
const tooLarge = {};
for (const id of ENGINES) ({ info: infos[id], tooLargeToWrite: tooLarge[id] } = await import(`./engines/${id}.mjs`));

const sizeLabel = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
const ms = (v) => (v == null ? '–' : v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const secs = (v) => (v == null ? '–' : v < 10000 ? `${(v / 1000).toFixed(2)} s` : `${(v / 1000).toFixed(0)} s`);
const bytes = (v) => {
  if (v == null) return '–';
  if (v < 10000) return `${Math.round(v)} B`;
  if (v < 10e6) return `${(v / 1024).toFixed(0)} KiB`;
  return `${(v / 1048576).toFixed(1)} MiB`;
};

function engineOrder(bySize) {
  return ENGINES.filter((e) => e in bySize).concat(Object.keys(bySize).filter((e) => !ENGINES.includes(e)));
}

function sizesOf(search) {
  return Object.keys(search).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
}

function statusCell(r) {
  if (r.status === 'ok' || r.status === 'in memory') return null;
  return `**${r.status}**${r.error ? ` (${r.error.split('\n')[0].slice(0, 120).replace(/\|/g, '\\|')})` : ''}`;
}

function sizeTable(size, bySize) {
  const rows = [
    '| engine | version | index build | index / article (raw) | index / article (gzip) | loaded before 1st search (gzip) | time to first result | p50 | p99 | memory |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const id of engineOrder(bySize)) {
    const r = bySize[id];
    const label = `${infos[id]?.label ?? id}${r.status === 'in memory' ? ' ¹' : ''}`;
    const bad = statusCell(r);
    const note = r.build_note === 'native' || r.build_note === 'in memory' ? ` (${r.build_note})` : '';
    const build = r.build_ms == null ? '–' : `${secs(r.build_ms)}${note}`;
    const idxRaw = r.index_bytes == null ? '–' : bytes(r.index_bytes / size);
    const idxGz = r.index_bytes_gz == null ? '–' : bytes(r.index_bytes_gz / size);
    if (bad && r.p50_ms == null) {
      rows.push(`| ${label} | ${r.version ?? ''} | ${build} | ${idxRaw} | ${idxGz} | ${bad} | | | | |`);
      continue;
    }
    rows.push(`| ${label} | ${r.version ?? ''} | ${build} | ${idxRaw} | ${idxGz} | ${bytes(r.bytes_before_first_search_gz)} | ` +
      `${r.ttfr_ms == null ? '–' : `${ms(r.ttfr_ms)} ms`} | ${ms(r.p50_ms)} ms | ${ms(r.p99_ms)} ms | ${bytes(r.memory_bytes)} |`);
  }
  const live = engineOrder(bySize).filter((id) => bySize[id].status === 'in memory');
  if (live.length) {
    const why = live.map((id) => `${infos[id]?.label ?? id}: ${bySize[id].serialize_error?.split('\n')[0] ?? tooLarge[id] ?? 'its build failed to write it'}`);
    rows.push('', `¹ The index cannot be written at this size (${why.join('; ')}), so no page could load it; ` +
      'it was built and queried in the same Node process instead (no index bytes, no time to first result; ' +
      'memory = heap growth of the build, the corpus released). Its latency is what a page would get if it could load it.');
  }
  return rows.join('\n');
}

function targets(search) {
  const lines = [];
  const check = (ok) => (ok == null ? '–' : ok ? '✅ met' : '❌ not met');
  const c10 = search['10000']?.carnet;
  if (c10?.p50_ms != null) {
    lines.push(`- p50 ≤ ${TARGET_P50} ms at 10k: **${ms(c10.p50_ms)} ms** — ${check(c10.p50_ms <= TARGET_P50)}`);
    lines.push(`- p99 ≤ ${TARGET_P99} ms at 10k: **${ms(c10.p99_ms)} ms** — ${check(c10.p99_ms <= TARGET_P99)}`);
  }
  for (const size of ['10000', '100000']) {
    const bySize = search[size];
    const c = bySize?.carnet;
    if (!c || c.p99_ms == null) continue;
    const peers = Object.entries(bySize).filter(([id, r]) => id !== 'carnet' && r.p99_ms != null);
    const beaten = peers.filter(([, r]) => c.p99_ms < r.p99_ms).map(([id]) => infos[id]?.label ?? id);
    const notBeaten = peers.filter(([, r]) => c.p99_ms >= r.p99_ms).map(([id, r]) => `${infos[id]?.label ?? id} (${ms(r.p99_ms)} ms)`);
    const missing = Object.entries(bySize).filter(([id, r]) => id !== 'carnet' && r.p99_ms == null).map(([id, r]) => `${infos[id]?.label ?? id}: ${r.status}`);
    // No peer figure at all (every peer failed to build or load an index): nothing to compare.
    const verdict = peers.length === 0 ? '⚠ no comparison: no JS peer has a figure at this size' : check(notBeaten.length === 0);
    lines.push(`- lower p99 than every JS peer at ${sizeLabel(+size)}: Carnet **${ms(c.p99_ms)} ms** — ${verdict}` +
      `${beaten.length ? `; lower than ${beaten.join(', ')}` : ''}${notBeaten.length ? `; not lower than ${notBeaten.join(', ')}` : ''}` +
      `${missing.length ? ` (no figure: ${missing.join('; ')})` : ''}`);
  }
  for (const size of sizesOf(search)) {
    const c = search[size]?.carnet;
    const m = search[size]?.minisearch;
    if (c?.index_bytes_gz == null || m?.index_bytes_gz == null) continue;
    const ratio = c.index_bytes_gz / m.index_bytes_gz;
    lines.push(`- gzip index ≤ half of MiniSearch's at ${sizeLabel(size)}: ${bytes(c.index_bytes_gz / size)} vs ` +
      `${bytes(m.index_bytes_gz / size)} per article = **${(ratio * 100).toFixed(0)} %** — ${check(ratio <= 0.5)}`);
  }
  return lines.join('\n');
}

function perQueryTable(size, bySize) {
  const ids = engineOrder(bySize).filter((id) => bySize[id].per_query);
  if (!ids.length) return '';
  const head = `| query | kind | ${ids.map((id) => infos[id]?.label ?? id).join(' | ')} |`;
  const rows = [head, `|---|---|${ids.map(() => '---:').join('|')}|`];
  for (const { q, kind } of QUERIES) {
    const cells = ids.map((id) => {
      const p = bySize[id].per_query[q];
      return p ? `${ms(p.p50_ms)} ms (${p.total})` : '–';
    });
    rows.push(`| \`${q.replace(/\|/g, '\\|')}\` | ${kind} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

function machine() {
  const cpu = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`;
}

export function renderSearchMarkdown(search, { chartFile = 'bench-search.svg' } = {}) {
  const sizes = sizesOf(search);
  const any = sizes.length ? Object.values(search[sizes[0]])[0] : null;
  const out = [];
  out.push('## Search');
  out.push('');
  out.push('`./carnet bench search` (all sizes) or `./carnet bench search --quick` (10k only). Every engine ' +
    'indexes the same generated corpus and answers the same fixed queries in the same run, each build and each ' +
    'query phase in a fresh Node process. Figures below are real measurements from the latest run of each size ' +
    `(run date per size below); machine: ${machine()}, Node ${any?.node ?? process.version}.`);
  out.push('');
  out.push('### Targets (Carnet, wasm)');
  out.push('');
  out.push(targets(search) || '_no Carnet figures yet_');
  out.push('');
  out.push(`![Query latency and index size per engine](${chartFile})`);
  for (const size of sizes) {
    const bySize = search[size];
    const c = Object.values(bySize)[0]?.corpus;
    const when = [...new Set(Object.values(bySize).map((r) => `${r.measured_at?.slice(0, 10)} (${r.mode})`))].join(', ');
    out.push('');
    out.push(`### ${sizeLabel(size)} articles`);
    out.push('');
    if (c) {
      out.push(`Corpus: ${c.articles} articles (${c.french} French, ${c.english} English), ${(c.words / 1e6).toFixed(1)} M words, ` +
        `bundle.json ${bytes(c.bundle_bytes)}, seed \`${c.seed}\`. Measured ${when}.`);
      out.push('');
    }
    out.push(sizeTable(size, bySize));
    const cores = os.cpus().length;
    const busy = Object.entries(bySize).filter(([, r]) => (r.loadavg_before_queries ?? 0) > 0.5 * cores ||
                                                          (r.loadavg_after_build ?? 0) > 0.5 * cores);
    if (busy.length) {
      out.push('');
      out.push(`⚠ Other processes were running on this ${cores}-core machine during this run (1-minute load average ` +
        `after the build / before the queries: ${busy.map(([id, r]) => `${infos[id]?.label ?? id} ` +
        `${r.loadavg_after_build?.toFixed(1) ?? '–'} / ${r.loadavg_before_queries?.toFixed(1) ?? '–'}`).join(', ')}): ` +
        'times are inflated and noisier than on an idle machine.');
    }
    const reused = Object.entries(bySize).filter(([, r]) => r.build_reused_from);
    if (reused.length) {
      out.push('');
      out.push(`Index builds reused from an earlier run (same engine, settings and corpus): ${reused.map(([id, r]) =>
        `${infos[id]?.label ?? id} (${r.build_reused_from.slice(0, 16).replace('T', ' ')} UTC)`).join(', ')}.`);
    }
    const parallel = Object.entries(bySize).filter(([, r]) => r.build_parallel > 1);
    if (parallel.length) {
      out.push('');
      out.push(`Built two at a time (\`--quick\`): ${parallel.map(([id]) => infos[id]?.label ?? id).join(', ')}.`);
    }
  }
  const detail = sizes.includes(10000) ? 10000 : sizes[sizes.length - 1];
  if (detail) {
    out.push('');
    out.push(`### Per query, ${sizeLabel(detail)} articles: median latency (number of results)`);
    out.push('');
    out.push('The result count shows how each engine understood the query (AND vs OR, accents, stems, ' +
      'typos, prefixes); FlexSearch reports at most 10 per field, so its count is not a total.');
    out.push('');
    out.push(perQueryTable(detail, search[detail]));
  }
  out.push('');
  out.push('### What is measured');
  out.push('');
  out.push(`- **Corpus** (\`bench/search/corpus.mjs\`): deterministic (seeded sfc32), 70 % French / 30 % English articles of ` +
    '800–1,500 words drawn from Debian\'s word lists (`wfrench`, `wamerican`) with Zipf frequencies (function ' +
    'words first, short words more frequent), per-article topic words, common collocations ("réseaux sociaux", ' +
    '"social media"), French elisions, Markdown bodies with headings, lists and bold words; titles of 4–9 words, ' +
    '2–4 tags out of 300, 8 categories, 20 authors, dates over 10 years. The 10k corpus is the first 10k articles ' +
    'of the 100k one. Cached in `build/bench/`.');
  out.push(`- **Fields**: title, meta (category + tags), summary, body (plain text of the Markdown) for every engine.`);
  out.push('- **Index build**: Carnet = wall time of the native `carnet-build --index bundle.json` process (reads and ' +
    'parses the JSON bundle, converts Markdown to text, tokenizes, stems, encodes, writes). JS engines = time to add ' +
    'the documents (already in memory as plain text) and serialize the index the documented way ' +
    '(MiniSearch `JSON.stringify`, lunr `JSON.stringify`, FlexSearch `export()`); Pagefind = its CLI ' +
    '(`pagefind --site`, the npm package\'s native indexer) on a folder of the pages, written before the clock starts. A build that takes more than 10 minutes is stopped and ' +
    'reported as such, and so is one whose processes (the Node worker, with a 12 GiB V8 heap limit, plus any ' +
    'native helper such as Pagefind\'s indexer) grow past 14 GiB resident ("out of memory"). The full run builds one index at a time; `--quick` builds two at a time (2 cores) and reuses a ' +
    'peer\'s index, with the build figures of the run that made it, when the engine version, its settings and the ' +
    'corpus are unchanged (Carnet\'s index is always rebuilt). Query phases always run one at a time.');
  out.push('- **Index size**: the files a browser would fetch to search: Carnet `search-index.bin`; the serialized JSON ' +
    'of each JS engine; Pagefind\'s `pf_meta` + `pf_index` + `pf_filter` files and `pagefind-entry.json` (not its ' +
    'per-page `pf_fragment` files, which hold each page\'s text for result excerpts). gzip = gzip -6 of each file ' +
    '(Pagefind ships its files gzip-compressed already: its gzip figure is the size on disk, its raw one the ' +
    'decompressed size).');
  out.push('- **Loaded before the first search** (gzip): index + engine code. Carnet: `carnet-core.js` + ' +
    '`carnet-core.wasm` (the whole viewer core, not only search) + the index; MiniSearch: its UMD build ' +
    '(unminified, as shipped); lunr: `lunr.min.js` + lunr-languages `lunr.stemmer.support.min.js` + `lunr.fr.min.js`; ' +
    'FlexSearch: `flexsearch.bundle.module.min.mjs`; Pagefind: `pagefind.js` + every file its fetch() asked for up to ' +
    'the first result (entry, meta, wasm, index chunks for the query).');
  out.push(`- **Time to first result**: in a fresh process, from loading the engine code (import / wasm ` +
    `instantiation) through reading and deserializing the index to the answer of the first query (\`${FIRST_QUERY}\`). ` +
    'Files are read from local disk: no network time.');
  out.push('- **Latency**: after 3 warm-up rounds of the whole query set, rounds of all queries in order until the time ' +
    'budget is spent (6 s with `--quick`, 20 s otherwise; at least 5/10 rounds); every call timed with ' +
    '`process.hrtime.bigint()`; p50/p99 over all calls (each query counts equally). A call = the engine\'s search ' +
    'for the query string as typed, returning its top 10 (Carnet: including the JSON result and its parse).');
  out.push('- **Memory**: growth of V8 heap used + external memory (which includes wasm linear memory) from just ' +
    'before the index is read to just after the first result, both after a full GC. For Carnet this is the wasm ' +
    'memory high-water mark, so it includes the copy of the index bytes handed to `Search.load` (freed after load ' +
    'but the linear memory does not shrink).');
  out.push('');
  out.push('### Engine settings');
  out.push('');
  for (const id of ENGINES) if (infos[id]) out.push(`- **${infos[id].label}**: ${infos[id].config}`);
  out.push('');
  out.push('### Query set');
  out.push('');
  out.push(QUERIES.map(({ q, kind, lang }) => `\`${q}\` (${kind}, ${lang})`).join(' · '));
  return out.join('\n');
}

// Log-scale latency panel + linear index-size panel, one row per (size, engine).
export function renderSearchSvg(search) {
  const sizes = sizesOf(search);
  const rows = [];
  for (const size of sizes) for (const id of engineOrder(search[size])) rows.push({ size, id, r: search[size][id] });
  const rowH = 16;
  const groupGap = 14;
  const left = 170;
  const panelW = 330;
  const gap = 60;
  const top = 58;
  const height = top + rows.length * rowH + sizes.length * groupGap + 40;
  const width = left + panelW * 2 + gap + 70;
  const worst = Math.max(1, ...rows.map(({ r }) => r.p99_ms ?? 0));
  const lat = { min: 0.01, max: 10 ** Math.max(2, Math.ceil(Math.log10(worst * 1.5))) };
  const lx = (v) => left + (Math.log10(Math.max(lat.min, Math.min(lat.max, v))) - Math.log10(lat.min)) /
    (Math.log10(lat.max) - Math.log10(lat.min)) * panelW;
  const maxGz = Math.max(1, ...rows.map(({ size, r }) => (r.index_bytes_gz ?? 0) / size));
  const x2 = left + panelW + gap;
  const bx = (v) => x2 + (v / maxGz) * panelW;
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const s = [];
  s.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  s.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  s.push(`<text x="${left}" y="18" font-size="13" font-weight="bold">Query latency, ms (log scale): p50 (dark) and p99 (light)</text>`);
  s.push(`<text x="${x2}" y="18" font-size="13" font-weight="bold">Index per article, gzip (bytes)</text>`);
  const axisY = top - 8;
  for (let e = -2; e <= Math.log10(lat.max); e++) {
    const v = 10 ** e;
    const x = lx(v);
    s.push(`<line x1="${x}" y1="${axisY}" x2="${x}" y2="${height - 30}" stroke="#ddd"/>`);
    s.push(`<text x="${x}" y="${axisY - 4}" text-anchor="middle" fill="#555">${v >= 1 ? v : v.toFixed(-e)}</text>`);
  }
  for (const v of [TARGET_P50, TARGET_P99]) {
    s.push(`<line x1="${lx(v)}" y1="${axisY}" x2="${lx(v)}" y2="${height - 30}" stroke="#c92a2a" stroke-dasharray="3,3"/>`);
  }
  s.push(`<text x="${lx(TARGET_P99) + 3}" y="${height - 20}" fill="#c92a2a">targets: p50 ≤ 1 ms, p99 ≤ 5 ms (10k)</text>`);
  const mag = 10 ** Math.floor(Math.log10(maxGz));
  const step = [1, 2, 5, 10].map((k) => k * mag / 2).find((st) => maxGz / st <= 6) ?? mag;
  for (let v = 0; v <= maxGz; v += step) {
    s.push(`<line x1="${bx(v)}" y1="${axisY}" x2="${bx(v)}" y2="${height - 30}" stroke="#ddd"/>`);
    s.push(`<text x="${bx(v)}" y="${axisY - 4}" text-anchor="middle" fill="#555">${v}</text>`);
  }
  let y = top;
  let prevSize = null;
  for (const { size, id, r } of rows) {
    if (size !== prevSize) {
      if (prevSize !== null) y += groupGap;
      s.push(`<text x="8" y="${y + 11}" font-weight="bold">${sizeLabel(size)} articles</text>`);
      prevSize = size;
    }
    const color = COLORS[id] ?? '#868e96';
    s.push(`<text x="${left - 6}" y="${y + 11}" text-anchor="end">${esc(infos[id]?.label ?? id)}</text>`);
    if (r.p50_ms != null) {
      s.push(`<rect x="${left}" y="${y + 2}" width="${lx(r.p99_ms) - left}" height="${rowH - 4}" fill="${color}" opacity="0.35"/>`);
      s.push(`<rect x="${left}" y="${y + 2}" width="${Math.max(1, lx(r.p50_ms) - left)}" height="${rowH - 4}" fill="${color}"/>`);
      s.push(`<text x="${lx(r.p99_ms) + 4}" y="${y + 11}" fill="#333">${ms(r.p50_ms)} / ${ms(r.p99_ms)}</text>`);
    } else {
      s.push(`<text x="${left + 4}" y="${y + 11}" fill="#c92a2a">${esc(r.status)}</text>`);
    }
    if (r.index_bytes_gz != null) {
      const v = r.index_bytes_gz / size;
      s.push(`<rect x="${x2}" y="${y + 2}" width="${Math.max(1, bx(v) - x2)}" height="${rowH - 4}" fill="${color}"/>`);
      s.push(`<text x="${bx(v) + 4}" y="${y + 11}" fill="#333">${Math.round(v)}</text>`);
    } else {
      s.push(`<text x="${x2 + 4}" y="${y + 11}" fill="#c92a2a">${esc(r.status)}</text>`);
    }
    y += rowH;
  }
  s.push('</svg>');
  return `${s.join('\n')}\n`;
}

export function writeSearchChart(file, search) {
  fs.writeFileSync(file, renderSearchSvg(search));
}
