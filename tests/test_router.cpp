// Unit tests for router.hpp: hash parsing for every route kind and canonical formatting.
#include <catch2/catch.hpp>

#include <string>

#include "router.hpp"

using namespace carnet;

namespace {
Route route(RouteKind kind, std::string slug = {}, int page = 1, std::string anchor = {}) {
  return Route{kind, std::move(slug), page, std::move(anchor)};
}
}  // namespace

namespace Catch {
template <>
struct StringMaker<Route> {
  static std::string convert(const Route& r) {
    return std::string("{") + route_kind_name(r.kind) + " slug='" + r.slug +
           "' page=" + std::to_string(r.page) + " anchor='" + r.anchor + "'}";
  }
};
}  // namespace Catch

TEST_CASE("parse_route: home and its pages", "[router]") {
  CHECK(parse_route("") == route(RouteKind::Home));
  CHECK(parse_route("#") == route(RouteKind::Home));
  CHECK(parse_route("#/") == route(RouteKind::Home));
  CHECK(parse_route("/") == route(RouteKind::Home));
  CHECK(parse_route("#/page/2") == route(RouteKind::Home, "", 2));
  CHECK(parse_route("#/page/1") == route(RouteKind::Home, "", 1));
  CHECK(parse_route("#/page/999999") == route(RouteKind::Home, "", 999999));
  CHECK(parse_route("#/page/2/") == route(RouteKind::Home, "", 2));
  CHECK(parse_route("#/page/0").kind == RouteKind::NotFound);
  CHECK(parse_route("#/page/01").kind == RouteKind::NotFound);
  CHECK(parse_route("#/page/-1").kind == RouteKind::NotFound);
  CHECK(parse_route("#/page/+2").kind == RouteKind::NotFound);
  CHECK(parse_route("#/page/2x").kind == RouteKind::NotFound);
  CHECK(parse_route("#/page/1000000").kind == RouteKind::NotFound);
  CHECK(parse_route("#/page").kind == RouteKind::NotFound);
  CHECK(parse_route("#/page/2/3").kind == RouteKind::NotFound);
}

TEST_CASE("parse_route: posts, with anchors and percent-encoding", "[router]") {
  CHECK(parse_route("#/post/hello") == route(RouteKind::Post, "hello"));
  CHECK(parse_route("/post/hello") == route(RouteKind::Post, "hello"));
  CHECK(parse_route("#/post/hello#intro") == route(RouteKind::Post, "hello", 1, "intro"));
  CHECK(parse_route("#/post/hello#") == route(RouteKind::Post, "hello"));
  CHECK(parse_route("#/post/h%C3%A9llo") == route(RouteKind::Post, "h\xC3\xA9llo"));
  CHECK(parse_route("#/post/h%c3%a9llo") == route(RouteKind::Post, "h\xC3\xA9llo"));
  CHECK(parse_route("#/post/x#r%C3%A9sum%C3%A9") ==
        route(RouteKind::Post, "x", 1, "r\xC3\xA9sum\xC3\xA9"));
  CHECK(parse_route("#/post/100%25") == route(RouteKind::Post, "100%"));
  CHECK(parse_route("#/post/bad%zzescape") == route(RouteKind::Post, "bad%zzescape"));
  CHECK(parse_route("#/post/trailing%4") == route(RouteKind::Post, "trailing%4"));
  CHECK(parse_route("#/post/hello?utm_source=x") == route(RouteKind::Post, "hello"));
  CHECK(parse_route("#/post").kind == RouteKind::NotFound);
  CHECK(parse_route("#/post/").kind == RouteKind::NotFound);
  CHECK(parse_route("#/post/a/b").kind == RouteKind::NotFound);
}

TEST_CASE("parse_route: categories, tags, authors, archive", "[router]") {
  CHECK(parse_route("#/category/strategie") == route(RouteKind::Category, "strategie"));
  CHECK(parse_route("#/category/strategie/page/3") == route(RouteKind::Category, "strategie", 3));
  CHECK(parse_route("#/tag/x") == route(RouteKind::Tag, "x"));
  CHECK(parse_route("#/tag/seo/page/2") == route(RouteKind::Tag, "seo", 2));
  CHECK(parse_route("#/author/camille-durand") == route(RouteKind::Author, "camille-durand"));
  CHECK(parse_route("#/author/camille-durand/page/2") ==
        route(RouteKind::Author, "camille-durand", 2));
  CHECK(parse_route("#/archive") == route(RouteKind::Archive));
  CHECK(parse_route("#/archive/") == route(RouteKind::Archive));
  CHECK(parse_route("#/category/x#top") == route(RouteKind::Category, "x"));  // no anchor on lists
  CHECK(parse_route("#/category").kind == RouteKind::NotFound);
  CHECK(parse_route("#/category/strategie/page/0").kind == RouteKind::NotFound);
  CHECK(parse_route("#/category/strategie/3").kind == RouteKind::NotFound);
  CHECK(parse_route("#/tag/x/page").kind == RouteKind::NotFound);
  CHECK(parse_route("#/archive/page/2") == route(RouteKind::Archive, "", 2));  // a long archive's pages
  CHECK(parse_route("#/archive/2024").kind == RouteKind::NotFound);
  CHECK(parse_route("#/archive/page/0").kind == RouteKind::NotFound);
  CHECK(parse_route("#/archive/page/2/x").kind == RouteKind::NotFound);
}

TEST_CASE("parse_route: anything else is notfound", "[router]") {
  CHECK(parse_route("#/unknown") == route(RouteKind::NotFound));
  CHECK(parse_route("#/404").kind == RouteKind::NotFound);
  CHECK(parse_route("nohash").kind == RouteKind::NotFound);
  CHECK(parse_route("#post/hello").kind == RouteKind::NotFound);
  CHECK(parse_route("#/Post/hello").kind == RouteKind::NotFound);
  CHECK(parse_route("#/javascript:alert(1)").kind == RouteKind::NotFound);

  SECTION("over-long input") {
    const std::string slug(70000, 'a');
    CHECK(parse_route("#/post/" + slug) == route(RouteKind::NotFound));
    const std::string fits(4000, 'a');
    CHECK(parse_route("#/post/" + fits) == route(RouteKind::Post, fits));
  }
}

TEST_CASE("search routes carry their query", "[router]") {
  const Route r = parse_route("#/search?q=r%C3%A9seaux+sociaux&tag=seo&sort=date");
  CHECK(r.kind == RouteKind::Search);
  CHECK(r.search.q == "réseaux sociaux");
  CHECK(r.search.tags == std::vector<std::string>{"seo"});
  CHECK(format_route(r) == "#/search?q=r%C3%A9seaux+sociaux&tag=seo&sort=date");
  CHECK(parse_route(format_route(r)) == r);
  CHECK(format_route(parse_route("#/search")) == "#/search");
  CHECK(parse_route("#/search/x").kind == RouteKind::NotFound);
  // A very long query still opens the search page (its words are capped later).
  CHECK(parse_route("#/search?q=" + std::string(6000, 'a')).kind == RouteKind::Search);
}

TEST_CASE("format_route writes canonical hashes", "[router]") {
  CHECK(format_route(route(RouteKind::Home)) == "#/");
  CHECK(format_route(route(RouteKind::Home, "", 2)) == "#/page/2");
  CHECK(format_route(route(RouteKind::Post, "hello")) == "#/post/hello");
  CHECK(format_route(route(RouteKind::Post, "hello", 1, "intro")) == "#/post/hello#intro");
  CHECK(format_route(route(RouteKind::Post, "h\xC3\xA9llo")) == "#/post/h%C3%A9llo");
  CHECK(format_route(route(RouteKind::Post, "a/b c")) == "#/post/a%2Fb%20c");
  CHECK(format_route(route(RouteKind::Category, "strategie")) == "#/category/strategie");
  CHECK(format_route(route(RouteKind::Category, "strategie", 1)) == "#/category/strategie");
  CHECK(format_route(route(RouteKind::Category, "strategie", 3)) ==
        "#/category/strategie/page/3");
  CHECK(format_route(route(RouteKind::Tag, "x", 2)) == "#/tag/x/page/2");
  CHECK(format_route(route(RouteKind::Author, "camille-durand")) == "#/author/camille-durand");
  CHECK(format_route(route(RouteKind::Archive)) == "#/archive");
  CHECK(format_route(route(RouteKind::Archive, "", 3)) == "#/archive/page/3");
  CHECK(format_link(route(RouteKind::Archive, "", 3), Links{LinkStyle::Path, "../../"}) == "../../archive/page/3/");
  CHECK(format_route(route(RouteKind::NotFound)) == "#/404");

  SECTION("non-canonical input parses to the canonical form") {
    CHECK(format_route(parse_route("#/page/1")) == "#/");
    CHECK(format_route(parse_route("")) == "#/");
    CHECK(format_route(parse_route("/tag/x/page/1")) == "#/tag/x");
    CHECK(format_route(parse_route("#/post/h%c3%a9llo")) == "#/post/h%C3%A9llo");
    CHECK(format_route(parse_route("#/archive/")) == "#/archive");
    CHECK(format_route(parse_route("#/archive/page/1")) == "#/archive");
  }
}

TEST_CASE("format_route and parse_route round trip", "[router]") {
  const Route table[] = {
      route(RouteKind::Home),
      route(RouteKind::Home, "", 2),
      route(RouteKind::Home, "", 999999),
      route(RouteKind::Post, "hello"),
      route(RouteKind::Post, "hello", 1, "intro"),
      route(RouteKind::Post, "h\xC3\xA9llo", 1, "r\xC3\xA9sum\xC3\xA9-2"),
      route(RouteKind::Post, "odd slug/with#chars?%", 1, "a#b c"),
      route(RouteKind::Post, "v1.2_final~x"),
      route(RouteKind::Category, "strategie"),
      route(RouteKind::Category, "reseaux-sociaux", 3),
      route(RouteKind::Tag, "x"),
      route(RouteKind::Tag, "c++", 12),
      route(RouteKind::Author, "camille-durand"),
      route(RouteKind::Author, "camille-durand", 2),
      route(RouteKind::Archive),
      route(RouteKind::NotFound),
  };
  for (const Route& r : table) {
    const std::string hash = format_route(r);
    CAPTURE(hash);
    CHECK(parse_route(hash) == r);
    CHECK(format_route(parse_route(hash)) == hash);
  }
}

TEST_CASE("route_kind_name names every kind", "[router]") {
  CHECK(std::string(route_kind_name(RouteKind::Home)) == "home");
  CHECK(std::string(route_kind_name(RouteKind::Post)) == "post");
  CHECK(std::string(route_kind_name(RouteKind::Category)) == "category");
  CHECK(std::string(route_kind_name(RouteKind::Tag)) == "tag");
  CHECK(std::string(route_kind_name(RouteKind::Author)) == "author");
  CHECK(std::string(route_kind_name(RouteKind::Archive)) == "archive");
  CHECK(std::string(route_kind_name(RouteKind::NotFound)) == "notfound");
}
