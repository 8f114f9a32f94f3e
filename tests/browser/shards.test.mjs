// A sharded site (carnet-build --shard always; large blogs get it automatically) in headless
// Chromium: the first list comes from the boot file alone, an article fetches only its
// chunk, every other route works once the metadata parts are in, search uses the hashed
// index; a missing or corrupt chunk is an error for its articles only. Offline: the boot
// data and index are precached, and "make everything available offline" caches every chunk
// with a progress bar.
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

function build(out) {
  execFileSync(BUILD, ['--app', APP, '--shard', 'always', path.join(ROOT, 'content'), out], { stdio: 'pipe' });
}

const chunkFiles = (dir) => fs.readdirSync(dir).filter((f) => /^chunk-[0-9a-f]{16}\.json$/.test(f));

before(async () => {
  www = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-shards-'));
  build(path.join(www, 'blog'));
  // The same site with its chunks damaged: one cut short, the others gone.
  fs.cpSync(path.join(www, 'blog'), path.join(www, 'damaged'), { recursive: true });
  const damaged = path.join(www, 'damaged');
  chunkFiles(damaged).forEach((f, i) => {
    if (i === 0) fs.writeFileSync(path.join(damaged, f), fs.readFileSync(path.join(damaged, f), 'utf8').slice(0, 100));
    else fs.rmSync(path.join(damaged, f));
  });
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
});

async function h1(page, want) {
  await page.waitForFunction((w) => document.querySelector('main h1')?.textContent === w, want);
}

test('a sharded site paints lists from its boot file and fetches a chunk per article', async (t) => {
  const server = await startServer(www);
  t.after(() => server.close());
  const url = (hash) => `${server.origin}/blog/${hash}`;
  const boot = JSON.parse(fs.readFileSync(path.join(www, 'blog', 'bundle.json'), 'utf8'));
  assert.equal(boot.format, 'carnet-boot');
  assert.equal(boot.count, 15);
  assert.equal(boot.articles.slug.length, 11);
  assert.match(boot.index, /^search-index-[0-9a-f]{16}\.bin$/);
  assert.ok(!fs.existsSync(path.join(www, 'blog', 'search-index.bin')));

  const { page, problems, requests } = await openPage(browser, t);
  await page.goto(url('#/'));
  await h1(page, 'Carnet social');
  assert.equal(await page.locator('main .card').count(), 10);
  // An article of the first page: its chunk, then the article.
  await page.click('main .card a[href*="social-listening"]');
  await h1(page, 'Social listening on a shoestring budget');
  assert.ok(await page.locator('.post-body h2').count() > 0);
  assert.ok(requests.some((r) => /\/blog\/chunk-[0-9a-f]{16}\.json$/.test(r)));
  // Every other kind of route, opened directly (metadata parts come after the first paint).
  const routes = [
    ['#/page/2', 'Carnet social', '.card', 5],
    ['#/post/calendrier-editorial', 'Construire un calendrier éditorial qui tient toute l’année', '.post-body h2', 1],
    ['#/category/strategie', 'Catégorie\u00A0: Stratégie', '.card', 4],
    ['#/tag/linkedin', 'Étiquette\u00A0: LinkedIn', '.card', 2],
    ['#/author/sam-taylor', 'Articles de Sam Taylor', '.card', 5],
    ['#/archive', 'Archives', '.archive-month li', 15],
    ['#/nowhere', 'Page introuvable', '.not-found a[href="#/"]', 1],
  ];
  for (const [hash, title, selector, count] of routes) {
    const fresh = await browser.newPage();
    t.after(() => fresh.close());
    await fresh.goto(url(hash));
    // The static index.html shows the first home page before the app takes over: wait for
    // the view of this route, heading and content.
    await fresh.waitForFunction(([w, sel, n]) => document.querySelector('main h1')?.textContent === w &&
      document.querySelectorAll(sel).length >= n, [title, selector, count]);
  }
  // The article's older neighbour link and its images (relative to its source folder).
  await page.goto(url('#/post/calendrier-editorial'));
  await h1(page, 'Construire un calendrier éditorial qui tient toute l’année');
  await page.waitForFunction(() => {
    const img = document.querySelector('.post-body img');
    return img && img.complete && img.naturalWidth > 0;
  });
  // Search: the hashed index, results without waiting for any chunk.
  await page.goto(url('#/search?q=calendrier&lang=fr'));
  await page.waitForSelector('.hit');
  assert.match(await page.textContent('.hit-title'), /calendrier/i);
  assert.ok(requests.some((r) => r.endsWith(`/blog/${boot.index}`)));
  assert.deepEqual(problems, []);
});

test('a deep link to an old article needs its "where" file and chunk, not the metadata parts', async (t) => {
  const server = await startServer(www);
  t.after(() => server.close());
  const dir = path.join(www, 'blog');
  const boot = JSON.parse(fs.readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
  assert.ok(boot.where.length >= 1);
  const part = JSON.parse(fs.readFileSync(path.join(dir, boot.meta[0]), 'utf8'));
  const oldest = part.articles.slug.at(-1);
  const title = part.articles.title.at(-1);
  assert.ok(!boot.articles.slug.includes(oldest));
  const { page, problems, requests } = await openPage(browser, t);
  // The metadata parts never come; the "where" file comes late.
  await page.route(/\/meta-[0-9a-f]{16}\.json$/, (route) => route.abort());
  await page.route(/\/where-[0-9a-f]{16}\.json$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await page.goto(`${server.origin}/blog/#/post/${oldest}`);
  await page.waitForFunction((w) => document.querySelector('main h1')?.textContent.replace(/\u00A0/g, ' ') === w.replace(/\u00A0/g, ' '),
    title, { timeout: 10000 });
  assert.ok(await page.locator('.post-body p').count() > 0);
  // As the whole site shows it: the newer neighbour and the related articles.
  assert.ok(await page.locator('.article-nav a').count() >= 1);
  assert.ok(await page.locator('#carnet-related-title').count() === 1);
  assert.ok(requests.some((r) => /\/where-[0-9a-f]{16}\.json$/.test(r)));
  assert.deepEqual(problems.filter((p) => !/meta-[0-9a-f]{16}\.json|ERR_FAILED/.test(p)), []);

  // Its static page, opened directly, stays on screen while the app looks the article up
  // (no "loading" line in its place), then the app takes it over as it is.
  const fresh = await browser.newPage();
  t.after(() => fresh.close());
  await fresh.route(/\/meta-[0-9a-f]{16}\.json$/, (route) => route.abort());
  await fresh.route(/\/where-[0-9a-f]{16}\.json$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await fresh.addInitScript(() => {
    window.__loadingShown = false;
    new MutationObserver(() => {
      if (document.querySelector('main .loading')) window.__loadingShown = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await fresh.goto(`${server.origin}/blog/post/${oldest}/`);
  await fresh.waitForFunction(() => performance.getEntriesByName('carnet:paint:article').length > 0, null, { timeout: 10000 });
  assert.ok(await fresh.evaluate(() => performance.getEntriesByType('resource').some((e) => /where-/.test(e.name))));
  assert.equal(await fresh.evaluate(() => window.__loadingShown), false);
  assert.ok(await fresh.locator('.post-body p').count() > 0);
});

test('a deep link to a category, tag or author list paints its first pages from a "lists" file, not the metadata parts', async (t) => {
  const server = await startServer(www);
  t.after(() => server.close());
  const boot = JSON.parse(fs.readFileSync(path.join(www, 'blog', 'bundle.json'), 'utf8'));
  assert.ok(boot.lists.length >= 1 && boot.lists.every((f) => /^lists-[0-9a-f]{16}\.json$/.test(f)));
  const routes = [
    ['#/category/strategie', 'Catégorie\u00A0: Stratégie', 4],
    ['#/tag/linkedin', 'Étiquette\u00A0: LinkedIn', 2],
    ['#/author/sam-taylor', 'Articles de Sam Taylor', 5],
  ];
  for (const [hash, title, cards] of routes) {
    const { page, problems, requests } = await openPage(browser, t);
    await page.route(/\/meta-[0-9a-f]{16}\.json$/, (route) => route.abort());  // they never come
    await page.goto(`${server.origin}/blog/${hash}`);
    await h1(page, title);
    assert.equal(await page.locator('main .card').count(), cards, hash);
    assert.ok(requests.some((r) => /\/lists-[0-9a-f]{16}\.json$/.test(r)), hash);
    // Its articles open from their chunks, still without the metadata parts.
    const first = await page.locator('main .card .card-title a').first().textContent();
    await page.click('main .card .card-title a');
    await page.waitForFunction((w) => document.querySelector('main h1')?.textContent === w, first);
    assert.ok(await page.locator('.post-body p').count() > 0);
    assert.deepEqual(problems.filter((p) => !/meta-[0-9a-f]{16}\.json|ERR_FAILED/.test(p)), [], hash);
  }
});

test('a deep link to a late page of a long list fetches one more "lists" file, not the metadata parts', async (t) => {
  // 260 articles in one category: its first file holds pages 1-2 and names the files of the rest.
  const content = path.join(www, 'long-content');
  fs.mkdirSync(path.join(content, 'posts'), { recursive: true });
  fs.mkdirSync(path.join(content, 'authors'), { recursive: true });
  fs.writeFileSync(path.join(content, 'site.yml'), 'title: "Long"\nlang: fr\nurl: "https://example.org/long/"\n');
  fs.writeFileSync(path.join(content, 'authors', 'camille.md'), '---\nname: "Camille"\n---\n\nBio.\n');
  for (let i = 0; i < 260; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    fs.writeFileSync(path.join(content, 'posts', `article-${i}.md`),
      `---\ntitle: "Article ${i}"\ndate: ${day}\nauthor: camille\ncategory: Longue liste\ntags: [t${i % 2}]\nlang: fr\n---\n\nCorps ${i}.\n`);
  }
  execFileSync(BUILD, ['--app', APP, '--shard', 'always', content, path.join(www, 'long')], { stdio: 'pipe' });
  // "Make everything available offline" fetches the chunks and the lists' first files, not
  // the later rows (the precached metadata gives those pages); all are cached when fetched.
  const sw = fs.readFileSync(path.join(www, 'long', 'sw.js'), 'utf8');
  const manifest = JSON.parse(sw.slice(sw.indexOf('/*CARNET_BUILD*/') + 16, sw.indexOf('/*END*/')));
  const firstLists = JSON.parse(fs.readFileSync(path.join(www, 'long', 'bundle.json'), 'utf8')).lists;
  const laterLists = fs.readdirSync(path.join(www, 'long')).filter((f) => /^lists-/.test(f) && !firstLists.includes(f));
  assert.equal(laterLists.length, 6);  // the category and the author: 2 each; each tag: 1
  for (const f of [...firstLists, ...laterLists, ...chunkFiles(path.join(www, 'long'))]) assert.ok(manifest.lazy.includes(f), f);
  for (const f of [...firstLists, ...chunkFiles(path.join(www, 'long'))]) assert.ok(manifest.offline.includes(f), f);
  for (const f of laterLists) assert.ok(!manifest.offline.includes(f), f);
  const server = await startServer(www);
  t.after(() => server.close());
  const { page, problems, requests } = await openPage(browser, t);
  await page.route(/\/meta-[0-9a-f]{16}\.json$/, (route) => route.abort());  // they never come
  // Newest first: page 22 (rows 210-219) holds articles 49 to 40, from the file of rows 20-219.
  await page.goto(`${server.origin}/long/#/category/longue-liste/page/22`);
  // Not merely ten cards: the home page's static cards (articles 259 to 250) are ten too,
  // in the document until the route is painted (1 failure in a fresh-clone run).
  await page.waitForFunction(() => document.querySelectorAll('main .card').length === 10 &&
    document.querySelector('main .card .card-title a')?.textContent === 'Article 49');
  assert.equal(await page.locator('main .card .card-title a').first().textContent(), 'Article 49');
  assert.equal(await page.locator('main .card .card-title a').last().textContent(), 'Article 40');
  const lists = () => new Set(requests.filter((r) => /\/lists-[0-9a-f]{16}\.json$/.test(r))).size;
  // The first file, that one, then the next page's (rows 220-259), fetched ahead.
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => /\/lists-/.test(e.name)).length === 3);
  await page.click('main nav.pagination a[rel="next"]');
  await page.waitForFunction(() => document.querySelector('main .card .card-title a')?.textContent === 'Article 39');
  assert.equal(await page.locator('main .card').count(), 10);
  await page.click('main nav.pagination a[rel="next"]');
  await page.waitForFunction(() => document.querySelector('main .card .card-title a')?.textContent === 'Article 29');
  // Back to a page of a file already read: nothing more is fetched.
  await page.goto(`${server.origin}/long/#/category/longue-liste/page/4`);
  await page.waitForFunction(() => document.querySelector('main .card .card-title a')?.textContent === 'Article 229');
  assert.equal(lists(), 3);
  // Its articles open from their chunks.
  await page.click('main .card .card-title a');
  await h1(page, 'Article 229');
  assert.deepEqual(problems.filter((p) => !/meta-[0-9a-f]{16}\.json|ERR_FAILED/.test(p)), []);

  // Offline after "make everything available offline": a late page whose rows file was
  // never fetched comes from the precached metadata.
  const host = await startServer(www);
  const offline = await openPage(browser, t);
  await offline.page.goto(`${host.origin}/long/#/`);
  await h1(offline.page, 'Long');
  await offline.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await offline.page.locator('#carnet-offline-all').click();
  await offline.page.waitForFunction(() => document.querySelector('#carnet-offline-status')?.textContent === 'Tout le blog est disponible hors ligne.');
  await host.close();
  await offline.page.reload();
  await h1(offline.page, 'Long');
  await offline.page.goto(`${host.origin}/long/#/category/longue-liste/page/25`);
  await offline.page.waitForFunction(() => document.querySelector('main .card .card-title a')?.textContent === 'Article 19');
  assert.equal(await offline.page.locator('main .card').count(), 10);
});

test('search on a sharded site: results at once, then snippets from the hits\' chunks, put in place', async (t) => {
  const server = await startServer(www);
  t.after(() => server.close());
  const { page, problems, requests } = await openPage(browser, t);
  await page.goto(`${server.origin}/blog/#/search?q=calendrier`);
  await page.waitForSelector('.hit');
  const hits = await page.locator('.hit').count();
  assert.ok(hits >= 2, `${hits} hit(s)`);
  // The reader is on the first result while the snippets arrive: the list is not repainted.
  await page.focus('.hit-title a');
  await page.evaluate(() => { document.activeElement.dataset.marked = 'yes'; });
  await page.waitForFunction((n) => document.querySelectorAll('.hit .snippet').length === n, hits);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.marked), 'yes');
  // Every snippet shows the word, highlighted, from the article's body.
  for (const snippet of await page.locator('.hit .snippet').allTextContents()) assert.match(snippet, /calendrier/i);
  assert.equal(await page.locator('.hit').first().locator('.snippet mark').count() > 0, true);
  assert.ok(requests.some((r) => /\/blog\/chunk-[0-9a-f]{16}\.json$/.test(r)));
  // Typing on: a new query gets its own snippets (chunks already given are not fetched again).
  const chunkRequests = () => requests.filter((r) => /\/chunk-/.test(r)).length;
  const fetched = chunkRequests();
  await page.fill('#carnet-q', 'calendrier éditorial');
  await page.waitForFunction(() => document.querySelector('#carnet-q').value === 'calendrier éditorial' &&
    location.hash.includes('ditorial') && document.querySelectorAll('.hit').length > 0 &&
    [...document.querySelectorAll('.hit')].every((hit) => hit.querySelector('.snippet')));
  assert.ok(chunkRequests() <= fetched + 1);
  assert.deepEqual(problems, []);
});

test('a sharded search index: a query fetches the head and the parts it needs, answers as the single file does, and offline too', async (t) => {
  // The demo blog with its index cut into parts of about 2 KB (a large blog's are 256 KB),
  // and the same blog as one bundle and one index file, to compare answers with.
  const parts = path.join(www, 'parts');
  execFileSync(BUILD, ['--app', APP, '--shard', 'always', '--index-part-kb', '2', path.join(ROOT, 'content'), parts], { stdio: 'pipe' });
  execFileSync(BUILD, ['--app', APP, '--shard', 'never', path.join(ROOT, 'content'), path.join(www, 'single')], { stdio: 'pipe' });
  const partFiles = fs.readdirSync(parts).filter((f) => /^search-part-[0-9a-f]{16}\.bin$/.test(f));
  assert.ok(partFiles.length >= 5, `${partFiles.length} parts`);
  let server = await startServer(www);
  const titles = (page) => page.$$eval('#carnet-search-results .hit-title', (hs) => hs.map((x) => x.textContent));
  async function answer(page, site, query) {
    await page.goto(`${server.origin}/${site}/#/search?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => /résultat/.test(document.getElementById('carnet-announcer').textContent));
    return { titles: await titles(page), count: await page.textContent('#carnet-announcer') };
  }
  const queries = ['calendrier', 'réseaux sociaux', 'publicite', 'linkedn', 'strat', '"calendrier éditorial"'];

  // Without a service worker (it would precache every part): only what the queries need.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  t.after(() => context.close());
  const bare = await context.newPage();
  const problems = [];
  bare.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  bare.on('pageerror', (e) => problems.push(e.message));
  const single = await context.newPage();
  const partsFetched = () => new Set(server.log.filter((l) => /\/parts\/search-part-/.test(l)).map((l) => l.split(' ')[1])).size;
  const first = await answer(bare, 'parts', 'calendrier');
  assert.ok(first.titles.length >= 2, first.titles.join(' | '));
  assert.ok(server.log.some((l) => /GET \/parts\/search-index-[0-9a-f]{16}\.bin /.test(l)));
  const afterFirst = partsFetched();
  assert.ok(afterFirst >= 1 && afterFirst < partFiles.length, `${afterFirst} of ${partFiles.length} parts for one word`);
  for (const q of queries) {
    const want = await answer(single, 'single', q);
    assert.ok(want.titles.length > 0, q);
    assert.deepEqual(await answer(bare, 'parts', q), want, q);
  }
  assert.ok(server.log.every((l) => !/\/parts\/search-part-.* 404/.test(l)));
  // A part the worker has is not fetched again.
  const fetched = server.log.filter((l) => /\/parts\/search-part-/.test(l)).length;
  assert.equal(fetched, partsFetched(), 'each part fetched once');
  assert.deepEqual(problems, []);

  // With the service worker: every part is precached, so a word never searched before is
  // found with the host gone.
  const { page, problems: offlineProblems } = await openPage(browser, t);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(`${server.origin}/parts/#/`);
  await h1(page, 'Carnet social');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const want = await answer(single, 'single', 'modération');
  await server.close();
  await page.goto(`${server.origin}/parts/#/search?q=${encodeURIComponent('modération')}`);
  await page.waitForFunction(() => /résultat/.test(document.getElementById('carnet-announcer').textContent));
  assert.deepEqual(await titles(page), want.titles);
  server = await startServer(www, server.port);
  t.after(() => server.close());
  // The hits' chunks (their snippets) are not precached on a large blog: those fetches fail
  // offline, and only those.
  assert.ok(failed.every((u) => /\/parts\/chunk-[0-9a-f]{16}\.json$/.test(u)), failed.join(' '));
  assert.deepEqual(offlineProblems.filter((p) => !/net::ERR_FAILED/.test(p) || failed.length === 0), []);
});

test('a missing or corrupt chunk is an error for its articles only', async (t) => {
  const server = await startServer(www);
  t.after(() => server.close());
  const url = (hash) => `${server.origin}/damaged/${hash}`;
  const { page, problems } = await openPage(browser, t);
  await page.goto(url('#/'));
  await h1(page, 'Carnet social');
  await page.click('main .card a[href*="social-listening"]');
  await h1(page, 'Cet article n’a pas pu être chargé');
  const message = await page.textContent('main .load-error p');
  assert.match(message, /chunk-[0-9a-f]{16}\.json: (HTTP 404|not valid JSON)/);
  // The rest of the blog is still there.
  assert.ok(await page.locator('#carnet-nav a').count() > 0);
  await page.goto(url('#/category/strategie'));
  await h1(page, 'Catégorie\u00A0: Stratégie');
  assert.equal(await page.locator('main .card').count(), 4);
  // Only the browser's own line for the missing file, nothing thrown.
  assert.deepEqual(problems.filter((p) => !/404 \(File not found\)/.test(p)), []);
});

test('offline: boot data and index precached, then every chunk on request with progress', async (t) => {
  const site = path.join(www, 'offline');
  build(site);
  let server = await startServer(www);
  const url = (hash) => `${server.origin}/offline/${hash}`;
  const { page, problems } = await openPage(browser, t);
  await page.goto(url('#/'));
  await h1(page, 'Carnet social');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const button = page.locator('#carnet-offline-all');
  await button.waitFor();
  assert.equal(await button.textContent(), 'Tout rendre disponible hors ligne');
  await button.click();
  await page.waitForFunction(() => document.querySelector('#carnet-offline-status')?.textContent === 'Tout le blog est disponible hors ligne.');
  const cached = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(r.url);
    return names;
  });
  for (const f of chunkFiles(site)) assert.ok(cached.some((u) => u.endsWith(`/offline/${f}`)), `${f} cached`);

  await server.close();  // the host is gone
  await page.reload();
  await h1(page, 'Carnet social');
  await page.goto(url('#/post/calendrier-editorial'));  // never opened before
  await h1(page, 'Construire un calendrier éditorial qui tient toute l’année');
  await page.goto(url('#/tag/linkedin'));
  await h1(page, 'Étiquette\u00A0: LinkedIn');
  await page.goto(url('#/search?q=calendrier&lang=fr'));
  await page.waitForSelector('.hit');
  // After a reload offline, the page says everything is there already.
  await page.goto(url('#/'));
  await page.waitForFunction(() => document.querySelector('#carnet-offline-status')?.textContent === 'Tout le blog est disponible hors ligne.');
  server = await startServer(www, server.port);
  t.after(() => server.close());
  assert.deepEqual(problems, []);
});
