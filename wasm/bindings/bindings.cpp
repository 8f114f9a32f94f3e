// The only file that knows about Emscripten: exposes the Viewer (JSON in/out, embind) and
// a byte-level Markdown entry point for hot paths (no std::string marshaling).
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "bundle.hpp"
#include "markdown.hpp"
#include "search.hpp"
#include "viewer.hpp"

namespace {
// A rendered buffer handed to JS: JS reads data/size from the heap, then frees it.
struct Result {
  std::string html;
};
}  // namespace

extern "C" {

// Renders `size` bytes of Markdown at `data` (malloc'd by JS). Returns a handle for
// carnet_result_* or 0 when out of memory.
EMSCRIPTEN_KEEPALIVE void* carnet_render_markdown(const char* data, std::size_t size) {
  auto* r = new (std::nothrow) Result;
  if (!r) return nullptr;
  carnet::render_markdown(std::string_view(data, size), carnet::MarkdownOptions{}, r->html);
  return r;
}
EMSCRIPTEN_KEEPALIVE const char* carnet_result_data(void* r) { return static_cast<Result*>(r)->html.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t carnet_result_size(void* r) { return static_cast<Result*>(r)->html.size(); }
EMSCRIPTEN_KEEPALIVE void carnet_result_free(void* r) { delete static_cast<Result*>(r); }

}  // extern "C"

namespace {
// The search engine behind the worker: index bytes in (copied once from a heap buffer the
// caller filled), query strings in, result JSON out.
class Search {
 public:
  // Loads search-index.bin from `size` bytes at `ptr`. Returns "" or the error.
  std::string load(std::uintptr_t ptr, std::size_t size) {
    std::string error;
    auto index = carnet::SearchIndex::load(std::string_view(reinterpret_cast<const char*>(ptr), size), error);
    if (!index) return error;
    engine_ = std::make_unique<carnet::SearchEngine>(std::move(*index));
    return {};
  }
  // Gives the engine the article bodies (from bundle.json) for snippets and phrases.
  std::string set_bundle(const std::string& json) {
    if (!engine_) return "no index loaded";
    carnet::BundleLoad b = carnet::load_bundle(json);
    if (!b.bundle) return b.error;
    engine_->set_bodies(b.bundle->bodies);
    return {};
  }
  // `query` is a search route's query string ("q=…&tag=…"); returns the results JSON.
  std::string search(const std::string& query, int limit, const std::string& lang) const {
    if (!engine_) return R"({"error":"no index loaded"})";
    return engine_->search(carnet::parse_search_query(query), limit < 0 ? 0 : static_cast<std::size_t>(limit), lang)
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::size_t documents() const { return engine_ ? engine_->index().docs.size() : 0; }

 private:
  std::unique_ptr<carnet::SearchEngine> engine_;
};
}  // namespace

EMSCRIPTEN_BINDINGS(carnet) {
  emscripten::class_<Search>("Search")
      .constructor<>()
      .function("load", &Search::load)
      .function("setBundle", &Search::set_bundle)
      .function("search", &Search::search)
      .function("documents", &Search::documents);
  emscripten::class_<carnet::Viewer>("Viewer")
      .constructor<>()
      .function("load", emscripten::optional_override([](carnet::Viewer& v, const std::string& s) { return v.load(s); }))
      .function("view", emscripten::optional_override([](const carnet::Viewer& v, const std::string& h) { return v.view(h); }))
      .class_function("canonical", emscripten::optional_override([](const std::string& h) { return carnet::Viewer::canonical(h); }));
}
