// Our HTML renderer on top of md4c's parser (md4c-html has no heading ids and never
// filters URLs). Modelled on md4c-html.c; output goes to a caller-owned string.
#include "markdown.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "entities.hpp"
#include "router.hpp"
#include "string_ids.hpp"
#include "text.hpp"

extern "C" {
#include "md4c.h"
}

// Code run once per link, entity or document rather than once per character: compiled for
// size in the wasm module, so that its hot path can stay -O3 within the module's budget
// (docs/wasm-size.md). Native builds (carnet-build, where markdown_plain_text is the search
// index's hot path) keep full optimisation whatever the compiler.
#if defined(__EMSCRIPTEN__)
#define CARNET_COLD __attribute__((minsize, noinline))
#else
#define CARNET_COLD
#endif

namespace carnet {

namespace {

// Raw HTML is parsed, so that comments can be told apart, but never passed through: see
// CommentFilter. kPlainTextFlags reads it all as text (a comment left open: see there).
constexpr unsigned kParserFlags = MD_DIALECT_GITHUB;
constexpr unsigned kPlainTextFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
// The parses of a document, in order: the second only after a comment left open.
constexpr unsigned kParses[] = {kParserFlags, kPlainTextFlags};

// Raw HTML (a tag in a paragraph, an HTML block's lines: md4c's MD_TEXT_HTML pieces) is
// shown as text, never as HTML, so content cannot inject markup; but its comments are
// dropped: "<!--more-->" excerpt marks and lint directives of posts written for other
// tools. feed() appends what is shown to `shown`. A comment may span pieces (lines); one
// still open when its HTML block ends would hide the rest of it, as in a browser, so the
// caller parses the document again with kPlainTextFlags instead. Any other block's end
// closes it (`<a title="<!--">` in a paragraph is a tag to md4c, not a comment).
struct CommentFilter {
  bool open = false;       // inside a comment
  bool left_open = false;  // an HTML block ended inside one: parse again (see above)

  // At the end of each block: false, to stop md4c, when an HTML block leaves a comment open.
  bool block_ends(MD_BLOCKTYPE type) {
    if (type == MD_BLOCK_HTML && open) {
      left_open = true;
      return false;
    }
    open = false;
    return true;
  }

  CARNET_COLD void feed(std::string_view s, std::string& shown) {
    while (!s.empty()) {
      if (open) {
        const std::size_t close = s.find("-->");
        if (close == std::string_view::npos) return;
        s.remove_prefix(close + 3);
        open = false;
        continue;
      }
      const std::size_t start = s.find("<!--");
      shown.append(s.substr(0, start));
      if (start == std::string_view::npos) return;
      s.remove_prefix(start + 4);
      if (s.substr(0, 1) == ">") s.remove_prefix(1);        // "<!-->", empty
      else if (s.substr(0, 2) == "->") s.remove_prefix(2);  // "<!--->", empty
      else open = true;
    }
  }
};

// md4c pads every table row to the header's column count (up to 128) with empty cells:
// 300 KB of one-character rows became 129 MB of "<td></td>" and took seconds. A real table
// needs at least two input bytes a cell, so past one cell per byte (or 16,384 cells) the
// renderer drops empty cells, and past four a parse stops there: md4c's own work per
// padded cell is then the cost. Every md4c pass here applies the same limit.
std::size_t cell_budget(std::size_t input_size) { return std::max<std::size_t>(input_size, 16384); }
std::size_t max_cells(std::size_t input_size) { return 4 * cell_budget(input_size); }

char to_lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (to_lower_ascii(s[i]) != prefix[i]) return false;
  return true;
}

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  return static_cast<unsigned>(to_lower_ascii(c) - 'a' + 10);
}

// Appends the UTF-8 text of an entity reference ("&amp;", "&#233;", "&#xE9;"); unknown
// named entities are kept verbatim, as CommonMark requires.
CARNET_COLD void append_entity(std::string& out, std::string_view e) {
  if (e.size() > 3 && e[1] == '#') {
    char32_t cp = 0;
    const bool hex = e[2] == 'x' || e[2] == 'X';
    for (std::size_t i = hex ? 3 : 2; i + 1 < e.size(); ++i) {
      cp = hex ? cp * 16 + hex_value(e[i]) : cp * 10 + static_cast<unsigned>(e[i] - '0');
      if (cp > 0x10FFFF) break;  // md4c bounds the digit count; keep the math bounded too
    }
    append_utf8(out, cp == 0 ? 0xFFFD : cp);
    return;
  }
  if (e.size() > 2 && append_named_entity(out, e.substr(1, e.size() - 2))) return;
  out.append(e);
}

// The decoded text of an md4c attribute (link target, title, code info string), into `out`.
CARNET_COLD void decode_attribute(const MD_ATTRIBUTE& attr, std::string& out) {
  out.clear();
  if (!attr.text) return;
  for (int i = 0; attr.substr_offsets[i] < attr.size; ++i) {
    const MD_OFFSET off = attr.substr_offsets[i];
    const std::string_view piece(attr.text + off, attr.substr_offsets[i + 1] - off);
    switch (attr.substr_types[i]) {
      case MD_TEXT_NULLCHAR: append_utf8(out, 0xFFFD); break;
      case MD_TEXT_ENTITY: append_entity(out, piece); break;
      default: out.append(piece); break;
    }
  }
}

std::string attribute_text(const MD_ATTRIBUTE& attr) {
  std::string out;
  decode_attribute(attr, out);
  return out;
}

// The same as a view: of md4c's input when the attribute is one plain piece (most link
// targets), else of `scratch`, which then holds the decoded text.
std::string_view attribute_view(const MD_ATTRIBUTE& attr, std::string& scratch) {
  if (attr.text && attr.size > 0 && attr.substr_offsets[1] >= attr.size && attr.substr_types[0] == MD_TEXT_NORMAL)
    return {attr.text, attr.size};
  decode_attribute(attr, scratch);
  return scratch;
}

// The HTML being written into a caller's std::string: a size and the string's own bytes,
// the string grown (doubling) only when full. Most appends are short literals ("<p>",
// "</li>\n") whose copy the compiler inlines; std::string::append would be an out-of-line
// libc++ call and a memcpy call each time (measured: a sixth of the time in wasm).
class Sink {
 public:
  // Writes after the string's first `start` bytes; the bytes after them are room to fill.
  Sink(std::string& s, std::size_t start) : s_(&s), size_(start) {}
  explicit Sink(std::string& s) : Sink(s, s.size()) {}
  void append(const char* p, std::size_t n) {
    if (n > s_->size() - size_) grow(n);
    char* to = s_->data() + size_;
    if (n <= 16) copy_short(to, p, n);
    else std::memcpy(to, p, n);
    size_ += n;
  }
  Sink& operator+=(std::string_view v) {
    append(v.data(), v.size());
    return *this;
  }
  Sink& operator+=(char c) {
    append(&c, 1);
    return *this;
  }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {s_->data(), size_}; }
  void truncate(std::size_t n) { size_ = n; }
  void reserve(std::size_t n) {
    if (n > s_->size() - size_) grow(n);
  }
  void append_escaped(std::string_view text, bool ascii_only) {  // append_html_escaped's
    while (!text.empty()) {
      reserve(html_escape_room(text.size()));
      char* to = s_->data() + size_;
      text.remove_prefix(write_html_escaped(to, text, ascii_only));
      size_ = static_cast<std::size_t>(to - s_->data());
    }
  }

 private:
  void grow(std::size_t n) { s_->resize(std::max(size_ + n, 2 * s_->size() + 256)); }
  // Most runs between two escapes are short: two overlapping word copies beat a
  // memory.copy, which engines run as a call (measured: 2.5 % of the Markdown call).
  static void copy_short(char* to, const char* from, std::size_t n) {
    if (n >= 8) {
      std::uint64_t a, b;
      std::memcpy(&a, from, 8);
      std::memcpy(&b, from + n - 8, 8);
      std::memcpy(to, &a, 8);
      std::memcpy(to + n - 8, &b, 8);
    } else if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, from, 4);
      std::memcpy(&b, from + n - 4, 4);
      std::memcpy(to, &a, 4);
      std::memcpy(to + n - 4, &b, 4);
    } else {
      for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    }
  }
  std::string* s_;
  std::size_t size_;
};

// Percent-encodes what may not stand raw in a URL attribute, then HTML-escapes `&`.
void append_url_escaped(Sink& out, std::string_view url) {
  static constexpr auto keep = [] {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = true;
    for (const unsigned char c : std::string_view("~-_.+!*(),%#@?=;:/$")) t[c] = true;
    return t;
  }();
  static const char hex[] = "0123456789ABCDEF";
  const char* run = url.data();
  const char* const end = run + url.size();
  for (const char* p = run; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (keep[c]) continue;
    out.append(run, static_cast<std::size_t>(p - run));
    if (c == '&') {
      out.append("&amp;", 5);
    } else {
      const char esc[3] = {'%', hex[c >> 4], hex[c & 0xF]};
      out.append(esc, 3);
    }
    run = p + 1;
  }
  out.append(run, static_cast<std::size_t>(end - run));
}

// "a/b/../c/./d" -> "a/c/d"; never climbs above the first segment ("../x" -> "x").
CARNET_COLD std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (seg != "." && !(seg.empty() && slash != path.size())) {
      parts.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out.append(parts[i]);
  }
  return out;
}

// safe_url without copies: a view of `url` itself (or of `scratch`, which then holds it
// without tabs and newlines).
CARNET_COLD std::optional<std::string_view> safe_url_view(std::string_view url, UrlContext context, std::string& scratch) {
  // Browsers drop leading/trailing C0 controls and spaces, and tabs/newlines anywhere.
  if (std::any_of(url.begin(), url.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; })) {
    scratch.clear();
    for (const char ch : url)
      if (ch != '\t' && ch != '\n' && ch != '\r') scratch += ch;
    url = scratch;
  }
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.remove_suffix(1);

  // A scheme is what comes before the first ':' that precedes any / ? #. Only the schemes
  // below pass (so anything else, including a scheme holding control characters, is refused).
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos ||
      std::any_of(url.begin(), url.begin() + colon, [](char c) { return c == '/' || c == '?' || c == '#'; }))
    return url;
  static constexpr std::string_view allowed[] = {"http", "https", "mailto", "tel", "ftp", "ftps", "sftp",
                                                  "irc", "ircs", "xmpp", "sms", "geo", "webcal", "magnet"};
  const std::string_view scheme = url.substr(0, colon);
  for (const std::string_view a : allowed)
    if (starts_with_ci(scheme, a) && scheme.size() == a.size()) return url;
  if (context == UrlContext::Image && starts_with_ci(scheme, "data") && scheme.size() == 4) {
    const std::string_view rest = url.substr(colon + 1);
    for (const std::string_view m : {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}) {
      if (starts_with_ci(rest, m) && rest.size() > m.size() && (rest[m.size()] == ';' || rest[m.size()] == ','))
        return url;
    }
  }
  return std::nullopt;
}

struct Renderer {
  const MarkdownOptions& options;
  Sink main_out;
  std::string heading_storage;
  Sink heading_buf{heading_storage};  // a heading renders here first: its id needs its text
  Sink* out = &main_out;       // main_out, or heading_buf inside a heading
  std::string heading_text;    // plain text of the current heading
  CommentFilter comments;      // in raw HTML
  bool in_html_block = false;
  bool html_block_shown = false;   // its <p> is written: it had more than comments
  std::string html_block_space;    // its blank pieces not written yet (none before or after the text)
  std::string raw_shown;           // what raw_html shows of a piece
  bool in_heading = false;
  int image_depth = 0;         // inside an image label only plain text goes out (into alt)
  std::string id_buf;          // the id of the heading being closed
  // Ids given so far, by string_hash: no string kept per heading. Two ids of one hash (one
  // chance in 2^64) would only give the second a suffix it did not need: ids stay unique.
  std::unordered_set<std::uint64_t> used_ids;
  // Last suffix tried per heading slug (by hash): a page of 17,000 identical headings stays
  // linear (trying "-1", "-2"... from 1 each time took 40 s on a 10 MB article).
  std::unordered_map<std::uint64_t, int> next_suffix;
  MarkdownResult result;
  WordCounter words;           // only with options.count_words
  // Table cells so far, against cell_budget() and max_cells() (see there).
  std::size_t cell_budget = 0;
  std::size_t max_cells = 0;
  std::size_t cells = 0;
  std::size_t cell_start = 0;    // output size before the current <td>
  std::size_t cell_content = 0;  // output size after it

  std::vector<MD_BLOCKTYPE> open_blocks;  // to close them when rendering stops early
  std::size_t last_break = 0;             // output size at the last break (options.break_every)

  void separate_words() { words.separate(); }

  Renderer(const MarkdownOptions& o, std::string& sink, std::size_t start)
      : options(o), main_out(sink, start), last_break(start) {}

  // Scratch strings of the link and image path, kept from one link to the next: most
  // targets need none of them (a view of md4c's input goes through), none allocates twice.
  std::string attr_buf;      // a decoded attribute (entities in it)
  std::string url_buf;       // a target without its tabs and newlines
  std::string resolved_buf;  // a target rewritten by resolve()

  // `url` as the page must link it: itself, or rewritten into resolved_buf.
  CARNET_COLD std::string_view resolve(std::string_view url) {
    if (url.empty()) return url;
    if (url[0] == '#') {
      if (url.size() > 1 && url[1] == '/') {  // an app route
        if (!options.route_links) return url;
        resolved_buf = format_link(parse_route(url), *options.route_links);
        return resolved_buf;
      }
      if (options.anchor_route.empty()) return url;
      resolved_buf.assign(options.anchor_route).append(url);
      return resolved_buf;
    }
    if (options.base_dir.empty() || url[0] == '/' || url[0] == '?') return url;
    // Scheme-bearing URLs ("https:", "mailto:", "data:") are absolute: keep them as written.
    const std::size_t colon = url.find(':');
    if (colon != std::string_view::npos && colon < url.find_first_of("/?#")) return url;
    // Relative to the article's folder.
    const std::size_t cut = url.find_first_of("?#");
    const std::string_view path = url.substr(0, cut);
    const std::string_view rest = cut == std::string_view::npos ? std::string_view() : url.substr(cut);
    resolved_buf = normalize_path(options.base_dir + std::string(path));
    resolved_buf.append(rest);
    // A relative target stays relative: "../../../javascript:alert(1)" climbs out of the
    // base folder, and a first segment with a colon would be read as a scheme (found by
    // fuzzing; a bundle's `assets` could smuggle one in too).
    const std::size_t scheme_end = resolved_buf.find(':');
    if (scheme_end != std::string::npos && scheme_end < resolved_buf.find_first_of("/?#")) resolved_buf.insert(0, "./");
    return resolved_buf;
  }

  void append_title(const MD_ATTRIBUTE& title) {
    out->append_escaped(attribute_view(title, attr_buf), options.ascii_html);
  }

  void open_link(const MD_SPAN_A_DETAIL& d) {
    const auto url = safe_url_view(attribute_view(d.href, attr_buf), UrlContext::Link, url_buf);
    if (!url) {
      ++result.blocked_urls;
      *out += "<a class=\"blocked-url\" data-blocked=\"unsafe-url\"";
    } else {
      const bool external = starts_with_ci(*url, "http:") || starts_with_ci(*url, "https:") ||
                            starts_with_ci(*url, "//");
      *out += "<a href=\"";
      append_url_escaped(*out, resolve(*url));
      *out += '"';
      if (external) *out += " rel=\"noopener noreferrer\"";
    }
    if (d.title.text) {
      *out += " title=\"";
      append_title(d.title);
      *out += '"';
    }
    *out += '>';
  }

  CARNET_COLD void open_image(const MD_SPAN_IMG_DETAIL& d) {
    const auto url = safe_url_view(attribute_view(d.src, attr_buf), UrlContext::Image, url_buf);
    if (!url) {
      ++result.blocked_urls;
      *out += "<img data-blocked=\"unsafe-url\" alt=\"";
    } else {
      const std::string_view src = resolve(*url);
      *out += "<img loading=\"lazy\" decoding=\"async\" src=\"";
      append_url_escaped(*out, src);
      *out += '"';
      append_image_size(src);
      *out += " alt=\"";
    }
  }

  // The size of a local image the bundle knows (by its path: a query or fragment aside,
  // percent-escapes decoded as the server will).
  CARNET_COLD void append_image_size(std::string_view src) {
    if (!options.image_sizes) return;
    const auto it = options.image_sizes->find(percent_decode(src.substr(0, src.find_first_of("?#"))));
    if (it == options.image_sizes->end()) return;
    *out += " width=\"";
    *out += std::to_string(it->second.first);
    *out += "\" height=\"";
    *out += std::to_string(it->second.second);
    *out += '"';
  }

  void close_image(const MD_SPAN_IMG_DETAIL& d) {
    if (d.title.text) {
      *out += "\" title=\"";
      append_title(d.title);
    }
    *out += "\">";
  }

  void start_heading() {
    in_heading = true;
    heading_buf.truncate(0);
    heading_text.clear();
    out = &heading_buf;
  }

  CARNET_COLD void end_heading(unsigned level) {
    out = &main_out;
    in_heading = false;
    std::string& id = id_buf;
    id.clear();
    append_slug(id, heading_text);
    if (id.empty()) id = "section";
    // "carnet-…" ids belong to the app (carnet-main, carnet-announcer...): a heading taking
    // one would be what getElementById finds instead of the app's element.
    if (id.compare(0, 7, "carnet-") == 0) id.insert(0, "section-");
    if (!used_ids.insert(string_hash(id)).second) {
      // A second "carnet" must not become "carnet-1" (found by fuzzing).
      if (id == "carnet") id.insert(0, "section-");
      // Suffixes below `n` were all taken when last tried, and ids are never released.
      const std::size_t base = id.size();
      int& n = next_suffix[string_hash(id)];
      do {
        id.resize(base);
        id += '-';
        id += std::to_string(++n);
      } while (!used_ids.insert(string_hash(id)).second);
    }
    const char lv = static_cast<char>('0' + level);
    *out += "<h";
    *out += lv;
    *out += " id=\"";
    *out += std::string_view(id);  // slugify output is [a-z0-9-]: nothing to escape
    *out += "\">";
    *out += heading_buf.view();
    *out += "</h";
    *out += lv;
    *out += ">\n";
    if (options.toc) result.toc.push_back({static_cast<int>(level), id, std::string(trim(heading_text))});
  }

  // Raw HTML (see CommentFilter): out of the callbacks' hot path.
  CARNET_COLD void raw_html(std::string_view s) {
    raw_shown.clear();
    comments.feed(s, raw_shown);
    std::string_view shown = raw_shown;
    if (in_html_block) {
      if (trim(shown).empty()) {  // blank: written only between two texts of the block
        if (html_block_shown) html_block_space.append(shown);
        return;
      }
      if (!html_block_shown) {
        *out += "<p>";
        html_block_shown = true;
        shown = trim(shown);  // the block's text starts here
      }
      html_block_space.append(shown);  // after the blank pieces before it
      shown = html_block_space;
    }
    text(shown);
    html_block_space.clear();
  }

  // Text that is both shown and counted (and, in a heading, becomes its id and TOC entry).
  void text(std::string_view s) {
    out->append_escaped(s, options.ascii_html);
    if (options.count_words) words.feed(s);
    if (in_heading) heading_text.append(s);
  }
};

// The tags of blocks and spans that need no detail, by md4c's type (one append site each
// way keeps the module small). Blocks: DOC QUOTE UL OL LI HR H CODE HTML P TABLE THEAD TBODY
// TR TH TD; spans: EM STRONG A IMG CODE DEL LATEXMATH LATEXMATH_DISPLAY WIKILINK U.
constexpr std::string_view kBlockOpen[] = {"", "<blockquote>\n", "<ul>\n", "", "", "<hr>\n", "", "", "", "<p>",
                                           "<div class=\"table-wrap\"><table>\n", "<thead>\n", "<tbody>\n",
                                           "<tr>\n", "", ""};
constexpr std::string_view kBlockClose[] = {"", "</blockquote>\n", "</ul>\n", "</ol>\n", "</li>\n", "", "",
                                            "</code></pre>\n", "", "</p>\n", "</table></div>\n", "</thead>\n",
                                            "</tbody>\n", "</tr>\n", "</th>\n", "</td>\n"};
constexpr std::string_view kSpanOpen[] = {"<em>", "<strong>", "", "", "<code>", "<del>", "", "", "", "<u>"};
constexpr std::string_view kSpanClose[] = {"</em>", "</strong>", "</a>", "", "</code>", "</del>", "", "", "", "</u>"};
static_assert(MD_BLOCK_TD == 15 && MD_SPAN_U == 9, "md4c's block and span types changed");

int enter_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  Sink& o = *r.out;
  if (type == MD_BLOCK_TD && r.cells >= r.max_cells) {
    r.result.stopped = true;
    return 1;  // md4c stops parsing; render_markdown closes what is open
  }
  r.open_blocks.push_back(type);
  r.separate_words();  // block boundaries separate words (tight list items, cells have no <p>)
  switch (type) {
    case MD_BLOCK_HTML:  // its <p>, if any, when its text comes (raw_html)
      r.in_html_block = true;
      r.html_block_shown = false;
      r.html_block_space.clear();
      break;
    case MD_BLOCK_OL: {
      const auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
      if (d->start == 1) o += "<ol>\n";
      else o += "<ol start=\"" + std::to_string(d->start) + "\">\n";
      break;
    }
    case MD_BLOCK_LI: {
      const auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
      if (d->is_task) {
        o += "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled";
        if (d->task_mark == 'x' || d->task_mark == 'X') o += " checked";
        o += '>';
      } else {
        o += "<li>";
      }
      break;
    }
    case MD_BLOCK_H: r.start_heading(); break;
    case MD_BLOCK_CODE: {
      const auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
      o += "<pre><code";
      if (d->lang.text) {
        std::string lang = attribute_text(d->lang);
        o += " class=\"";
        if (lang.compare(0, 9, "language-") != 0) o += "language-";
        o.append_escaped(lang, r.options.ascii_html);
        o += '"';
      }
      o += '>';
      break;
    }
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
      const auto* d = static_cast<MD_BLOCK_TD_DETAIL*>(detail);
      ++r.cells;
      r.cell_start = o.size();
      o += type == MD_BLOCK_TH ? "<th" : "<td";
      switch (d->align) {
        case MD_ALIGN_LEFT: o += " class=\"align-left\""; break;
        case MD_ALIGN_CENTER: o += " class=\"align-center\""; break;
        case MD_ALIGN_RIGHT: o += " class=\"align-right\""; break;
        default: break;
      }
      o += '>';
      r.cell_content = o.size();
      break;
    }
    default: o += kBlockOpen[type]; break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  Sink& o = *r.out;
  r.open_blocks.pop_back();
  if (!r.comments.block_ends(type)) return 1;  // a comment left open: render_from starts again
  switch (type) {
    case MD_BLOCK_H: r.end_heading(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level); break;
    case MD_BLOCK_HTML:
      if (r.html_block_shown) o += "</p>\n";
      r.in_html_block = false;
      break;
    case MD_BLOCK_TD:
      if (r.cells > r.cell_budget && o.size() == r.cell_content) o.truncate(r.cell_start);
      else o += kBlockClose[type];
      break;
    default: o += kBlockClose[type]; break;
  }
  if (type == MD_BLOCK_H || type == MD_BLOCK_P || type == MD_BLOCK_TD) r.separate_words();
  // A top-level block just ended (only the document is open): a place to cut the output.
  const std::size_t at = r.main_out.size();  // a heading has just been moved there from its buffer
  if (r.options.break_every && r.open_blocks.size() == 1 && at - r.last_break >= r.options.break_every) {
    r.result.breaks.push_back(at);
    r.last_break = at;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  const bool inside_image = r.image_depth > 0;
  if (type == MD_SPAN_IMG) ++r.image_depth;
  if (inside_image) return 0;
  switch (type) {
    case MD_SPAN_A: r.open_link(*static_cast<MD_SPAN_A_DETAIL*>(detail)); break;
    case MD_SPAN_IMG: r.open_image(*static_cast<MD_SPAN_IMG_DETAIL*>(detail)); break;
    default: *r.out += kSpanOpen[type]; break;  // LaTeX and wiki links are not enabled: ""
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  if (type == MD_SPAN_IMG) --r.image_depth;
  if (r.image_depth > 0) return 0;
  if (type == MD_SPAN_IMG) r.close_image(*static_cast<MD_SPAN_IMG_DETAIL*>(detail));
  else *r.out += kSpanClose[type];
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  const std::string_view s(text, size);
  switch (type) {
    case MD_TEXT_NULLCHAR: r.text("\xEF\xBF\xBD"); break;
    case MD_TEXT_BR: *r.out += r.image_depth ? " " : "<br>\n"; r.separate_words(); break;
    case MD_TEXT_SOFTBR:
      *r.out += r.image_depth ? ' ' : '\n';
      r.separate_words();
      if (r.in_heading) r.heading_text += ' ';
      break;
    case MD_TEXT_ENTITY: {
      std::string decoded;
      append_entity(decoded, s);
      r.text(decoded);
      break;
    }
    case MD_TEXT_HTML: r.raw_html(s); break;
    default: r.text(s); break;  // normal and code
  }
  return 0;
}

template <typename Fn>
void with_valid_utf8(std::string_view input, Fn&& fn, bool known_utf8 = false) {
  // Strip a UTF-8 byte order mark, repair invalid bytes (a copy only when needed). NUL is
  // valid UTF-8 but md4c passes it through raw inside code blocks (found by fuzzing):
  // repair_utf8 makes it U+FFFD too. Text known to be UTF-8 goes as it is, without a pass
  // over it for NUL: the renderer writes every NUL that reaches it as U+FFFD
  // (append_html_escaped) or %00 (append_url_escaped).
  if (input.size() >= 3 && input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  if (known_utf8 || is_valid_utf8_text(input)) {
    fn(input);
  } else {
    const std::string repaired = repair_utf8(input);
    fn(std::string_view(repaired));
  }
}

}  // namespace

std::optional<std::string> safe_url(std::string_view url, UrlContext context) {
  std::string scratch;
  const auto safe = safe_url_view(url, context, scratch);
  if (!safe) return std::nullopt;
  return std::string(*safe);
}

namespace {
// Renders into `out` from byte `start` on; returns the result and the HTML's end.
std::pair<MarkdownResult, std::size_t> render_from(std::string_view markdown, const MarkdownOptions& options,
                                                   std::string& out, std::size_t start) {
  std::pair<MarkdownResult, std::size_t> done;
  with_valid_utf8(markdown, [&](std::string_view input) {
    for (const unsigned flags : kParses) {
      Renderer r(options, out, start);
      r.cell_budget = cell_budget(markdown.size());
      r.max_cells = max_cells(markdown.size());
      MD_PARSER parser{};
      parser.flags = flags;
      parser.enter_block = enter_block;
      parser.leave_block = leave_block;
      parser.enter_span = enter_span;
      parser.leave_span = leave_span;
      parser.text = on_text;
      r.main_out.reserve(input.size() + input.size() / 4);
      md_parse(input.data(), static_cast<MD_SIZE>(input.size()), &parser, &r);
      if (r.comments.left_open) continue;
      if (r.in_heading) r.main_out += r.heading_buf.view();  // parser aborted mid-heading (out of memory)
      r.result.words = r.words.words();
      if (r.result.stopped) {
        // Stopped at a table cell: only containers are open (no heading, span or image).
        const std::vector<MD_BLOCKTYPE> open(r.open_blocks);
        for (auto it = open.rbegin(); it != open.rend(); ++it) leave_block(*it, nullptr, &r);
      }
      done = {std::move(r.result), r.main_out.size()};
      return;
    }
  }, options.known_utf8);
  return done;
}
}  // namespace

MarkdownResult render_markdown(std::string_view markdown, const MarkdownOptions& options,
                               std::string& out) {
  auto [result, end] = render_from(markdown, options, out, out.size());
  out.resize(end);
  return std::move(result);
}

std::size_t render_markdown_reusing(std::string_view markdown, const MarkdownOptions& options,
                                    std::string& buffer) {
  return render_from(markdown, options, buffer, 0).second;
}

namespace {
struct ParagraphCollector {
  std::string text;
  CommentFilter comments;
  int depth = 0;  // > 0 inside the first paragraph
  bool done = false;
  std::size_t cells = 0;
  std::size_t max_cells = 0;
};
}  // namespace

CARNET_COLD std::string markdown_plain_text(std::string_view markdown) {
  struct PlainText {
    std::string text;
    CommentFilter comments;
    std::size_t cells = 0;
    std::size_t max_cells = 0;
  };
  MD_PARSER parser{};
  // Every block boundary is a line break, so words of adjacent blocks never merge.
  parser.enter_block = [](MD_BLOCKTYPE type, void*, void* u) {
    auto& pt = *static_cast<PlainText*>(u);
    if (type == MD_BLOCK_TD && ++pt.cells > pt.max_cells) return 1;
    if (!pt.text.empty() && pt.text.back() != '\n') pt.text += '\n';
    return 0;
  };
  parser.leave_block = [](MD_BLOCKTYPE type, void*, void* u) {
    auto& pt = *static_cast<PlainText*>(u);
    if (!pt.comments.block_ends(type)) return 1;  // parsed again as plain text
    if (!pt.text.empty() && pt.text.back() != '\n') pt.text += '\n';
    return 0;
  };
  parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.text = [](MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE n, void* u) {
    auto& pt = *static_cast<PlainText*>(u);
    auto& t = pt.text;
    switch (type) {
      case MD_TEXT_NULLCHAR: break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR: t += ' '; break;
      case MD_TEXT_ENTITY: append_entity(t, std::string_view(s, n)); break;
      case MD_TEXT_HTML: {
        const std::size_t before = t.size();
        pt.comments.feed(std::string_view(s, n), t);
        if (trim(std::string_view(t).substr(before)).empty() && (before == 0 || t[before - 1] == '\n'))
          t.resize(before);  // no blank lines
        break;
      }
      default: t.append(s, n); break;
    }
    return 0;
  };
  std::string text;
  with_valid_utf8(markdown, [&](std::string_view input) {
    for (const unsigned flags : kParses) {
      PlainText p;
      p.max_cells = max_cells(markdown.size());
      p.text.reserve(input.size());
      parser.flags = flags;
      md_parse(input.data(), static_cast<MD_SIZE>(input.size()), &parser, &p);
      if (p.comments.left_open) continue;
      text = std::move(p.text);
      return;
    }
  });
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

CARNET_COLD std::string first_paragraph_text(std::string_view markdown) {
  MD_PARSER parser{};
  parser.enter_block = [](MD_BLOCKTYPE t, void*, void* u) {
    auto& pc = *static_cast<ParagraphCollector*>(u);
    if (t == MD_BLOCK_TD && ++pc.cells > pc.max_cells) return 1;
    if (t == MD_BLOCK_P) ++pc.depth;
    return 0;
  };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) {
    auto& pc = *static_cast<ParagraphCollector*>(u);
    if (!pc.comments.block_ends(t)) return 1;  // parsed again as plain text
    if (t == MD_BLOCK_P && --pc.depth == 0 && !trim(pc.text).empty()) {
      pc.done = true;
      return 1;  // stop parsing: we have what we need
    }
    return 0;
  };
  parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    auto& pc = *static_cast<ParagraphCollector*>(u);
    if (t == MD_TEXT_HTML) {  // an HTML block is no paragraph, but its comments are followed
      const std::size_t before = pc.text.size();
      pc.comments.feed(std::string_view(s, n), pc.text);
      if (pc.depth == 0) pc.text.resize(before);
      return 0;
    }
    if (pc.depth == 0) return 0;
    switch (t) {
      case MD_TEXT_NULLCHAR: break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR: pc.text += ' '; break;
      case MD_TEXT_ENTITY: append_entity(pc.text, std::string_view(s, n)); break;
      default: pc.text.append(s, n); break;
    }
    return 0;
  };
  std::string text;
  with_valid_utf8(markdown, [&](std::string_view input) {
    for (const unsigned flags : kParses) {
      ParagraphCollector c;
      c.max_cells = max_cells(markdown.size());
      parser.flags = flags;
      md_parse(input.data(), static_cast<MD_SIZE>(input.size()), &parser, &c);
      if (c.comments.left_open) continue;
      text = trim(c.text);
      return;
    }
  });
  return text;
}

namespace {
struct ReferenceCollector {
  std::string_view input;
  std::vector<MarkdownReference> refs;
  std::vector<std::size_t> open;  // indexes in refs of the links/images being read
  std::size_t cells = 0;
  std::size_t max_cells = 0;
  // Offsets of the input's line feeds, found at the first link: a line number is then a
  // binary search, not a count from the top (a folder of changelogs, thousands of links
  // each, spent 7.5 s of its 8.8 s build counting).
  std::vector<std::size_t> newlines;
  bool indexed = false;

  // The 1-based line and column of the input's byte `at`.
  std::pair<std::size_t, std::size_t> place(std::size_t at) {
    if (!indexed) {
      for (std::size_t i = input.find('\n'); i != std::string_view::npos; i = input.find('\n', i + 1))
        newlines.push_back(i);
      indexed = true;
    }
    const auto after = std::lower_bound(newlines.begin(), newlines.end(), at);  // first at or after `at`
    const std::size_t line = 1 + static_cast<std::size_t>(after - newlines.begin());
    return {line, after == newlines.begin() ? at + 1 : at - *(after - 1)};
  }

  bool in_input(const char* p) const { return p >= input.data() && p < input.data() + input.size(); }

  void enter(bool image, const MD_ATTRIBUTE& target) {
    MarkdownReference r;
    r.image = image;
    r.target = attribute_text(target);
    // md4c points an inline target into the text itself: its place gives the line.
    if (in_input(target.text)) std::tie(r.line, r.column) = place(static_cast<std::size_t>(target.text - input.data()));
    open.push_back(refs.size());
    refs.push_back(std::move(r));
  }
};
}  // namespace

CARNET_COLD std::vector<MarkdownReference> markdown_references(std::string_view markdown) {
  ReferenceCollector c;
  c.max_cells = max_cells(markdown.size());
  MD_PARSER parser{};
  parser.flags = kParserFlags;
  parser.enter_block = [](MD_BLOCKTYPE t, void*, void* u) {
    auto& rc = *static_cast<ReferenceCollector*>(u);
    return t == MD_BLOCK_TD && ++rc.cells > rc.max_cells ? 1 : 0;
  };
  parser.leave_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
  parser.enter_span = [](MD_SPANTYPE t, void* detail, void* u) {
    auto& rc = *static_cast<ReferenceCollector*>(u);
    if (t == MD_SPAN_IMG) {
      rc.enter(true, static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src);
    } else if (t == MD_SPAN_A) {
      const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
      if (a->is_autolink) rc.open.push_back(SIZE_MAX);
      else rc.enter(false, a->href);
    }
    return 0;
  };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) {
    auto& rc = *static_cast<ReferenceCollector*>(u);
    if ((t == MD_SPAN_IMG || t == MD_SPAN_A) && !rc.open.empty()) rc.open.pop_back();
    return 0;
  };
  parser.text = [](MD_TEXTTYPE, const MD_CHAR* s, MD_SIZE n, void* u) {
    auto& rc = *static_cast<ReferenceCollector*>(u);
    const bool blank = trim(std::string_view(s, n)).empty();
    const bool in_input = rc.in_input(s);
    for (std::size_t i : rc.open) {
      if (i == SIZE_MAX) continue;
      MarkdownReference& r = rc.refs[i];
      if (!blank) r.has_text = true;
      // A target md4c had to decode is not in the text: its link's text gives the line.
      if (r.line == 0 && in_input) r.line = rc.place(static_cast<std::size_t>(s - rc.input.data())).first;
    }
    return 0;
  };
  with_valid_utf8(markdown, [&](std::string_view input) {
    c.input = input;
    md_parse(input.data(), static_cast<MD_SIZE>(input.size()), &parser, &c);
  });
  return std::move(c.refs);
}

}  // namespace carnet
