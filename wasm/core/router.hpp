// Routes <-> Route values. Routes are written in the hash ("#/post/x": every static host
// serves index.html for them) or, for static pages and history mode, as clean paths
// relative to the site root ("post/x/": each has its own static page, see LinkStyle).
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

// How a page writes its links to routes.
enum class LinkStyle {
  Hash,  // "#/post/x", "#/page/2": the route lives in the hash (the default viewer)
  Path,  // "post/x/", "page/2/", "./": clean paths relative to the site root, for static
         // pages and history mode (each page carries <base href> = the site root)
};

struct Links {
  LinkStyle style = LinkStyle::Hash;
  std::string prefix;  // put before every link, e.g. a site URL for an embedded viewer
};

// The link to a route in a given style: format_route(route) for Hash, and for Path:
// "./", "page/2/", "post/x/#heading", "category/x/page/2/", "archive/", "search/?q=…",
// "404.html". parse_route("/" + path) gives the route back.
std::string format_link(const Route& route, const Links& links);

// "hash" / "path" <-> LinkStyle (unknown names: Hash).
LinkStyle link_style(std::string_view name);

}  // namespace carnet
