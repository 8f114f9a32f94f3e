// Hash routes <-> Route values. Every static host serves index.html for "#/..." URLs, so
// deep links survive a reload without rewrite rules.
#pragma once

#include <string>
#include <string_view>

#include "search_query.hpp"

namespace carnet {

enum class RouteKind { Home, Post, Category, Tag, Author, Archive, Search, NotFound };

struct Route {
  Route(RouteKind k = RouteKind::Home, std::string s = {}, int p = 1, std::string a = {}, SearchQuery q = {})
      : kind(k), slug(std::move(s)), page(p), anchor(std::move(a)), search(std::move(q)) {}
  RouteKind kind = RouteKind::Home;
  std::string slug;    // post slug, category/tag slug or author id (decoded)
  int page = 1;        // list pages: 1-based
  std::string anchor;  // "#/post/x#heading" -> "heading" (decoded)
  SearchQuery search;  // "#/search?q=…&tag=…"
  bool operator==(const Route& o) const {
    return kind == o.kind && slug == o.slug && page == o.page && anchor == o.anchor && search == o.search;
  }
};

// Parses "#/post/hello", "/tag/seo/page/2", "#/search?q=x", "" ... Anything unknown is
// RouteKind::NotFound.
Route parse_route(std::string_view hash);

// The canonical hash for a route ("#/", "#/page/2", "#/post/hello#intro").
// parse_route(format_route(r)) == r for every route that format_route accepts.
std::string format_route(const Route& route);

const char* route_kind_name(RouteKind kind);

}  // namespace carnet
