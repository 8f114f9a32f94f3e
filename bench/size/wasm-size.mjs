// Where a wasm module's bytes go: sections, and (when the module keeps function names) the
// biggest functions and their sum per part of the code (md4c, search, nlohmann, libc++...).
// Measures; asserts nothing. See docs/wasm-size.md for how the shipped module was trimmed.
//
//   node bench/size/wasm-size.mjs build/wasm/app/carnet-core.wasm [--top N]
//
// Names come from a build linked with --profiling-funcs (same code, names kept):
//   NODE_PATH=/usr/share/nodejs emcmake cmake -S . -B build/wasm-names -DCMAKE_BUILD_TYPE=Release \
//     -DCARNET_DEPS_DIR=$PWD/build/deps -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs
//   cmake --build build/wasm-names --target carnet_wasm
// C++ names are printed mangled unless c++filt (binutils) is on PATH.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '40' } } });
if (positionals.length !== 1) {
  console.error('usage: node bench/size/wasm-size.mjs FILE.wasm [--top N]');
  process.exit(2);
}
const buf = fs.readFileSync(positionals[0]);
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element',
                  'code', 'data', 'data count', 'tag'];

let p = 8;
const leb = () => {
  let r = 0;
  let shift = 0;
  let b;
  do {
    b = buf[p++];
    r += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return r;
};
const str = () => {
  const n = leb();
  const s = buf.toString('utf8', p, p + n);
  p += n;
  return s;
};

let importedFuncs = 0;
const bodies = [];
const names = new Map();
console.log(`${positionals[0]}: ${buf.length} bytes, ${gz(buf)} gzip -9`);
console.log('\nsection        bytes    gzip');
while (p < buf.length) {
  const id = buf[p++];
  const size = leb();
  const start = p;
  const end = p + size;
  let label = SECTIONS[id] ?? String(id);
  if (id === 0) {
    label = `custom "${str()}"`;
    if (label === 'custom "name"') {
      while (p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        if (sub === 1) for (let n = leb(); n > 0; n--) names.set(leb(), str());
        p = subEnd;
      }
    }
  } else if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      str();
      str();
      const kind = buf[p++];
      if (kind === 0) { leb(); importedFuncs++; } else if (kind === 1) { p++; if (leb() & 1) leb(); leb(); } else if (kind === 2) { if (leb() & 1) leb(); leb(); } else if (kind === 3) p += 2; else leb();
    }
  } else if (id === 10) {
    for (let n = leb(), i = 0; i < n; i++) {
      const len = leb();
      bodies.push({ index: importedFuncs + i, size: len, bytes: buf.subarray(p, p + len) });
      p += len;
    }
  }
  console.log(`${label.padEnd(12)} ${String(size).padStart(8)} ${String(gz(buf.subarray(start, end))).padStart(7)}`);
  p = end;
}

if (!names.size) {
  console.log('\nno function names in this module: link it with --profiling-funcs for the per-function view');
  process.exit(0);
}
let demangled = [...names.values()];
try {
  demangled = execFileSync('c++filt', { input: demangled.join('\n'), maxBuffer: 1 << 28 }).toString().split('\n');
} catch { /* c++filt missing: mangled names */ }
const nameOf = new Map([...names.keys()].map((k, i) => [k, demangled[i]]));
const funcs = bodies.map((b) => ({ ...b, name: nameOf.get(b.index) ?? `function ${b.index}` })).sort((a, b) => b.size - a.size);

// Parts of the code, by name (first match wins).
const PARTS = [
  ['nlohmann-json', /nlohmann/], ['md4c', /^md_|^md4c/], ['snowball stemmers', /UTF_8_stem|^r_|^SN_|^find_among|grouping|^eq_s|^slice_|^insert_s|^replace_s|^skip_/],
  ['search', /carnet::(SearchEngine|SearchIndex|parse_search|for_each_word|tokenize|Stemmer)|carnet_search|Search::/],
  ['markdown', /carnet::.*(Renderer|enter_|leave_|on_text|safe_url|render_markdown|markdown|entity|Sink|url_escaped)|carnet_markdown/],
  ['views, viewer, bundle', /carnet::.*(view|Viewer|bundle|Bundle|route|Route|i18n|format_|sort_articles)|carnet_viewer/],
  ['carnet (other)', /carnet/], ['printf, float parsing', /printf|fmt_|tf3|tf2|scan|frexp|fmodl|scalbn|copysign|strto|__float|__trunc|__extend|pop_arg|sn_write|^pad$|^out$|getint|wctomb/],
  ['libc++, libc++abi', /std::|__cxa|__cxxabiv1|operator new|operator delete|_Unwind/], ['malloc', /malloc|free|dispose_chunk|sbrk|calloc|realloc/],
];
const parts = new Map();
for (const f of funcs) {
  const part = PARTS.find(([, re]) => re.test(f.name))?.[0] ?? 'other';
  const e = parts.get(part) ?? { size: 0, count: 0, chunks: [] };
  e.size += f.size;
  e.count++;
  e.chunks.push(f.bytes);
  parts.set(part, e);
}
console.log('\npart of the code          bytes   gzip alone   functions');
for (const [part, e] of [...parts].sort((a, b) => b[1].size - a[1].size)) {
  console.log(`${part.padEnd(24)} ${String(e.size).padStart(7)} ${String(gz(Buffer.concat(e.chunks))).padStart(10)} ${String(e.count).padStart(9)}`);
}
console.log(`\nbiggest functions (of ${funcs.length})`);
for (const f of funcs.slice(0, Number(opts.top))) console.log(`${String(f.size).padStart(7)}  ${f.name.slice(0, 150)}`);
