// A mountable Carnet viewer. It lives in `root` (the page's Document, or a ShadowRoot) that
// holds the shell of index.html (elements with the ids carnet-main, carnet-nav, carnet-q...),
// takes its route from a navigator (navigators.js), and leaves everything that belongs to a
// page (title, lang, service worker, focus, scroll) to its options.
// Decisions (routes, lists, rendering) are the core's; this file does I/O, DOM and events.
import { loadCore, CarnetViewer } from './core.js';
import { paintView, paintNav, paintFacets, paintResults, addSnippets, errorPanel, h } from './views.js';
import { paintPieces, revealId } from './pieces.js';
import { SearchClient } from './search.js';
import { registerServiceWorker } from './offline.js';
import { routeOfLink, showsAlready, staticRoute, pagePainted } from './static-pages.js';
import { Shards } from './shards.js';
import { initReader, enhanceView, enhanceArticleBody } from './reader.js';

// The element id a link points to in this very page, or null: "#carnet-main", or a static
// page's "post/x/#carnet-main" (written against its <base>) seen from that same page.
function inPageAnchor(a, raw) {
  if (raw.startsWith('#')) return raw.length > 1 && !raw.startsWith('#/') ? raw.slice(1) : null;
  const url = new URL(a.href, document.baseURI);
  const here = window.location;
  const same = url.origin === here.origin && url.pathname === here.pathname && url.search === here.search;
  return same && url.hash.length > 1 && !url.hash.startsWith('#/') ? url.hash.slice(1) : null;
}

// How long search results stay on screen before a sharded site fetches their snippets.
const SNIPPET_DELAY_MS = 250;

const DEFAULTS = {
  base: null,             // the site's folder URL: bundle, index, worker, assets resolve here
  title: false,           // document.title follows the view
  lang: null,             // an element whose lang follows the view (the page: <html>)
  focus: 'inside',        // after a navigation the heading takes the focus: 'always' (any
                          // navigation but the first paint), 'inside' (only one started by a
                          // click or a key inside root), or false
  scroll: null,           // 'window': each view starts at the top of the page (or at its
                          // anchor), even the first; an element: after a navigation started
                          // inside root, it scrolls back into view if its top was scrolled away
  serviceWorker: false,   // register the site's sw.js (offline, update notice)
  announce: true,         // say the new view's title in the live region on navigation
  onNavigate: null,       // (detail) after each view: {route, title, kind, lang, first}
  onError: null,          // (detail) when nothing can be shown: {title, message}
  pageTools: false,       // the theme toggle and reading progress act on the whole page
};

export class CarnetApp {
  constructor(root, navigator, options = {}) {
    this.root = root;
    this.navigator = navigator;
    this.linkStyle = navigator.linkStyle || 'hash';  // how the core writes links: 'hash' or 'path'
    this.options = { ...DEFAULTS, ...options };
    this.base = new URL(this.options.base || document.baseURI);
    // Relative URLs of painted content (images, files) are rewritten only when the site is
    // not the document's own base (an embed).
    this.rebase = this.base.href !== new URL(document.baseURI).href;
    this.viewer = null;
    this.strings = null;
    this.current = null;      // the view painted now
    this.painted = false;     // after the first paint, navigation may move focus to the heading
    this.fromInside = false;  // the pending navigation was started by the reader inside root
    this.search = null;       // the SearchClient, started on first use
    this.searchToken = 0;     // the newest search request; older answers are dropped
    this.shards = null;       // a sharded site's parts and chunks (shards.js)
    this.renderToken = 0;     // the newest render; a pending view resumes only if still newest
    this.destroyed = false;
    this.render = this.render.bind(this);
    this.onClick = this.onClick.bind(this);
  }

  $(id) {
    return this.root.getElementById(id);
  }

  searchClient() {
    if (!this.search) this.search = new SearchClient(this.base, this.indexFile, this.shards ? null : 'bundle.json');
    return this.search;
  }

  // Follows a route from inside the app (a link, the search field, a form).
  go(route, opts) {
    this.fromInside = true;
    this.navigator.go(route, opts);
  }

  async start() {
    let module;
    let text;
    try {
      [module, text] = await Promise.all([loadCore(), this.fetchBundle()]);
    } catch (err) {
      if (!this.destroyed) this.showFatal('Le blog n’a pas pu être chargé / The blog could not be loaded', err.message || String(err));
      return;
    }
    if (this.destroyed) return;
    this.viewer = new CarnetViewer(module);
    const report = this.viewer.load(text);
    this.strings = report.strings;
    if (!report.ok) {
      this.showFatal(report.strings.load_error, report.error);
      return;
    }
    for (const w of report.warnings) console.warn(`Carnet: ${w}`);
    this.indexFile = report.index || 'search-index.bin';
    if (report.sharded) this.shards = new Shards(this.viewer, this.base, report);
    this.showNotices(report);
    this.navigator.addEventListener('change', this.render);
    this.root.addEventListener('click', this.onClick);
    const input = this.$('carnet-q');
    input.addEventListener('input', () => this.onSearchInput());
    input.addEventListener('focus', () => this.searchClient(), { once: true });  // warm the index up
    this.$('carnet-search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const first = this.root.querySelector('#carnet-search-results .hit-title a');
      if (first) first.focus();
    });
    this.$('carnet-main').addEventListener('submit', (event) => this.onDateRange(event));
    this.adaptLinks(this.root);  // the shell's own links (site title, skip link)
    initReader(this, { pageTools: this.options.pageTools });
    this.render();
    const register = () => {
      if (this.options.serviceWorker && !this.destroyed)
        registerServiceWorker(this.base, this.$('carnet-update'), () => this.strings, this.shards ? this.offlineBox() : null);
    };
    // A sharded site's service worker precaches every metadata part and the index: it starts
    // once the page has its metadata, or its downloads compete with the ones a view waits
    // for (100,000 articles, deep link to the oldest: 12.1 s instead of 8.4 s).
    if (this.shards) this.startShards(register);
    else register();
  }

  // The route a link of the app goes to ("#/post/x"), whatever its link style; null for others.
  linkRoute(a) {
    if (!a) return null;
    const raw = a.getAttribute('href');
    return a.dataset.route || (raw.startsWith('#/') ? raw : null) || (raw.startsWith('#') ? null : routeOfLink(a, this.base));
  }

  // A sharded site after its first paint: the rest of the metadata (lists, filters, every
  // article's chunk), then `loaded()`; and the chunks of what the reader points at.
  startShards(loaded) {
    const later = (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 500 }) : setTimeout(fn, 50));
    later(() => {
      if (this.destroyed) return;
      this.shards.loadMeta().then((result) => {
        if (this.destroyed) return;
        if (result.skipped.length) this.showNotices({ skipped: result.skipped, strings: this.strings });
        if (result.error) console.warn(`Carnet: ${result.error}`);
        loaded();
      });
    });
    const prefetch = (event) => {
      const route = this.linkRoute(event.target.closest && event.target.closest('a[href]'));
      if (route && /^#\/(post|category|tag|author)\//.test(route)) this.shards.prefetch(route);
    };
    this.root.addEventListener('pointerover', prefetch);
    this.root.addEventListener('focusin', prefetch);
  }

  // The footer's place for the offline copy of a sharded site (offline.js).
  offlineBox() {
    let box = this.$('carnet-offline');
    if (!box) {
      box = h('div', { class: 'offline', id: 'carnet-offline' });
      this.$('carnet-footer').after(box);
    }
    return box;
  }

  // The first articles of a list just painted and its next page: their chunks and "lists"
  // file, fetched while the reader reads.
  prefetchList(main) {
    const links = [...main.querySelectorAll('.card-title a[href]')].slice(0, 3);
    links.push(...main.querySelectorAll('nav.pagination a[rel="next"]'));
    const routes = links.map((a) => this.linkRoute(a)).filter(Boolean);
    if (!routes.length) return;
    const later = typeof requestIdleCallback === 'function' ? requestIdleCallback : (fn) => setTimeout(fn, 200);
    later(() => {
      if (this.destroyed) return;
      for (const route of routes) this.shards.prefetch(route);
    });
  }

  // A view of a sharded site that needs what is not loaded yet: a loading line (kept if
  // something is on screen already), then the view again once it is there; the error for
  // this view only when it cannot come.
  async resolvePending(view, inside, token) {
    // A static page of this very route stays as it is until the view replaces it.
    const staticPage = !this.painted && staticRoute(this.root) === view.route;
    if (!this.painted && !staticPage) {
      this.$('carnet-main').replaceChildren(h('p', { class: 'loading', role: 'status' }, this.strings.loading));
    }
    let error = '';
    if (view.needs === 'chunk' && view.chunk) {
      error = await this.shards.loadChunk(view.chunk);
    } else if (view.needs === 'where' && view.where) {
      await this.shards.loadWhere(view.where);
    } else if (view.needs === 'lists' && view.lists) {
      await this.shards.loadLists(view.lists);
    } else if (view.needs === 'meta') {
      // Part after part, until the view needs no more metadata (or every part is in).
      for (;;) {
        const step = await this.shards.nextMeta();
        if (this.destroyed || token !== this.renderToken) return;
        error = step.error;
        if (error || step.done) break;
        const again = this.viewer.view(this.navigator.route, this.linkStyle);
        if (again.kind !== 'pending' || again.needs !== 'meta') break;
      }
    } else {
      error = `${view.route}: no file of this site holds it`;
    }
    if (this.destroyed || token !== this.renderToken) return;  // the reader went elsewhere
    if (!error) {
      const again = this.viewer.view(this.navigator.route, this.linkStyle);
      if (again.kind !== 'pending' || again.needs !== view.needs || again.chunk !== view.chunk ||
          again.where !== view.where || again.lists !== view.lists) {
        this.fromInside = inside;
        this.render();
        return;
      }
      error = `${view.chunk || 'metadata'}: does not hold ${view.route}`;
    }
    this.current = null;
    this.paint(this.$('carnet-main'), [errorPanel(this.strings.article_unavailable, error)]);
    console.warn(`Carnet: ${error}`);
    this.painted = true;
  }

  destroy() {
    this.destroyed = true;
    this.navigator.removeEventListener('change', this.render);
    this.root.removeEventListener('click', this.onClick);
    if (this.search) this.search.terminate();
    if (this.viewer) this.viewer.delete();
    this.viewer = null;
  }

  async fetchBundle() {
    const url = new URL('bundle.json', this.base);
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`bundle.json: HTTP ${response.status} ${response.statusText}`);
    return response.text();
  }

  // Links to routes go through the navigator; links to an element of root ("#carnet-main")
  // focus it without touching the URL. Modified clicks (new tab...) keep the browser's way.
  onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.target.closest && event.target.closest('a[href]');
    if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const raw = a.getAttribute('href');
    // Clean-path links of static pages and history mode ("post/x/") are routes too.
    const route = this.linkRoute(a);
    if (route) {
      event.preventDefault();
      this.go(route);
    } else if (inPageAnchor(a, raw)) {
      const target = this.$(decodeURIComponent(inPageAnchor(a, raw)));
      if (!target) return;
      event.preventDefault();
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }

  // Route links get the navigator's href (kept in data-route for clicks); in an embed,
  // relative URLs of images and files resolve against the site, not the host page.
  adaptLinks(container) {
    for (const a of container.querySelectorAll('a[href]')) {
      const raw = a.getAttribute('href');
      if (raw.startsWith('#/')) {
        const href = this.navigator.href(raw);
        if (href !== raw) {
          a.dataset.route = raw;
          a.setAttribute('href', href);
        }
      } else if (this.rebase && !raw.startsWith('#')) {
        a.setAttribute('href', this.resolve(raw));
      }
    }
    if (!this.rebase) return;
    for (const img of container.querySelectorAll('img[src]')) img.setAttribute('src', this.resolve(img.getAttribute('src')));
  }

  resolve(url) {
    try {
      return new URL(url, this.base).href;
    } catch {
      return url;
    }
  }

  // The one place where a view becomes DOM: the nodes are built and adapted off-document,
  // then put in place at once.
  paint(target, nodes) {
    const fragment = document.createDocumentFragment();
    fragment.append(...nodes);
    this.adaptLinks(fragment);
    target.replaceChildren(fragment);
  }

  // Asks the search service for the current search route's results and paints them.
  async runSearch(view) {
    const token = ++this.searchToken;
    const status = this.$('carnet-search-status');
    let result;
    try {
      result = await this.searchClient().search(view.search.query_string, view.ui_lang);
    } catch (err) {
      if (token !== this.searchToken) return;
      status.textContent = `${view.strings.search_unavailable} ${err.message}`;
      return;
    }
    if (token !== this.searchToken || this.current !== view) return;
    status.textContent = result.count_text;
    this.paint(this.$('carnet-search-results'), paintResults(view, result));
    this.paint(this.$('carnet-facets'), paintFacets(view, result));
    this.announce(result.count_text);
    if (this.shards && result.hits.some((hit) => !hit.body)) this.fillSnippets(view, result, token);
  }

  // A sharded site's search starts without bodies: once the results have stayed on screen
  // a moment (not at every keystroke), the chunks holding the hits' bodies are fetched
  // (once: content-hashed, so mostly from the browser's cache; the service worker keeps
  // them for offline), given to the search service, and the snippets put in place.
  async fillSnippets(view, result, token) {
    await new Promise((resolve) => setTimeout(resolve, SNIPPET_DELAY_MS));
    const current = () => token === this.searchToken && this.current === view;
    if (!current()) return;
    const files = new Set();
    for (const hit of result.hits) {
      const file = hit.body ? '' : this.viewer.chunkOf(hit.slug);
      if (file) files.add(file);
    }
    if (files.size === 0) return;
    const client = this.searchClient();
    await Promise.all([...files].map((file) => this.shards.fetchText(file).then(
      (text) => client.addChunk(text, file),
      () => {})));  // no snippet for those: the article itself reports a missing chunk
    if (!current()) return;
    let again;
    try {
      again = await client.search(view.search.query_string, view.ui_lang);
    } catch {
      return;
    }
    if (!current()) return;
    const results = this.$('carnet-search-results');
    if (!addSnippets(results, again)) {  // the hits changed (an exact phrase checked on the bodies)
      this.$('carnet-search-status').textContent = again.count_text;
      this.paint(results, paintResults(view, again));
      this.paint(this.$('carnet-facets'), paintFacets(view, again));
    }
  }

  // Typing in the header field: results follow every keystroke. The first keystroke opens
  // the search route (a history entry); later ones replace it, so Back leaves the search.
  onSearchInput() {
    const q = this.$('carnet-q').value;
    const current = this.current;
    if (current && current.kind === 'search') {
      const params = new URLSearchParams(current.search.query_string);
      if (q) params.set('q', q);
      else params.delete('q');
      const qs = params.toString();
      this.go(qs ? `#/search?${qs}` : '#/search', { replace: true });
    } else {
      this.go(`#/search?${new URLSearchParams({ q })}`);
    }
  }

  onDateRange(event) {
    if (event.target.id !== 'carnet-date-range') return;
    event.preventDefault();
    const form = new FormData(event.target);
    const params = new URLSearchParams(this.current.search.query_string);
    for (const key of ['from', 'to']) {
      if (form.get(key)) params.set(key, form.get(key));
      else params.delete(key);
    }
    this.go(`#/search?${params}`);
  }

  announce(text) {
    if (!this.options.announce) return;
    const el = this.$('carnet-announcer');
    el.textContent = '';
    // A separate task so screen readers notice the change even for the same text.
    setTimeout(() => { el.textContent = text; }, 50);
  }

  showFatal(title, message) {
    this.$('carnet-main').replaceChildren(errorPanel(title, message));
    if (this.options.title) document.title = title;
    if (this.options.onError) this.options.onError({ title, message });
  }

  showNotices(report) {
    const box = this.$('carnet-notices');
    box.replaceChildren();
    if (!report.skipped || report.skipped.length === 0) return;
    for (const s of report.skipped) console.warn(`Carnet: skipped ${s}`);
    box.append(h('section', { class: 'notice', role: 'status' },
      h('p', {}, report.strings.skipped_title),
      h('ul', {}, report.skipped.map((s) => h('li', {}, s)))));
  }

  scrollToAnchor(anchor) {
    if (!anchor) return false;
    const target = revealId(this.root, anchor);  // a heading of a piece not painted yet
    if (!target) return false;
    target.scrollIntoView({ block: 'start' });
    return true;
  }

  // Where the reader looks after a view is painted.
  scroll(view, inside) {
    const { scroll } = this.options;
    if (scroll === 'window') {
      if (!this.scrollToAnchor(view.anchor)) window.scrollTo(0, 0);
    } else if (scroll && inside && this.painted) {
      if (!this.scrollToAnchor(view.anchor) && scroll.getBoundingClientRect().top < 0) scroll.scrollIntoView({ block: 'start' });
    }
  }

  notify(view, first) {
    if (!this.options.onNavigate) return;
    this.options.onNavigate({ route: this.navigator.route, title: view.title, kind: view.kind, lang: view.lang, first });
  }

  render() {
    const inside = this.fromInside;
    this.fromInside = false;
    const route = this.navigator.route;
    const token = ++this.renderToken;
    let view;
    try {
      view = this.viewer.view(route, this.linkStyle);
    } catch (err) {
      this.showFatal('Carnet', `This page could not be built: ${err.message}`);
      return;
    }
    if (view.kind === 'pending') {
      this.resolvePending(view, inside, token);
      return;
    }
    if (view.kind === 'error') {
      this.showFatal(this.strings.load_error, view.error);
      return;
    }
    const first = !this.painted;
    const moves = this.options.focus === 'always' || (this.options.focus === 'inside' && inside);
    // Same article, another heading: only scroll.
    const prev = this.current;
    if (prev && prev.kind === 'article' && view.kind === 'article' && prev.article.slug === view.article.slug) {
      this.current = view;
      if (this.options.scroll === 'window' || inside) this.scrollToAnchor(view.anchor);
      this.notify(view, false);
      return;
    }
    const main = this.$('carnet-main');
    const input = this.$('carnet-q');
    const typing = this.root.activeElement === input;
    const adopted = this.paintMain(main, view);
    if (view.kind === 'search') {
      if (!typing && input.value !== view.search.q) input.value = view.search.q;
      this.runSearch(view);
    }
    this.paint(this.$('carnet-nav'), [paintNav(view)]);
    const home = this.$('carnet-site-title');
    home.textContent = view.site.title;
    home.setAttribute('href', view.links.home);  // a static page's shell links "./"
    this.adaptLinks(home.parentElement);
    this.$('carnet-footer').textContent = view.site.description;
    this.$('carnet-skip').textContent = view.strings.skip_link;
    this.$('carnet-nav').setAttribute('aria-label', view.strings.main_nav);
    this.$('carnet-q-label').textContent = view.strings.search_label;
    input.placeholder = view.strings.search_placeholder;
    if (this.options.title) document.title = view.title;
    if (this.options.lang) this.options.lang.lang = view.lang;
    this.current = view;
    enhanceView(this, view, main, { pageTools: this.options.pageTools, adopted });

    if (!adopted) this.scroll(view, inside);  // a static page taken over stays where the reader is
    if (first && this.root === document) pagePainted();
    if (this.painted && !typing && moves) {
      const heading = main.querySelector('h1');
      if (heading) heading.focus({ preventScroll: true });
      this.announce(view.title);
    }
    this.painted = true;
    // For measurements (./carnet bench startup): when the app painted its first view of each kind.
    if (typeof performance !== 'undefined' && performance.mark) performance.mark(`carnet:paint:${view.kind}`);
    if (this.shards && view.kind === 'list') this.prefetchList(main);
    this.notify(view, first);
  }

  // Paints the current route again, even the same article (the UI language changed).
  repaint() {
    this.current = null;
    this.render();
  }

  // The main column for a view, from the HTML the core paints. On first paint, a static page
  // that already shows the view as the core paints it is taken over as it is (no repaint, no
  // flash): returns true then.
  paintMain(main, view) {
    if (!this.painted && showsAlready(this.root, view, () => this.linkStyle === 'path' ? view : this.viewer.view(view.route, 'path'))) {
      return true;
    }
    this.paint(main, paintView(view));
    if (view.kind === 'article' && view.article.more > 0) {
      paintPieces(main.querySelector('.post-body'), view.article.more, (i) => this.viewer.piece(i), (f) => {
        this.adaptLinks(f);
        enhanceArticleBody(this, view, f);
      });
    }
    return false;
  }
}
