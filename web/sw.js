// Carnet's service worker: after one visit the whole site works offline. `carnet build`
// writes this build's file list and version between the markers below; every deploy that
// changes any file changes this script, which is how browsers notice it.
const BUILD = /*CARNET_BUILD*/ { "version": "dev", "files": [] } /*END*/;
const SCOPE = self.registration.scope;
const PREFIX = `carnet:${SCOPE}:`;  // caches of this site only (several sites may share an origin)
const CACHE = PREFIX + BUILD.version;

self.addEventListener('install', (event) => {
  // The whole build, or nothing: a half-filled cache is never used. No skipWaiting here:
  // a new version waits until the page asks for it, so a page never mixes two builds.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(BUILD.files.map((file) => new Request(new URL(file, SCOPE), { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true })
      || (request.mode === 'navigate' ? await cache.match(new URL('index.html', SCOPE)) : undefined);
    return hit || fetch(request);
  })());
});
