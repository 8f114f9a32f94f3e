// Route parsing and formatting, with percent-decoding of path segments.
#include "router.hpp"

#include <vector>

#include "text.hpp"

namespace carnet {

namespace {

// A page number: 1..999999 without sign or leading zeros.
bool parse_page(std::string_view s, int& page) {
  if (s.empty() || s.size() > 6 || s[0] == '0') return false;
  int v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  page = v;
  return true;
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

Route not_found() { return Route{RouteKind::NotFound, {}, 1, {}}; }

}  // namespace

const char* route_kind_name(RouteKind kind) {
  switch (kind) {
    case RouteKind::Home: return "home";
    case RouteKind::Post: return "post";
    case RouteKind::Category: return "category";
    case RouteKind::Tag: return "tag";
    case RouteKind::Author: return "author";
    case RouteKind::Archive: return "archive";
    case RouteKind::Search: return "search";
    case RouteKind::NotFound: return "notfound";
  }
  return "notfound";
}

Route parse_route(std::string_view hash) {
  if (!hash.empty() && hash[0] == '#') hash.remove_prefix(1);
  if (hash.size() > 65536) return not_found();  // bounds the work; search words are capped further
  std::string_view anchor;
  if (const auto h = hash.find('#'); h != std::string_view::npos) {
    anchor = hash.substr(h + 1);
    hash = hash.substr(0, h);
  }
  std::string_view query;
  if (const auto q = hash.find('?'); q != std::string_view::npos) {
    query = hash.substr(q + 1);
    hash = hash.substr(0, q);
  }
  if (!hash.empty() && hash[0] != '/') return not_found();
  const auto parts = split_path(hash);

  Route r;
  if (parts.empty()) return r;  // "#/" and "": home, page 1
  const std::string_view head = parts[0];
  std::size_t next = 1;
  if (head == "page") {
    r.kind = RouteKind::Home;
    next = 0;  // "page/N" is parsed below as the list suffix
  } else if (head == "post" && parts.size() == 2) {
    r.kind = RouteKind::Post;
    r.slug = percent_decode(parts[1]);
    r.anchor = percent_decode(anchor);
    return r;
  } else if (head == "search" && parts.size() == 1) {
    r.kind = RouteKind::Search;
    r.search = parse_search_query(query);
    return r;
  } else if (head == "archive") {
    r.kind = RouteKind::Archive;  // "archive/page/N" is parsed below
  } else if ((head == "category" || head == "tag" || head == "author") && parts.size() >= 2) {
    r.kind = head == "category" ? RouteKind::Category : head == "tag" ? RouteKind::Tag : RouteKind::Author;
    r.slug = percent_decode(parts[1]);
    if (r.slug.empty()) return not_found();
    next = 2;
  } else {
    return not_found();
  }
  // Optional "/page/N" suffix on list routes; page 1 has no suffix in canonical form.
  if (parts.size() == next) return r;
  if (parts.size() == next + 2 && parts[next] == "page" && parse_page(parts[next + 1], r.page)) return r;
  return not_found();
}

namespace {
std::string format_path(const Route& r) {
  const std::string page = r.page > 1 ? "page/" + std::to_string(r.page) + "/" : "";
  switch (r.kind) {
    case RouteKind::Home: return page.empty() ? "./" : page;
    case RouteKind::Post: {
      std::string s = "post/" + percent_encode(r.slug) + "/";
      if (!r.anchor.empty()) s += "#" + percent_encode(r.anchor);
      return s;
    }
    case RouteKind::Category: return "category/" + percent_encode(r.slug) + "/" + page;
    case RouteKind::Tag: return "tag/" + percent_encode(r.slug) + "/" + page;
    case RouteKind::Author: return "author/" + percent_encode(r.slug) + "/" + page;
    case RouteKind::Archive: return "archive/" + page;
    case RouteKind::Search: {
      const std::string qs = format_search_query(r.search);
      return qs.empty() ? "search/" : "search/?" + qs;
    }
    case RouteKind::NotFound: return "404.html";
  }
  return "./";
}
}  // namespace

std::string format_link(const Route& route, const Links& links) {
  return links.prefix + (links.style == LinkStyle::Path ? format_path(route) : format_route(route));
}

LinkStyle link_style(std::string_view name) { return name == "path" ? LinkStyle::Path : LinkStyle::Hash; }

std::string format_route(const Route& r) {
  const std::string page = r.page > 1 ? "/page/" + std::to_string(r.page) : "";
  switch (r.kind) {
    case RouteKind::Home: return page.empty() ? "#/" : "#" + page;
    case RouteKind::Post: {
      std::string s = "#/post/" + percent_encode(r.slug);
      if (!r.anchor.empty()) s += "#" + percent_encode(r.anchor);
      return s;
    }
    case RouteKind::Category: return "#/category/" + percent_encode(r.slug) + page;
    case RouteKind::Tag: return "#/tag/" + percent_encode(r.slug) + page;
    case RouteKind::Author: return "#/author/" + percent_encode(r.slug) + page;
    case RouteKind::Archive: return "#/archive" + page;
    case RouteKind::Search: {
      const std::string qs = format_search_query(r.search);
      return qs.empty() ? "#/search" : "#/search?" + qs;
    }
    case RouteKind::NotFound: return "#/404";
  }
  return "#/";
}

}  // namespace carnet
