// Render time of each hostile input of tests/robustness_cases.hpp, natively and in the
// shipped wasm module under Node (issue 5: no single article may take more than a second).
// Measures; asserts nothing. Prints a table and writes build/bench-robustness.json.
//
// Usage (after ./carnet build or ./carnet test):
//   node bench/robustness/bench.mjs [--native-build build/native] [--app build/wasm/app]
// It builds the native half (target carnet_robustness_bench) in the native build folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: {
    'native-build': { type: 'string', default: path.join(ROOT, 'build', 'native') },
    app: { type: 'string', default: path.join(ROOT, 'build', 'wasm', 'app') },
    out: { type: 'string', default: path.join(ROOT, 'build', 'bench-robustness.json') },
  },
});
const log = (msg) => process.stderr.write(`\x1b[1m[bench robustness]\x1b[0m ${msg}\n`);

// ---- native: build and run the C++ half, which also writes the inputs for the wasm half
log(`building carnet_robustness_bench in ${opts['native-build']}`);
// Re-configure first (keeping the cache): a tree configured before this target existed.
execFileSync('cmake', ['-S', ROOT, '-B', opts['native-build']], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync('cmake', ['--build', opts['native-build'], '--target', 'carnet_robustness_bench'], { stdio: ['ignore', 'ignore', 'inherit'] });
const casesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-robustness-'));
log('native: timing every case (best of 3-10 runs)');
const nativeOut = execFileSync(path.join(opts['native-build'], 'bench', 'robustness', 'carnet_robustness_bench'),
  ['--dump', casesDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
const native = nativeOut.trim().split('\n').map((l) => JSON.parse(l));

// ---- wasm: the module as shipped, through the byte-level entry point and the Viewer
const { default: createCarnet } = await import(pathToFileURL(path.join(opts.app, 'carnet-core.js')).href);
const mod = await createCarnet({ wasmBinary: fs.readFileSync(path.join(opts.app, 'carnet-core.wasm')) });

// The C exports under module.Markdown, fed the raw bytes (hostile inputs may not be UTF-8).
const markdown = mod._carnet_markdown_new();
function renderBytes(bytes) {
  const input = mod._carnet_markdown_input(markdown, bytes.length);
  mod.HEAPU8.set(bytes, input);
  const size = mod._carnet_markdown_render(markdown, bytes.length, 0);
  const html = mod._carnet_markdown_html(markdown);
  return Buffer.from(mod.HEAPU8.subarray(html, html + size)).toString('utf8');
}

function bestMs(runs, fn) {
  let best = Infinity;
  let value;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { best, value };
}

const rows = [];
for (const n of native) {
  const bytes = fs.readFileSync(path.join(casesDir, `${n.case}.md`));
  const runs = bytes.length > (1 << 20) ? 3 : 10;
  const render = bestMs(runs, () => renderBytes(bytes));
  // The article view as the shell asks for it: bundle JSON in, view JSON out.
  const bundle = JSON.stringify({
    format: 'carnet-bundle', version: 1, site: { title: 'Carnet', lang: 'fr' },
    authors: [{ id: 'camille', name: 'Camille Durand' }],
    articles: [{ slug: 'hostile', title: 'Hostile', date: '2024-03-14', author: 'camille', source: 'posts/2024/hostile.md' }],
    bodies: { hostile: new TextDecoder().decode(bytes) },
  });
  const viewer = new mod.Viewer();
  const load = bestMs(1, () => JSON.parse(viewer.load(bundle)));
  if (!load.value.ok) throw new Error(`${n.case}: the viewer refused the bundle: ${load.value.error}`);
  const view = bestMs(runs, () => viewer.view('#/post/hostile'));
  viewer.delete();
  rows.push({ ...n, wasm_render_ms: render.best, wasm_html_bytes: Buffer.byteLength(render.value),
              wasm_view_ms: view.best, wasm_view_bytes: view.value.length });
  log(`${n.case}: native ${n.render_ms.toFixed(1)} ms, wasm ${render.best.toFixed(1)} ms`);
}
fs.rmSync(casesDir, { recursive: true, force: true });

const kb = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KB` : `${b} B`);
const ms = (x) => x.toFixed(x < 10 ? 2 : 1);
console.log('| case | input | HTML | native render ms | native view ms | wasm render ms | wasm view ms |');
console.log('|---|--:|--:|--:|--:|--:|--:|');
for (const r of rows) {
  console.log(`| ${r.case} | ${kb(r.input_bytes)} | ${kb(r.html_bytes)} | ${ms(r.render_ms)} | ${ms(r.view_ms)} | ` +
              `${ms(r.wasm_render_ms)} | ${ms(r.wasm_view_ms)} |`);
}
const worst = rows.reduce((a, r) => (r.wasm_view_ms > a.wasm_view_ms ? r : a));
console.log(`\nslowest article view in wasm: ${worst.case}, ${ms(worst.wasm_view_ms)} ms` +
            ` (${worst.wasm_view_ms < 1000 ? 'under' : 'OVER'} the 1 s budget)`);
fs.writeFileSync(opts.out, JSON.stringify({ node: process.version, cpus: os.cpus().length, rows }, null, 2) + '\n');
log(`figures written to ${path.relative(ROOT, opts.out)}`);
