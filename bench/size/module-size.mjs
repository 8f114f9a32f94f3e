// The size of what the built app ships for the viewer core (issue 6: "viewer wasm + JS glue
// <= 150 KB gzip, search included"): carnet-core.wasm and carnet-core.js (Emscripten's glue
// with wasm/bindings/api.js appended), gzip -9 by Node's zlib, and the shell's own ES modules
// alongside for information. `./carnet bench size` writes it to bench/results.json ("size")
// and to its section of docs/benchmarks.md. Measures; asserts nothing.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const MODULE_FILES = ['carnet-core.wasm', 'carnet-core.js'];
export const TARGET_GZIP = 150_000;  // bytes: "150 KB", read strictly (150 KiB would be 153,600)

const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

function measure(dir, files) {
  const rows = files.map((f) => {
    const buf = fs.readFileSync(path.join(dir, f));
    return { file: f, bytes: buf.length, gzip: gzip(buf) };
  });
  return { files: rows, bytes: rows.reduce((s, r) => s + r.bytes, 0), gzip: rows.reduce((s, r) => s + r.gzip, 0) };
}

export function measureModule(app) {
  const module = measure(app, MODULE_FILES);
  const jsDir = path.join(app, 'js');
  const shell = measure(jsDir, fs.readdirSync(jsDir).filter((f) => f.endsWith('.js')).sort());
  return {
    measured_at: new Date().toISOString(), gzip_level: 9, target_gzip: TARGET_GZIP,
    module: { ...module, met: module.gzip <= TARGET_GZIP },
    shell_js: { bytes: shell.bytes, gzip: shell.gzip, files: shell.files.length },
  };
}

export function renderSizeSection(size) {
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  const m = size.module;
  const out = ['## Module size', '',
    '`./carnet bench size` (also run by `./carnet bench`): the viewer core as the built app ships it, ' +
    'gzip -9 (Node\'s zlib; `gzip -9` on the command line gives about 1.5 % less). Target (issue 6): ' +
    `wasm + JS glue ≤ 150 KB gzip, search included: **${kb(m.gzip)}** ${m.met ? '✅ met' : '❌ not met'}. ` +
    `Measured ${size.measured_at.slice(0, 16).replace('T', ' ')} UTC.`, '',
    '| file | bytes | gzip |', '|---|---:|---:|'];
  for (const f of m.files) out.push(`| \`${f.file}\` | ${f.bytes} | ${f.gzip} |`);
  out.push(`| **viewer core (wasm + glue)** | **${m.bytes}** | **${m.gzip}** |`);
  out.push(`| the shell's ES modules (\`js/*.js\`, ${size.shell_js.files} files, not counted above) | ` +
           `${size.shell_js.bytes} | ${size.shell_js.gzip} |`);
  out.push('');
  out.push('What the module holds, per part of the code: `node bench/size/wasm-size.mjs FILE.wasm` (see its ' +
           'header for a build that keeps function names). How it was brought under the target: ' +
           '[wasm-size.md](wasm-size.md).');
  return out.join('\n');
}
