// The Markdown section of docs/benchmarks.md and its chart (docs/bench-markdown.svg), both
// made from results.json's "markdown" key alone.
import fs from 'node:fs';
import os from 'node:os';

import { ENGINES, INFO } from './engines.mjs';
import { NATIVE } from './bench.mjs';
import { TAGS } from './check.mjs';
import { TARGET_GZIP } from '../size/module-size.mjs';

const NATIVE_INFO = {
  'md4c-native': { label: 'md4c-html (native, ceiling)', config: 'md4c 0.5.3\'s own HTML renderer (`md_html`) over the same patched parser, same parser flags, gcc -O3, output appended to one reused buffer.' },
  'carnet-native': { label: 'Carnet renderer (native)', config: 'the same C++ renderer as the wasm module, built natively (gcc -O3), same options as the JS call.' },
};
const COLORS = { carnet: '#d9480f', 'markdown-wasm': '#1c7ed6', md4w: '#0b7285', marked: '#2f9e44', 'markdown-it': '#7048e8',
                 'md4c-native': '#868e96', 'carnet-native': '#f08c00' };
// Issue 6: Carnet's call >= 1.3x the md4c-in-wasm peers, >= 4x the JS ones; module <= 150 KB gzip.
const TARGETS = { 'markdown-wasm': 1.3, md4w: 1.3, marked: 4, 'markdown-it': 4 };

const label = (id) => (INFO[id] ?? NATIVE_INFO[id])?.label ?? id;
const order = (md) => [...ENGINES, ...NATIVE].filter((id) => md[id]);
const rate = (v) => (v == null ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const kib = (v) => (v == null ? '–' : `${(v / 1024).toFixed(1)} KiB`);

function machine() {
  const cpu = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`;
}

const ENVS = [['Node', (r) => r], ['Chromium', (r) => r?.chromium]];

function targets(md) {
  const c = md.carnet;
  if (!c?.mb_per_s) return '_no Carnet figures yet_';
  const check = (ok) => (ok ? '✅' : '❌');
  const lines = [];
  for (const [id, want] of Object.entries(TARGETS)) {
    const cells = [];
    for (const [env, get] of ENVS) {
      const mine = get(c)?.mb_per_s;
      const theirs = get(md[id])?.mb_per_s;
      if (mine == null || theirs == null) continue;
      const x = mine / theirs;
      cells.push(`${env} ${rate(mine)} vs ${rate(theirs)} MB/s = **${x.toFixed(2)}×** ${check(x >= want)}`);
    }
    lines.push(`- ≥ ${want}× ${label(id)}: ${cells.length ? cells.join(' · ') : `no figure (${md[id]?.status ?? 'not run'})`}`);
  }
  if (c.code) {
    lines.push(`- viewer module (wasm + JS glue, search included) ≤ 150 KB gzip: **${(c.code.bytes_gz / 1000).toFixed(1)} KB** ` +
      `(${(c.code.bytes / 1000).toFixed(1)} KB raw) ${check(c.code.bytes_gz <= TARGET_GZIP)} (section "Module size")`);
  }
  return lines.join('\n');
}

function mainTable(md) {
  const c = md.carnet;
  const rows = ['| engine | version | Node MB/s | middle half | Chromium MB/s | middle half | Carnet is (Node · Chromium) | HTML out | code loaded (gzip) |',
                '|---|---|---:|---:|---:|---:|---:|---:|---:|'];
  const ratio = (mine, theirs) => (mine != null && theirs != null ? `${(mine / theirs).toFixed(2)}×` : '–');
  for (const id of order(md)) {
    const r = md[id];
    if (r.status !== 'ok' || r.mb_per_s == null) {
      rows.push(`| ${label(id)} | ${r.version ?? ''} | **${r.status}** ${r.error ? `(${r.error.slice(0, 100).replace(/\|/g, '\\|')})` : ''} | | | | | | |`);
      continue;
    }
    const b = r.chromium;
    const bCells = b?.mb_per_s != null ? `**${rate(b.mb_per_s)}** | ${rate(b.mb_per_s_p25)}–${rate(b.mb_per_s_p75)}`
      : `${b?.status ?? (NATIVE.includes(id) ? 'native' : '–')} | `;
    const ratios = id === 'carnet' || NATIVE.includes(id) ? (id === 'carnet' ? '' : ratio(c?.mb_per_s, r.mb_per_s))
      : `${ratio(c?.mb_per_s, r.mb_per_s)} · ${ratio(c?.chromium?.mb_per_s, b?.mb_per_s)}`;
    rows.push(`| ${label(id)} | ${r.version} | **${rate(r.mb_per_s)}** | ${rate(r.mb_per_s_p25)}–${rate(r.mb_per_s_p75)} | ` +
      `${bCells} | ${ratios} | ${kib(r.html_bytes)} | ${r.code ? kib(r.code.bytes_gz) : 'native'} |`);
  }
  return rows.join('\n');
}

function agreementTable(md) {
  const ids = order(md).filter((id) => md[id].tags);
  const names = Object.keys(TAGS);
  const rows = [`| engine | ${names.join(' | ')} | visible text (chars) | same as md4c-html |`,
                `|---|${names.map(() => '---:').join('|')}|---:|---|`];
  for (const id of ids) {
    const r = md[id];
    rows.push(`| ${label(id)} | ${names.map((n) => r.tags[n] ?? '–').join(' | ')} | ${r.text_chars ?? '–'} | ` +
              `${r.output_check === 'ok' ? '✅' : (r.output_check ?? '–')} |`);
  }
  return rows.join('\n');
}

export function renderMarkdownSection(md, { chartFile = 'bench-markdown.svg' } = {}) {
  const any = md.carnet ?? Object.values(md)[0];
  const s = any?.set;
  const out = [];
  out.push('## Markdown');
  out.push('');
  out.push('`./carnet bench markdown` or `./carnet bench markdown --quick` (a smaller article set and a shorter ' +
    'time budget). Every engine renders the same generated articles, one call per article, a JS string in and an ' +
    'HTML string out, first in one Node process, then in one page of headless Chromium; engines take turns round ' +
    'by round (a rotating order), and each figure is the median over rounds, so load from other processes weighs ' +
    'on every engine alike. ' +
    `Latest run: ${any?.measured_at?.slice(0, 16).replace('T', ' ')} UTC (${any?.mode}); machine: ${machine()}, ` +
    `Node ${any?.node ?? process.version}.`);
  if (any?.loadavg_before != null && any.loadavg_before > os.cpus().length * 0.5) {
    out.push('');
    out.push(`⚠ The machine was shared during this run (1-minute load average ${any.loadavg_before.toFixed(1)} before ` +
      `and ${any.loadavg_after.toFixed(1)} after the timed rounds, on ${os.cpus().length} cores): absolute figures are ` +
      'lower and noisier than on an idle machine; the ratios between engines, measured side by side, hold better.');
  }
  out.push('');
  out.push('### Targets (Carnet, wasm)');
  out.push('');
  out.push(targets(md));
  out.push('');
  out.push(`![Markdown throughput per engine](${chartFile})`);
  out.push('');
  if (s) {
    out.push(`Article set: ${s.articles} articles, ${(s.bytes / 1e6).toFixed(2)} MB of Markdown (${s.french} French, ` +
      `${s.english} English; ${s.long} long French articles of 30–70 KB, the largest ${(s.largest_bytes / 1024).toFixed(0)} KiB; ` +
      `${s.content ?? 0} of them the hand-written articles of \`content/posts\`), ` +
      `seed \`${s.seed}\`. MB = 10⁶ bytes of UTF-8 Markdown input.`);
    out.push('');
  }
  out.push(mainTable(md));
  out.push('');
  if (md.carnet?.code) {
    const c = md.carnet.code;
    out.push(`Carnet's module as shipped: ${c.files.join(' + ')} = ${c.bytes} bytes, **${c.bytes_gz} bytes gzip** ` +
      '(gzip -9; the viewer, Markdown and search in one module). "Code loaded" for the peers is what a browser ' +
      'would fetch: markdown-wasm `markdown.es.js` + `markdown.wasm`, md4w `index.js` + `md4w.js` + ' +
      '`md4w-small.wasm`, marked `marked.esm.js`, markdown-it `markdown-it.esm.min.mjs` (its dependencies bundled).');
    out.push('');
  }
  out.push('### Do the engines do the same work?');
  out.push('');
  out.push('Elements counted in each engine\'s HTML for the whole set, and the length of the text a reader sees ' +
    '(tags removed, character references decoded, white space collapsed). "Same as md4c-html": headings, ' +
    'paragraphs, images, tables, cells, list items, code blocks, emphasis, strikethrough and quotes counted alike, ' +
    'and the visible text within 1 % of md4c\'s own renderer\'s (`bench/markdown/check.mjs`).');
  out.push('');
  out.push(agreementTable(md));
  out.push('');
  out.push('Known differences: markdown-it has no task lists (no checkboxes) and links fewer bare URLs; marked ' +
    'autolinks slightly differently; Carnet neutralises unsafe link targets (kept as `<a class="blocked-url">`, none ' +
    'in this set), adds an `id` to every heading (markdown-wasm and md4w add an anchor link instead), wraps tables ' +
    'in a `<div>`, marks external links and lazy images, escapes `\'` too and writes non-ASCII characters as ' +
    'numeric references, so its HTML is longer.');
  out.push('');
  out.push('### Engine settings');
  out.push('');
  for (const id of order(md)) out.push(`- **${label(id)}**: ${(INFO[id] ?? NATIVE_INFO[id])?.config ?? ''}`);
  out.push('');
  out.push('### What is measured');
  out.push('');
  out.push('- **Article set** (`bench/markdown/corpus.mjs`): deterministic (seeded sfc32), words from Debian\'s word ' +
    'lists (`wfrench`, `wamerican`) with Zipf frequencies (the search corpus\' vocabulary); 70 % French, and every ' +
    'long article French, with typographic apostrophes (’), « guillemets » and the no-break spaces of French ' +
    'punctuation, em dashes, ellipses, figures in euros; paragraphs wrapped at 80 columns; headings, emphasis, ' +
    'inline code, links (absolute, relative, anchors, autolinks), images with titles, bullet, ordered, nested and ' +
    'task lists, block quotes, fenced code in several languages, GFM tables with alignments, a few entities; ' +
    'plus the hand-written articles of the repository\'s `content/posts` (front matter removed).');
  out.push('- **A round** (Node): each JS engine renders every article once (after a full GC), timed with ' +
    '`process.hrtime.bigint()`; then the native tool (`bench/markdown/native.cpp`, built by CMake as ' +
    '`carnet_markdown_bench`) renders the set once with each native renderer, timed inside the process. ' +
    '3 warm-up rounds first; then rounds until the time budget is spent (40 s with `--quick`, 200 s otherwise; ' +
    'at least 8 / 25 rounds). MB/s = set size / median round time; "middle half" = from the 75th to the 25th ' +
    'percentile round time.');
  out.push('- **Chromium** (`bench/markdown/browser.mjs`, `browser-runner.js`): the browser builds of every engine ' +
    'and the article set served from 127.0.0.1 by the tests\' static server, Debian\'s Chromium driven by ' +
    'playwright-core, the same rounds timed with `performance.now()` in the page (30 s / 120 s, `--js-flags=--expose-gc`).');
  out.push('- **Why Carnet\'s HTML is ASCII**: turning the HTML bytes into a JS string costs more than a third of ' +
    'the rendering when they hold multi-byte UTF-8, and almost nothing when they are pure ASCII (Node 20, this set\'s ' +
    'HTML, 1.5 MB: `TextDecoder` took 8 ms for the UTF-8 HTML, 0.15 ms for the same HTML in ASCII, best of 15). ' +
    'Carnet\'s `Markdown.render` therefore writes every non-ASCII character as a numeric reference (`é` → `&#233;`): ' +
    'the same DOM once parsed, a longer string. Every engine here decodes with `TextDecoder`; the other wasm engines ' +
    'return UTF-8.');
  return out.join('\n');
}

// Horizontal bars per engine: median MB/s in Node (dark) and in Chromium (light), the
// middle half of rounds as a thin line.
export function renderMarkdownSvg(md) {
  const ids = order(md).filter((id) => md[id].mb_per_s != null);
  const bars = ids.flatMap((id) => [[id, 'Node', md[id]], ...(md[id].chromium?.mb_per_s != null ? [[id, 'Chromium', md[id].chromium]] : [])]);
  const rowH = 18;
  const left = 250;
  const width = 800;
  const barW = width - left - 90;
  const top = 40;
  const height = top + bars.length * rowH + ids.length * 6 + 30;
  const max = Math.max(1, ...bars.map(([, , r]) => r.mb_per_s_p75 ?? r.mb_per_s));
  const x = (v) => left + (v / max) * barW;
  const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const s = [];
  s.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  s.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  s.push(`<text x="${left}" y="18" font-size="13" font-weight="bold">Markdown to HTML, MB/s: Node (dark), Chromium (light); line: middle half</text>`);
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((st) => max / st <= 8) ?? 100;
  for (let v = 0; v <= max; v += step) {
    s.push(`<line x1="${x(v)}" y1="${top - 8}" x2="${x(v)}" y2="${height - 24}" stroke="#e9ecef"/>`);
    s.push(`<text x="${x(v)}" y="${height - 10}" text-anchor="middle" fill="#555">${v}</text>`);
  }
  let y = top;
  let prev = null;
  for (const [id, env, r] of bars) {
    if (prev !== null && prev !== id) y += 6;
    const color = COLORS[id] ?? '#adb5bd';
    const light = env === 'Chromium' || NATIVE.includes(id);
    s.push(`<text x="${left - 8}" y="${y + 13}" text-anchor="end"${id === 'carnet' ? ' font-weight="bold"' : ''}>${esc(`${label(id)}${NATIVE.includes(id) ? '' : `, ${env}`}`)}</text>`);
    s.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(1, x(r.mb_per_s) - left)}" height="${rowH - 6}" fill="${color}"${light ? ' opacity="0.5"' : ''}/>`);
    if (r.mb_per_s_p25 != null) {
      s.push(`<line x1="${x(r.mb_per_s_p25)}" y1="${y + 9}" x2="${x(r.mb_per_s_p75)}" y2="${y + 9}" stroke="#212529" stroke-width="1.5"/>`);
    }
    s.push(`<text x="${x(Math.max(r.mb_per_s, r.mb_per_s_p75 ?? 0)) + 6}" y="${y + 13}" fill="#212529">${rate(r.mb_per_s)}</text>`);
    y += rowH;
    prev = id;
  }
  s.push('</svg>');
  return `${s.join('\n')}\n`;
}

export function writeMarkdownChart(file, md) {
  fs.writeFileSync(file, renderMarkdownSvg(md));
}
