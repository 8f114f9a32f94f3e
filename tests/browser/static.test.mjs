// The static pages in headless Chromium: a site built by carnet-build, served by Python's
// http.server (no rewrite rules) under a sub-path (/blog/). With JavaScript off, a reader
// reads whole articles and walks between static pages through their links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launchOptions } from './harness.mjs';

const { CARNET_APP: APP, CARNET_BUILD: BUILD, CARNET_ROOT: ROOT } = process.env;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

let server;
let browser;
let www;

before(async () => {
  www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-static-'));
  // The demo content, published at https://carnet.example.org/blog/ (served here under /blog/).
  const content = path.join(www, 'content');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  const siteYml = path.join(content, 'site.yml');
  fs.writeFileSync(siteYml, fs.readFileSync(siteYml, 'utf8').replace(/^url: .*$/m, 'url: "https://carnet.example.org/blog/"'));
  execFileSync(BUILD, ['--app', APP, content, path.join(www, 'blog')], { stdio: 'pipe' });
  server = await startServer(www);
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(www, { recursive: true, force: true });
});

const site = (rel = '') => `${server.origin}/blog/${rel}`;

// A page of a browser context with JavaScript off; records every request.
async function noScriptPage(t) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

const h1 = (page) => page.textContent('main h1');

test('JavaScript off: whole articles, and links that walk between static pages', async (t) => {
  const { page, requests } = await noScriptPage(t);
  await page.goto(site());
  assert.equal(await h1(page), 'Carnet social');
  assert.equal(await page.title(), 'Carnet social');
  assert.equal(await page.locator('.card').count(), 10);
  // The stylesheet applies (its URL resolves against the page's <base>).
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('main')).maxWidth), 'none');

  // Home -> an article, by its card.
  const first = page.locator('.card-title a').first();
  const title = await first.textContent();
  await first.click();
  await page.waitForURL(/\/blog\/post\/[a-z0-9-]+\/$/);
  assert.equal(await h1(page), title);
  assert.equal(await page.title(), `${title} — Carnet social`);
  // The full text is there, with its table of contents, author card and neighbours.
  assert.ok((await page.textContent('.post-body')).length > 1500);
  assert.ok(await page.locator('.post-body h2').count() >= 2);
  assert.ok(await page.locator('.toc a').count() >= 2);
  assert.equal(await page.textContent('.author-card .author-name'), 'Camille Durand');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  // Images of the article resolve under the site, not under the page's folder.
  const images = await page.$$eval('.post-body img', (imgs) => imgs.map((i) => i.src));
  for (const src of images) assert.match(src, /\/blog\/assets\//);

  // Article -> its category -> the archive -> an older article -> its tag -> page 2 of home.
  await page.click('.post-header .kicker a');
  await page.waitForURL(/\/blog\/category\/[a-z0-9-]+\/$/);
  assert.match(await h1(page), /^Catégorie\u00A0: /);
  await page.click('#carnet-nav a[href="archive/"]');
  await page.waitForURL(site('archive/'));
  assert.equal(await h1(page), 'Archives');
  const oldest = page.locator('.archive-month li a').last();
  const oldestTitle = await oldest.textContent();
  await oldest.click();
  assert.equal(await h1(page), oldestTitle);
  await page.locator('.post-header .tags a').first().click();
  await page.waitForURL(/\/blog\/tag\/[a-z0-9-]+\/$/);
  assert.match(await h1(page), /^Étiquette\u00A0: /);
  await page.click('.site-title');
  await page.waitForURL(site());
  await page.click('.pagination a[rel="next"]');
  await page.waitForURL(site('page/2/'));
  assert.equal(await page.title(), 'Page 2 — Carnet social');
  assert.equal(await page.locator('.card').count(), 5);

  // The table of contents jumps within the page; the author link opens the author's page.
  await page.goto(site('post/linkedin-b2b/'));
  await page.click('.toc a[href$="#le-corps-du-message"]');
  await page.waitForURL(site('post/linkedin-b2b/#le-corps-du-message'));
  await page.click('.post-header .meta a[rel="author"]');
  await page.waitForURL(site('author/camille-durand/'));
  assert.equal(await h1(page), 'Articles de Camille Durand');

  // Nothing of the viewer was downloaded, and nothing outside the sub-path.
  assert.deepEqual(requests.filter((r) => /bundle\.json|\.wasm|search-index/.test(r)), []);
  assert.deepEqual(requests.filter((r) => !r.startsWith(site())), []);
});

// What hosts such as GitHub Pages or Netlify do for an address they have no file for.
async function serve404For(page, rel) {
  const body = fs.readFileSync(path.join(www, 'blog', '404.html'));
  await page.route(site(rel), (route) => route.fulfill({ status: 404, contentType: 'text/html', body }));
}

test('JavaScript off: an unknown address shows 404.html with working links', async (t) => {
  const { page } = await noScriptPage(t);
  await serve404For(page, 'no/such/page/');
  const response = await page.goto(site('no/such/page/'));
  assert.equal(response.status(), 404);
  // Its stylesheet and links resolve from the site's root path, wherever it is shown.
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('main')).maxWidth), 'none');
  assert.equal(await h1(page), 'Page introuvable');
  assert.equal(await page.getAttribute('meta[name="robots"]', 'content'), 'noindex');
  await page.click('.not-found a');
  await page.waitForURL(site());
  assert.equal(await h1(page), 'Carnet social');
});

test('every static page carries canonical, description, Open Graph; articles carry JSON-LD', async (t) => {
  const { page } = await noScriptPage(t);
  await page.goto(site('post/linkedin-b2b/'));
  assert.equal(await page.getAttribute('link[rel="canonical"]', 'href'), 'https://carnet.example.org/blog/post/linkedin-b2b/');
  assert.equal(await page.getAttribute('meta[property="og:type"]', 'content'), 'article');
  assert.ok((await page.getAttribute('meta[name="description"]', 'content')).length > 40);
  const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
  assert.equal(ld['@type'], 'Article');
  assert.equal(ld.headline, await h1(page));
  await page.goto(site('category/strategie/'));
  assert.equal(await page.getAttribute('link[rel="canonical"]', 'href'), 'https://carnet.example.org/blog/category/strategie/');
  assert.equal(await page.getAttribute('meta[property="og:type"]', 'content'), 'website');
  assert.equal(await page.locator('script[type="application/ld+json"]').count(), 0);
  for (const feed of ['feed.xml', 'rss.xml', 'sitemap.xml']) {
    const response = await page.goto(site(feed));
    assert.equal(response.status(), 200, feed);
  }
});
