// History routing's clean addresses (web/js/history-navigator.js) are the core's path links
// (router.hpp format_link, LinkStyle::Path), the addresses carnet build writes its pages at:
// what the navigator puts in the address bar has a static page, and reading an address back
// gives the route it came from.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { routeToPath, locationRoute } from '../../web/js/history-navigator.js';

const APP = process.env.CARNET_APP;
assert.ok(APP, 'CARNET_APP must be set (run through ctest)');

let Viewer;

before(async () => {
  const { default: createCarnet } = await import(pathToFileURL(path.join(APP, 'carnet-core.js')).href);
  ({ Viewer } = await createCarnet({ wasmBinary: fs.readFileSync(path.join(APP, 'carnet-core.wasm')) }));
});

const ROUTES = ['#/', '#/page/2', '#/post/linkedin-b2b', '#/post/linkedin-b2b#le-corps-du-message', '#/category/strategie',
  '#/category/strategie/page/3', '#/tag/r%C3%A9seaux-sociaux', '#/author/camille-durand', '#/archive', '#/search',
  '#/search?q=r%C3%A9seaux%20sociaux&category=strategie&tag=linkedin&author=camille-durand&lang=fr&from=2024-01-01&to=2024-12-31&sort=date',
  '#/search?q=%23hashtag%26co', '#/nowhere/at/all'];

test('the navigator writes the addresses the core links to, for every kind of route', () => {
  for (const route of ROUTES.map((r) => Viewer.canonical(r))) {
    if (route === '#/404') continue;  // an unknown address: the core links 404.html, the navigator keeps the address
    assert.equal(routeToPath(route), Viewer.link(route, 'path', ''), route);
  }
});

test('an address under the site folder reads back as its route, at the root or under a sub-path', () => {
  for (const base of ['https://example.org/', 'https://example.org/blog/']) {
    for (const route of ROUTES.map((r) => Viewer.canonical(r))) {
      const address = new URL(routeToPath(route), base);
      assert.equal(Viewer.canonical(locationRoute(base, address)), route, `${base} ${route}`);
    }
    // index.html names the folder's page; an address from hash-routing days keeps its route;
    // an address outside the site's folder is none of the site's.
    assert.equal(locationRoute(base, new URL('post/x/index.html', base)), '#/post/x');
    assert.equal(locationRoute(base, new URL('index.html', base)), '#/');
    assert.equal(locationRoute(base, new URL('#/tag/seo', base)), '#/tag/seo');
  }
  assert.equal(locationRoute('https://example.org/blog/', new URL('https://example.org/shop/post/x/')), null);
});
