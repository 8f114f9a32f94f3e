// The site build benchmark's peer: Hugo (Debian's `hugo`), on the same generated blogs as
// carnet-build. Each corpus becomes a Hugo site once, cached in build/bench/hugo-<size>-<seed>/
// (content/posts/<slug>.md with YAML front matter, content/authors/<id>/_index.md);
// bench/build/hugo-site/ (config, layouts, the archive page) is copied over it on every run.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { forEachArticle } from '../search/corpus.mjs';

const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hugo-site');
const CONTENT_VERSION = 1;   // bump when the Markdown files written below change
const STAMP = '.carnet-bench.json';

// The site's head of a corpus bundle (site, authors): the bundle itself may be larger than one
// string, but its articles come after that head (bench/search/corpus.mjs writes it so).
function bundleHead(bundle) {
  const fd = fs.openSync(bundle, 'r');
  const buf = Buffer.alloc(1 << 20);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  const text = buf.subarray(0, n).toString('utf8');
  const at = text.indexOf(',"articles":[');
  if (at < 0) throw new Error(`${bundle}: no "articles" array in its first MiB`);
  return JSON.parse(`${text.slice(0, at)}}`);
}

// YAML front matter: every string in JSON's double quotes, which YAML reads as they are.
function post(a) {
  const q = JSON.stringify;
  return `---\ntitle: ${q(a.title)}\ndate: ${a.date}\nauthors: [${q(a.author)}]\n` +
    `categories: [${q(a.category)}]\ntags: [${a.tags.map(q).join(', ')}]\nsummary: ${q(a.summary)}\n---\n${a.body}`;
}

// The Hugo site of a corpus (written when missing or made from another corpus), with the
// layouts of bench/build/hugo-site/. Returns {dir, firstPost}: the first article's file.
export async function ensureHugoSite(work, corpus, meta, log) {
  const dir = path.join(work, `hugo-${meta.size}-${meta.seed}`);
  const key = JSON.stringify({ content: CONTENT_VERSION, generator: meta.generator, size: meta.size, seed: meta.seed,
                               dicts: meta.dicts, words: meta.words });
  const stamp = path.join(dir, STAMP);
  const first = path.join(dir, 'first-post.json');   // {file, text}: the first article as written
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== key) {
    const t0 = performance.now();
    log(`writing the Hugo site of ${meta.size} articles in ${path.relative(process.cwd(), dir)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    const posts = path.join(dir, 'content', 'posts');
    fs.mkdirSync(posts, { recursive: true });
    for (const { id, name } of bundleHead(path.join(corpus, 'bundle.json')).authors) {
      fs.mkdirSync(path.join(dir, 'content', 'authors', id), { recursive: true });
      fs.writeFileSync(path.join(dir, 'content', 'authors', id, '_index.md'), `---\ntitle: ${JSON.stringify(name)}\n---\n`);
    }
    await forEachArticle(corpus, (a, i) => {
      const text = post(a);
      fs.writeFileSync(path.join(posts, `${a.slug}.md`), text);
      if (i === 0) fs.writeFileSync(first, JSON.stringify({ file: `${a.slug}.md`, text }));
    });
    fs.writeFileSync(stamp, key);
    log(`  Hugo site ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // As written, even if a run was killed while it was edited.
  const { file, text } = JSON.parse(fs.readFileSync(first, 'utf8'));
  const firstPost = path.join(dir, 'content', 'posts', file);
  fs.writeFileSync(firstPost, text);
  // Config and layouts anew each run, so that an edited layout never needs a version bump.
  fs.rmSync(path.join(dir, 'layouts'), { recursive: true, force: true });
  fs.cpSync(TEMPLATE, dir, { recursive: true });
  return { dir, firstPost };
}

// Puts `paragraph` before the first article's body, as the Carnet case does to its bundle;
// returns the function that undoes it.
export function editFirstPost(file, paragraph) {
  const text = fs.readFileSync(file, 'utf8');
  const body = text.indexOf('\n---\n', 3) + 5;
  fs.writeFileSync(file, text.slice(0, body) + paragraph + text.slice(body));
  return () => fs.writeFileSync(file, text);
}

function hugo(args) {
  const run = spawnSync('hugo', args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (run.error?.code === 'ENOENT') throw new Error('hugo is not installed (Debian package hugo: ./carnet bench installs it)');
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`hugo ${args.join(' ')} failed (${run.status}): ${run.stderr.toString().slice(-2000)}`);
  return run.stdout.toString().trim();
}

// "hugo v0.111.3+extended linux/amd64 BuildDate=... VendorInfo=debian:0.111.3-1"
export const hugoVersion = () => hugo(['version']);

// One build of the site into `out`; wall time of the process.
export function hugoBuild(site, out) {
  const t0 = performance.now();
  hugo(['--quiet', '-s', site, '-d', out]);
  return performance.now() - t0;
}
