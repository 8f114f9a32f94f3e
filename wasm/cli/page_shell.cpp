// Finds the slots of the shell once (by element id and a few landmarks), then fills pages
// by concatenation: thousands of pages cost one pass each.
#include "page_shell.hpp"

#include <algorithm>
#include <cctype>

#include "text.hpp"

namespace carnet {

namespace {

struct Edit {
  std::size_t begin;  // html[begin, end) is replaced by before + value + after
  std::size_t end;
  PageShell::Slot slot;
  std::string before;
  std::string after;
};

struct Tag {
  std::size_t begin = std::string_view::npos;  // '<'
  std::size_t end = 0;                         // just after '>'
  std::string name;
};

// The start tag around position `at` (inside it).
Tag tag_around(std::string_view html, std::size_t at) {
  Tag t;
  const std::size_t open = html.rfind('<', at);
  const std::size_t close = html.find('>', at);
  if (open == std::string_view::npos || close == std::string_view::npos) return t;
  t.begin = open;
  t.end = close + 1;
  std::size_t i = open + 1;
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-')) t.name += html[i++];
  return t;
}

// Replaces the value of attribute `name` of `tag`, or adds the attribute.
Edit attribute(std::string_view html, const Tag& tag, std::string_view name, PageShell::Slot slot) {
  const std::string needle = " " + std::string(name) + "=\"";
  const std::size_t at = html.substr(tag.begin, tag.end - tag.begin).find(needle);
  if (at != std::string_view::npos) {
    const std::size_t value = tag.begin + at + needle.size();
    const std::size_t quote = html.find('"', value);
    return {value, quote, slot, {}, {}};
  }
  const std::size_t insert = html[tag.end - 2] == '/' ? tag.end - 2 : tag.end - 1;
  return {insert, insert, slot, needle, "\""};
}

}  // namespace

std::optional<PageShell> PageShell::parse(std::string_view html, std::string& error) {
  std::vector<Edit> edits;
  auto fail = [&](const std::string& what) {
    error = "index.html: " + what + " (the web app's shell must keep it: static pages are filled in there)";
    return std::nullopt;
  };
  // <html lang=…> and extra attributes.
  const std::size_t html_at = html.find("<html");
  if (html_at == std::string_view::npos) return fail("no <html> element");
  const Tag html_tag = tag_around(html, html_at + 1);
  edits.push_back(attribute(html, html_tag, "lang", Slot::Lang));
  edits.push_back({html_tag.end - 1, html_tag.end - 1, Slot::HtmlData, {}, {}});
  // <base> right after <head>, before anything that holds a URL.
  const std::size_t head_at = html.find("<head>");
  if (head_at == std::string_view::npos) return fail("no <head> element");
  edits.push_back({head_at + 6, head_at + 6, Slot::Base, "\n<base href=\"", "\">"});
  const std::size_t title_at = html.find("<title>");
  const std::size_t title_end = html.find("</title>");
  if (title_at == std::string_view::npos || title_end == std::string_view::npos || title_end < title_at)
    return fail("no <title> element");
  edits.push_back({title_at + 7, title_end, Slot::Title, {}, {}});
  const std::size_t head_end = html.find("</head>");
  if (head_end == std::string_view::npos) return fail("no </head>");
  edits.push_back({head_end, head_end, Slot::Head, {}, {}});

  // Elements by id: an attribute, the children, or both.
  auto element = [&](const char* id, std::optional<Slot> content, const char* attr_name, Slot attr_slot) -> bool {
    const std::string needle = std::string(" id=\"") + id + "\"";
    const std::size_t at = html.find(needle);
    if (at == std::string_view::npos) return false;
    const Tag tag = tag_around(html, at + 1);
    if (tag.begin == std::string_view::npos || tag.name.empty()) return false;
    if (attr_name) edits.push_back(attribute(html, tag, attr_name, attr_slot));
    if (content) {
      const std::size_t close = html.find("</" + tag.name + ">", tag.end);
      if (close == std::string_view::npos) return false;
      edits.push_back({tag.end, close, *content, {}, {}});
    }
    return true;
  };
  struct Want {
    const char* id;
    std::optional<Slot> content;
    const char* attr;
    Slot attr_slot;
  };
  const Want wants[] = {
      {"carnet-skip", Slot::SkipText, "href", Slot::SkipHref},
      {"carnet-site-title", Slot::SiteTitle, "href", Slot::HomeHref},
      {"carnet-nav", Slot::Nav, "aria-label", Slot::NavLabel},
      {"carnet-q-label", Slot::SearchLabel, nullptr, Slot::SearchLabel},
      {"carnet-q", std::nullopt, "placeholder", Slot::SearchPlaceholder},
      {"carnet-main", Slot::Main, nullptr, Slot::Main},
      {"carnet-footer", Slot::Footer, nullptr, Slot::Footer},
  };
  for (const auto& w : wants)
    if (!element(w.id, w.content, w.attr, w.attr_slot)) return fail(std::string("no element with id '") + w.id + "'");

  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  PageShell shell;
  std::size_t pos = 0;
  for (const auto& e : edits) {
    if (e.begin < pos) return fail("overlapping slots near byte " + std::to_string(e.begin));
    shell.pieces_.push_back({std::string(html.substr(pos, e.begin - pos)) + e.before, e.slot, e.after});
    pos = e.end;
  }
  shell.pieces_.push_back({std::string(html.substr(pos)), std::nullopt, {}});
  return shell;
}

std::string PageShell::fill(const ShellFill& p) const {
  std::string out;
  out.reserve(p.main_html.size() + p.head.size() + 8192);
  for (const auto& piece : pieces_) {
    out += piece.literal;
    if (!piece.slot) continue;
    switch (*piece.slot) {
      case Slot::Lang: append_html_escaped(out, p.lang); break;
      case Slot::HtmlData: out += p.html_data; break;
      case Slot::Base: append_html_escaped(out, p.base); break;
      case Slot::Title: append_html_escaped(out, p.title); break;
      case Slot::Head: out += p.head; break;
      case Slot::SkipHref: append_html_escaped(out, p.skip_href); break;
      case Slot::SkipText: append_html_escaped(out, p.skip_text); break;
      case Slot::HomeHref: append_html_escaped(out, p.home_href); break;
      case Slot::SiteTitle: append_html_escaped(out, p.site_title); break;
      case Slot::NavLabel: append_html_escaped(out, p.nav_label); break;
      case Slot::Nav: out += p.nav_html; break;
      case Slot::SearchLabel: append_html_escaped(out, p.search_label); break;
      case Slot::SearchPlaceholder: append_html_escaped(out, p.search_placeholder); break;
      case Slot::Main: out += p.main_html; break;
      case Slot::Footer: append_html_escaped(out, p.footer); break;
    }
    out += piece.after;
  }
  return out;
}

}  // namespace carnet
