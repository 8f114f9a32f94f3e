// A long article in headless Chromium: painted a piece at a time (web/js/pieces.js), the
// rest as the reader scrolls, at once up to a heading a link asks for; the pieces are as
// inert as the rest of the page (xss-checks.mjs), standalone and inside <carnet-blog>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launchOptions } from './harness.mjs';
import { watchPage, checkPage } from './xss-checks.mjs';

const { CARNET_APP: APP, CARNET_BUILD: BUILD } = process.env;
assert.ok(APP && BUILD, 'CARNET_APP and CARNET_BUILD must be set (run through ctest)');

const SECTIONS = 2000;
let www;
let server;
let browser;

// Section i: a heading, a paragraph with a marker, a list, a table; every 50th an image,
// the last one hostile text.
function section(i) {
  const hostile = i === SECTIONS - 1
    ? `BEFORE-last-piece <img src=x onerror="window.__pwned='piece'"> [x](javascript:window.__pwned=1) AFTER-last-piece\n\n`
    : '';
  return `## Section ${i}\n\nMARK-${i} Le **calendrier** d’une marque tient quand il est *simple* : ` +
    `voir [le guide](https://example.org/guide-${i}).\n\n${hostile}- un\n- deux\n\n| a | b |\n|---|---|\n| ${i} | x |\n\n` +
    (i % 50 === 0 ? '![un carré](../images/ok.svg)\n\n' : '');
}

before(async () => {
  www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-long-'));
  const content = path.join(www, 'content');
  for (const d of ['posts', 'authors', 'images']) fs.mkdirSync(path.join(content, d), { recursive: true });
  fs.writeFileSync(path.join(content, 'site.yml'), 'title: Long\nlang: fr\n');
  fs.writeFileSync(path.join(content, 'authors', 'camille.md'), '---\nname: Camille\n---\n');
  fs.writeFileSync(path.join(content, 'images', 'ok.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>\n');
  const body = Array.from({ length: SECTIONS }, (_, i) => section(i)).join('');
  fs.writeFileSync(path.join(content, 'posts', 'long.md'), `---\ntitle: Long\ndate: 2024-03-14\nauthor: camille\n---\n${body}`);
  fs.writeFileSync(path.join(content, 'posts', 'short.md'), '---\ntitle: Short\ndate: 2024-03-13\nauthor: camille\n---\nCourt.\n');
  execFileSync(BUILD, ['--app', APP, content, path.join(www, 'blog')], { stdio: 'pipe' });
  fs.mkdirSync(path.join(www, 'host'));
  fs.writeFileSync(path.join(www, 'host', 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="../blog/icon.svg">
<script type="module" src="../blog/carnet-embed.js"></script></head>
<body><h1>Host</h1><carnet-blog id="blog" site="../blog/" route="#/post/long"></carnet-blog></body></html>
`);
  server = await startServer(www);
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (www) fs.rmSync(www, { recursive: true, force: true });
});

// How many sections of the article are painted in `root` (the document or a shadow root).
const painted = (page, host) => page.evaluate((id) => {
  const root = id ? document.getElementById(id).shadowRoot : document;
  return root.querySelectorAll('.post-body h2').length;
}, host);

// Scrolls to the end until no piece is left to paint; returns the number of scrolls.
async function scrollToTheEnd(page, host) {
  for (let i = 0; i < 200; i++) {
    const left = await page.evaluate((id) => {
      const root = id ? document.getElementById(id).shadowRoot : document;
      window.scrollTo(0, document.documentElement.scrollHeight);
      return root.querySelector('.more-pieces') !== null;
    }, host);
    if (!left) return i;
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
  throw new Error('pieces still pending after 200 scrolls');
}

for (const host of [null, 'blog']) {
  const where = host ? 'inside <carnet-blog>' : 'standalone';
  test(`${where}: the first piece comes with the page, the rest as the reader scrolls`, async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const watch = watchPage(page, server.origin);
    await page.goto(host ? `${server.origin}/host/index.html` : `${server.origin}/blog/#/post/long`);
    await page.waitForFunction((id) => {
      const root = id ? document.getElementById(id)?.shadowRoot : document;
      return root?.querySelector('main h1')?.textContent === 'Long';
    }, host);
    // The body's first piece may follow the heading by a frame.
    await page.waitForFunction((id) => (id ? document.getElementById(id).shadowRoot : document).querySelector('.post-body h2') !== null, host);
    const first = await painted(page, host);
    assert.ok(first > 10 && first < SECTIONS / 2, `${first} sections painted first`);
    // The table of contents lists the first 300 headings, not 600.
    const toc = await page.evaluate((id) => (id ? document.getElementById(id).shadowRoot : document).querySelectorAll('.toc a').length, host);
    assert.equal(toc, 300);
    assert.ok(await scrollToTheEnd(page, host) >= 2);
    assert.equal(await painted(page, host), SECTIONS);
    // In order, each once.
    const marks = await page.evaluate((id) => {
      const root = id ? document.getElementById(id).shadowRoot : document;
      return [...root.querySelectorAll('.post-body p')].map((p) => p.textContent.match(/^MARK-(\d+)/)?.[1]).filter(Boolean).map(Number);
    }, host);
    assert.deepEqual(marks, Array.from({ length: SECTIONS }, (_, i) => i));
    // Images of later pieces resolve against the site, like those of the first.
    const srcs = await page.evaluate((id) => [...(id ? document.getElementById(id).shadowRoot : document)
      .querySelectorAll('.post-body img')].map((i) => i.src), host);
    assert.equal(srcs.length, SECTIONS / 50);
    assert.ok(srcs.every((s) => s === `${server.origin}/blog/assets/images/ok.svg`), srcs.join(' '));
    const problems = await checkPage(page, { markers: ['BEFORE-last-piece', 'AFTER-last-piece', 'MARK-0', `MARK-${SECTIONS - 1}`] });
    assert.deepEqual([...problems, ...watch.problems], []);
    await page.close();
  });
}

test('a link to a heading of a piece not painted yet paints up to it and scrolls there', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const watch = watchPage(page, server.origin);
  const last = `section-${SECTIONS - 1}`;
  await page.goto(`${server.origin}/blog/#/post/long#${last}`);
  await page.waitForFunction((id) => document.getElementById(id), last);
  await page.waitForFunction((id) => {
    const top = document.getElementById(id).getBoundingClientRect().top;
    return top >= 0 && top < innerHeight;
  }, last);
  // Unknown anchors paint nothing more.
  await page.goto(`${server.origin}/blog/#/post/short`);
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Short');
  await page.goto(`${server.origin}/blog/#/post/long#no-such-heading`);
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Long');
  assert.ok(await painted(page, null) < SECTIONS / 2);
  assert.deepEqual(watch.problems, []);
  await page.close();
});
