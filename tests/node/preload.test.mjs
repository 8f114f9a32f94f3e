// index.html (and so every static page, built from it) preloads every module main.js
// imports, directly or not, and (from a script) the wasm: the browser fetches them all at once instead of
// one import level after the other. A module added to the graph without its preload would
// quietly bring the waterfall back; a preload left for a module no longer imported would
// waste a request.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

const root = process.env.CARNET_ROOT;
assert.ok(root, 'CARNET_ROOT must be set (run through ctest)');
const web = path.join(root, 'web');

// Static imports of an ES module (import … from '…' and import '…'), as files under web/.
function importsOf(file) {
  const src = fs.readFileSync(path.join(web, file), 'utf8');
  const specs = [...src.matchAll(/^\s*import\s(?:[^;]*?\sfrom\s)?\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)));
}

function moduleGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    // carnet-core.js is the Emscripten glue, built into the app folder: a leaf.
    if (file !== 'carnet-core.js') for (const dep of importsOf(file)) visit(dep);
  };
  visit(entry);
  return seen;
}

test('index.html preloads exactly the modules main.js needs, and the wasm', () => {
  const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  const graph = [...moduleGraph('js/main.js')].filter((f) => f !== 'js/main.js');  // main.js: its own <script>
  assert.ok(graph.includes('js/carnet-app.js') && graph.includes('carnet-core.js'), graph.join(' '));
  assert.deepEqual([...preloaded].sort(), [...graph].sort());
  assert.equal(new Set(preloaded).size, preloaded.length, 'a module preloaded twice');
  // The wasm: preloaded by a script, so that a reader without JavaScript does not fetch it.
  assert.doesNotMatch(html, /<link[^>]*carnet-core\.wasm/);
  assert.match(html, /<script async src="js\/preload-core\.js"><\/script>/);
  assert.match(fs.readFileSync(path.join(web, 'js', 'preload-core.js'), 'utf8'), /link\.href = 'carnet-core\.wasm'/);
  // In <head>, after the page's own scripts: the browser requests the stylesheet and the
  // blocking scripts first (the static page paints as early as without preloads), then these.
  const head = html.slice(0, html.indexOf('</head>'));
  const mainAt = head.indexOf('<script type="module" src="js/main.js">');
  assert.ok(mainAt > 0);
  assert.equal([...head.slice(mainAt).matchAll(/rel="modulepreload"/g)].length, preloaded.length);
});
