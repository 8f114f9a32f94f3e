// `./carnet serve`'s dev server (dev/serve.py): a change in the content folder rebuilds the
// site and the open page reloads itself; build errors show over the page with their line;
// the reload client is never part of a build; Ctrl-C stops it cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { launchOptions, openPage } from './harness.mjs';

const APP = process.env.CARNET_APP;
const BUILD = process.env.CARNET_BUILD;
const ROOT = process.env.CARNET_ROOT;
assert.ok(APP && BUILD && ROOT, 'CARNET_APP, CARNET_BUILD and CARNET_ROOT must be set (run through ctest)');

let browser;
let dir;
let content;
let out;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carnet-serve-'));
  content = path.join(dir, 'content');
  out = path.join(dir, 'dist');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  await browser?.close();
});

// Starts dev/serve.py on a free port; resolves to {origin, proc, stderr()}.
function startDevServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', [path.join(ROOT, 'dev/serve.py'), '--root', out, '--port', '0', '--watch', content,
      '--', BUILD, '--app', APP, content, out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (chunk) => { stderr += chunk; });
    proc.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = stdout.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ origin: `http://127.0.0.1:${m[1]}`, proc, stderr: () => stderr });
    });
    proc.on('exit', (code) => reject(new Error(`dev server exited (${code}): ${stderr}`)));
    proc.on('error', reject);
  });
}

const cardTitles = (page) => page.$$eval('.card-title', (els) => els.map((e) => e.textContent));

test('content changes rebuild the site and the open page reloads; errors show with their line', async (t) => {
  const server = await startDevServer();
  const { page, problems, requests } = await openPage(browser, t);
  await page.goto(`${server.origin}/#/`);
  await page.waitForSelector('.card');
  assert.ok(requests.some((r) => r.endsWith('/__carnet/reload.js')), 'the dev page loads the reload client');

  // The build itself never ships the reload client.
  assert.equal(fs.readFileSync(path.join(out, 'index.html'), 'utf8').includes('__carnet'), false);
  assert.equal(fs.existsSync(path.join(out, 'reload.js')), false);
  assert.equal(fs.existsSync(path.join(APP, 'reload.js')), false);

  // Edit an article's title: the page reloads by itself with the new title.
  await page.evaluate(() => { window.beforeEdit = true; });
  const file = path.join(content, 'posts/2025/gestion-de-crise.md');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace(/^title: .*$/m, 'title: "Un titre changé pendant la lecture"'));
  await page.waitForFunction(() => [...document.querySelectorAll('.card-title')].some((e) => e.textContent === 'Un titre changé pendant la lecture'),
    null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.beforeEdit), undefined, 'the page was reloaded');

  // A broken article: the page reloads and shows the compiler-style message over the page.
  const bad = path.join(content, 'posts/bad.md');
  fs.writeFileSync(bad, '---\ntitle: Cassé\ndate: 2024-13-45\nauthor: sam-taylor\n---\nTexte.\n');
  await page.waitForSelector('#carnet-dev-errors', { timeout: 60000 });
  const message = await page.textContent('#carnet-dev-errors');
  assert.match(message, /posts\/bad\.md:3: error: field 'date': '2024-13-45' is not a real date written YYYY-MM-DD/);
  assert.match(message, /3 \| date: 2024-13-45/);
  assert.ok((await cardTitles(page)).length > 0, 'the good articles are still shown');

  // Fixed: the next reload has no message.
  fs.rmSync(bad);
  await page.waitForFunction(() => !document.getElementById('carnet-dev-errors') && document.querySelector('.card'), null, { timeout: 60000 });
  assert.deepEqual(problems, []);

  // Unknown addresses get 404.html, as on static hosts, with the reload client too.
  const missing = await fetch(`${server.origin}/post/nowhere/`);
  assert.equal(missing.status, 404);
  const body = await missing.text();
  assert.equal(body, fs.readFileSync(path.join(out, '404.html'), 'utf8')
    .replace('</head>', '<script type="module" src="/__carnet/reload.js"></script>\n</head>'));

  // Ctrl-C: a clean stop, status 0, no traceback.
  const exited = new Promise((resolve) => server.proc.once('exit', (code, signal) => resolve({ code, signal })));
  server.proc.kill('SIGINT');
  const { code } = await exited;
  assert.equal(code, 0, server.stderr());
  assert.doesNotMatch(server.stderr(), /Traceback/);
  assert.match(server.stderr(), /stopped/);
});
