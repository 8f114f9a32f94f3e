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
  // 'no-cache' asks the server each time but lets it answer "not modified": what the page
  // has just downloaded (bundle, wasm, scripts) is not downloaded a second time.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(BUILD.files.map((file) => new Request(new URL(file, SCOPE), { cache: 'no-cache' })))));
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
    return hit || fetch(request);
  })());
});
