// Navigators own the current route of a Carnet app. The app reads `route`, calls
// `go(route, {replace})` when a reader follows a link, listens to 'change' events, and asks
// `href(route)` for the href of each link it paints. Routes are the core's strings:
// "#/", "#/post/slug#heading", "#/search?q=…" (see wasm/core/router.hpp).

// "post/x", "/post/x" or "#/post/x" -> "#/post/x"; empty or a plain anchor -> null.
export function normalizeRoute(value) {
  const s = value == null ? '' : String(value).trim();
  if (s === '' || (s.startsWith('#') && !s.startsWith('#/'))) return null;
  if (s.startsWith('#/')) return s;
  return s.startsWith('/') ? `#${s}` : `#/${s}`;
}

class Navigator extends EventTarget {
  notify() {
    this.dispatchEvent(new Event('change'));
  }

  destroy() {}
}

// The route lives in the page's location.hash: deep links, reload, back and forward.
// `foreign` says what a hash that is not a Carnet route ("#top", "#carnet-main") means:
// 'route' (the standalone viewer shows it, as its 404 view) or 'ignore' (an embed synced
// with a host page whose own anchors are none of Carnet's business: the route stays; no
// hash at all means `fallback`).
export class HashNavigator extends Navigator {
  constructor({ foreign = 'route', fallback = '#/' } = {}) {
    super();
    this.foreign = foreign;
    this.fallback = fallback;
    this.current = this.routeOf(location.hash) || fallback;
    this.onHashChange = () => {
      const route = this.routeOf(location.hash);
      if (route === null) return;
      this.current = route;
      this.notify();
    };
    window.addEventListener('hashchange', this.onHashChange);
  }

  // The route a hash stands for, or null when it is none of ours.
  routeOf(hash) {
    if (this.foreign === 'route') return hash || '#/';
    if (hash === '' || hash === '#') return this.fallback;
    return hash.startsWith('#/') ? hash : null;
  }

  get route() {
    return this.current;
  }

  go(route, { replace = false } = {}) {
    if (replace) {
      history.replaceState(history.state, '', route);
      this.current = route;
      this.notify();
    } else {
      location.hash = route;  // the hashchange event notifies
    }
  }

  href(route) {
    return route;
  }

  destroy() {
    window.removeEventListener('hashchange', this.onHashChange);
  }
}

// The route lives in memory: the page's URL, hash and history are never touched. Links get
// the site's own URL for the route (`base` + "#/post/x"), so "open in a new tab" shows the
// standalone blog; plain clicks are handled by the app.
export class MemoryNavigator extends Navigator {
  constructor(initial = '#/', base = null) {
    super();
    this.entries = [initial];
    this.index = 0;
    this.base = base;
  }

  get route() {
    return this.entries[this.index];
  }

  go(route, { replace = false } = {}) {
    if (replace) {
      this.entries[this.index] = route;
    } else {
      if (route === this.route) return;  // like a link to the hash already shown
      this.entries.splice(this.index + 1, Infinity, route);
      this.index += 1;
    }
    this.notify();
  }

  back() {
    if (this.index === 0) return false;
    this.index -= 1;
    this.notify();
    return true;
  }

  forward() {
    if (this.index === this.entries.length - 1) return false;
    this.index += 1;
    this.notify();
    return true;
  }

  href(route) {
    return this.base ? new URL(route, this.base).href : route;
  }
}
