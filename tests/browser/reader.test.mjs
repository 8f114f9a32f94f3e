// The reading comforts in Chromium: theme toggle (remembered, no flash of the wrong theme),
// UI language switch (remembered, <html lang> follows the content), related articles,
// reading progress, copy-link buttons, print stylesheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launchOptions, openPage } from './harness.mjs';

const APP = process.env.CARNET_APP;
const BUILD = process.env.CARNET_BUILD;
const ROOT = process.env.CARNET_ROOT;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

let server;
let browser;
let bundle;

before(async () => {
  const www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-reader-'));
  execFileSync(BUILD, ['--app', APP, path.join(ROOT, 'content'), path.join(www, 'blog')], { stdio: 'pipe' });
  bundle = JSON.parse(fs.readFileSync(path.join(www, 'blog', 'bundle.json'), 'utf8'));
  fs.writeFileSync(path.join(www, 'host.html'), '<!doctype html><html lang="en"><title>Host</title><link rel="icon" href="data:,">'
    + '<script type="module" src="blog/carnet-embed.js"></script>'
    + '<carnet-blog site="blog/" data-theme="dark"></carnet-blog></html>');
  server = await startServer(www);
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const url = (hash = '') => `${server.origin}/blog/${hash}`;
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = 'rgb(253, 252, 250)';
const DARK_BG = 'rgb(22, 24, 28)';

test('theme: follows the system, the toggle wins and is remembered', async (t) => {
  const { page, problems } = await openPage(browser, t);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(url('#/'));
  await page.waitForSelector('.card');
  assert.equal(await background(page), DARK_BG);
  // The home page's static cards can show before the theme module has set up its button.
  await page.waitForSelector('#carnet-theme[aria-pressed="true"]');
  assert.equal(await page.textContent('#carnet-theme .tool-label'), 'Thème sombre');

  await page.click('#carnet-theme');
  assert.equal(await background(page), LIGHT_BG);
  assert.equal(await page.getAttribute('#carnet-theme', 'aria-pressed'), 'false');
  await page.reload();
  await page.waitForSelector('.card');
  assert.equal(await background(page), LIGHT_BG, 'the choice survives a reload');
  await page.waitForSelector('#carnet-theme[aria-pressed="false"]');  // the module has set it up again

  // Keyboard: Space toggles it back.
  await page.focus('#carnet-theme');
  await page.keyboard.press('Space');
  assert.equal(await background(page), DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await background(page), DARK_BG, 'a chosen theme ignores the system');
  assert.deepEqual(problems, []);
});

test('theme: the remembered theme applies before any module runs (no flash)', async (t) => {
  // No service worker: it would answer app.js itself, out of page.route's reach.
  const context = await browser.newContext({ serviceWorkers: 'block', colorScheme: 'light' });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(url('#/'));
  await page.waitForSelector('.card');
  await page.evaluate(() => localStorage.setItem('carnet-theme', 'dark'));
  // Hold the app's module: what is painted meanwhile is the static page alone.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/js/main.js', async (route) => { await held; await route.continue(); });
  const reloading = page.reload();
  await page.waitForSelector('main h1');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await background(page), DARK_BG);
  assert.equal(await page.$eval('#carnet-tools', (el) => el.hidden), true, 'the app has not run yet');
  release();
  await reloading;
  await page.waitForSelector('.card');
  assert.equal(await background(page), DARK_BG);
});

test('language: the UI follows the content, the switch changes it and is remembered', async (t) => {
  const { page, problems } = await openPage(browser, t);
  await page.goto(url('#/'));
  await page.waitForSelector('.card');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.textContent('#carnet-lang'), 'English');
  assert.equal(await page.getAttribute('#carnet-lang', 'lang'), 'en');
  assert.equal(await page.textContent('.site-nav li:first-child a'), 'Accueil');

  // An English article: English UI and <html lang="en">, automatically.
  await page.goto(url('#/post/social-listening'));
  await page.waitForSelector('.post-body');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('.site-nav li:first-child a'), 'Home');
  assert.equal(await page.textContent('#carnet-lang'), 'Français');

  // The reader picks French: the UI changes, the content's language does not.
  await page.click('#carnet-lang');
  await page.waitForFunction(() => document.querySelector('.site-nav li:first-child a').textContent === 'Accueil');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('.site-header', 'lang'), 'fr');
  assert.match(await page.textContent('.post-header .meta'), /mai 2025 · par Sam Taylor · \d+ minutes? de lecture/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'carnet-lang', 'focus stays on the switch');
  await page.reload();
  await page.waitForSelector('.post-body');
  assert.equal(await page.textContent('.site-nav li:first-child a'), 'Accueil', 'remembered');

  // And English everywhere, dates and plurals included.
  await page.click('#carnet-lang');
  await page.goto(url('#/archive'));
  await page.waitForSelector('.archive-month li');
  assert.equal(await page.textContent('main h1'), 'Archive');
  assert.match(await page.textContent('.page-header .count'), /^\d+ articles$/);
  assert.match(await page.textContent('.archive-month h3'), /^[A-Z][a-z]+ \d{4}$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.deepEqual(problems, []);
});

test('related articles close each article and lead to them', async (t) => {
  const { page, problems } = await openPage(browser, t);
  const withRelated = bundle.articles.find((a) => a.related && a.related.length > 0);
  assert.ok(withRelated, 'the demo content has related articles');
  await page.goto(url(`#/post/${withRelated.slug}`));
  await page.waitForSelector('.related li');
  assert.equal(await page.textContent('.related h2'), 'À lire aussi');
  const hrefs = await page.$$eval('.related li a', (links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, withRelated.related.map((slug) => `#/post/${slug}`));
  await page.click('.related li a');
  await page.waitForFunction((slug) => location.hash === `#/post/${slug}`, withRelated.related[0]);
  assert.deepEqual(problems, []);
});

test('reading progress follows the article and hides elsewhere', async (t) => {
  const { page, problems } = await openPage(browser, t, { width: 800, height: 600 });
  await page.goto(url('#/post/linkedin-b2b'));
  await page.waitForSelector('.post-body');
  const scale = () => page.$eval('.reading-progress > div', (el) => new DOMMatrix(getComputedStyle(el).transform).a);
  assert.equal(await page.$eval('.reading-progress', (el) => el.hidden), false);
  assert.equal(await page.getAttribute('.reading-progress', 'aria-hidden'), 'true');
  assert.ok((await scale()) < 0.05);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => new DOMMatrix(getComputedStyle(document.querySelector('.reading-progress > div')).transform).a > 0.95);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 3));
  await page.waitForFunction(() => {
    const a = new DOMMatrix(getComputedStyle(document.querySelector('.reading-progress > div')).transform).a;
    return a > 0.05 && a < 0.95;
  });
  await page.goto(url('#/archive'));
  await page.waitForSelector('.archive-month li');
  assert.equal(await page.$eval('.reading-progress', (el) => el.hidden), true);
  assert.deepEqual(problems, []);
});

test('copy-link buttons: labelled, keyboard-operable, copy the heading URL, announced', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  t.after(() => context.close());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const page = await context.newPage();
  await page.goto(url('#/post/linkedin-b2b'));
  await page.waitForSelector('.post-body .copy-link');
  const headings = await page.$$eval('.post-body h2', (hs) => hs.map((h) => ({
    id: h.id, text: h.textContent, button: h.nextElementSibling && h.nextElementSibling.getAttribute('aria-label'),
  })));
  assert.ok(headings.length >= 2);
  for (const h of headings) assert.equal(h.button, `Copier le lien vers cette section\u00A0: ${h.text}`);
  await page.focus('.post-body .copy-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('carnet-announcer').textContent === 'Lien copié dans le presse-papiers');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, url(`#/post/linkedin-b2b#${headings[0].id}`));
  // The copied link opens the article at that heading.
  const other = await context.newPage();
  await other.goto(copied);
  await other.waitForSelector('.post-body');
  await other.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= -2 && r.top < 60;
  }, headings[0].id);
});

test('print: the article alone, links written out', async (t) => {
  const { page } = await openPage(browser, t);
  await page.goto(url('#/post/linkedin-b2b'));
  await page.waitForSelector('.post-body');
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const hidden = await page.$$eval('.site-header, .site-footer, .reading-progress, .copy-link, .article-nav, .toc',
    (els) => els.every((el) => getComputedStyle(el).display === 'none'));
  assert.ok(hidden, 'chrome and controls are not printed');
  assert.equal(await background(page), 'rgb(255, 255, 255)');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(0, 0, 0)');
  const external = await page.$('.post-body a[href^="http"]');
  if (external) {
    const after = await external.evaluate((a) => getComputedStyle(a, '::after').content);
    assert.match(after, /attr\(href\)|http/);
  }
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
});

test('embedded: the host picks the theme (data-theme), the toggle is hidden, the language switch works', async (t) => {
  const { page, problems } = await openPage(browser, t);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${server.origin}/host.html`);
  const blog = page.locator('carnet-blog');
  await blog.locator('.card').first().waitFor();
  const inside = (selector, fn) => blog.locator(selector).first().evaluate(fn);
  assert.equal(await inside('.carnet-root', (el) => getComputedStyle(el).backgroundColor), DARK_BG);
  assert.equal(await inside('#carnet-theme', (el) => getComputedStyle(el).display), 'none');
  assert.equal(await inside('#carnet-lang', (el) => el.textContent), 'English');
  await blog.locator('#carnet-lang').click();
  await page.waitForFunction(() => document.querySelector('carnet-blog').shadowRoot
    .querySelector('.site-nav li a').textContent === 'Home');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined, 'the host page is untouched');
  assert.deepEqual(problems, []);
});
