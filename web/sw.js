// Carnet's service worker: after one visit the whole site works offline. `carnet build`
// writes this build's file list and version between the markers below; every deploy that
// changes any file changes this script, which is how browsers notice it.
// A sharded site (docs/bundle-format.md) lists its content chunks apart ("lazy"): they are
// cached as articles are opened, or all at once when the reader asks (offline.js).
const BUILD = /*CARNET_BUILD*/ { "version": "dev", "files": [], "lazy": [] } /*END*/;
const SCOPE = self.registration.scope;
const PREFIX = `carnet:${SCOPE}:`;  // caches of this site only (several sites may share an origin)
const CACHE = PREFIX + BUILD.version;
const LAZY = new Set((BUILD.lazy || []).map((file) => new URL(file, SCOPE).href));
// What "make everything available offline" fetches: the chunks, not the shortcuts to a long
// list's later pages that the precached metadata also gives (an older build: every lazy file).
const OFFLINE = BUILD.offline ? new Set(BUILD.offline.map((file) => new URL(file, SCOPE).href)) : LAZY;

// Chunks are named after their content: the ones an older version cached are still good.
async function keepLazyFrom(cache) {
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    for (const request of await old.keys()) {
      if (!LAZY.has(request.url)) continue;
      const response = await old.match(request);
      if (response) await cache.put(request, response);
    }
  }
}

self.addEventListener('install', (event) => {
  // The whole build, or nothing: a half-filled cache is never used. No skipWaiting here:
  // a new version waits until the page asks for it, so a page never mixes two builds.
  // 'no-cache' asks the server each time but lets it answer "not modified": what the page
  // has just downloaded (bundle, wasm, scripts) is not downloaded a second time.
  event.waitUntil(caches.open(CACHE).then(async (cache) => {
    await cache.addAll(BUILD.files.map((file) => new Request(new URL(file, SCOPE), { cache: 'no-cache' })));
    if (LAZY.size) await keepLazyFrom(cache);
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// How many chunks are cached: {type: 'offline-progress', done, total, finished, failed}.
async function lazyStatus(cache) {
  let done = 0;
  for (const url of OFFLINE) if (await cache.match(url)) done++;
  return done;
}

// Every chunk into the cache, a few at a time, reporting progress to `client`.
async function cacheAll(client) {
  const cache = await caches.open(CACHE);
  const todo = [];
  for (const url of OFFLINE) if (!(await cache.match(url))) todo.push(url);
  const total = OFFLINE.size;
  let done = total - todo.length;
  let failed = 0;
  const post = (finished) => client.postMessage({ type: 'offline-progress', done, total, finished, failed });
  post(false);
  const worker = async () => {
    while (todo.length) {
      const url = todo.shift();
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await cache.put(url, response);
        done++;
      } catch {
        failed++;
      }
      post(false);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  post(true);
}

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'skip-waiting') self.skipWaiting();
  if (type === 'offline-status') {
    event.waitUntil(caches.open(CACHE).then(lazyStatus).then((done) =>
      event.source.postMessage({ type: 'offline-progress', done, total: OFFLINE.size, finished: true, failed: 0, status: true })));
  }
  if (type === 'offline-all') event.waitUntil(cacheAll(event.source));
});

// Static pages are not precached (the viewer paints any route from the precached bundle):
// a navigation to one gets the precached home page, its <base href> made the site's folder
// so that it works at any address, and the viewer paints the route the address names.
async function shell(cache) {
  const index = await cache.match(new URL('index.html', SCOPE));
  if (!index) return undefined;
  const html = (await index.text()).replace('<base href="./">', `<base href="${SCOPE}">`);
  const headers = new Headers(index.headers);
  headers.delete('Content-Length');  // the page is longer now
  return new Response(html, { status: 200, headers });
}

// An address that names a route (a folder, an .html page), not a file (feed.xml, an image).
function isPage(url) {
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  return last === '' || last.endsWith('.html') || !last.includes('.');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true })
      || (request.mode === 'navigate' && isPage(new URL(request.url)) ? await shell(cache) : undefined);
    if (hit) return hit;
    const response = await fetch(request);
    // A chunk the reader opened stays readable offline.
    if (response.ok && LAZY.has(request.url.split('?')[0])) await cache.put(request.url.split('?')[0], response.clone());
    return response;
  })());
});
