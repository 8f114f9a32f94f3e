// Markdown -> safe HTML with md4c: GFM dialect, raw HTML escaped, unsafe URLs neutralised,
// an id on every heading (never one of the app's "carnet-…" ids), relative URLs resolved
// against the article's folder.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carnet {

struct Links;  // router.hpp

struct MarkdownOptions {
  // Folder that relative link/image targets are resolved against, e.g. "content/posts/2024/".
  // Empty: relative targets are kept as written.
  std::string base_dir;
  // Route that in-page anchors (`#section`) are rewritten under, e.g. "#/post/hello", so that
  // they keep working with hash routing. Empty: anchors are kept as written.
  std::string anchor_route;
  // Count the words of the text (MarkdownResult::words, for reading times). Off where only
  // the HTML is wanted: it is a pass over every character.
  bool count_words = true;
  // Collect the table of contents (MarkdownResult::toc); headings get their ids either way.
  bool toc = true;
  // When > 0: MarkdownResult::breaks lists where the output may be cut into whole top-level
  // blocks, at least this many bytes apart (huge articles are painted a piece at a time).
  std::size_t break_every = 0;
  // How links to app routes written in Markdown ("#/post/x") come out: as written when null,
  // otherwise re-formatted (clean paths for static pages and history mode).
  const Links* route_links = nullptr;
  // Intrinsic (width, height) of images by resolved URL (Bundle::image_sizes): an image found
  // there gets width and height attributes, so the page keeps its place before it loads.
  const std::map<std::string, std::pair<int, int>>* image_sizes = nullptr;
  // Write every non-ASCII character as a numeric character reference ("é" -> "&#233;"):
  // the same page for a browser, but JS makes a string of ASCII bytes ~100x faster than one
  // of multi-byte UTF-8 (measured in Node 20 and Chromium). The module's Markdown API sets it.
  bool ascii_html = false;
  // The caller guarantees the Markdown is valid UTF-8 (TextEncoder's output is): the UTF-8
  // check is skipped, NUL still comes out as U+FFFD (or %00 in a URL) but not in the table
  // of contents' text. Invalid bytes given anyway come out as U+FFFD with ascii_html, and as
  // they are otherwise.
  bool known_utf8 = false;
};

struct TocEntry {
  int level = 0;
  std::string id;
  std::string text;  // plain text of the heading
};

struct MarkdownResult {
  std::vector<TocEntry> toc;
  std::size_t words = 0;         // 0 unless options.count_words
  std::size_t blocked_urls = 0;  // links/images whose target was neutralised
  bool stopped = false;  // rendering stopped early: a table padded to millions of cells
  // Offsets in the sink (as passed to render_markdown) right after a top-level block, one
  // every options.break_every bytes or more: each piece between two is balanced HTML.
  std::vector<std::size_t> breaks;
};

// Renders `markdown` as HTML appended to `out` (the sink). Never throws on bad input:
// invalid UTF-8 is repaired, NUL becomes U+FFFD.
MarkdownResult render_markdown(std::string_view markdown, const MarkdownOptions& options,
                               std::string& out);

// The hot path's variant (module.Markdown): renders into `buffer` from its first byte and
// returns the HTML's size; the buffer keeps its size (at least the HTML's, the bytes after
// it stale), so that a buffer reused across calls is never zero-filled again as
// std::string::resize would (measured: 3% of the rendering).
std::size_t render_markdown_reusing(std::string_view markdown, const MarkdownOptions& options,
                                    std::string& buffer);

// Plain text of the whole document: block texts separated by newlines, markup dropped,
// entities decoded, code kept. For the search index and snippets.
std::string markdown_plain_text(std::string_view markdown);

// Plain text of the first paragraph (entities decoded, markup dropped), for summaries.
std::string first_paragraph_text(std::string_view markdown);

// A link or image of a Markdown text, for the builder's checks (missing files, alt text).
struct MarkdownReference {
  bool image = false;
  std::string target;     // as written, entities decoded
  bool has_text = false;  // an image's alt text / a link's text is not blank
  std::size_t line = 0;   // 1-based line of the target in the text (or of the link's text
                          // when the target had to be decoded); 0 when unknown
  std::size_t column = 0; // 1-based byte column of the target on that line; 0 when unknown
};

// Every link and image of `markdown`, in order. Autolinks are left out (their text is
// their target).
std::vector<MarkdownReference> markdown_references(std::string_view markdown);

// What a link or image target may become.
enum class UrlContext { Link, Image };

// The target as it may appear in the page, or nullopt when it must be neutralised
// (javascript:, vbscript:, data: other than raster images, unknown schemes). `url` is
// already entity-decoded. Control characters and spaces that browsers ignore are removed
// before the scheme is judged, so "java\tscript:" is caught too.
std::optional<std::string> safe_url(std::string_view url, UrlContext context);

}  // namespace carnet
