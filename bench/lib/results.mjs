// bench/results.json and docs/benchmarks.md are shared by every benchmark kind (search,
// markdown, startup, build): each kind merges its own top-level key into results.json and
// rewrites only its own marked section of benchmarks.md, leaving the others as they are.
import fs from 'node:fs';
import path from 'node:path';

export function readResults(file) {
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!text) return {};
  const data = JSON.parse(text);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${file}: expected a JSON object at the top level`);
  }
  return data;
}

// Deep merge of `update` into results[kind] down to `depth` levels (search: size -> engine),
// so that a run of some sizes or engines keeps the figures of the others.
export function mergeKind(file, kind, update, depth = 2) {
  const results = readResults(file);
  const merge = (target, src, level) => {
    for (const [k, v] of Object.entries(src)) {
      if (level < depth && v && typeof v === 'object' && !Array.isArray(v) &&
          target[k] && typeof target[k] === 'object' && !Array.isArray(target[k])) {
        merge(target[k], v, level + 1);
      } else {
        target[k] = v;
      }
    }
    return target;
  };
  results[kind] = merge(results[kind] && typeof results[kind] === 'object' ? results[kind] : {}, update, 0);
  const tmp = `${file}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return results;
}

const HEADER = `# Benchmarks

Written by \`./carnet bench\` (\`bench/run.mjs\`) from the figures in
[\`bench/results.json\`](../bench/results.json). Each benchmark kind rewrites only its own
section, between its markers; text outside the markers is kept.
`;

// Replaces (or appends) the section of `kind` in the Markdown file.
export function writeSection(file, kind, markdown) {
  const begin = `<!-- bench:${kind}:begin -->`;
  const end = `<!-- bench:${kind}:end -->`;
  let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) {
    doc = doc.slice(0, i) + block + doc.slice(j + end.length);
  } else {
    doc = `${doc.trimEnd()}\n\n${block}\n`;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, doc.endsWith('\n') ? doc : `${doc}\n`);
}
