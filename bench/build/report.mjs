// The "build" section of docs/benchmarks.md and its chart (docs/bench-build.svg), both made
// from results.json's "build" key alone: Carnet's figures and, next to them, Hugo's (peers.hugo).
import fs from 'node:fs';

import { groupedBarsSvg } from '../lib/chart.mjs';

const TOOLS = [['carnet', 'Carnet', '#d9480f'], ['hugo', 'Hugo', '#1c7ed6']];
const CASES = [['cold', 'first'], ['unchanged', 'unchanged'], ['one_edit', 'one edit']];
const sizeLabel = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
const seconds = (ms) => (ms == null ? '–' : `${(ms / 1000).toFixed(1)} s`);

function sizesOf(build) {
  return Object.keys(build).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
}

// Each tool's figures for one size: Carnet's are the record itself.
const figures = (r, tool) => (tool === 'carnet' ? r : r.peers?.[tool]);
// "hugo v0.111.3+extended linux/amd64 ..." -> "0.111.3"
const shortVersion = (v) => v?.match(/v(\d+\.\d+\.\d+)/)?.[1] ?? '';

export function renderBuildSection(build, { chartFile = 'bench-build.svg' } = {}) {
  const sizes = sizesOf(build);
  const out = ['## Site build', '',
    '`./carnet bench build [--quick] [--sizes 1000,10000,100000]`: wall time of `carnet-build` and, in the same run ' +
    'on the same articles, of Hugo (`hugo --quiet -s SITE -d OUT`, Debian\'s package), on the search benchmark\'s ' +
    'generated blogs (about 1,200 words an article, 70 % French). Each tool builds into its own output folder three ' +
    'times: empty, again with nothing changed, and again after one article was edited (the same paragraph put before ' +
    'the first article\'s body). Carnet reads the corpus\'s `bundle.json` (`--bundle`: front matter reading is not ' +
    'timed); Hugo reads the same articles as one Markdown file each with YAML front matter (title, date, author, ' +
    'category, tags, summary), written once per corpus by `bench/build/hugo.mjs`, with minimal layouts of its own ' +
    '(`bench/build/hugo-site/`, no theme).', '',
    'What each build makes. **Carnet** renders every article\'s Markdown and writes its static page, the list pages ' +
    '(home, each category, tag and author, 10 articles a page), archive, search page and 404, the **search index**, ' +
    'the bundle (sharded from 1,000 articles: boot file, metadata parts, content chunks), and the app (wasm, JS, CSS, ' +
    'service worker); the generated blog has no `url`, so no feeds or sitemap. It keeps what its sources did not ' +
    'change (`.carnet-cache.json`; the search index\'s segments in `.carnet-cache/`, so an edited article costs the ' +
    'index one segment of at most about 2,048 articles and a merge) and writes only the files whose bytes changed. ' +
    '"Files in the output" does not count those caches. **Hugo** renders every article\'s ' +
    'Markdown into its page (table of contents, reading time, neighbours) and writes the same lists (plus, per ' +
    'taxonomy, a page of its terms, and per list a `page/1/` redirect), archive and 404; RSS, sitemap and section ' +
    'pages are off, as Carnet writes none of them. Hugo has **no search index** here, nor data files or app. It ' +
    'renders and writes every page on every build; its "files written" are the files whose modification time changed.', '',
    ...(sizes.length ? [`![Site build time, Carnet and Hugo](${chartFile})`, ''] : []),
    '| articles | tool | first build | nothing changed | one article edited | files written (first · unchanged · edited) | files in the output | articles/s (first build) | measured |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const n of sizes) {
    const r = build[n];
    for (const [tool, label] of TOOLS) {
      const f = figures(r, tool);
      const name = tool === 'hugo' ? `${label} ${shortVersion(f?.version)}`.trim() : label;
      if (f?.cold_ms == null) {
        out.push(`| ${n.toLocaleString('en-US')} | ${name} | – | – | – | – | – | – | ${f?.error ? 'failed' : 'not measured yet'} |`);
        continue;
      }
      out.push(`| ${n.toLocaleString('en-US')} | ${name} | ${seconds(f.cold_ms)} | ${seconds(f.unchanged_ms)} | ` +
        `${seconds(f.one_edit_ms)} | ${f.cold_files} · ${f.unchanged_files} · ${f.one_edit_files} | ${f.output_files ?? '–'} | ` +
        `${Math.round(n / (f.cold_ms / 1000))} | ${r.measured_at.slice(0, 10)}` +
        `${f.loadavg > r.cores * 0.8 ? ` (load ${f.loadavg.toFixed(1)})` : ''} |`);
    }
  }
  out.push('', 'Load is the 1-minute load average when the tool\'s first build started, shown when above 80 % of the ' +
    'cores: figures taken on a busy machine are slower than they would be on a quiet one, for both tools.');
  return out.join('\n');
}

// Grouped bars: per size and case, Carnet's and Hugo's wall time.
export function writeBuildChart(file, build) {
  const groups = sizesOf(build).flatMap((n) => CASES.map(([kase, label]) => ({
    label: `${sizeLabel(n)} ${label}`,
    values: TOOLS.map(([tool]) => figures(build[n], tool)?.[`${kase}_ms`] ?? null),
  })));
  fs.writeFileSync(file, groupedBarsSvg({ title: 'Site build: wall time per case (s), Carnet and Hugo', groups,
                                          series: TOOLS.map(([, label, color]) => ({ label, color })),
                                          format: (v) => `${(v / 1000).toFixed(1)}` }));
}
