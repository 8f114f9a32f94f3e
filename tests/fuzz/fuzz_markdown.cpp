// Fuzz target: the Markdown wrapper (render_markdown, markdown_plain_text,
// first_paragraph_text). Any input gives safe, valid, bounded HTML and valid plain text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "markdown.hpp"
#include "text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view md(reinterpret_cast<const char*>(data), size);
  carnet::MarkdownOptions options;
  options.base_dir = "assets/posts/2024/";
  options.anchor_route = "#/post/fuzz";
  options.break_every = 64;
  std::string html;
  const carnet::MarkdownResult r = carnet::render_markdown(md, options, html);
  carnet_fuzz::check_html(html);
  // Breaks: increasing, 64 bytes apart or more, each after a block's newline and before a tag.
  std::size_t last = 0;
  for (const std::size_t b : r.breaks) {
    FUZZ_CHECK(b >= last + 64 && b <= html.size(), html);
    FUZZ_CHECK(html[b - 1] == '\n' && (b == html.size() || html[b] == '<'), html.substr(b - 1, 40));
    last = b;
  }
  // md4c caps link reference expansion at 16x; padded table cells are budgeted (markdown.cpp).
  FUZZ_CHECK(html.size() <= 32 * size + (2u << 20), html);
  for (const auto& t : r.toc) {
    FUZZ_CHECK(carnet::is_valid_utf8(t.text), t.text);
    FUZZ_CHECK(!t.id.empty() && t.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
                                    std::string::npos,
               t.id);
    FUZZ_CHECK(t.id.compare(0, 7, "carnet-") != 0, t.id);  // the app's own ids
  }
  // Without options: relative URLs are kept as written, and still never unsafe.
  std::string bare;
  carnet::render_markdown(md, {}, bare);
  carnet_fuzz::check_html(bare);
  // The module's Markdown call (bindings.cpp): TextEncoder's bytes, so valid UTF-8 taken on
  // trust (NUL included: no pass repairs it first), ASCII HTML out, no TOC, into a reused
  // buffer.
  if (carnet::is_valid_utf8(md)) {
    carnet::MarkdownOptions module;
    module.count_words = false;
    module.toc = false;
    module.ascii_html = true;
    module.known_utf8 = true;
    static std::string buffer;
    const std::size_t n = carnet::render_markdown_reusing(md, module, buffer);
    const std::string_view out(buffer.data(), n);
    carnet_fuzz::check_html(out);
    for (const char c : out) FUZZ_CHECK(static_cast<unsigned char>(c) < 0x80, out);
  }

  const std::string plain = carnet::markdown_plain_text(md);
  FUZZ_CHECK(carnet::is_valid_utf8(plain), plain);
  const std::string first = carnet::first_paragraph_text(md);
  FUZZ_CHECK(carnet::is_valid_utf8(first), first);
  return 0;
}
