// The viewer on a static page of a built site (docs/static-pages.md): every page is the app
// shell with one route already painted by the core's renderer, links as clean paths
// ("post/x/") and <base href> = the site's folder. The viewer takes such a page over as it
// is, and follows its links without reloading.
import { HashNavigator } from './navigators.js';
import { HistoryNavigator, locationRoute, pathToRoute } from './history-navigator.js';

// The first path segments of the pages carnet build writes (router.hpp format_link with
// LinkStyle::Path): "" (home), "page/2/", "post/x/", "category/x/", "tag/x/", "author/x/",
// "archive/", "search/".
const PAGE_FOLDERS = new Set(['', 'page', 'post', 'category', 'tag', 'author', 'archive', 'search']);

// The route a same-site link points to ("…/blog/post/x/" -> "#/post/x"), or null for links
// the browser keeps: other sites, outside the site's folder or its pages (another app on the
// same host), and files (images, feeds, 404.html). `base`: the site's folder URL.
export function routeOfLink(a, base) {
  let url;
  try {
    url = new URL(a.href);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  const rel = url.pathname.slice(base.pathname.length);
  const last = rel.slice(rel.lastIndexOf('/') + 1);
  if (last !== '' && last !== 'index.html') return null;
  const folder = rel.split('/')[0];
  if (!PAGE_FOLDERS.has(folder === 'index.html' ? '' : folder)) return null;
  if (url.hash.startsWith('#/')) return rel === '' || rel === 'index.html' ? url.hash : null;
  return pathToRoute(rel, url.search, url.hash);
}

// Whether `root` (the document) is a static page showing `view` exactly as the core paints
// it: same route, and the digest of its <main> equals that of the core's rendering of the
// route with clean-path links (`pathPage()`, asked only when the routes match). Pages carry
// both (data-carnet-route, data-carnet-digest on <html>); a page built from another bundle
// than the one loaded, or another route, is repainted.
export function showsAlready(root, view, pathPage) {
  if (staticRoute(root) !== view.route) return false;
  const html = root.documentElement;
  // A huge article is painted a piece at a time; its static page holds it whole.
  if (view.article && view.article.more > 0) return false;
  return html.getAttribute('data-carnet-digest') === pathPage().digest;
}

// The route of the static page `root` shows ("#/post/x"), or null (the app's own index.html,
// an embed's shadow root).
export function staticRoute(root) {
  const html = root.documentElement;
  return html && html.hasAttribute('data-carnet-digest') ? html.getAttribute('data-carnet-route') : null;
}

// Lets route-guard.js show the page again: it hid a static page whose address asked for
// another route, until the viewer paints (or takes the page over).
export function pagePainted() {
  document.dispatchEvent(new Event('carnet:painted'));
}

// The navigator of the standalone site, as the page says (data-carnet-routing, from
// site.yml's `routing`), once the document is ready for it.
export function standaloneNavigator() {
  const html = document.documentElement;
  // Links resolve against the site's folder whatever the address becomes (pushState).
  const base = document.querySelector('base');
  if (base) base.setAttribute('href', base.href);
  // A static page's skip link says "post/x/#carnet-main", which works without JavaScript;
  // with it, the app focuses #carnet-main itself.
  const skip = document.getElementById('carnet-skip');
  if (skip) skip.setAttribute('href', '#carnet-main');
  if (html.getAttribute('data-carnet-routing') === 'history') return new HistoryNavigator(document.baseURI);
  // Hash routing on another page than the site's index (post/x/index.html, 404.html, the
  // offline fallback): the route its address names moves into the hash of the site's own
  // address, where "#/…" links stay in this document.
  if (!location.hash.startsWith('#/')) {
    const route = locationRoute(document.baseURI);
    if (route && route !== '#/') history.replaceState(history.state, '', new URL(route, document.baseURI));
  }
  return new HashNavigator();
}
