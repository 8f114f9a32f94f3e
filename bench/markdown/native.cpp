// The Markdown benchmark's native half (bench/markdown/bench.mjs builds and runs it): md4c's
// own HTML renderer (md4c-html, the ceiling) and Carnet's renderer (render_markdown), both
// natively, on the article set the JS half wrote (articles separated by NUL bytes).
//
//   carnet_markdown_bench SET_FILE --passes N   one JSON line per engine and pass:
//                                               {"engine","ns","bytes_in","bytes_out"}
//   carnet_markdown_bench SET_FILE --html ENGINE  the HTML of every article, NUL-separated
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "markdown.hpp"

extern "C" {
#include "md4c-html.h"
}

namespace {

// The same dialect as Carnet's renderer (markdown.cpp): GitHub's, raw HTML off.
constexpr unsigned kFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;

void append_output(const MD_CHAR* text, MD_SIZE size, void* out) {
  static_cast<std::string*>(out)->append(text, size);
}

// The HTML of one article, in `out` (reused from one call to the next, as a caller
// rendering many articles would).
std::string_view render(const std::string& engine, std::string_view md, std::string& out) {
  if (engine == "md4c-native") {
    out.clear();
    md_html(md.data(), static_cast<MD_SIZE>(md.size()), append_output, &out, kFlags, 0);
    return out;
  }
  carnet::MarkdownOptions options;  // as module.Markdown renders (wasm/bindings/bindings.cpp)
  options.count_words = false;
  options.ascii_html = true;
  options.known_utf8 = true;  // the JS call's bytes come from TextEncoder; the set file is valid UTF-8
  const std::size_t size = carnet::render_markdown_reusing(md, options, out);  // may move out's bytes
  return {out.data(), size};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || (std::strcmp(argv[2], "--passes") != 0 && std::strcmp(argv[2], "--html") != 0)) {
    std::fprintf(stderr, "usage: %s SET_FILE --passes N | --html md4c-native|carnet-native\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read\n", argv[1]);
    return 1;
  }
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string_view> articles;
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = all.find('\0', start);
    if (end == std::string::npos) end = all.size();
    articles.push_back(std::string_view(all).substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  if (std::strcmp(argv[2], "--html") == 0) {
    for (const auto md : articles) {
      const std::string_view html = render(argv[3], md, out);
      std::fwrite(html.data(), 1, html.size(), stdout);
      std::fputc('\0', stdout);
    }
    return 0;
  }
  const int passes = std::atoi(argv[3]);
  for (int p = 0; p < passes; ++p) {
    for (const std::string engine : {"md4c-native", "carnet-native"}) {
      std::size_t bytes_in = 0;
      std::size_t bytes_out = 0;
      const auto t0 = std::chrono::steady_clock::now();
      for (const auto md : articles) {
        bytes_in += md.size();
        bytes_out += render(engine, md, out).size();
      }
      const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
      std::printf("{\"engine\":\"%s\",\"ns\":%lld,\"bytes_in\":%zu,\"bytes_out\":%zu}\n", engine.c_str(),
                  static_cast<long long>(ns), bytes_in, bytes_out);
    }
  }
  return 0;
}
