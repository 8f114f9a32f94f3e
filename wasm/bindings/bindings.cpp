// The only file that knows about Emscripten: exposes the Viewer (JSON in/out, embind) and
// a byte-level Markdown entry point for hot paths (no std::string marshaling).
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "markdown.hpp"
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

EMSCRIPTEN_BINDINGS(carnet) {
  emscripten::class_<carnet::Viewer>("Viewer")
      .constructor<>()
      .function("load", emscripten::optional_override([](carnet::Viewer& v, const std::string& s) { return v.load(s); }))
      .function("view", emscripten::optional_override([](const carnet::Viewer& v, const std::string& h) { return v.view(h); }))
      .class_function("canonical", emscripten::optional_override([](const std::string& h) { return carnet::Viewer::canonical(h); }));
}
