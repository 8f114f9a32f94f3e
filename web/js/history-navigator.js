// History routing (site.yml `routing: history`): the route lives in the address's path, as
// clean URLs under the site's folder ("/blog/post/x/" is "#/post/x"), moved with pushState.
// No rewrite rules are needed: every such address has a static page (carnet build writes
// them), which the viewer takes over, and 404.html boots the viewer for the others.
// Same interface as the navigators of navigators.js: route, go(), href(), 'change' events.

// The route of a path under the site's folder: "post/x/" -> "#/post/x", "" -> "#/",
// "search/?q=a" -> "#/search?q=a", "post/x/#intro" -> "#/post/x#intro". The core reads
// these back (router.hpp parse_route); links the core writes in path style are exactly
// these paths (router.hpp format_link).
export function pathToRoute(rel, search = '', hash = '') {
  const path = rel.replace(/(^|\/)index\.html$/, '$1').replace(/\/+$/, '');
  return `#/${path}${search}${hash && hash !== '#' ? hash : ''}`;
}

// The path of a route under the site's folder: "#/post/x#intro" -> "post/x/#intro",
// "#/" -> "./", "#/search?q=a" -> "search/?q=a".
export function routeToPath(route) {
  let rest = route.startsWith('#/') ? route.slice(2) : route.replace(/^\/+/, '');
  let anchor = '';
  const at = rest.indexOf('#');
  if (at >= 0) {
    anchor = rest.slice(at);
    rest = rest.slice(0, at);
  }
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q);
    rest = rest.slice(0, q);
  }
  rest = rest.replace(/\/+$/, '');
  return `${rest ? `${rest}/` : './'}${query}${anchor}`;
}

// The route the page's address names under `base` (the site's folder URL), or null when the
// address is outside it. A hash route ("/blog/#/post/x", a link from hash-routing days)
// wins over the path.
export function locationRoute(base, loc = location) {
  if (loc.hash.startsWith('#/')) return loc.hash;
  const root = new URL(base).pathname;
  if (!loc.pathname.startsWith(root)) return null;
  return pathToRoute(loc.pathname.slice(root.length), loc.search, loc.hash);
}

export class HistoryNavigator extends EventTarget {
  // `base`: the site's folder URL.
  constructor(base) {
    super();
    this.base = new URL(base);
    this.linkStyle = 'path';  // the core writes links as clean paths (router.hpp LinkStyle)
    this.current = locationRoute(this.base) || '#/';
    // A hash-routed address becomes its clean one.
    if (location.hash.startsWith('#/')) history.replaceState(history.state, '', this.href(this.current));
    this.onPopState = () => {
      this.current = locationRoute(this.base) || '#/';
      // A "#/…" typed after a clean address: the clean one for it.
      if (location.hash.startsWith('#/')) history.replaceState(history.state, '', this.href(this.current));
      this.dispatchEvent(new Event('change'));
    };
    window.addEventListener('popstate', this.onPopState);
  }

  get route() {
    return this.current;
  }

  go(route, { replace = false } = {}) {
    const url = this.href(route);
    if (replace) history.replaceState(history.state, '', url);
    else if (url !== location.href) history.pushState(null, '', url);
    this.current = route;
    this.dispatchEvent(new Event('change'));
  }

  // An absolute URL: right whatever the current address is.
  href(route) {
    return new URL(routeToPath(route), this.base).href;
  }

  destroy() {
    window.removeEventListener('popstate', this.onPopState);
  }
}
