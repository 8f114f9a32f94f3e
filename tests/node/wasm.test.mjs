// The shipped wasm module, loaded in Node exactly as built, exercised on a real bundle
// (the demo content built by carnet-build) and on broken ones.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const APP = process.env.CARNET_APP;
const BUILD = process.env.CARNET_BUILD;
const ROOT = process.env.CARNET_ROOT;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

let module;
let bundleText;
let indexBytes;

before(async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-node-'));
  execFileSync(BUILD, ['--app', APP, path.join(ROOT, 'content'), out], { stdio: 'pipe' });
  bundleText = fs.readFileSync(path.join(out, 'bundle.json'), 'utf8');
  indexBytes = fs.readFileSync(path.join(out, 'search-index.bin'));
  const { default: createCarnet } = await import(pathToFileURL(path.join(APP, 'carnet-core.js')).href);
  // The glue targets browsers; in Node we hand it the wasm bytes ourselves.
  module = await createCarnet({ wasmBinary: fs.readFileSync(path.join(APP, 'carnet-core.wasm')) });
});

function withViewer(fn) {
  const viewer = new module.Viewer();
  try {
    return fn(viewer);
  } finally {
    viewer.delete();
  }
}

test('loads the demo bundle and lists the newest articles first', () => withViewer((v) => {
  const report = JSON.parse(v.load(bundleText));
  assert.equal(report.ok, true);
  assert.equal(report.articles, 15);
  assert.deepEqual(report.skipped, []);
  const home = JSON.parse(v.view('#/'));
  assert.equal(home.kind, 'list');
  assert.equal(home.title, 'Carnet social');
  assert.equal(home.lang, 'fr');
  assert.equal(home.list.items.length, 10);
  assert.equal(home.list.pages, 2);
  const dates = home.list.items.map((i) => i.date);
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.match(home.list.items[0].date_text, /^\d{1,2}(er)? [a-zéû]+ \d{4}$/);
  const page2 = JSON.parse(v.view('#/page/2'));
  assert.equal(page2.list.items.length, 5);
  assert.equal(page2.list.newer.href, '#/');
  assert.equal(JSON.parse(v.view('#/page/3')).kind, 'notfound');
}));

test('renders an article with heading ids, table of contents and neighbours', () => withViewer((v) => {
  v.load(bundleText);
  const view = JSON.parse(v.view('#/post/linkedin-b2b'));
  assert.equal(view.kind, 'article');
  const a = view.article;
  assert.equal(a.title, 'LinkedIn\u00A0: publier pour les décideurs sans les ennuyer');
  assert.equal(view.title, `${a.title} — Carnet social`);
  assert.equal(a.date_text, '18 janvier 2024');
  assert.match(a.html, /<h2 id="l-art-de-l-accroche">L’art de l’accroche<\/h2>/);
  // Duplicate headings get distinct ids.
  const ids = a.toc.map((t) => t.id);
  assert.ok(ids.includes('exemple') && ids.includes('exemple-1'));
  assert.equal(a.toc[0].href, '#/post/linkedin-b2b#l-art-de-l-accroche');
  assert.ok(a.older && a.newer, 'a middle article has both neighbours');
  assert.equal(a.author.name, 'Camille Durand');
  assert.match(a.author.bio_html, /<strong>stratège en réseaux sociaux<\/strong>/);
  assert.equal(a.category.href, '#/category/reseaux-sociaux');
  // Relative images resolve into the published assets folder.
  const withImage = JSON.parse(v.view('#/post/calendrier-editorial')).article.html;
  // Its size, read by carnet build, keeps its place before it loads.
  assert.match(withImage, /<img loading="lazy" decoding="async" src="assets\/images\/calendrier\.svg" width="420" height="260" alt="[^"]+"/);
  // English articles get English dates and strings.
  const en = JSON.parse(v.view('#/post/social-listening'));
  assert.equal(en.lang, 'en');
  assert.equal(en.article.date_text, 'May 15, 2025');
  assert.equal(en.strings.toc, 'Contents');
}));

test('Viewer.canonical normalises hashes (a static function of the module)', () => {
  assert.equal(module.Viewer.canonical('#/page/1'), '#/');
  assert.equal(module.Viewer.canonical('#/post/h%c3%a9llo#x'), '#/post/h%C3%A9llo#x');
  assert.equal(module.Viewer.canonical('#/bogus'), '#/404');
});

test('category, tag, author and archive routes', () => withViewer((v) => {
  v.load(bundleText);
  const cat = JSON.parse(v.view('#/category/strategie'));
  assert.equal(cat.kind, 'list');
  assert.equal(cat.list.heading, 'Catégorie\u00A0: Stratégie');
  assert.ok(cat.list.items.every((i) => i.category.name === 'Stratégie'));
  const tag = JSON.parse(v.view('#/tag/reseaux-sociaux'));
  assert.ok(tag.list.items.length >= 3);
  assert.ok(tag.list.items.every((i) => i.tags.some((t) => t.href === '#/tag/reseaux-sociaux')));
  const author = JSON.parse(v.view('#/author/sam-taylor'));
  assert.equal(author.list.author.name, 'Sam Taylor');
  assert.ok(author.list.items.every((i) => i.author.id === 'sam-taylor'));
  const archive = JSON.parse(v.view('#/archive'));
  assert.deepEqual(archive.archive.years.map((y) => y.year), [2025, 2024, 2023]);
  const total = archive.archive.years.flatMap((y) => y.months.flatMap((m) => m.items)).length;
  assert.equal(total, 15);
  for (const hash of ['#/nope', '#/post/missing', '#/category/missing', '#/tag/x/page/9']) {
    assert.equal(JSON.parse(v.view(hash)).kind, 'notfound', hash);
  }
}));

test('a bundle with one broken article shows the others and names the broken one', () => withViewer((v) => {
  const bundle = JSON.parse(bundleText);
  bundle.articles[2].date = '2024-13-45';
  const bad = bundle.articles[2].slug;
  const report = JSON.parse(v.load(JSON.stringify(bundle)));
  assert.equal(report.ok, true);
  assert.equal(report.articles, 14);
  assert.deepEqual(report.skipped, [
    `bundle.json: article 3 ('${bad}'): field 'date' must be a real date written YYYY-MM-DD (got '2024-13-45')`,
  ]);
  assert.equal(JSON.parse(v.view(`#/post/${bad}`)).kind, 'notfound');
}));

test('an unusable bundle gives a clear error, never a throw', () => withViewer((v) => {
  const cases = [
    ['{not json', /^bundle\.json: not valid JSON \(/],
    ['[]', /^bundle\.json: not a Carnet bundle \(the top level must be an object, not a list\)$/],
    ['{"format":"carnet-bundle","version":99}', /schema version 99 is newer than this viewer understands \(1\)/],
    ['{"format":"carnet-bundle","version":1,"site":{"title":"x"},"articles":{}}', /field 'articles' must be a list/],
    [bundleText.slice(0, bundleText.length / 2), /not valid JSON/],
  ];
  for (const [text, pattern] of cases) {
    const report = JSON.parse(v.load(text));
    assert.equal(report.ok, false);
    assert.match(report.error, pattern);
    assert.equal(JSON.parse(v.view('#/')).kind, 'error');
  }
}));

// The HTML of module.Markdown is ASCII, other characters written as numeric references.
const fromRefs = (html) => html.replace(/&#(\d+);/g, (ref, n) => (Number(n) >= 128 ? String.fromCodePoint(Number(n)) : ref));

test('Markdown renders safely: JS string in, ASCII HTML string out', () => {
  const md = new module.Markdown();
  try {
    assert.equal(md.render('# Bonjour à tous\n'), '<h1 id="bonjour-a-tous">Bonjour &#224; tous</h1>\n');
    assert.equal(md.render('<script>alert(1)</script>'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    assert.equal(md.render('[x](javascript:alert(1))'), '<p><a class="blocked-url" data-blocked="unsafe-url">x</a></p>\n');
    assert.equal(md.render(''), '');
    // NUL and a lone surrogate come out as U+FFFD; astral characters survive.
    assert.equal(md.render('a\u0000b \uD800 🦊'), '<p>a&#65533;b &#65533; &#129418;</p>\n');
    // The buffers grow (and wasm memory with them) and are reused: a long French article,
    // then a short text, then the long one again give the same HTML.
    const para = 'L’équipe « éditoriale » publie **chaque** semaine : [liens](https://exemple.fr/a?b=1&c=2).\n\n';
    const long = `## Réseaux sociaux\n\n${para.repeat(20000)}`;
    const first = md.render(long);
    assert.ok(/^[\x00-\x7f]*$/.test(first));
    assert.ok(fromRefs(first).startsWith('<h2 id="reseaux-sociaux">Réseaux sociaux</h2>\n<p>L’équipe « éditoriale »'));
    assert.equal(first.split('<strong>chaque</strong>').length - 1, 20000);
    assert.ok(first.includes('href="https://exemple.fr/a?b=1&amp;c=2" rel="noopener noreferrer"'));
    assert.equal(md.render('*a*'), '<p><em>a</em></p>\n');
    assert.equal(md.render(long), first);
  } finally {
    md.delete();
  }
});

test('the byte-level Markdown entry point repairs invalid UTF-8', () => {
  const handle = module._carnet_markdown_new();
  try {
    const bytes = new Uint8Array([0x61, 0xff, 0x00, 0x62]);
    const input = module._carnet_markdown_input(handle, bytes.length);
    module.HEAPU8.set(bytes, input);
    const size = module._carnet_markdown_render(handle, bytes.length, 0);
    const html = module._carnet_markdown_html(handle);
    assert.equal(new TextDecoder().decode(module.HEAPU8.subarray(html, html + size)), '<p>a&#65533;&#65533;b</p>\n');
    // Bytes said to come from TextEncoder skip the UTF-8 check; invalid ones given anyway
    // still come out as U+FFFD references, the HTML still ASCII.
    for (const encoded of [0, 1]) {
      const bad = new Uint8Array([0x2a, 0x61, 0xff, 0x2a, 0x20, 0xe2, 0x82]);
      module.HEAPU8.set(bad, module._carnet_markdown_input(handle, bad.length));
      const n = module._carnet_markdown_render(handle, bad.length, encoded);
      const at = module._carnet_markdown_html(handle);
      assert.equal(new TextDecoder().decode(module.HEAPU8.subarray(at, at + n)), '<p><em>a&#65533;</em> &#65533;&#65533;</p>\n');
    }
  } finally {
    module._carnet_markdown_delete(handle);
  }
});

test('the search engine loads the prebuilt index and answers French queries', () => {
  const search = new module.Search();
  try {
    const load = (bytes) => {
      const ptr = module._malloc(bytes.length || 1);
      module.HEAPU8.set(bytes, ptr);
      const error = search.load(ptr, bytes.length);
      module._free(ptr);
      return error;
    };
    assert.equal(load(new Uint8Array([1, 2, 3])), 'search index: not a Carnet search index');
    assert.match(load(indexBytes.subarray(0, indexBytes.length - 9)), /^search index: /);
    assert.equal(load(indexBytes), '');
    assert.equal(search.documents(), 15);
    const ask = (qs) => JSON.parse(search.search(qs, 10, 'fr'));
    const accented = ask('q=publicit%C3%A9');
    const plain = ask('q=publicite');
    assert.ok(accented.total > 0);
    assert.deepEqual(accented.hits.map((h) => h.slug), plain.hits.map((h) => h.slug));
    assert.equal(ask('q=calendrer+').hits[0].slug, 'calendrier-editorial');
    // Snippets need the bodies.
    assert.equal(ask('q=calendrier').hits[0].snippet_html, '');
    assert.equal(search.setBundle(bundleText), '');
    assert.match(ask('q=calendrier').hits[0].snippet_html, /<mark>calendrier<\/mark>/);
    assert.equal(ask('q=zzqxwv').total, 0);
    assert.equal(ask('category=strategie').total, 4);
    for (const hostile of ['q=' + 'x'.repeat(100000), 'q=%FF%FE%00', '&&&&', 'q=%22%22%22']) {
      assert.ok(Number.isInteger(ask(hostile).total));
    }
  } finally {
    search.delete();
  }
});
