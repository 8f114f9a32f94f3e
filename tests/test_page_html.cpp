// Unit tests for page_html.hpp (the one HTML renderer of page views) and the link styles of
// router.hpp/views.hpp: hostile text always comes out escaped, links follow the style.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "page_html.hpp"
#include "router.hpp"
#include "text.hpp"
#include "viewer.hpp"
#include "views.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

const std::string kEvil = "<script>alert(1)</script>\"'&";
const std::string kEvilEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";
const Links kHash{};
const Links kPath{LinkStyle::Path, {}};

Bundle hostile_bundle() {
  Bundle b;
  b.site = {"Site " + kEvil, "Desc " + kEvil, "fr", "", "hash"};
  Author evil{"evil", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
              {{"Home " + kEvil, "https://evil.example/\"><script>"}, {"js", "javascript:alert(2)"}},
              "Bio <b onclick=x>raw</b> [x](javascript:alert(3))"};
  b.authors.emplace("evil", evil);
  Article a;
  a.slug = "first";
  a.title = "Title " + kEvil;
  a.date = {2024, 3, 14};
  a.author = "evil";
  a.category = "Cat " + kEvil;
  a.tags = {"\"><svg onload=alert(1)>", "seo"};
  a.lang = "fr";
  a.summary = "Summary " + kEvil;
  a.original = Original{"Name " + kEvil, "https://orig.example/a?b=\"><script>x</script>"};
  a.words = 100;
  Article b2 = a;
  b2.slug = "second";
  b2.title = "Second";
  b2.date = {2024, 3, 1};
  b2.original.reset();
  b2.tags = {};
  b2.lang = "fr\" onmouseover=\"x";
  b.articles = {a, b2};
  sort_articles(b.articles);
  b.bodies["first"] = "Text <script>alert(9)</script>\n\n## Part one\n\n## Part two\n\n"
                      "[next](#/post/second) [anchor](#part-two)\n";
  b.bodies["second"] = "Body.";
  return b;
}

std::string main_html(const Bundle& b, const char* route, const Links& links = {}) {
  std::string out;
  render_main_html(build_view(b, parse_route(route), links), out);
  return out;
}

std::string nav_html(const Bundle& b, const char* route, const Links& links = {}) {
  std::string out;
  render_nav_html(build_view(b, parse_route(route), links), out);
  return out;
}

// No hostile markup got through as markup.
void check_no_injection(const std::string& html) {
  INFO(html);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img src=x") == std::string::npos);
  CHECK(html.find("<svg") == std::string::npos);
  CHECK(html.find("<b onclick") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("\" onmouseover=") == std::string::npos);
}

}  // namespace

TEST_CASE("format_link: hash and clean-path forms of every route kind", "[router][links]") {
  const auto path = [](const char* route) { return format_link(parse_route(route), kPath); };
  CHECK(path("#/") == "./");
  CHECK(path("#/page/2") == "page/2/");
  CHECK(path("#/post/hello") == "post/hello/");
  CHECK(path("#/post/hello#intro") == "post/hello/#intro");
  CHECK(path("#/category/seo") == "category/seo/");
  CHECK(path("#/category/seo/page/3") == "category/seo/page/3/");
  CHECK(path("#/tag/a-b/page/2") == "tag/a-b/page/2/");
  CHECK(path("#/author/camille") == "author/camille/");
  CHECK(path("#/author/%C3%A9lise") == "author/%C3%A9lise/");
  CHECK(path("#/archive") == "archive/");
  CHECK(path("#/search?q=a+b&tag=x") == "search/?q=a+b&tag=x");
  CHECK(path("#/search") == "search/");
  CHECK(path("#/nowhere") == "404.html");
  CHECK(format_link(parse_route("#/post/x"), kHash) == "#/post/x");
  CHECK(format_link(parse_route("#/post/x"), Links{LinkStyle::Hash, "https://a.example/blog/"}) ==
        "https://a.example/blog/#/post/x");
  // A path link read back from the site root is the same route.
  for (const char* r : {"#/", "#/page/2", "#/post/hello#intro", "#/category/seo/page/3", "#/author/%C3%A9lise",
                        "#/archive", "#/search?q=a+b&tag=x"}) {
    INFO(r);
    const std::string link = format_link(parse_route(r), kPath);
    CHECK(parse_route("/" + (link == "./" ? std::string() : link)) == parse_route(r));
  }
  CHECK(parse_route("/post/hello/").kind == RouteKind::Post);
  CHECK(parse_route("/404.html").kind == RouteKind::NotFound);
  CHECK(link_style("path") == LinkStyle::Path);
  CHECK(link_style("hash") == LinkStyle::Hash);
  CHECK(link_style("nonsense") == LinkStyle::Hash);
}

TEST_CASE("page_html: every page kind escapes hostile titles, tags, names, bios and URLs", "[page_html]") {
  const Bundle b = hostile_bundle();
  for (const Links& links : {kHash, kPath}) {
    for (const char* route : {"#/", "#/post/first", "#/post/second", "#/category/cat-script-alert-1-script",
                              "#/tag/svg-onload-alert-1", "#/author/evil", "#/archive", "#/search?q=%3Cscript%3E",
                              "#/nowhere"}) {
      INFO(route);
      const std::string html = main_html(b, route, links);
      CHECK_FALSE(html.empty());
      check_no_injection(html);
      check_no_injection(nav_html(b, route, links));
    }
  }
  const std::string article = main_html(b, "#/post/first");
  CHECK(article.find("<h1 tabindex=\"-1\">Title " + kEvilEscaped + "</h1>") != std::string::npos);
  CHECK(article.find("Text &lt;script&gt;alert(9)&lt;/script&gt;") != std::string::npos);
  CHECK(article.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);  // the author's name
  CHECK(article.find("Bio &lt;b onclick=x&gt;raw&lt;/b&gt;") != std::string::npos);
  CHECK(article.find("<a href=\"https://orig.example/a?b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"") !=
        std::string::npos);
  CHECK(main_html(b, "#/post/second").find("<article class=\"post\" lang=\"fr&quot; onmouseover=&quot;x\">") !=
        std::string::npos);
  CHECK(article.find("<img class=\"avatar\"") == std::string::npos);  // javascript: avatar dropped
  const std::string home = main_html(b, "#/");
  CHECK(home.find("Summary " + kEvilEscaped) != std::string::npos);
  CHECK(home.find("&quot;&gt;&lt;svg onload=alert(1)&gt;</a>") != std::string::npos);
  const std::string error_html = [] {
    std::string out;
    render_error_html("<b>", "bundle.json: <script>", out);
    return out;
  }();
  CHECK(error_html == "<section class=\"load-error\" role=\"alert\"><h1 tabindex=\"-1\">&lt;b&gt;</h1>"
                      "<p>bundle.json: &lt;script&gt;</p></section>");
}

TEST_CASE("page_html: the article page's markup", "[page_html]") {
  const Bundle b = hostile_bundle();
  const std::string html = main_html(b, "#/post/first");
  // Header, metadata, table of contents, body, author card, neighbours, in that order.
  const std::size_t header = html.find("<header class=\"post-header\"><p class=\"kicker\"><a href=\"#/category/");
  const std::size_t meta = html.find("<p class=\"meta\"><time datetime=\"2024-03-14\">14 mars 2024</time>");
  const std::size_t toc = html.find("<nav class=\"toc\" aria-labelledby=\"carnet-toc-title\">");
  const std::size_t body = html.find("<div class=\"post-body\">");
  const std::size_t card = html.find("<aside class=\"author-card\" aria-label=\"\xC3\x80 propos de l\xE2\x80\x99" "auteur\">");
  const std::size_t nav = html.find("<nav class=\"article-nav\" aria-label=\"Articles voisins\">"
                                    "<a href=\"#/post/second\" rel=\"prev\" class=\"older\"><span class=\"label\">"
                                    "\xE2\x86\x90 Article pr\xC3\xA9" "c\xC3\xA9" "dent</span><span class=\"title\">Second</span></a>"
                                    "<span></span></nav>");
  REQUIRE(header != std::string::npos);
  REQUIRE(meta != std::string::npos);
  REQUIRE(toc != std::string::npos);
  REQUIRE(body != std::string::npos);
  REQUIRE(card != std::string::npos);
  REQUIRE(nav != std::string::npos);
  CHECK((header < meta && meta < toc && toc < body && body < card && card < nav));
  CHECK(html.find("<ol><li><a href=\"#/post/first#part-one\">Part one</a></li>"
                  "<li><a href=\"#/post/first#part-two\">Part two</a></li></ol>") != std::string::npos);
  CHECK(html.find("rel=\"author\"") != std::string::npos);
  CHECK(html.find("<ul class=\"tags\" aria-label=\"\xC3\x89tiquettes\"><li><a href=\"#/tag/svg-onload-alert-1\" rel=\"tag\">")
        != std::string::npos);
  CHECK(html.find("<span class=\"sep\" aria-hidden=\"true\"> \xC2\xB7 </span>") != std::string::npos);
}

TEST_CASE("page_html: links follow the style, Markdown's own route links included", "[page_html][links]") {
  const Bundle b = hostile_bundle();
  const std::string hash = main_html(b, "#/post/first", kHash);
  CHECK(hash.find("href=\"#/post/second\"") != std::string::npos);
  CHECK(hash.find("<a href=\"#/post/first#part-two\">anchor</a>") != std::string::npos);
  CHECK(hash.find("href=\"post/") == std::string::npos);

  const std::string path = main_html(b, "#/post/first", kPath);
  CHECK(path.find("<a href=\"post/second/\">next</a>") != std::string::npos);  // written "#/post/second"
  CHECK(path.find("<a href=\"post/first/#part-two\">anchor</a>") != std::string::npos);
  CHECK(path.find("<a href=\"post/first/#part-one\">Part one</a>") != std::string::npos);  // TOC
  CHECK(path.find("href=\"author/evil/\"") != std::string::npos);
  CHECK(path.find("href=\"tag/seo/\"") != std::string::npos);
  CHECK(path.find("href=\"#/") == std::string::npos);

  const std::string nav = nav_html(b, "#/archive", kPath);
  CHECK(nav.rfind("<ul><li><a href=\"./\">Accueil</a></li>", 0) == 0);
  CHECK(nav.find("<li><a href=\"archive/\" aria-current=\"page\">Archives</a></li></ul>") != std::string::npos);
  CHECK(nav_html(b, "#/", kHash).find("<a href=\"#/\" aria-current=\"page\">Accueil</a>") != std::string::npos);

  const std::string list = main_html(b, "#/", kPath);
  CHECK(list.find("<h2 class=\"card-title\"><a href=\"post/first/\">") != std::string::npos);
  CHECK(main_html(b, "#/nowhere", kPath).find("<a href=\"./\" class=\"button\">") != std::string::npos);
}

TEST_CASE("page_html: pagination and archive markup", "[page_html]") {
  Bundle b;
  b.site = {"Carnet", "", "en", "", "hash"};
  for (int i = 0; i < 12; ++i) {
    Article a;
    a.slug = "p" + std::to_string(i);
    a.title = "P" + std::to_string(i);
    a.date = {2023, 12, 28 - i};
    a.author = "x";
    a.lang = "en";
    b.articles.push_back(a);
    b.bodies[a.slug] = "x";
  }
  sort_articles(b.articles);
  const std::string p1 = main_html(b, "#/", kPath);
  CHECK(p1.find("<nav class=\"pagination\" aria-label=\"Pagination\"><span></span><span class=\"page-text\">Page 1 of 2</span>"
                "<a href=\"page/2/\" rel=\"next\">Older \xE2\x86\x92</a></nav>") != std::string::npos);
  const std::string p2 = main_html(b, "#/page/2");
  CHECK(p2.find("<a href=\"#/\" rel=\"prev\">\xE2\x86\x90 Newer</a><span class=\"page-text\">Page 2 of 2</span><span></span>")
        != std::string::npos);
  const std::string archive = main_html(b, "#/archive");
  CHECK(archive.find("<section class=\"archive-year\" aria-labelledby=\"carnet-year-2023\"><h2 id=\"carnet-year-2023\">2023 "
                     "<small>(12 articles)</small></h2><section class=\"archive-month\"><h3>December 2023</h3><ul>"
                     "<li><time datetime=\"2023-12-28\">December 28, 2023</time> <a href=\"#/post/p0\">P0</a></li>")
        != std::string::npos);
}

TEST_CASE("Viewer::page: the painted page and its small fields, in both link styles", "[viewer][page_html]") {
  Viewer v;
  const json before = json::parse(v.page("#/", kHash));
  CHECK(before["kind"] == "error");
  CHECK(before["html"].get<std::string>().find("load-error") != std::string::npos);

  const Bundle b = hostile_bundle();
  REQUIRE(json::parse(v.load(bundle_to_json(b, "test").dump()))["ok"] == true);
  const json hash = json::parse(v.page("#/post/first#part-two", kHash));
  CHECK(hash["kind"] == "article");
  CHECK(hash["route"] == "#/post/first");
  CHECK(hash["href"] == "#/post/first");
  CHECK(hash["anchor"] == "part-two");
  CHECK(hash["article"] == json{{"slug", "first"}, {"more", 0}});
  CHECK(hash["html"] == main_html(b, "#/post/first#part-two"));
  CHECK(hash["digest"] == fingerprint(hash["html"].get<std::string>()));
  CHECK(hash["nav_html"] == nav_html(b, "#/post/first"));
  CHECK_FALSE(hash.contains("categories"));

  // A path from the site root, history mode's way of naming the route.
  const json path = json::parse(v.page("/post/first/", kPath));
  CHECK(path["route"] == "#/post/first");
  CHECK(path["href"] == "post/first/");
  CHECK(path["html"] == main_html(b, "#/post/first", kPath));
  CHECK(json::parse(v.page("/category/nope/", kPath))["kind"] == "notfound");
  CHECK(Viewer::link("/post/first/#x", kHash) == "#/post/first#x");
  CHECK(Viewer::link("#/page/2", kPath) == "page/2/");
}
