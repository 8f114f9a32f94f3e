// <carnet-blog site="https://example.org/blog/"></carnet-blog>: a Carnet site inside any
// page, in a Shadow DOM, with its own routing. Load it as a module from the built site:
//   <script type="module" src="https://example.org/blog/carnet-embed.js"></script>
// Attributes: site (the site's folder URL; default: this script's folder), route (the first
// route, "#/post/slug" or "post/slug"; later changes navigate), sync-hash (share the host
// page's location.hash instead of a route of its own). Events on the element:
// carnet:navigate {route, title, kind, lang, first} and carnet:error {title, message}.
// Every file (shell, CSS, wasm, bundle, index, worker) comes from the site's URL, never from
// the host page's. See docs/embedding.md.
import { CarnetApp } from './js/carnet-app.js';
import { HashNavigator, MemoryNavigator, normalizeRoute } from './js/navigators.js';
import { loadCore } from './js/core.js';

const HERE = new URL('./', import.meta.url);

// The site's folder URL: the attribute (relative to the host page, as any URL the host
// writes), with a final "/" so "https://x/blog" means the folder blog/.
function siteUrl(value) {
  const url = new URL(value || HERE.href, document.baseURI);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

// The shell is the site's own index.html body: one source for the page and the embed.
// Only elements are taken; scripts, styles and <noscript> are dropped.
async function fetchShell(base) {
  const url = new URL('index.html', base);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status} ${response.statusText}`);
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const el of doc.body.querySelectorAll('script, noscript, style, link, meta, template, iframe, object, embed')) el.remove();
  const main = doc.getElementById('carnet-main');
  if (!main) throw new Error(`${url.href} has no element with id carnet-main`);
  for (const child of [...main.childNodes]) if (child.id !== 'carnet-loading') child.remove();
  return [...doc.body.childNodes].map((node) => document.importNode(node, true));
}

function stylesheet(base) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('css/style.css', base).href;
  const loaded = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => {
      console.warn(`Carnet: ${link.href} could not be loaded`);
      resolve();
    }, { once: true });
  });
  return { link, loaded };
}

export class CarnetBlog extends HTMLElement {
  static get observedAttributes() {
    return ['route'];
  }

  constructor() {
    super();
    this.app = null;
    this.navigator = null;
    this.started = false;
    this.run = 0;  // each start() and stop() begins a new run; a stale start() gives up
  }

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    this.start();
  }

  disconnectedCallback() {
    // Moving the element (removed and inserted again in one task) keeps it running.
    queueMicrotask(() => {
      if (!this.isConnected && this.started) this.stop();
    });
  }

  attributeChangedCallback(name, old, value) {
    if (name !== 'route' || !this.app || !this.app.viewer) return;
    const route = normalizeRoute(value);
    if (route && route !== this.navigator.route) this.navigator.go(route);
  }

  // The current route ("#/post/slug"), and a way for the host to go elsewhere.
  get route() {
    return this.navigator ? this.navigator.route : normalizeRoute(this.getAttribute('route')) || '#/';
  }

  go(route, options) {
    const r = normalizeRoute(route);
    if (r && this.navigator) this.navigator.go(r, options);
  }

  back() {
    return this.navigator && this.navigator.back ? this.navigator.back() : false;
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  async start() {
    const run = ++this.run;
    const base = siteUrl(this.getAttribute('site'));
    loadCore().catch(() => {});  // the wasm downloads while the shell and the styles arrive (errors: in start)
    const shadow = this.shadowRoot || this.attachShadow({ mode: 'open' });
    const frame = document.createElement('div');
    frame.className = 'carnet-root';
    frame.setAttribute('part', 'root');
    const css = stylesheet(base);
    shadow.replaceChildren(css.link);
    let shell;
    try {
      [shell] = await Promise.all([fetchShell(base), css.loaded]);
    } catch (err) {
      if (run !== this.run) return;
      frame.textContent = `Le blog n’a pas pu être chargé / The blog could not be loaded: ${err.message}`;
      shadow.append(frame);
      this.emit('carnet:error', { title: 'Carnet', message: err.message });
      return;
    }
    if (run !== this.run) return;
    frame.append(...shell);
    shadow.append(frame);
    const initial = normalizeRoute(this.getAttribute('route')) || '#/';
    this.navigator = this.hasAttribute('sync-hash')
      ? new HashNavigator({ foreign: 'ignore', fallback: initial })
      : new MemoryNavigator(initial, base);
    this.app = new CarnetApp(shadow, this.navigator, {
      base: base.href,
      title: false,
      lang: frame,
      focus: 'inside',
      scroll: this,
      serviceWorker: false,
      announce: true,
      onNavigate: (detail) => this.emit('carnet:navigate', detail),
      onError: (detail) => this.emit('carnet:error', detail),
    });
    await this.app.start();
  }

  stop() {
    this.run += 1;
    this.started = false;
    if (this.app) this.app.destroy();
    if (this.navigator) this.navigator.destroy();
    this.app = null;
    this.navigator = null;
    if (this.shadowRoot) this.shadowRoot.replaceChildren();
  }
}

if (!customElements.get('carnet-blog')) customElements.define('carnet-blog', CarnetBlog);
