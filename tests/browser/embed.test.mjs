// Embedding, in headless Chromium: <carnet-blog> elements in a hostile host page (global
// !important rules, its own hash router, a strict CSP), same-origin and cross-origin, the
// hash-synced variant, and the iframe embed with the host snippet of docs/embedding.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launchOptions, openPage as openPageIn } from './harness.mjs';

const { CARNET_APP: APP, CARNET_BUILD: BUILD, CARNET_ROOT: ROOT } = process.env;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

let www;
let server;   // the host pages and the site, one origin
let remote;   // the same folder on another origin, with CORS headers
let browser;

const ARTICLE = 'LinkedIn\u00A0: publier pour les décideurs sans les ennuyer';

// Rules a careless or hostile host page may have: none may reach inside the element.
const HOSTILE_CSS = `
* { color: rgb(255, 0, 0) !important; display: block !important; font-family: monospace !important;
    line-height: 3 !important; visibility: visible !important; letter-spacing: 3px !important; }
head, script, style, title, link, meta { display: none !important; }
h1, h2, h3 { display: none !important; }
main, header, nav, .card, .post-body, .site-header, .carnet-root { display: none !important; }
a { color: rgb(0, 255, 0) !important; }
body { background: rgb(1, 2, 3) !important; font-size: 11px; }
`;

// The host's own hash router and recorders (an external file: the host page has a CSP).
const HOST_JS = `
window.__hashchanges = [];
window.__events = [];
window.__cspViolations = [];
addEventListener('hashchange', () => window.__hashchanges.push(location.hash));
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
for (const type of ['carnet:navigate', 'carnet:error']) {
  document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, ...e.detail }));
}
`;

function hostPage({ csp, embedSrc, body }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Host page</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="host.css">
<script src="host.js"></script>
<script type="module" src="${embedSrc}"></script>
</head>
<body>
<h1 id="host-heading">The host</h1>
<p id="host-text">A paragraph of the host page.</p>
<div class="card" id="host-card">A host element with one of Carnet's class names.</div>
<a id="host-link" href="#contact">Contact</a>
${body}
</body>
</html>
`;
}

const SAME_ORIGIN_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'";

before(async () => {
  www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-embed-'));
  execFileSync(BUILD, ['--app', APP, path.join(ROOT, 'content'), path.join(www, 'blog')], { stdio: 'pipe' });
  server = await startServer(www);
  remote = await startServer(www, 0, { cors: true });
  const host = path.join(www, 'host');
  fs.mkdirSync(host);
  fs.writeFileSync(path.join(host, 'host.css'), HOSTILE_CSS);
  fs.writeFileSync(path.join(host, 'host.js'), HOST_JS);
  fs.writeFileSync(path.join(host, 'index.html'), hostPage({
    csp: SAME_ORIGIN_CSP,
    embedSrc: '../blog/carnet-embed.js',
    body: `<carnet-blog id="one" site="../blog/"></carnet-blog>
<carnet-blog id="two" site="../blog" route="post/linkedin-b2b"></carnet-blog>`,
  }));
  fs.writeFileSync(path.join(host, 'sync.html'), hostPage({
    csp: SAME_ORIGIN_CSP,
    embedSrc: '../blog/carnet-embed.js',
    body: '<carnet-blog id="synced" site="../blog/" route="#/archive" sync-hash></carnet-blog>',
  }));
  // Cross-origin: the site on `remote`, with and without blob: workers allowed.
  const site = `${remote.origin}/blog/`;
  const crossCsp = (worker) => `default-src 'self'; script-src 'self' ${remote.origin} 'wasm-unsafe-eval'; style-src 'self' ${remote.origin}; img-src 'self' ${remote.origin} data:; connect-src 'self' ${remote.origin}; worker-src ${worker}`;
  for (const [name, worker] of [['cross.html', `'self' ${remote.origin} blob:`], ['cross-strict.html', "'self'"]]) {
    fs.writeFileSync(path.join(host, name), hostPage({
      csp: crossCsp(worker),
      embedSrc: `${site}carnet-embed.js`,
      body: `<carnet-blog id="far" site="${site}" route="#/category/strategie"></carnet-blog>`,
    }));
  }
  // The iframe embed: the snippet of docs/embedding.md, verbatim but for the site's URL.
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'embedding.md'), 'utf8');
  const snippet = doc.match(/```html\n(<iframe id="carnet-frame"[\s\S]*?)```/);
  assert.ok(snippet, 'docs/embedding.md has the iframe host snippet');
  const framed = snippet[1].replaceAll('https://blog.example.org/', site).replaceAll('https://blog.example.org', remote.origin);
  fs.writeFileSync(path.join(host, 'frame.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Framing page</title><link rel="icon" href="data:,"></head>
<body><h1>Above the frame</h1>
${framed}
<p id="below">Below the frame</p>
</body></html>
`);
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
  await server?.close();
  await remote?.close();
});

const openPage = (t) => openPageIn(browser, t, { width: 1100, height: 800 });

// The text of the main heading inside element `id`'s shadow root (null before it renders).
function waitHeading(page, id, want) {
  return page.waitForFunction(([x, w]) => {
    const h1 = document.getElementById(x)?.shadowRoot?.querySelector('main h1');
    return h1 && (w instanceof RegExp ? w.test(h1.textContent) : h1.textContent === (w ?? h1.textContent));
  }, [id, want]).then(() => heading(page, id));
}

function heading(page, id) {
  return page.evaluate((x) => document.getElementById(x).shadowRoot.querySelector('main h1').textContent, id);
}

test('two <carnet-blog> elements in a hostile page: isolated styles, own routes, events, no side effects', async (t) => {
  const { page, problems, requests } = await openPage(t);
  await page.goto(`${server.origin}/host/index.html#start`);
  assert.equal(await waitHeading(page, 'one', 'Carnet social'), 'Carnet social');
  assert.equal(await waitHeading(page, 'two', ARTICLE), ARTICLE);
  await page.waitForFunction(() => window.__events.length >= 2);

  // First render: nothing of the host changed, the focus stayed where it was.
  assert.equal(await page.title(), 'Host page');
  assert.equal(await page.evaluate(() => location.hash), '#start');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
  assert.equal(await page.evaluate(() => window.scrollY), 0);

  // Carnet's headings and cards are visible and styled by Carnet, whatever the host says.
  const inside = await page.evaluate(() => {
    const root = document.getElementById('one').shadowRoot;
    const style = (sel) => getComputedStyle(root.querySelector(sel));
    const h1 = root.querySelector('main h1');
    const wrapper = root.querySelector('.carnet-root');
    return {
      h1Display: style('main h1').display,
      h1Height: h1.getBoundingClientRect().height,
      h1Color: style('main h1').color,
      fg: getComputedStyle(wrapper).getPropertyValue('--carnet-fg').trim(),
      wrapperColor: getComputedStyle(wrapper).color,
      wrapperFont: getComputedStyle(wrapper).fontFamily,
      letterSpacing: style('main h1').letterSpacing,
      cardDisplay: style('.card').display,
      headerDisplay: style('.site-header').display,
      linkColor: style('.card-title a').color,
      lang: wrapper.lang,
    };
  });
  assert.equal(inside.h1Display, 'block');
  assert.ok(inside.h1Height > 10, `h1 height ${inside.h1Height}`);
  assert.notEqual(inside.h1Color, 'rgb(255, 0, 0)');
  assert.equal(inside.h1Color, inside.wrapperColor);  // --carnet-fg, inherited from the wrapper
  assert.ok(inside.fg.startsWith('#'), inside.fg);
  assert.doesNotMatch(inside.wrapperFont, /monospace/);
  assert.equal(inside.letterSpacing, 'normal');
  assert.equal(inside.cardDisplay, 'block');
  assert.notEqual(inside.headerDisplay, 'none');
  assert.notEqual(inside.linkColor, 'rgb(0, 255, 0)');
  assert.equal(inside.lang, 'fr');
  assert.ok(await page.locator('#one main h1').isVisible());
  assert.ok(await page.locator('#two .post-body h2').first().isVisible());

  // Carnet's CSS does not reach the host page.
  const outside = await page.evaluate(() => {
    const s = (el) => getComputedStyle(el);
    const card = document.getElementById('host-card');
    return {
      bodyMargin: s(document.body).margin,
      bodyBg: s(document.body).backgroundColor,
      textColor: s(document.getElementById('host-text')).color,
      textFont: s(document.getElementById('host-text')).fontFamily,
      cardBorder: s(card).borderBottomWidth,
      cardPadding: s(card).paddingBottom,
      boxSizing: s(card).boxSizing,
      rootVar: s(document.documentElement).getPropertyValue('--carnet-bg'),
      hostHeading: s(document.getElementById('host-heading')).display,
      elementDisplay: s(document.getElementById('one')).display,
    };
  });
  assert.deepEqual(outside, {
    bodyMargin: '8px', bodyBg: 'rgb(1, 2, 3)', textColor: 'rgb(255, 0, 0)', textFont: 'monospace',
    cardBorder: '0px', cardPadding: '0px', boxSizing: 'content-box', rootVar: '', hostHeading: 'none',
    elementDisplay: 'block',
  });

  // Links carry the site's own URL for the route; images and files resolve against the site.
  const cardHref = await page.getAttribute('#one .card-title a', 'href');
  assert.ok(cardHref.startsWith(`${server.origin}/blog/#/post/`), cardHref);
  assert.equal(await page.getAttribute('#one .site-title', 'href'), `${server.origin}/blog/#/`);
  const avatar = page.locator('#two .author-card img');
  assert.match(await avatar.getAttribute('src'), new RegExp(`^${server.origin}/blog/assets/`));
  await avatar.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('two').shadowRoot.querySelector('.author-card img').naturalWidth > 0);
  await page.evaluate(() => window.scrollTo(0, 0));

  // Navigating inside one element changes that element only.
  const first = page.locator('#one .card-title a').first();
  const firstTitle = await first.textContent();
  await first.click();
  assert.equal(await waitHeading(page, 'one', firstTitle), firstTitle);
  assert.equal(await heading(page, 'two'), ARTICLE);
  // The focus moved to the new heading, inside the element that was clicked.
  assert.deepEqual(await page.evaluate(() => [document.activeElement.id,
    document.getElementById('one').shadowRoot.activeElement?.tagName]), ['one', 'H1']);

  await page.locator('#two .post-header .tags a').first().click();
  const tagHeading = await waitHeading(page, 'two', /^Étiquette/);
  assert.equal(await heading(page, 'one'), firstTitle);

  // The host's route stays its own: no hash change, no hashchange, the same title.
  assert.equal(await page.evaluate(() => location.hash), '#start');
  assert.deepEqual(await page.evaluate(() => window.__hashchanges), []);
  assert.equal(await page.title(), 'Host page');

  // Navigation events, one per view, from the element that navigated.
  const events = await page.evaluate(() => window.__events);
  const summary = events.map((e) => [e.type, e.id, e.kind, e.first]);
  assert.deepEqual(summary.filter((e) => e[1] === 'one'),
    [['carnet:navigate', 'one', 'list', true], ['carnet:navigate', 'one', 'article', false]]);
  assert.deepEqual(summary.filter((e) => e[1] === 'two'),
    [['carnet:navigate', 'two', 'article', true], ['carnet:navigate', 'two', 'list', false]]);
  const last = events.at(-1);
  assert.equal(last.title, `${tagHeading} — Carnet social`);
  assert.match(last.route, /^#\/tag\//);
  assert.equal(events.find((e) => e.id === 'one' && !e.first).title, `${firstTitle} — Carnet social`);

  // Search inside an element: its own field, its own results, off the main thread.
  await page.click('#one #carnet-q');
  await page.keyboard.type('calend');
  await page.waitForFunction(() => document.getElementById('one').shadowRoot.querySelectorAll('.hit-title').length > 0);
  const hits = await page.locator('#one .hit-title').allTextContents();
  assert.ok(hits.some((x) => x.startsWith('Construire un calendrier')), hits.join(' | '));
  assert.equal(await page.evaluate(() => document.getElementById('one').route), '#/search?q=calend');
  assert.equal(await page.evaluate(() => document.getElementById('one').app.search.mode), 'worker');
  assert.equal(await page.evaluate(() => location.hash), '#start');

  // The host's own router keeps working and does not move the elements.
  await page.click('#host-link');
  await page.waitForFunction(() => window.__hashchanges.length === 1);
  assert.deepEqual(await page.evaluate(() => window.__hashchanges), ['#contact']);
  assert.equal(await heading(page, 'two'), tagHeading);

  // The host drives an element through its route attribute.
  await page.evaluate(() => document.getElementById('two').setAttribute('route', '#/archive'));
  assert.equal(await waitHeading(page, 'two', 'Archives'), 'Archives');
  assert.equal(await page.evaluate(() => location.hash), '#contact');

  // Moved in the page, an element keeps its state; removed, it stops; inserted again, it starts over.
  await page.evaluate(() => document.body.prepend(document.getElementById('two')));
  assert.equal(await heading(page, 'two'), 'Archives');
  await page.evaluate(() => document.getElementById('two').go('#/'));
  assert.equal(await waitHeading(page, 'two', 'Carnet social'), 'Carnet social');
  await page.evaluate(() => { window.__one = document.getElementById('one'); window.__one.remove(); });
  await page.waitForFunction(() => window.__one.shadowRoot.childElementCount === 0);
  await page.evaluate(() => document.body.append(window.__one));
  assert.equal(await waitHeading(page, 'one', 'Carnet social'), 'Carnet social');
  assert.equal(await page.evaluate(() => window.__one.route), '#/');

  // No service worker, nothing fetched from the host page's folder but the host's own files.
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  const hostFiles = requests.filter((r) => r.startsWith(`${server.origin}/host/`)).map((r) => new URL(r).pathname);
  assert.deepEqual([...new Set(hostFiles)].sort(), ['/host/host.css', '/host/host.js', '/host/index.html']);
  assert.deepEqual(requests.filter((r) => !r.startsWith(`${server.origin}/host/`) && !r.startsWith(`${server.origin}/blog/`)), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
});

test('sync-hash: the element follows the host hash, back and forward, and ignores the host anchors', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(`${server.origin}/host/sync.html`);
  assert.equal(await waitHeading(page, 'synced', 'Archives'), 'Archives');
  assert.equal(await page.evaluate(() => location.hash), '');
  const link = page.locator('#synced .archive-month a').first();
  const title = await link.textContent();
  assert.match(await link.getAttribute('href'), /^#\/post\//);
  await link.click();
  assert.equal(await waitHeading(page, 'synced', title), title);
  assert.match(await page.evaluate(() => location.hash), /^#\/post\//);
  assert.equal(await page.title(), 'Host page');
  // The host's own anchor: the view stays.
  await page.click('#host-link');
  await page.waitForFunction(() => location.hash === '#contact');
  assert.equal(await heading(page, 'synced'), title);
  await page.goBack();
  await page.waitForFunction(() => location.hash.startsWith('#/post/'));
  await page.goBack();
  assert.equal(await waitHeading(page, 'synced', 'Archives'), 'Archives');
  await page.goForward();
  assert.equal(await waitHeading(page, 'synced', title), title);
  // A deep link opens the element on that route.
  await page.goto(`${server.origin}/host/sync.html#/tag/linkedin`);
  assert.match(await waitHeading(page, 'synced', /^Étiquette/), /LinkedIn/);
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
});

for (const [name, mode] of [['cross.html', 'worker'], ['cross-strict.html', 'main-thread']]) {
  test(`a site on another origin with CORS headers (${name}: search in the ${mode})`, async (t) => {
    const { page, problems, requests } = await openPage(t);
    await page.goto(`${server.origin}/host/${name}`);
    assert.equal(await waitHeading(page, 'far', 'Catégorie\u00A0: Stratégie'), 'Catégorie\u00A0: Stratégie');
    assert.equal(await page.locator('#far .card').count(), 4);
    await page.click('#far #carnet-q');
    await page.keyboard.type('publicite');
    await page.waitForFunction(() => document.getElementById('far').shadowRoot.querySelectorAll('.hit-title').length > 0);
    assert.equal(await page.evaluate(() => document.getElementById('far').app.search.mode), mode);
    assert.equal(await page.evaluate(() => location.hash), '');
    // Every file of the blog came from the site's origin.
    const local = requests.filter((r) => r.startsWith(server.origin)).map((r) => new URL(r).pathname);
    assert.deepEqual([...new Set(local)].sort(), [`/host/${name}`, '/host/host.css', '/host/host.js']);
    const blocked = await page.evaluate(() => window.__cspViolations);
    if (mode === 'worker') assert.deepEqual(blocked, []);
    else assert.ok(blocked.every((v) => v.startsWith('worker-src blob')), blocked.join(' | '));
    assert.deepEqual(problems.filter((p) => !(mode === 'main-thread' && /worker-src|Worker/.test(p))), []);
  });
}

test('the iframe embed resizes to its content with the documented snippet and checks the origin', async (t) => {
  const { page, problems } = await openPage(t);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.origin}/host/frame.html`);
  const frame = () => page.frames().find((f) => f.url().startsWith(`${remote.origin}/blog/`));
  const outer = () => page.evaluate(() => document.getElementById('carnet-frame').getBoundingClientRect().height);
  const inner = () => frame().evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  // Resolves with the height once the frame's height is its content's height (no inner
  // scrollbar, no blank space); retried while the content is still settling.
  async function fitted() {
    for (;;) {
      const want = await inner();
      const ok = await page.waitForFunction((h) => document.getElementById('carnet-frame').getBoundingClientRect().height === h,
        want, { timeout: 3000 }).then(() => true, () => false);
      if (ok && await inner() === want) return want;
    }
  }
  await page.waitForFunction(() => document.getElementById('carnet-frame').style.height.endsWith('px'));
  await frame().waitForSelector('main h1');
  const home = await fitted();
  assert.ok(home > 1000, `home page height ${home}`);
  assert.ok(await frame().evaluate(() => document.documentElement.scrollHeight <= window.innerHeight));

  // A shorter view: the frame shrinks to it.
  await frame().evaluate(() => { location.hash = '#/nowhere'; });
  await frame().waitForFunction(() => document.querySelector('main h1')?.textContent === 'Page introuvable');
  const short = await fitted();
  assert.ok(short < 900 && short < home, `404 page height ${short}`);
  assert.equal(await outer(), short);

  // A message from another origin or another window is ignored. A second message from the
  // same sender arrives after the first, so once it is seen the first was handled.
  const before = await outer();
  await page.evaluate(() => new Promise((resolve) => {
    addEventListener('message', (e) => { if (e.data === 'sentinel') resolve(); });
    window.postMessage({ type: 'carnet:resize', height: 5 }, '*');
    window.postMessage('sentinel', '*');
  }));
  assert.equal(await outer(), before);

  // The framed site is the standalone site: its own title, no CSP violation.
  assert.equal(await page.title(), 'Framing page');
  assert.deepEqual(await frame().evaluate(() => window.__cspViolations), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
});
