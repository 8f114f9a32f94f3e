// docs/bench-startup.md and its chart (docs/bench-startup.svg), made from results.json's
// "startup" key alone; docs/benchmarks.md gets a short section linking to them.
import fs from 'node:fs';
import os from 'node:os';

import { TARGET_RATIO } from './bench.mjs';
import { groupedBarsSvg } from '../lib/chart.mjs';

const sizeLabel = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
const ms = (v) => (v == null ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const msCell = (v) => (v == null ? '–' : `${ms(v)} ms`);
const bytes = (v) => {
  if (v == null) return '–';
  if (v < 10000) return `${Math.round(v)} B`;
  if (v < 10e6) return `${(v / 1024).toFixed(0)} KiB`;
  return `${(v / 1048576).toFixed(1)} MiB`;
};

function sizesOf(startup) {
  return Object.keys(startup).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
}

function targets(startup) {
  const small = startup[100];
  const big = startup[100000];
  const out = [];
  for (const [key, label] of [['first_list_ms', 'first list'], ['first_article_ms', 'first article']]) {
    if (!small || !big || small[key] == null || big[key] == null) {
      out.push(`- ${label}, 100k within ${TARGET_RATIO}× of 100: not measured yet (run \`./carnet bench startup\` without --quick)`);
      continue;
    }
    const ratio = big[key] / small[key];
    out.push(`- ${label}, 100k within ${TARGET_RATIO}× of 100: ${ms(big[key])} ms vs ${ms(small[key])} ms = **${ratio.toFixed(2)}×** — ${ratio <= TARGET_RATIO ? '✅ met' : '❌ not met'}`);
  }
  const l = startup[10000]?.loading;
  if (l) {
    const ok = l.boot_ready_ms < l.bundle_parse_ms;
    out.push(`- boot data of the 10k blog ready (fetch + load: ${ms(l.boot_ready_ms)} ms) faster than \`JSON.parse\` of its single-file bundle (${ms(l.bundle_parse_ms)} ms, parse alone) — ${ok ? '✅ met' : '❌ not met'}`);
  } else {
    out.push('- boot data of the 10k blog against `JSON.parse` of its bundle: not measured yet');
  }
  return out.join('\n');
}

export function renderStartupMarkdown(startup, { chartFile }) {
  const sizes = sizesOf(startup);
  const any = startup[sizes[0]] ?? {};
  const lines = [
    '# Cold start against blog size',
    '',
    'Written by `./carnet bench startup` (`bench/startup/`; `--quick`: 100 and 10k articles only) from the',
    '"startup" figures of [`bench/results.json`](../bench/results.json). Each blog is the search benchmark\'s',
    'generated corpus (about 1,200 words an article, 70 % French) built by `carnet-build --bundle`, served by',
    'Python\'s `http.server` on 127.0.0.1, opened in headless Chromium in a fresh context each run (empty',
    'cache, no service worker). Times run from the navigation to the app\'s paint of the view',
    '(the `carnet:paint:<kind>` performance mark, set right after the DOM update); medians of the runs.',
    'Every page of a built site is also a static page, so readers see the view earlier, as plain HTML:',
    'the "HTML painted" columns are the browser\'s first contentful paint, before the app takes the page over.',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; Chromium ${any.chromium ?? '?'}, Node ${any.node ?? process.version}.`,
    '',
    '## Targets',
    '',
    targets(startup),
    '',
    ...(sizes.length ? [`![First paint against blog size](${chartFile})`, ''] : ['No figures yet: run `./carnet bench startup`.', '']),
    '## Figures',
    '',
    '| articles | layout | boot (bundle.json) | metadata parts | chunks | first list | HTML painted | first article (newest) | HTML painted | oldest article (deep link) | build | measured |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const n of sizes) {
    const r = startup[n];
    lines.push(`| ${sizeLabel(n)} | ${r.sharded ? 'sharded' : 'one bundle'} | ${bytes(r.boot_bytes)} | ` +
      `${r.sharded ? `${bytes(r.meta_bytes)} in ${r.meta_files}` : '–'} | ${r.sharded ? `${bytes(r.chunk_bytes)} in ${r.chunk_files}` : '–'} | ` +
      `${ms(r.first_list_ms)} ms | ${msCell(r.first_list_fcp_ms)} | ${ms(r.first_article_ms)} ms | ${msCell(r.first_article_fcp_ms)} | ` +
      `${ms(r.old_article_ms)} ms | ${r.build_ms == null ? '–' : `${(r.build_ms / 1000).toFixed(1)} s`} | ` +
      `${(r.measured_at ?? '').slice(0, 10)}${r.loadavg > os.cpus().length * 0.8 ? ` (load ${r.loadavg.toFixed(1)})` : ''} |`);
  }
  const l = startup[10000]?.loading;
  if (l) {
    lines.push('', '## Loading the 10k blog', '',
      'In one page with the wasm module already loaded, fetching from the same server:', '',
      '| what | time |', '|---|---:|',
      `| boot data ready: fetch \`bundle.json\` (boot file) + \`Viewer.load\` | ${ms(l.boot_ready_ms)} ms |`,
      `| every metadata part fetched and added (then every list, filter and archive works) | ${ms(l.meta_ready_ms)} ms |`,
      `| \`JSON.parse\` of the single-file \`bundle.json\` of the same blog (${bytes(startup[10000].corpus_bundle_bytes)}), parse alone | ${ms(l.bundle_parse_ms)} ms |`,
      `| the same, fetch + parse | ${ms(l.bundle_fetch_parse_ms)} ms |`);
  }
  lines.push('', 'The oldest article\'s deep link on a sharded site needs the boot file, the "where" file that',
    'names its chunk, and that chunk (which carries the metadata of its articles and their neighbours);',
    'articles of the first page need the boot file and their chunk. Neither waits for the metadata parts.',
    'Sites built before the "where" files waited for every metadata part before the article.');
  return `${lines.join('\n')}\n`;
}

// Grouped bars: first list, first article and oldest article (deep link) per blog size.
export function writeStartupChart(file, startup) {
  const series = [['first_list_ms', 'first list', '#1c7ed6'], ['first_article_ms', 'first article', '#d9480f'],
                  ['old_article_ms', 'oldest article (deep link)', '#2f9e44']];
  const groups = sizesOf(startup).filter((n) => startup[n].first_list_ms != null)
    .map((n) => ({ label: `${sizeLabel(n)} articles`, values: series.map(([k]) => startup[n][k]) }));
  fs.writeFileSync(file, groupedBarsSvg({ title: 'Cold start: navigation to the app\'s first paint (ms, median)', groups,
                                          series: series.map(([, label, color]) => ({ label, color })) }));
}

// The short section of docs/benchmarks.md.
export function renderStartupSection(startup) {
  return ['## Cold start (startup)', '',
    '`./carnet bench startup [--quick]`: time from navigation to the first list and the first article painted,',
    'for blogs of 100, 10,000 and 100,000 articles, and the boot data of a 10k blog against `JSON.parse` of its',
    'single-file bundle. Figures, targets and chart: [bench-startup.md](bench-startup.md).', '',
    targets(startup)].join('\n');
}
