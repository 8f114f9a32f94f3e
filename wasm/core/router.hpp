// Hash routes <-> Route values. Every static host serves index.html for "#/..." URLs, so
// deep links survive a reload without rewrite rules.
#pragma once

#include <string>
#include <string_view>

namespace carnet {

enum class RouteKind { Home, Post, Category, Tag, Author, Archive, NotFound };

struct Route {
  RouteKind kind = RouteKind::Home;
  std::string slug;    // post slug, category/tag slug or author id (decoded)
  int page = 1;        // list pages: 1-based
  std::string anchor;  // "#/post/x#heading" -> "heading" (decoded)
  bool operator==(const Route& o) const {
    return kind == o.kind && slug == o.slug && page == o.page && anchor == o.anchor;
  }
};

// Parses "#/post/hello", "/tag/seo/page/2", "" ... Anything unknown is RouteKind::NotFound.
Route parse_route(std::string_view hash);

// The canonical hash for a route ("#/", "#/page/2", "#/post/hello#intro").
// parse_route(format_route(r)) == r for every route that format_route accepts.
std::string format_route(const Route& route);

const char* route_kind_name(RouteKind kind);

}  // namespace carnet
