// The XSS corpus (tests/fixtures/xss) in headless Chromium. carnet-build turns it into a
// site; every route the site links to, hostile search and route URLs, and every published
// asset are opened; on each: no dialog, no script run, no request off the test server, no
// on* attribute, no script-capable URL, no script/iframe/object/embed/base/meta element from
// content, and every BEFORE-x / AFTER-x marker around the payloads visible.
// Three copies of the site: as built; without the CSP <meta> (sanitisation alone must hold);
// and with a bundle edited to hold what carnet-build refuses (a host or a proxy could serve it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launchOptions } from './harness.mjs';
import { watchPage, checkPage, markersIn, visibleText } from './xss-checks.mjs';

const { CARNET_APP: APP, CARNET_BUILD: BUILD, CARNET_ROOT: ROOT } = process.env;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'xss');
let server;
let browser;
let www;
let build;    // carnet-build's {status, stderr}
let bundle;   // the built bundle.json

// Every file under `root`, as paths relative to it.
function filesUnder(root, dir = root) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(root, path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name))]);
}
const corpusFiles = () => filesUnder(CORPUS);
const read = (rel) => fs.readFileSync(path.join(CORPUS, rel), 'utf8');
// The Markdown body of a content file (after its front matter).
const bodyOf = (text) => text.replace(/^---\n[\s\S]*?\n---\n/, '');
const frontMatterOf = (text) => text.slice(0, text.length - bodyOf(text).length);

before(async () => {
  www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-xss-'));
  const site = path.join(www, 'xss');
  build = spawnSync(BUILD, ['--app', APP, CORPUS, site], { encoding: 'utf8' });
  bundle = JSON.parse(fs.readFileSync(path.join(site, 'bundle.json'), 'utf8'));
  // Sanitisation alone: the same site without the app's CSP.
  fs.cpSync(site, path.join(www, 'nocsp'), { recursive: true });
  const index = path.join(www, 'nocsp', 'index.html');
  const html = fs.readFileSync(index, 'utf8');
  const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, '');
  assert.notEqual(stripped, html, 'index.html has a CSP <meta> to strip');
  fs.writeFileSync(index, stripped);
  // A bundle carnet-build would never write.
  fs.cpSync(path.join(www, 'nocsp'), path.join(www, 'tampered'), { recursive: true });
  const file = path.join(www, 'tampered', 'bundle.json');
  const b = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const a of b.authors) {
    a.avatar = a.id === 'mallory' ? " JaVaScRiPt:window.__pwned='tampered-avatar'" : 'data:image/svg+xml,<svg onload="window.__pwned=1">';
    a.links = [{ label: 'tampered link', url: "\u0001javascript:window.__pwned='tampered-link'" },
      { label: 'tampered data', url: 'data:text/html,<script>alert(1)</script>' }];
    a.bio += "\n\nBEFORE-tampered-bio <script>window.__pwned='tampered-bio'</script> AFTER-tampered-bio\n";
  }
  for (const a of b.articles) {
    a.original = { name: 'tampered original', url: "javascript:window.__pwned='tampered-original'" };
    a.lang = `"><img src=x onerror="window.__pwned='tampered-lang'">`;
    a.tags = [...(a.tags || []), 'BEFORE-tampered-tag <img src=x onerror=alert(1)> AFTER-tampered-tag'];
  }
  b.articles.push({ ...b.articles[0], slug: `../"><script>alert(1)</script>` });
  fs.writeFileSync(file, JSON.stringify(b));

  // A host page with no CSP of its own embeds the hostile site (sanitisation alone).
  fs.mkdirSync(path.join(www, 'host'));
  fs.writeFileSync(path.join(www, 'host', 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<link rel="icon" href="../xss/icon.svg">
<script type="module" src="../xss/carnet-embed.js"></script></head>
<body><h1 id="host-heading">The host</h1>
<carnet-blog id="blog" site="../xss/" route="#/nowhere"></carnet-blog>
</body></html>
`);
  // The same content with history routing (clean addresses), every page without its CSP.
  const historyContent = path.join(www, 'content-history');
  fs.cpSync(CORPUS, historyContent, { recursive: true });
  const yml = path.join(historyContent, 'site.yml');
  fs.writeFileSync(yml, `${fs.readFileSync(yml, 'utf8').replace(/^base_url: .*$/m, 'url: "https://xss.example.org/history/"')}routing: history\n`);
  spawnSync(BUILD, ['--app', APP, historyContent, path.join(www, 'history')], { encoding: 'utf8' });
  for (const f of filesUnder(path.join(www, 'history')).filter((x) => x.endsWith('.html'))) {
    const file = path.join(www, 'history', f);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, ''));
  }
  server = await startServer(www, 0, { notFound: true });  // 404.html for unknown addresses
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (www) fs.rmSync(www, { recursive: true, force: true });
});

const siteUrl = (site) => `${server.origin}/${site}/`;

// Waits for the view after a navigation in the app whose root is `host`'s shadow root (or
// the document when `host` is null): its heading is new (the old one was marked), the
// loading line is gone, search results are in. Then lets images load (lazy ones too, so a
// load or error handler would fire if one were there) and the network settle.
// With JavaScript off (`javaScript` false) there is no app to wait for, and no animation
// frame or page timer ever fires: only the static page as the host sent it, and its images.
async function settle(page, host, search, javaScript = true) {
  if (!javaScript) {
    await page.waitForLoadState('networkidle');
    return page.evaluate(() => Boolean(document.querySelector('main h1')));
  }
  const painted = await page.waitForFunction(([id]) => {
    const root = id ? document.getElementById(id)?.shadowRoot : document;
    const h1 = root?.querySelector('main h1');
    return h1 && !h1.hasAttribute('data-xss-old') && !root.getElementById('carnet-loading');
  }, [host], { timeout: 20000 }).then(() => true, () => false);
  if (!painted) return false;
  if (search) {
    await page.waitForFunction(([id]) => {
      const root = id ? document.getElementById(id).shadowRoot : document;
      return /\d/.test(root.getElementById('carnet-search-status')?.textContent || '');
    }, [host]);
  }
  await page.evaluate(([id]) => {
    const root = id ? document.getElementById(id).shadowRoot : document;
    for (const img of root.querySelectorAll('img')) img.loading = 'eager';
  }, [host]);
  await page.waitForFunction(([id]) => {
    const root = id ? document.getElementById(id).shadowRoot : document;
    return [...root.querySelectorAll('img')].every((i) => i.complete);
  }, [host]);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return true;
}

// Marks the heading on screen, so that settle() knows the next view from this one.
function markView(page, host) {
  return page.evaluate(([id]) => {
    const root = id ? document.getElementById(id)?.shadowRoot : document;
    root?.querySelector('main h1')?.setAttribute('data-xss-old', '');
  }, [host]).catch(() => {});
}

// One browser page that visits routes in turn: the standalone site (hash routes stay in
// one document, so the app boots once), or, with `embed` ({hostUrl, id}), a <carnet-blog>
// element of a host page driven through its go(). Everything the page does is watched the
// whole time; a problem is reported against the route on screen when it was seen.
async function visitor(embed = null) {
  const page = await browser.newPage();
  const watch = watchPage(page, server.origin);
  const host = embed ? embed.id : null;
  if (embed) {
    await page.goto(embed.hostUrl);
    assert.ok(await settle(page, host, false), `${embed.hostUrl}: the element showed no view`);
  }
  return {
    close: () => page.close(),
    // Shows `url` (a route of the element when embedded), waits for it to be painted and
    // settled, then runs the checks. Returns {problems, links, text}.
    async visit(url, markers = []) {
      const seen = watch.problems.length;
      await markView(page, host);
      if (embed) await page.evaluate(([id, route]) => document.getElementById(id).go(route), [host, url]);
      else await page.goto(url);
      const label = embed ? `${embed.hostUrl} <carnet-blog> ${url}` : url;
      if (!await settle(page, host, /(#\/|\/)search\/?\?/.test(url))) return { problems: [`${label}: no view painted`], links: [], text: '' };
      const problems = await checkPage(page, { markers, label });
      const links = await page.evaluate(([id]) => {
        const root = id ? document.getElementById(id).shadowRoot : document;
        return [...root.querySelectorAll('a[href]')].map((a) => a.href);
      }, [host]);
      const text = await visibleText(page);
      return { problems: [...problems, ...watch.problems.slice(seen).map((p) => `${label}: ${p}`)], links, text };
    },
  };
}

// Visits every URL of `urls` in one page; returns their results.
async function visitAll(urls, markersFor = () => [], embed = null) {
  const v = await visitor(embed);
  try {
    const results = [];
    for (const url of urls) results.push({ url, ...await v.visit(url, markersFor(url)) });
    return results;
  } finally {
    await v.close();
  }
}

// The routes of a site: every link of the site's own pages, followed from the home page.
// Hash routes and history routes both count; assets and files of the app do not.
async function crawl(site, markersFor) {
  const base = siteUrl(site);
  // Route shapes only (hash or history routing): content links to files are not routes.
  const ROUTE = /^(?:#\/.*|(?:post|tag|category|author|archive|search|page)(?:[/?#].*)?)?$/;
  const isRoute = (u) => u.startsWith(base) && ROUTE.test(u.slice(base.length)) && !u.includes('#carnet-');
  const queue = [`${base}#/`];
  const seen = new Set(queue);
  const results = [];
  const v = await visitor();
  try {
    while (queue.length > 0) {
      const url = queue.shift();
      const r = await v.visit(url, markersFor(url));
      results.push({ url, ...r });
      for (const link of r.links) {
        // In-page anchors of an article (#/post/x#heading) are the article again.
        const route = link.replace(/^(.*#\/post\/[^#]*)#.*$/, '$1').replace(/^(.*\/post\/[^/#?]*\/)#.*$/, '$1');
        if (isRoute(route) && !seen.has(route)) {
          seen.add(route);
          queue.push(route);
        }
      }
      assert.ok(seen.size < 400, 'the crawl should stay small');
    }
  } finally {
    await v.close();
  }
  return results;
}

// The slug an article URL shows (hash or history routing), or null.
function articleSlug(url) {
  const m = url.match(/(?:#\/|\/)post\/([^/#?]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

// Markers the page of `url` must show: an article's body and title markers; none elsewhere
// (every marker must still show on some page: see the test).
function articleMarkers(url) {
  const slug = articleSlug(url);
  const a = slug && bundle.articles.find((x) => x.slug === slug);
  if (!a) return [];
  const text = read(a.source);
  const title = frontMatterOf(text).match(/^title: .*$/m)[0];
  return [...markersIn(bodyOf(text)), ...markersIn(title)];
}

test('carnet-build publishes every article of the corpus and no active asset', () => {
  const posts = corpusFiles().filter((f) => f.startsWith('posts/') && f.endsWith('.md'));
  assert.equal(bundle.articles.length, posts.length, build.stderr);
  assert.deepEqual(bundle.articles.map((a) => a.source).sort(), posts.sort());
  // Files a browser would run as a page with scripts are refused by name.
  for (const f of ['images/evil.svg', 'images/page.html']) {
    assert.match(build.stderr, new RegExp(`${f.replace('.', '\\.')}.*error`), build.stderr);
    assert.ok(!fs.existsSync(path.join(www, 'xss', bundle.assets, f)), `${f} must not be published`);
  }
  assert.equal(build.status, 1, 'refused files make the build fail');
});

// The hash routes the site links to, from the crawl of the standalone site ('xss').
let siteRoutes = null;
async function routesOf() {
  if (!siteRoutes) siteRoutes = (await crawl('xss', () => [])).map((r) => r.url.slice(siteUrl('xss').length));
  return siteRoutes;
}

for (const site of ['xss', 'nocsp']) {
  test(`${site}: every route of the hostile site is inert and shows the text around each payload`, async () => {
    const results = await crawl(site, articleMarkers);
    if (site === 'xss') siteRoutes = results.map((r) => r.url.slice(siteUrl(site).length));
    const problems = results.flatMap((r) => r.problems);
    assert.deepEqual(problems, []);
    // Every article, author and term page was reached.
    const visited = results.map((r) => r.url);
    for (const a of bundle.articles) {
      assert.ok(visited.some((u) => articleSlug(u) === a.slug), `article ${a.slug} not reached`);
    }
    assert.ok(visited.some((u) => u.includes('#/archive')), 'archive not reached');
    for (const id of bundle.authors.map((x) => x.id)) {
      assert.ok(visited.some((u) => decodeURIComponent(u).includes(`/author/${id}`)), `author ${id} not reached`);
    }
    assert.ok(visited.filter((u) => u.includes('/tag/')).length >= 5, 'tag pages reached');
    assert.ok(visited.filter((u) => u.includes('/category/')).length >= 2, 'category pages reached');
    // Every marker of the corpus shows somewhere, escaped rather than swallowed.
    const allText = results.map((r) => r.text).join('\n');
    assertEveryMarker(allText);
  });
}

// Every BEFORE-/AFTER- marker of the corpus shows somewhere, escaped rather than swallowed;
// DROPPED- pieces nowhere; the payloads themselves show as text.
function assertEveryMarker(allText) {
  const markers = corpusFiles().filter((f) => /\.(md|yml)$/.test(f)).flatMap((f) => markersIn(read(f)));
  const missing = markers.filter((m) => !new RegExp(`(?:^|[^A-Za-z0-9-])${m}(?![A-Za-z0-9-])`).test(allText));
  assert.deepEqual(missing, []);
  // Refused whole: not shown anywhere (the CLI says so when building).
  assert.ok(!allText.includes('DROPPED-'), 'a refused author link is not shown');
  assert.match(build.stderr, /mallory\.md:\d+: warning: field 'links': 'VBScript:MsgBox\(1\)' is not a safe link URL/);
  // The payloads themselves are shown as text.
  assert.ok(allText.includes(`<script>window.__pwned='script';alert(1)</script>`));
  assert.ok(allText.includes('<img src=x onerror="window.__pwned=\'onerror\'">'));
}

// Search words that hit the hostile text, so snippets and highlighted titles are built
// from it; and queries that are themselves hostile (a link someone could share).
const SEARCHES = ['pwned', 'script', 'onerror', 'javascript', 'iframe', 'before-title-raw', 'brien', 'svg onload',
  `<img src=x onerror="window.__pwned='query'">`, '"><svg onload=alert(1)>', "javascript:window.__pwned='q'",
  '</mark><script>alert(1)</script>'];

for (const site of ['xss', 'nocsp']) {
  test(`${site}: search results and snippets over the hostile text are inert`, async () => {
    const results = await visitAll(SEARCHES.map((q) => `${siteUrl(site)}#/search?${new URLSearchParams({ q })}`));
    assert.deepEqual(results.flatMap((r) => r.problems), []);
    const snippets = results.reduce((n, r) => n + (r.text.match(/BEFORE-|AFTER-/g) || []).length, 0);
    assert.ok(snippets > 10, `snippets showed the hostile text (${snippets} markers)`);
  });
}

test('<carnet-blog>: every route and search of the hostile site, in a host page without CSP, is inert', async () => {
  const embed = { hostUrl: `${siteUrl('host')}index.html`, id: 'blog' };
  const routes = [...await routesOf(), ...SEARCHES.map((q) => `#/search?${new URLSearchParams({ q })}`)];
  const results = await visitAll(routes, articleMarkers, embed);
  assert.deepEqual(results.flatMap((r) => r.problems), []);
  assertEveryMarker(results.map((r) => r.text).join('\n'));
});

test('hostile route URLs are inert (reflected into titles, headings and the search field)', async () => {
  const hostile = [`<img src=x onerror="window.__pwned='route'">`, `"><script>window.__pwned='route'</script>`,
    "javascript:window.__pwned='route'", '../../../etc/passwd'];
  const urls = hostile.flatMap((h) => [
    ...['post', 'tag', 'category', 'author', 'page'].map((kind) => `${siteUrl('nocsp')}#/${kind}/${encodeURIComponent(h)}`),
    `${siteUrl('nocsp')}#/tag/${h}`]);
  const results = await visitAll(urls);
  assert.deepEqual(results.flatMap((r) => r.problems), []);
});

test('history routing: every route of the hostile site at its clean address, without CSP, is inert; so are hostile addresses', async () => {
  const results = await crawl('history', articleMarkers);
  assert.deepEqual(results.flatMap((r) => r.problems), []);
  const visited = results.map((r) => r.url);
  // From the seed (an address of hash-routing days) on, the site links clean addresses only.
  assert.deepEqual(visited.slice(1).filter((u) => u.includes('#/')), []);
  assert.ok(visited.length > bundle.articles.length + 5, `${visited.length} addresses`);
  for (const a of bundle.articles) assert.ok(visited.some((u) => articleSlug(u) === a.slug), `article ${a.slug} not reached`);
  assertEveryMarker(results.map((r) => r.text).join('\n'));
  // Hostile addresses: the host answers 404.html (status 404, expected) and the viewer reads
  // the route from the address; searches get search/.
  const hostile = [`<img src=x onerror="window.__pwned='route'">`, `"><script>window.__pwned='route'</script>`, "javascript:window.__pwned='route'"];
  const urls = hostile.flatMap((h) => [
    ...['post', 'tag', 'category', 'author'].map((kind) => `${siteUrl('history')}${kind}/${encodeURIComponent(h)}/`),
    `${siteUrl('history')}search/?${new URLSearchParams({ q: h, tag: h })}`]);
  const visits = await visitAll(urls);
  assert.deepEqual(visits.flatMap((r) => r.problems.filter((p) => p !== `${r.url}: HTTP 404: ${r.url}`)), []);
});

test('a tampered bundle (what carnet-build refuses) is inert too', async () => {
  const results = await crawl('tampered', () => []);
  assert.deepEqual(results.flatMap((r) => r.problems), []);
  const allText = results.map((r) => r.text).join('\n');
  for (const m of ['BEFORE-tampered-bio', 'AFTER-tampered-bio', 'BEFORE-tampered-tag', 'AFTER-tampered-tag']) {
    assert.ok(allText.includes(m), m);
  }
  // The article with a climbing slug is skipped and named, as text.
  assert.match(results[0].text, /<script>alert\(1\)<\/script>/);
});

// The files carnet-build wrote for `site` with extension `ext` (static pages, feeds), outside
// the published assets, relative to the site.
function builtFiles(site, ext) {
  const dir = path.join(www, site);
  return filesUnder(dir).filter((f) => f.endsWith(ext) && !(bundle.assets && f.startsWith(bundle.assets))).sort();
}
const fileUrl = (site, rel) => `${siteUrl(site)}${rel.split('/').map(encodeURIComponent).join('/')}`;

for (const javaScript of [false, true]) {
  test(`static pages, JavaScript ${javaScript ? 'on (the viewer takes over)' : 'off'}: every page is inert and shows the text around each payload`, async () => {
    // 404.html finds the app through the site's url (here its root), not through the address it
    // is served at: the history-routing test checks it where it belongs, under hostile addresses.
    const pages = builtFiles('xss', '.html').filter((f) => f !== '404.html');
    for (const a of bundle.articles) assert.ok(pages.includes(`post/${a.slug}/index.html`), `${a.slug}: ${pages.join(' ')}`);
    assert.ok(['index.html', 'archive/index.html', 'search/index.html'].every((p) => pages.includes(p)), pages.join(' '));
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    const watch = watchPage(page, server.origin);
    const problems = [];
    let allText = '';
    try {
      for (const rel of pages) {
        const url = fileUrl('xss', rel);
        const seen = watch.problems.length;
        await markView(page, null);
        await page.goto(url);
        if (!await settle(page, null, false, javaScript)) {
          problems.push(`${url}: no view painted`);
          continue;
        }
        problems.push(...await checkPage(page, { markers: articleMarkers(url), label: url }),
          ...watch.problems.slice(seen).map((p) => `${url}: ${p}`));
        allText += `\n${await visibleText(page)}`;
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
    assertEveryMarker(allText);
  });
}

test('feeds and sitemap opened directly run no script and stay well-formed', async () => {
  const files = builtFiles('xss', '.xml');
  assert.deepEqual(files, ['feed.xml', 'rss.xml', 'sitemap.xml']);
  const page = await browser.newPage();
  const watch = watchPage(page, server.origin);
  const problems = [];
  for (const rel of files) {
    const url = fileUrl('xss', rel);
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    problems.push(...await checkPage(page, { label: url }));
    // Well-formed: the browser's XML parser found no error.
    const text = fs.readFileSync(path.join(www, 'xss', rel), 'utf8');
    const parsed = await page.evaluate((xml) => new DOMParser().parseFromString(xml, 'application/xml')
      .getElementsByTagName('parsererror').length, text);
    if (parsed !== 0) problems.push(`${url}: not well-formed XML`);
    if (/<(?:\w+:)?script[\s>]/i.test(text)) problems.push(`${url}: a raw <script> tag`);
  }
  await page.close();
  assert.deepEqual([...problems, ...watch.problems], []);
});

test('published assets opened directly run no script', async () => {
  const dir = path.join(www, 'xss', bundle.assets);
  const files = fs.existsSync(dir) ? filesUnder(dir).map((f) => path.relative(path.join(www, 'xss'), path.join(dir, f))) : [];
  assert.ok(files.length > 0);
  for (const f of files) {
    const page = await browser.newPage();
    const watch = watchPage(page, server.origin);
    await page.goto(`${siteUrl('xss')}${f.split('/').map(encodeURIComponent).join('/')}`);
    await page.waitForLoadState('networkidle');
    const pwned = await page.evaluate(() => window.__pwned);
    await page.close();
    assert.equal(pwned, undefined, f);
    assert.deepEqual(watch.problems, [], f);
  }
});
