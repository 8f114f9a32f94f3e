// Loads the wasm core once and wraps its Viewer: JSON text in, parsed objects out.
import createCarnet from '../carnet-core.js';

let modulePromise = null;

// Idempotent: every caller shares one module instance.
export function loadCore() {
  if (!modulePromise) {
    // preload-core.js (an async script) may run after this: it must not fetch the wasm again.
    globalThis.carnetCoreRequested = true;
    modulePromise = createCarnet({
      // The wasm sits next to the glue, wherever the site is hosted (root or sub-path).
      locateFile: (file) => new URL(`../${file}`, import.meta.url).href,
    });
  }
  return modulePromise;
}

export class CarnetViewer {
  constructor(module) {
    this.viewer = new module.Viewer();
  }

  // Returns the load report: {ok, error, skipped[], warnings[], articles, strings, lang}.
  load(bundleText) {
    return JSON.parse(this.viewer.load(bundleText));
  }

  // Returns the page for a route (a location hash, or a path from the site root such as
  // "/post/x/"): the view's small fields plus `html` (the children of <main>) and `nav_html`,
  // with links in `style` ('hash': "#/post/x", 'path': "post/x/") after `prefix`.
  view(route, style = 'hash', prefix = '') {
    return JSON.parse(this.viewer.page(route, style, prefix));
  }

  // A sharded site (docs/bundle-format.md): a metadata part's text -> {ok, error, skipped,
  // complete, articles}; a chunk's text -> "" or the error; the chunk a route still needs.
  addMeta(text, name) {
    return JSON.parse(this.viewer.addMeta(text, name));
  }

  addChunk(text, name) {
    return this.viewer.addChunk(text, name);
  }

  // A "where" file's text (slug -> chunk) -> "" or the error.
  addWhere(text, name) {
    return this.viewer.addWhere(text, name);
  }

  // A "lists" file's text (the first pages of category, tag and author lists) -> "" or the error.
  addLists(text, name) {
    return this.viewer.addLists(text, name);
  }

  chunkFor(route) {
    return this.viewer.chunkFor(route);
  }

  // The "lists" file a page of a category, tag or author list needs and is not loaded ('').
  listsFor(route) {
    return this.viewer.listsFor(route);
  }

  // The chunk holding an article's body, loaded or not ('' while its metadata is not).
  chunkOf(slug) {
    return this.viewer.chunkOf(slug);
  }

  // Piece `index` of the last article view's HTML after its first (view.article.more pieces).
  piece(index) {
    return this.viewer.piece(index);
  }

  // The UI language the reader chose ('fr', 'en'), or '' to follow the content.
  setLanguage(lang) {
    this.viewer.setLanguage(lang || '');
  }

  delete() {
    this.viewer.delete();
    this.viewer = null;
  }
}
