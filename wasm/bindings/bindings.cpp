// The only file that knows about Emscripten: the C functions behind the module's JS API
// (wasm/bindings/api.js, appended to the glue, wraps them as the Viewer, Search and Markdown
// classes). Strings cross as UTF-8 bytes: in as (pointer, size) that JS wrote into wasm
// memory, out as a Text that JS decodes and frees. No embind: its runtime was two thirds of
// the shipped JS, and a std::string round trip halves Markdown throughput.
#include <emscripten/em_macros.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "bundle.hpp"
#include "markdown.hpp"
#include "search.hpp"
#include "shards.hpp"
#include "viewer.hpp"

namespace {

// A string handed to JS: read with carnet_text_data/size, then carnet_text_free.
struct Text {
  std::string value;
};
Text* text(std::string value) { return new Text{std::move(value)}; }

std::string_view bytes(const char* data, std::size_t size) { return {data, size}; }

// The search engine behind the worker: index bytes in, query strings in, result JSON out.
class Search {
 public:
  // Loads search-index.bin. Returns "" or the error.
  std::string load(std::string_view index_bytes) {
    std::string error;
    auto index = carnet::SearchIndex::load(index_bytes, error);
    if (!index) return error;
    engine_ = std::make_unique<carnet::SearchEngine>(std::move(*index));
    return {};
  }
  // A part file of a sharded index, which a search answered {"needs": [...]} for. Returns
  // "" or the error.
  std::string add_part(std::string_view part_bytes) {
    if (!engine_) return "no index loaded";
    std::string error;
    return engine_->add_part(part_bytes, error) ? std::string() : error;
  }
  // Gives the engine the article bodies (from bundle.json) for snippets and phrases.
  std::string set_bundle(std::string_view json) {
    if (!engine_) return "no index loaded";
    carnet::BundleLoad b = carnet::load_bundle(json);
    if (!b.bundle) return b.error;
    engine_->set_bodies(b.bundle->bodies);
    return {};
  }
  // A sharded site's content chunk (the viewer fetched it): its bodies, for snippets.
  std::string add_chunk(std::string_view json, std::string_view name) {
    if (!engine_) return "no index loaded";
    carnet::ChunkLoad chunk = carnet::load_chunk(json, name);
    if (!chunk.error.empty()) return chunk.error;
    std::vector<std::pair<std::string, std::string>> bodies;
    bodies.reserve(chunk.articles.size());
    for (auto& [slug, article] : chunk.articles) bodies.emplace_back(slug, std::move(article.body));
    engine_->add_bodies(std::move(bodies));
    return {};
  }
  // `query` is a search route's query string ("q=…&tag=…"); returns the results JSON.
  std::string search(std::string_view query, int limit, std::string_view lang) const {
    if (!engine_) return R"({"error":"no index loaded"})";
    return engine_->search_json(carnet::parse_search_query(query), limit < 0 ? 0 : static_cast<std::size_t>(limit), lang);
  }
  std::size_t documents() const { return engine_ ? engine_->index().docs.size() : 0; }

 private:
  std::unique_ptr<carnet::SearchEngine> engine_;
};

// The Markdown hot path keeps its buffers from call to call: JS encodes the text straight
// into `input` and decodes the HTML straight out of `html`.
struct Markdown {
  std::string input;
  std::string html;
};

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* carnet_text_data(const Text* t) { return t->value.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t carnet_text_size(const Text* t) { return t->value.size(); }
EMSCRIPTEN_KEEPALIVE void carnet_text_free(Text* t) { delete t; }

// Viewer: bundle JSON in (load report out), location hash in (view JSON out).
EMSCRIPTEN_KEEPALIVE carnet::Viewer* carnet_viewer_new() { return new carnet::Viewer; }
EMSCRIPTEN_KEEPALIVE void carnet_viewer_delete(carnet::Viewer* v) { delete v; }
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_load(carnet::Viewer* v, const char* json, std::size_t size) {
  return text(v->load(bytes(json, size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_view(const carnet::Viewer* v, const char* hash, std::size_t size) {
  return text(v->view(bytes(hash, size)));
}
// Sharded sites (shards.hpp): metadata parts, content chunks, "where" and "lists" files as
// they arrive.
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_add_meta(carnet::Viewer* v, const char* json, std::size_t size,
                                                  const char* name, std::size_t name_size) {
  return text(v->add_meta(bytes(json, size), bytes(name, name_size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_add_chunk(carnet::Viewer* v, const char* json, std::size_t size,
                                                   const char* name, std::size_t name_size) {
  return text(v->add_chunk(bytes(json, size), bytes(name, name_size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_add_where(carnet::Viewer* v, const char* json, std::size_t size,
                                                   const char* name, std::size_t name_size) {
  return text(v->add_where(bytes(json, size), bytes(name, name_size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_add_lists(carnet::Viewer* v, const char* json, std::size_t size,
                                                   const char* name, std::size_t name_size) {
  return text(v->add_lists(bytes(json, size), bytes(name, name_size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_chunk_for(const carnet::Viewer* v, const char* route, std::size_t size) {
  return text(v->chunk_for(bytes(route, size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_lists_for(const carnet::Viewer* v, const char* route, std::size_t size) {
  return text(v->lists_for(bytes(route, size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_chunk_of(const carnet::Viewer* v, const char* slug, std::size_t size) {
  return text(v->chunk_of(bytes(slug, size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_piece(const carnet::Viewer* v, std::size_t index) {
  return text(v->piece(index));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_canonical(const char* hash, std::size_t size) {
  return text(carnet::Viewer::canonical(bytes(hash, size)));
}
// Pages: a route (location hash, or path from the site root) in, the page JSON out, its
// links in `style` ("hash" or "path") after `prefix` (see viewer.hpp).
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_page(const carnet::Viewer* v, const char* route, std::size_t route_size,
                                              const char* style, std::size_t style_size, const char* prefix,
                                              std::size_t prefix_size) {
  return text(v->page(bytes(route, route_size),
                      carnet::Links{carnet::link_style(bytes(style, style_size)), std::string(bytes(prefix, prefix_size))}));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_viewer_link(const char* route, std::size_t route_size, const char* style,
                                              std::size_t style_size, const char* prefix, std::size_t prefix_size) {
  return text(carnet::Viewer::link(bytes(route, route_size), carnet::Links{carnet::link_style(bytes(style, style_size)),
                                                                          std::string(bytes(prefix, prefix_size))}));
}
// The UI language the reader chose ("fr", "en"), or "" to follow the content.
EMSCRIPTEN_KEEPALIVE void carnet_viewer_set_language(carnet::Viewer* v, const char* lang, std::size_t size) {
  v->set_ui_language(bytes(lang, size));
}

// Search.
EMSCRIPTEN_KEEPALIVE Search* carnet_search_new() { return new Search; }
EMSCRIPTEN_KEEPALIVE void carnet_search_delete(Search* s) { delete s; }
EMSCRIPTEN_KEEPALIVE Text* carnet_search_load(Search* s, const char* data, std::size_t size) {
  return text(s->load(bytes(data, size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_search_add_part(Search* s, const char* data, std::size_t size) {
  return text(s->add_part(bytes(data, size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_search_set_bundle(Search* s, const char* json, std::size_t size) {
  return text(s->set_bundle(bytes(json, size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_search_add_chunk(Search* s, const char* json, std::size_t size, const char* name,
                                                   std::size_t name_size) {
  return text(s->add_chunk(bytes(json, size), bytes(name, name_size)));
}
EMSCRIPTEN_KEEPALIVE Text* carnet_search_search(const Search* s, const char* query, std::size_t query_size, int limit,
                                                const char* lang, std::size_t lang_size) {
  return text(s->search(bytes(query, query_size), limit, bytes(lang, lang_size)));
}
EMSCRIPTEN_KEEPALIVE std::size_t carnet_search_documents(const Search* s) { return s->documents(); }

// Markdown: carnet_markdown_input gives a buffer of at least `capacity` bytes to write the
// UTF-8 text into; carnet_markdown_render renders its first `size` bytes and returns the
// size of the HTML at carnet_markdown_html (both valid until the next call). `encoded` != 0
// says the bytes come from TextEncoder, hence valid UTF-8; 0 has them checked and repaired.
EMSCRIPTEN_KEEPALIVE Markdown* carnet_markdown_new() { return new Markdown; }
EMSCRIPTEN_KEEPALIVE void carnet_markdown_delete(Markdown* m) { delete m; }
EMSCRIPTEN_KEEPALIVE char* carnet_markdown_input(Markdown* m, std::size_t capacity) {
  if (m->input.size() < capacity) m->input.resize(capacity);
  return m->input.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t carnet_markdown_render(Markdown* m, std::size_t size, int encoded) {
  carnet::MarkdownOptions options;
  options.count_words = false;  // only the HTML is asked for
  options.toc = false;
  options.ascii_html = true;     // api.js decodes it: ASCII makes JS strings fastest
  options.known_utf8 = encoded != 0;
  return carnet::render_markdown_reusing(bytes(m->input.data(), size < m->input.size() ? size : m->input.size()),
                                        options, m->html);
}
EMSCRIPTEN_KEEPALIVE const char* carnet_markdown_html(const Markdown* m) { return m->html.data(); }

}  // extern "C"
