// Properties every fuzz target asserts on what reaches a reader: the HTML Carnet produces is
// valid UTF-8, uses only the tags and attributes our renderers write, has every `<`, `>` and
// `&` of the content escaped, and carries no URL that safe_url would refuse.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "markdown.hpp"
#include "text.hpp"

namespace carnet_fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view context) {
  std::fprintf(stderr, "fuzz property violated: %s\n  near: %.*s\n", what,
               static_cast<int>(context.size() > 300 ? 300 : context.size()), context.data());
  std::abort();
}

#define FUZZ_CHECK(cond, context)                       \
  do {                                                  \
    if (!(cond)) ::carnet_fuzz::fail(#cond, (context)); \
  } while (0)

// A byte loop, not string_view's memcmp: libFuzzer intercepts every memcmp call, which made
// checking a 170 KB table of padded cells take over the 2 s timeout (the render: 0.9 ms).
inline bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

inline bool is_one_of(std::string_view s, std::initializer_list<std::string_view> list) {
  for (auto x : list)
    if (same(s, x)) return true;
  return false;
}

// The escapes append_html_escaped writes; anything else after '&' means unescaped content.
inline std::size_t entity_length(std::string_view s) {
  for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
    if (s.substr(0, e.size()) == e) return e.size();
  // A decimal character reference, as ASCII HTML writes every other character ("&#233;").
  std::size_t n = 2;
  while (n < s.size() && n < 9 && s[n] >= '0' && s[n] <= '9') ++n;
  return s.substr(0, 2) == "&#" && n > 2 && n < s.size() && s[n] == ';' ? n + 1 : 0;
}

inline std::string unescape_attribute(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size();) {
    const std::size_t n = v[i] == '&' ? entity_length(v.substr(i)) : 0;
    if (n == 0) {
      out += v[i++];
      continue;
    }
    const std::string_view e = v.substr(i, n);
    if (e[1] == '#' && e != "&#39;") {
      char32_t cp = 0;
      for (const char c : e.substr(2, e.size() - 3)) cp = cp * 10 + static_cast<char32_t>(c - '0');
      carnet::append_utf8(out, cp);
    } else {
      out += e == "&amp;" ? '&' : e == "&lt;" ? '<' : e == "&gt;" ? '>' : e == "&quot;" ? '"' : '\'';
    }
    i += n;
  }
  return out;
}

// Checks one fragment of HTML as written by render_markdown or the search snippets.
inline void check_html(std::string_view html) {
  FUZZ_CHECK(carnet::is_valid_utf8(html), html);
  FUZZ_CHECK(html.find('\0') == std::string_view::npos, html);
  std::size_t i = 0;
  const auto at_end = [&] { return i >= html.size(); };
  while (!at_end()) {
    const char c = html[i];
    if (c == '>') fail("unescaped '>' in text", html.substr(i > 60 ? i - 60 : 0));
    if (c == '&') {
      const std::size_t n = entity_length(html.substr(i));
      if (n == 0) fail("unescaped '&' in text", html.substr(i > 60 ? i - 60 : 0));
      i += n;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    const std::size_t tag_start = i++;
    const bool closing = !at_end() && html[i] == '/';
    if (closing) ++i;
    std::size_t b = i;
    while (!at_end() && ((html[i] >= 'a' && html[i] <= 'z') || (html[i] >= '1' && html[i] <= '6')))
      ++i;
    const std::string_view tag = html.substr(b, i - b);
    if (!is_one_of(tag, {"p",     "h1",    "h2",    "h3",    "h4", "h5",  "h6",   "blockquote",
                         "ul",    "ol",    "li",    "input", "hr", "pre", "code", "div",
                         "table", "thead", "tbody", "tr",    "th", "td",  "em",   "strong",
                         "u",     "a",     "img",   "del",   "br", "mark"}))
      fail("unexpected tag", html.substr(tag_start));
    for (;;) {
      while (!at_end() && html[i] == ' ') ++i;
      if (at_end()) fail("unterminated tag", html.substr(tag_start));
      if (html[i] == '>') {
        ++i;
        break;
      }
      b = i;
      while (!at_end() && ((html[i] >= 'a' && html[i] <= 'z') || html[i] == '-')) ++i;
      const std::string_view name = html.substr(b, i - b);
      if (name.empty() || closing) fail("malformed tag", html.substr(tag_start));
      if (!is_one_of(name, {"id", "class", "href", "rel", "title", "src", "alt", "loading",
                            "decoding", "data-blocked", "type", "disabled", "checked", "start"}))
        fail("unexpected attribute", html.substr(tag_start));
      if (at_end() || html[i] != '=') continue;  // a bare attribute ("disabled")
      if (++i >= html.size() || html[i] != '"')
        fail("unquoted attribute value", html.substr(tag_start));
      b = ++i;
      while (!at_end() && html[i] != '"') {
        if (html[i] == '<' || html[i] == '>')
          fail("raw < or > in an attribute", html.substr(tag_start));
        if (html[i] == '&' && entity_length(html.substr(i)) == 0)
          fail("unescaped '&' in an attribute", html.substr(tag_start));
        ++i;
      }
      if (at_end()) fail("unterminated attribute value", html.substr(tag_start));
      const std::string_view value = html.substr(b, i - b);
      ++i;
      if (name == "href" || name == "src") {
        const auto ctx = name == "src" ? carnet::UrlContext::Image : carnet::UrlContext::Link;
        if (!carnet::safe_url(unescape_attribute(value), ctx))
          fail("unsafe URL in the output", value);
      }
    }
  }
}

// Walks a view model or search result: HTML fields pass check_html, in-app links are hash
// routes, and outside URLs (author links, avatars, original.url) pass safe_url.
inline void check_json(const nlohmann::json& j) {
  if (j.is_array()) {
    for (const auto& v : j) check_json(v);
    return;
  }
  if (!j.is_object()) return;
  for (const auto& [key, v] : j.items()) {
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      const bool html =
          key == "html" || (key.size() > 5 && key.compare(key.size() - 5, 5, "_html") == 0);
      if (html) check_html(s);
      if (key.size() >= 4 && key.compare(key.size() - 4, 4, "href") == 0)
        FUZZ_CHECK(s.rfind("#/", 0) == 0, s);
      if ((key == "url" || key == "avatar") && !s.empty())
        FUZZ_CHECK(carnet::safe_url(
                       s, key == "avatar" ? carnet::UrlContext::Image : carnet::UrlContext::Link),
                   s);
    } else if (key == "more" && v.is_array()) {  // a long article's other pieces of HTML
      for (const auto& piece : v) check_html(piece.get_ref<const std::string&>());
    } else {
      check_json(v);
    }
  }
}

}  // namespace carnet_fuzz
