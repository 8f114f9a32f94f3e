// The viewer in headless Chromium, as readers get it: sites built by carnet-build, served
// by a real static server on 127.0.0.1 under a sub-path (/blog/), no rewrite rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launchOptions, openPage as openPageIn } from './harness.mjs';

const APP = process.env.CARNET_APP;
const BUILD = process.env.CARNET_BUILD;
const ROOT = process.env.CARNET_ROOT;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

let server;
let browser;
let www;

function buildSite(content, out) {
  execFileSync(BUILD, ['--app', APP, content, out], { stdio: 'pipe' });
}

// Copies the demo site and rewrites its bundle with `edit(bundle)`.
function variant(name, edit) {
  const dir = path.join(www, name);
  fs.cpSync(path.join(www, 'blog'), dir, { recursive: true });
  const file = path.join(dir, 'bundle.json');
  const edited = edit(JSON.parse(fs.readFileSync(file, 'utf8')));
  fs.writeFileSync(file, typeof edited === 'string' ? edited : JSON.stringify(edited));
}

before(async () => {
  www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-www-'));
  buildSite(path.join(ROOT, 'content'), path.join(www, 'blog'));
  variant('broken', (b) => {
    b.articles[1].date = '2024-13-45';
    b.articles[3].tags = 'not-a-list';
    // Hostile Markdown in a good article: must show as text, never run.
    const slug = b.articles[0].slug;
    b.bodies[slug] = `${b.bodies[slug]}\n\n<img src=x onerror="window.__pwned=1">\n\n[click](javascript:window.__pwned=2)\n`;
    return b;
  });
  variant('notjson', () => '{"format": "carnet-bundle", oops');
  server = await startServer(www);
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
  server?.close();
});

// A page that records console errors, page errors, dialogs and every request.
const openPage = (t) => openPageIn(browser, t);

const url = (site, hash = '') => `${server.origin}/${site}/${hash}`;

async function heading(page) {
  await page.waitForSelector('main h1');
  return (await page.textContent('main h1')).trim();
}

test('every route kind renders under a sub-path with the right title', async (t) => {
  const { page, problems, requests } = await openPage(t);
  const routes = [
    ['#/', 'Carnet social', 'Carnet social', '.card', 10],
    ['#/page/2', 'Carnet social', 'Page 2 — Carnet social', '.card', 5],
    ['#/post/linkedin-b2b', 'LinkedIn\u00A0: publier pour les décideurs sans les ennuyer',
      'LinkedIn\u00A0: publier pour les décideurs sans les ennuyer — Carnet social', '.post-body h2', 5],
    ['#/category/strategie', 'Catégorie\u00A0: Stratégie', 'Catégorie\u00A0: Stratégie — Carnet social', '.card', 4],
    ['#/tag/linkedin', 'Étiquette\u00A0: LinkedIn', 'Étiquette\u00A0: LinkedIn — Carnet social', '.card', 2],
    ['#/author/sam-taylor', 'Articles de Sam Taylor', 'Sam Taylor — Carnet social', '.card', 5],
    ['#/archive', 'Archives', 'Archives — Carnet social', '.archive-month li', 15],
    ['#/nowhere', 'Page introuvable', 'Page introuvable — Carnet social', '.not-found a[href="#/"]', 1],
  ];
  await page.goto(url('blog'));
  for (const [hash, h1, title, selector, count] of routes) {
    await page.goto(url('blog', hash));
    await page.waitForFunction((want) => document.querySelector('main h1')?.textContent === want, h1);
    assert.equal(await page.title(), title, hash);
    const n = await page.locator(selector).count();
    if (selector === '.post-body h2') assert.ok(n >= count, `${hash}: ${n} ${selector}`);
    else assert.equal(n, count, `${hash}: ${selector}`);
  }
  // Everything was fetched from inside the sub-path, nothing from the site root.
  const outside = requests.filter((r) => !r.startsWith(url('blog')));
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
});

test('a cold load fetches every module and the wasm at once, each once, and leaves no preload unused', async (t) => {
  const { page, problems } = await openPage(t);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  // core.js answers a second late: without preloads, carnet-core.js (which only core.js
  // imports) could not be asked for before it arrives.
  await page.route('**/js/core.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.goto(url('blog'));
  await heading(page);
  await page.waitForTimeout(3500);  // Chromium warns of a preload still unused 3 s after the load event
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ path: new URL(e.name).pathname, initiator: e.initiatorType, start: e.startTime, end: e.responseEnd })));
  const of = (suffix) => fetched.filter((r) => r.path.endsWith(suffix));
  // One request each: a preload the page did not use would be fetched a second time.
  for (const file of ['/js/main.js', '/js/carnet-app.js', '/js/core.js', '/carnet-core.js', '/js/frame.js', '/js/copy-link.js']) {
    assert.equal(of(file).length, 1, file);
  }
  const [core] = of('/js/core.js');
  const [glue] = of('/carnet-core.js');
  assert.ok(glue.start < core.end - 500, `carnet-core.js requested at ${glue.start} ms, core.js arrived at ${core.end} ms`);
  assert.deepEqual(of('/carnet-core.wasm').map((r) => r.initiator), ['link']);
  assert.ok(of('/carnet-core.wasm')[0].start < core.end - 500, 'the wasm waited for the modules');
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
  assert.deepEqual(problems, []);
});

test('the article view: metadata, table of contents, author card, neighbours, original', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('blog', '#/post/newsletter-et-reseaux'));
  await heading(page);
  const meta = await page.textContent('.post-header .meta');
  assert.match(meta, /11 juin 2024 · par Camille Durand · \d+ minutes? de lecture/);
  assert.equal(await page.getAttribute('.post-header time', 'datetime'), '2024-06-11');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  const original = page.locator('.original a');
  assert.match(await original.getAttribute('href'), /^https:\/\//);
  assert.equal(await page.getAttribute('.kicker a', 'href'), '#/category/strategie');
  assert.ok(await page.locator('.post-header .tags a').count() >= 2);
  assert.equal(await page.textContent('.author-card .author-name'), 'Camille Durand');
  assert.ok(await page.locator('.author-card .author-bio strong').count() >= 1);
  assert.equal(await page.locator('.article-nav a').count(), 2);
  // Every heading has an id, and every TOC link points at one.
  const ids = await page.$$eval('.post-body :is(h1,h2,h3,h4,h5,h6)', (hs) => hs.map((x) => x.id));
  assert.ok(ids.length > 0 && ids.every(Boolean));
  const tocTargets = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href').split('#')[2]));
  assert.ok(tocTargets.length > 0 && tocTargets.every((id) => ids.includes(id)));
  // An English article: English dates and labels, <html lang="en">.
  await page.goto(url('blog', '#/post/social-listening'));
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('.post-header .meta'), /May 15, 2025 · by Sam Taylor · \d+ min read/);
  assert.deepEqual(problems, []);
});

test('deep links survive a reload; back and forward restore each view', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('blog', '#/post/calendrier-editorial'));
  const title = await heading(page);
  await page.reload();
  assert.equal(await heading(page), title);

  await page.goto(url('blog', '#/'));
  await heading(page);
  const first = page.locator('.card-title a').first();
  const firstTitle = await first.textContent();
  await first.click();
  await page.waitForFunction((want) => document.querySelector('main h1')?.textContent === want, firstTitle);
  // Focus moves to the main heading on navigation.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  await page.locator('.post-header .tags a').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/tag/'));
  const tagHeading = await heading(page);
  assert.match(tagHeading, /^Étiquette|^Tag/);

  await page.goBack();
  await page.waitForFunction((want) => document.querySelector('main h1')?.textContent === want, firstTitle);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Carnet social');
  await page.goForward();
  await page.waitForFunction((want) => document.querySelector('main h1')?.textContent === want, firstTitle);
  assert.equal(await page.title(), `${firstTitle} — Carnet social`);
  await page.reload();
  assert.equal(await heading(page), firstTitle);
  assert.deepEqual(problems, []);
});

test('a heading anchor after the post route scrolls to the heading, on load and from the TOC', async (t) => {
  const { page, problems } = await openPage(t);
  const inView = (id) => page.evaluate((x) => {
    const r = document.getElementById(x).getBoundingClientRect();
    return r.top >= -2 && r.top < 120;
  }, id);
  await page.goto(url('blog', '#/post/linkedin-b2b#les-personnes-avant-les-pages'));
  await heading(page);
  await page.waitForFunction(() => window.scrollY > 200);
  assert.ok(await inView('les-personnes-avant-les-pages'));
  await page.reload();
  await heading(page);
  await page.waitForFunction(() => window.scrollY > 200);
  assert.ok(await inView('les-personnes-avant-les-pages'));
  await page.click('.toc a[href$="#le-corps-du-message"]');
  await page.waitForFunction(() => location.hash.endsWith('#le-corps-du-message'));
  await page.waitForFunction(() => Math.abs(document.getElementById('le-corps-du-message').getBoundingClientRect().top) < 120);
  // In-article anchors written in Markdown as #id are kept under the post route.
  assert.equal(await page.evaluate(() => document.querySelectorAll('.post-body a[href^="#"]:not([href^="#/"])').length), 0);
  assert.deepEqual(problems, []);
});

test('the shipped CSP forbids inline scripts and eval, and no route violates it', async (t) => {
  const { page, problems } = await openPage(t);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const csp = await page.goto(url('blog')).then(() => page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'));
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  for (const hash of ['#/', '#/page/2', '#/post/calendrier-editorial', '#/category/strategie', '#/tag/linkedin',
    '#/author/camille-durand', '#/archive', '#/search?q=publicite&sort=date', '#/nowhere']) {
    await page.goto(url('blog', hash));
    await heading(page);
    if (hash.startsWith('#/search')) await page.waitForSelector('.hit');
  }
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
});

test('the 404 view offers a way home', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('blog', '#/post/does-not-exist'));
  assert.equal(await heading(page), 'Page introuvable');
  await page.click('.not-found a');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Carnet social');
  assert.deepEqual(problems, []);
});

test('a bundle with broken articles shows the good ones and names the skipped ones', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('broken', '#/'));
  assert.equal(await heading(page), 'Carnet social');
  const notice = await page.textContent('.notice');
  assert.match(notice, /article 2 \('[a-z0-9-]+'\): field 'date' must be a real date written YYYY-MM-DD \(got '2024-13-45'\)/);
  assert.match(notice, /article 4 \('[a-z0-9-]+'\): field 'tags' must be a list of strings, not a string/);
  assert.equal(await page.locator('.card').count(), 10);
  assert.equal(await page.textContent('.count'), '13 articles');
  // The hostile body of the first article renders as text and runs nothing.
  await page.locator('.card-title a').first().click();
  await page.waitForSelector('.post-body');
  assert.match(await page.textContent('.post-body'), /<img src=x onerror="window.__pwned=1">/);
  assert.equal(await page.locator('.post-body [onerror]').count(), 0);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
});

test('a bundle that is not JSON gives a clear message, not a blank page', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('notjson', '#/'));
  await page.waitForSelector('.load-error');
  const text = await page.textContent('.load-error');
  assert.match(text, /bundle\.json: not valid JSON/);
  assert.deepEqual(problems, []);
});
