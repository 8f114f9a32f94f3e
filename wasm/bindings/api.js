// The module's JS API, appended to the Emscripten glue (--post-js, so `Module`, `HEAPU8`,
// `_malloc` and the C exports of bindings.cpp are in scope): the Viewer, Search and Markdown
// classes. Strings go in as UTF-8 written straight into wasm memory and come out decoded
// straight from it. Each object owns wasm memory: call delete() when done.
var carnetEncoder = new TextEncoder();
var carnetDecoder = new TextDecoder();

// The string of `size` UTF-8 bytes at `ptr` in wasm memory.
function carnetDecode(ptr, size) { return carnetDecoder.decode(HEAPU8.subarray(ptr, ptr + size)); }

// Calls `fn` with each string argument as (pointer, size) of its UTF-8 bytes in wasm memory.
function carnetCall(fn, args) {
  var flat = [];
  var owned = [];
  for (var i = 0; i < args.length; i++) {
    var a = args[i];
    if (typeof a !== 'string') {
      flat.push(a);
      continue;
    }
    var max = a.length * 3 + 1;  // UTF-8 takes at most 3 bytes per UTF-16 unit
    var ptr = _malloc(max);
    owned.push(ptr);
    flat.push(ptr, carnetEncoder.encodeInto(a, HEAPU8.subarray(ptr, ptr + max)).written);
  }
  try {
    return fn.apply(null, flat);
  } finally {
    owned.forEach(function (p) { _free(p); });
  }
}

// The string of a Text handle returned by bindings.cpp, which it frees.
function carnetText(t) {
  var value = carnetDecode(_carnet_text_data(t), _carnet_text_size(t));
  _carnet_text_free(t);
  return value;
}

// The viewer: bundle JSON text in, JSON text out (see wasm/core/viewer.hpp).
class CarnetViewer {
  constructor() { this.ptr = _carnet_viewer_new(); }
  load(bundleJson) { return carnetText(carnetCall(_carnet_viewer_load, [this.ptr, String(bundleJson)])); }
  view(hash) { return carnetText(carnetCall(_carnet_viewer_view, [this.ptr, String(hash)])); }
  piece(index) { return carnetText(_carnet_viewer_piece(this.ptr, index >>> 0)); }
  addMeta(json, name) { return carnetText(carnetCall(_carnet_viewer_add_meta, [this.ptr, String(json), String(name)])); }
  addChunk(json, name) { return carnetText(carnetCall(_carnet_viewer_add_chunk, [this.ptr, String(json), String(name)])); }
  addWhere(json, name) { return carnetText(carnetCall(_carnet_viewer_add_where, [this.ptr, String(json), String(name)])); }
  addLists(json, name) { return carnetText(carnetCall(_carnet_viewer_add_lists, [this.ptr, String(json), String(name)])); }
  chunkFor(route) { return carnetText(carnetCall(_carnet_viewer_chunk_for, [this.ptr, String(route)])); }
  listsFor(route) { return carnetText(carnetCall(_carnet_viewer_lists_for, [this.ptr, String(route)])); }
  chunkOf(slug) { return carnetText(carnetCall(_carnet_viewer_chunk_of, [this.ptr, String(slug)])); }
  page(route, style, prefix) {
    return carnetText(carnetCall(_carnet_viewer_page, [this.ptr, String(route), String(style), String(prefix)]));
  }
  setLanguage(lang) { carnetCall(_carnet_viewer_set_language, [this.ptr, String(lang)]); }
  static canonical(hash) { return carnetText(carnetCall(_carnet_viewer_canonical, [String(hash)])); }
  static link(route, style, prefix) {
    return carnetText(carnetCall(_carnet_viewer_link, [String(route), String(style), String(prefix)]));
  }
  delete() {
    _carnet_viewer_delete(this.ptr);
    this.ptr = 0;
  }
}

// The search engine: load(ptr, size) of search-index.bin bytes the caller put in wasm
// memory, addPart(ptr, size) of a sharded index's part file (a search answered {needs}),
// setBundle(bundle JSON text), addChunk(chunk JSON text, file name) (a sharded
// site's bodies, for snippets), search(query string, limit, lang) -> results JSON.
class CarnetSearch {
  constructor() { this.ptr = _carnet_search_new(); }
  load(ptr, size) { return carnetText(_carnet_search_load(this.ptr, ptr, size)); }
  addPart(ptr, size) { return carnetText(_carnet_search_add_part(this.ptr, ptr, size)); }
  setBundle(bundleJson) { return carnetText(carnetCall(_carnet_search_set_bundle, [this.ptr, String(bundleJson)])); }
  addChunk(json, name) { return carnetText(carnetCall(_carnet_search_add_chunk, [this.ptr, String(json), String(name)])); }
  search(query, limit, lang) {
    return carnetText(carnetCall(_carnet_search_search, [this.ptr, String(query), limit | 0, String(lang)]));
  }
  documents() { return _carnet_search_documents(this.ptr); }
  delete() {
    _carnet_search_delete(this.ptr);
    this.ptr = 0;
  }
}

// Markdown -> safe HTML (wasm/core/markdown.hpp), the hot path: the text is encoded into a
// buffer the renderer keeps, the HTML decoded from the one it keeps; no copy, no malloc
// per call once the buffers have grown. The HTML is pure ASCII, every other character
// written as a numeric reference ("&#233;"): the same page once parsed, and browsers and
// Node make a JS string of ASCII bytes ~100x faster than one of multi-byte UTF-8.
class CarnetMarkdown {
  constructor() {
    this.ptr = _carnet_markdown_new();
    this.input = 0;
    this.capacity = 0;
  }
  render(markdown) {
    var text = String(markdown);
    var need = text.length * 3;  // UTF-8 bytes at most
    if (need > this.capacity) {
      this.capacity = Math.max(need, this.capacity * 2, 4096);
      this.input = _carnet_markdown_input(this.ptr, this.capacity);
    }
    var size = carnetEncoder.encodeInto(text, HEAPU8.subarray(this.input, this.input + need)).written;
    var htmlSize = _carnet_markdown_render(this.ptr, size, 1);  // TextEncoder's bytes: valid UTF-8
    return carnetDecode(_carnet_markdown_html(this.ptr), htmlSize);
  }
  delete() {
    _carnet_markdown_delete(this.ptr);
    this.ptr = 0;
  }
}

Module['Viewer'] = CarnetViewer;
Module['Search'] = CarnetSearch;
Module['Markdown'] = CarnetMarkdown;
