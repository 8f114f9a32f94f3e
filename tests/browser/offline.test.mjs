// Offline and updates, in headless Chromium with the real service worker: after one visit
// every article, list, filter and search works with the server stopped; a new deploy is
// announced, and a reload shows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launchOptions, openPage } from './harness.mjs';

const { CARNET_APP: APP, CARNET_BUILD: BUILD, CARNET_ROOT: ROOT } = process.env;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

let browser;
let www;
let content;

function build() {
  execFileSync(BUILD, ['--app', APP, content, path.join(www, 'blog')], { stdio: 'pipe' });
}

before(async () => {
  www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-offline-'));
  content = path.join(www, 'content');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  build();
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
});

test('after one visit the blog works offline, then announces and shows a new deploy', async (t) => {
  let server = await startServer(www);
  const url = (hash) => `${server.origin}/blog/${hash}`;
  const { page, problems } = await openPage(browser, t);
  const h1 = () => page.waitForSelector('main h1').then(() => page.textContent('main h1'));

  await page.goto(url('#/'));
  assert.equal(await h1(), 'Carnet social');
  // The service worker is active (its install precached the whole build) and in control.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));

  await server.close();  // the host is gone
  await page.reload();
  assert.equal(await h1(), 'Carnet social');
  await page.goto(url('#/post/social-listening'));  // never opened before
  assert.equal(await h1(), 'Social listening on a shoestring budget');
  assert.ok(await page.locator('.post-body h2').count() > 0);
  await page.goto(url('#/category/strategie'));
  assert.equal(await h1(), 'Catégorie\u00A0: Stratégie');
  await page.goto(url('#/search?q=calendrier&lang=fr'));
  await page.waitForSelector('.hit');
  assert.match(await page.textContent('.hit-title'), /calendrier/i);
  await page.goto(url('#/tag/linkedin'));
  assert.equal(await page.locator('.card').count(), 2);
  // Images of articles are there too.
  await page.goto(url('#/post/calendrier-editorial'));
  await page.waitForFunction(() => {
    const img = document.querySelector('.post-body img');
    return img && img.complete && img.naturalWidth > 0;
  });

  // A new deploy: one more article, served again on the same origin.
  fs.writeFileSync(path.join(content, 'posts', 'nouveau.md'),
    '---\ntitle: "Un article tout neuf"\ndate: 2026-11-20\nauthor: camille-durand\ncategory: Stratégie\n---\nBonjour.\n');
  build();
  server = await startServer(www, server.port);
  t.after(() => server.close());
  await page.goto(url('#/'));
  await page.reload();  // the browser checks sw.js on navigation and installs the new build
  await page.waitForSelector('#carnet-update .notice button', { timeout: 20000 });
  assert.equal(await h1(), 'Carnet social');
  assert.notEqual(await page.textContent('.card-title'), 'Un article tout neuf');  // still the old build
  await Promise.all([page.waitForEvent('load'), page.click('#carnet-update .notice button')]);
  await page.waitForSelector('.card-title');
  assert.equal(await page.textContent('.card-title'), 'Un article tout neuf');
  // Only the current build's cache is left.
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.length, 1);
  assert.deepEqual(problems, []);
});
