// Search in headless Chromium: the header field, the worker, shareable routes with filters,
// facet chips, keyboard use, the live region. Demo site built by carnet-build, served under
// /blog/ on 127.0.0.1.
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

let server;
let browser;

before(async () => {
  const www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-search-'));
  execFileSync(BUILD, ['--app', APP, path.join(ROOT, 'content'), path.join(www, 'blog')], { stdio: 'pipe' });
  server = await startServer(www);
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
  server?.close();
});

const openPage = (t) => openPageIn(browser, t, { width: 1200, height: 900 });

const url = (hash) => `${server.origin}/blog/${hash}`;

// Waits until the results painted belong to the current route, returns their titles.
async function results(page) {
  await page.waitForFunction(() => {
    const status = document.getElementById('carnet-search-status');
    return status && /\d/.test(status.textContent);
  });
  return page.$$eval('#carnet-search-results .hit-title', (hs) => hs.map((x) => x.textContent));
}

test('typing in the header field shows results as you type, with highlighted words', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('#/'));
  await page.waitForSelector('main h1');
  await page.click('#carnet-q');
  await page.keyboard.type('calend');
  await page.waitForFunction(() => location.hash === '#/search?q=calend');
  const titles = await results(page);
  assert.ok(titles.some((x) => x.startsWith('Construire un calendrier')), titles.join(' | '));
  assert.match(await page.innerHTML('#carnet-search-results .hit-title a'), /<mark>calendrier<\/mark>/i);
  // The field kept the focus while the route changed under it.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'carnet-q');
  await page.keyboard.type('rier éditorial');
  await page.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1]).get('q') === 'calendrier éditorial');
  assert.equal((await results(page))[0], 'Construire un calendrier éditorial qui tient toute l’année');
  // The polite live region announces the count.
  assert.equal(await page.getAttribute('#carnet-announcer', 'aria-live'), 'polite');
  await page.waitForFunction(() => /résultat/.test(document.getElementById('carnet-announcer').textContent));
  assert.deepEqual(problems, []);
});

test('accented and unaccented queries list the same articles', async (t) => {
  const { page, problems } = await openPage(t);
  for (const [a, b] of [['publicité', 'publicite'], ['équipe', 'EQUIPE'], ['modération', 'moderation']]) {
    await page.goto(url(`#/search?q=${encodeURIComponent(a)}`));
    const first = await results(page);
    await page.goto(url(`#/search?q=${encodeURIComponent(b)}`));
    const second = await results(page);
    assert.ok(first.length > 0, a);
    assert.deepEqual(first, second, `${a} / ${b}`);
  }
  assert.deepEqual(problems, []);
});

test('facet chips toggle filters; the route is shareable and survives reload, back and forward', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('#/search?q=r%C3%A9seaux'));
  const all = await results(page);
  const chip = page.locator('#carnet-facets .facet a.chip', { hasText: 'Stratégie' });
  const count = Number(await chip.locator('.chip-count').textContent());
  assert.ok(count > 0 && count < all.length);
  await chip.click();
  await page.waitForFunction(() => location.hash.includes('category=strategie'));
  const filtered = await results(page);
  assert.equal(filtered.length, count);
  assert.equal(await page.getAttribute('#carnet-facets a.chip.selected >> nth=1', 'aria-current'), 'true');
  await page.reload();
  assert.deepEqual(await results(page), filtered);
  assert.equal(await page.inputValue('#carnet-q'), 'réseaux');
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes('category='));
  assert.deepEqual(await results(page), all);
  await page.goForward();
  await page.waitForFunction(() => location.hash.includes('category=strategie'));
  assert.deepEqual(await results(page), filtered);
  // Sort by date: newest first.
  await page.click('#carnet-facets a.chip:text("date")');
  await page.waitForFunction(() => location.hash.includes('sort=date'));
  await results(page);
  const dates = await page.$$eval('#carnet-search-results time', (ts) => ts.map((x) => x.getAttribute('datetime')));
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.deepEqual(problems, []);
});

test('filters without words list articles; a date range narrows them', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('#/search?lang=en'));
  assert.equal((await results(page)).length, 5);
  await page.fill('#carnet-date-range input[name=from]', '2025-01-01');
  await page.fill('#carnet-date-range input[name=to]', '2025-12-31');
  await page.click('#carnet-date-range button');
  await page.waitForFunction(() => location.hash.includes('from=2025-01-01'));
  const titles = await results(page);
  assert.deepEqual(titles, ['Social listening on a shoestring budget', 'Short-form video: a sustainable strategy for small teams']);
  assert.deepEqual(problems, []);
});

test('keyboard: Enter moves to the first result; nothing found says so', async (t) => {
  const { page, problems } = await openPage(t);
  await page.goto(url('#/'));
  await page.waitForSelector('main h1');
  await page.keyboard.press('Tab');  // skip link
  await page.focus('#carnet-q');
  await page.keyboard.type('linkedin');
  await results(page);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.hit-title') !== null), true);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/post/'));

  await page.goto(url('#/search?q=zzqxwvy'));
  await page.waitForSelector('.no-results');
  assert.equal(await page.textContent('#carnet-search-status'), '0 résultat');
  await page.goto(url('#/search?q=kalandriers'));
  await page.waitForSelector('.suggestions a');
  assert.equal(await page.textContent('.suggestions a'), 'calendrier');
  await page.click('.suggestions a');
  await page.waitForFunction(() => location.hash === '#/search?q=calendrier');
  // The status still counts the misspelled query's results until the new ones come.
  await page.waitForSelector('#carnet-search-results .hit-title');
  assert.ok((await results(page)).length > 0);
  assert.deepEqual(problems, []);
});

test('hostile queries in the URL render cleanly', async (t) => {
  const { page, problems } = await openPage(t);
  for (const hash of ['#/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', `#/search?q=${'a'.repeat(5000)}`,
    '#/search?q=%FF%FE', '#/search?q=%22%22%22&from=2024-13-45']) {
    await page.goto(url(hash));
    await page.waitForFunction(() => /\d/.test(document.getElementById('carnet-search-status')?.textContent || ''));
    assert.equal(await page.locator('[onerror]').count(), 0);
  }
  assert.deepEqual(problems, []);
});
