// web/js/shards.js without a browser: the metadata parts of a sharded site are added in
// order, and nextMeta() wakes a waiting view after each part, not only after the last one.
import assert from 'node:assert/strict';
import test from 'node:test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.CARNET_ROOT;
assert.ok(root, 'CARNET_ROOT must be set (run through ctest)');
const { Shards } = await import(pathToFileURL(path.join(root, 'web', 'js', 'shards.js')).href);

// Shards whose files arrive when the test says so, with a viewer that records the parts added.
function fixture(files, { failing = null } = {}) {
  const added = [];
  const viewer = {
    addMeta: (text, name) => {
      added.push(name);
      return name === failing ? { ok: false, error: `${name}: broken`, skipped: [] }
        : { ok: true, error: '', skipped: [], complete: added.length === files.length };
    },
  };
  const shards = new Shards(viewer, 'http://example.test/', { meta: files, complete: false });
  const arrive = {};
  const arrived = Object.fromEntries(files.map((f) => [f, new Promise((resolve) => { arrive[f] = resolve; })]));
  shards.fetchText = (file) => arrived[file];
  return { shards, added, arrive };
}

const settled = async (promise) => {
  let state = 'pending';
  promise.then(() => { state = 'done'; });
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

test('nextMeta resolves after each part, in order, then reports the end', { timeout: 10000 }, async () => {
  const { shards, added, arrive } = fixture(['meta-a.json', 'meta-b.json', 'meta-c.json']);
  const first = shards.nextMeta();
  arrive['meta-b.json']('{}');  // out of order: waits for a
  assert.equal(await settled(first), 'pending');
  arrive['meta-a.json']('{}');
  assert.deepEqual(await first, { done: false, error: '' });
  assert.equal(added[0], 'meta-a.json');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(added, ['meta-a.json', 'meta-b.json']);  // b was already there: added right after a
  const last = shards.nextMeta();
  arrive['meta-c.json']('{}');
  assert.deepEqual(await last, { done: false, error: '' });
  assert.deepEqual(added, ['meta-a.json', 'meta-b.json', 'meta-c.json']);
  assert.deepEqual(await shards.nextMeta(), { done: true, error: '' });
  assert.equal(shards.complete, true);
});

test('nextMeta reports a part that cannot be fetched or read, and stops there', { timeout: 10000 }, async () => {
  const { shards, added, arrive } = fixture(['meta-a.json', 'meta-b.json', 'meta-c.json'], { failing: 'meta-b.json' });
  const step = shards.nextMeta();
  arrive['meta-a.json']('{}');
  assert.deepEqual(await step, { done: false, error: '' });
  arrive['meta-b.json']('{}');
  assert.deepEqual(await shards.nextMeta(), { done: true, error: 'meta-b.json: broken' });
  assert.deepEqual(added, ['meta-a.json', 'meta-b.json']);

  const missing = fixture(['meta-x.json']);
  missing.arrive['meta-x.json'](Promise.reject(new Error('meta-x.json: HTTP 404 Not Found')));
  assert.deepEqual(await missing.shards.nextMeta(), { done: true, error: 'meta-x.json: HTTP 404 Not Found' });
});
