// Unit tests for the static side of a build: page_shell.hpp (the app shell as a template),
// static_site.hpp (which pages, where), page_meta.hpp (canonical, Open Graph, JSON-LD),
// feed.hpp and sitemap.hpp.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "feed.hpp"
#include "page_meta.hpp"
#include "page_shell.hpp"
#include "static_site.hpp"
#include "text.hpp"
#include "views.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

const char* const kShell =
    "<!doctype html>\n<html lang=\"fr\" class=\"keep\">\n<head>\n<meta charset=\"utf-8\">\n<title>Carnet</title>\n"
    "<link rel=\"stylesheet\" href=\"css/style.css\">\n<script type=\"module\" src=\"js/app.js\"></script>\n</head>\n"
    "<body>\n<a class=\"skip-link\" href=\"#carnet-main\" id=\"carnet-skip\">Aller au contenu</a>\n"
    "<a class=\"site-title\" id=\"carnet-site-title\" href=\"#/\">Carnet</a>\n"
    "<nav class=\"site-nav\" id=\"carnet-nav\" aria-label=\"Navigation\"></nav>\n"
    "<label for=\"carnet-q\" id=\"carnet-q-label\">Rechercher</label>"
    "<input type=\"search\" id=\"carnet-q\" name=\"q\" placeholder=\"Rechercher…\">\n"
    "<main id=\"carnet-main\" tabindex=\"-1\">\n  <p class=\"loading\">Chargement…</p>\n</main>\n"
    "<footer class=\"site-footer\"><p id=\"carnet-footer\"></p></footer>\n</body>\n</html>\n";

const std::string kEvil = "</script><script>alert(1)</script><!--";

Bundle site_bundle(std::string url) {
  Bundle b;
  b.site = {"Site \"<b>\"", "Un carnet & des notes", "fr", std::move(url), "history"};
  b.authors.emplace("alice", Author{"alice", "Alice <i>", "", {}, "Bio."});
  auto article = [&](std::string slug, std::string title, Date date, std::string category,
                     std::vector<std::string> tags) {
    Article a;
    a.slug = std::move(slug);
    a.title = std::move(title);
    a.date = date;
    a.author = "alice";
    a.category = std::move(category);
    a.tags = std::move(tags);
    a.lang = "fr";
    a.summary = "Résumé de " + a.title;
    a.source = "posts/" + a.slug + ".md";
    b.bodies[a.slug] = "Texte de **" + a.slug + "**.\n\n![img](img.png)\n\n[autre](#/post/deux)\n";
    b.articles.push_back(a);
  };
  article("un", "Un " + kEvil, {2024, 3, 14}, "Stratégie", {"SEO", "a&b"});
  article("deux", "Deux", {2024, 2, 29}, "Stratégie", {"SEO"});
  for (int i = 0; i < 11; ++i) article("vieux-" + std::to_string(i), "Vieux " + std::to_string(i), {2020, 1, 1 + i}, "", {});
  b.articles[0].original = Original{"Ailleurs", "https://ailleurs.example/un?a=1&b=\"2\""};
  sort_articles(b.articles);
  return b;
}

std::map<std::string, std::string> build(const Bundle& b, StaticSite* result = nullptr) {
  std::map<std::string, std::string> files;
  StaticSite s = write_static_site(b, kShell, [&](const std::string& rel, const std::string& bytes) {
    files[rel] = bytes;
    return true;
  });
  REQUIRE(s.error.empty());
  if (result) *result = s;
  return files;
}

// The text between `from` and the next `to` after it ("" when absent).
std::string between(const std::string& s, const std::string& from, const std::string& to) {
  const auto a = s.find(from);
  if (a == std::string::npos) return {};
  const auto b = s.find(to, a + from.size());
  return b == std::string::npos ? std::string() : s.substr(a + from.size(), b - a - from.size());
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("page shell: slots found once, texts escaped, the rest of the shell kept", "[static][shell]") {
  std::string error;
  const auto shell = PageShell::parse(kShell, error);
  REQUIRE(shell);
  ShellFill f;
  f.lang = "en\"x";
  f.html_data = " data-x=\"1\"";
  f.base = "../../";
  f.title = "A <b> & \"c\"";
  f.head = "<meta name=\"description\" content=\"d\">\n";
  f.skip_href = "post/x/#carnet-main";
  f.skip_text = "Skip <now>";
  f.home_href = "./";
  f.site_title = "T<i>";
  f.nav_label = "Nav\"";
  f.nav_html = "<ul><li>n</li></ul>";
  f.search_label = "S<";
  f.search_placeholder = "P\"";
  f.main_html = "<p>main</p>";
  f.footer = "F&";
  const std::string page = shell->fill(f);
  CHECK(has(page, "<html lang=\"en&quot;x\" class=\"keep\" data-x=\"1\">"));
  CHECK(has(page, "<head>\n<base href=\"../../\">\n<meta charset=\"utf-8\">"));
  CHECK(has(page, "<title>A &lt;b&gt; &amp; &quot;c&quot;</title>"));
  CHECK(has(page, "<meta name=\"description\" content=\"d\">\n</head>"));
  CHECK(has(page, "href=\"post/x/#carnet-main\" id=\"carnet-skip\">Skip &lt;now&gt;</a>"));
  CHECK(has(page, "id=\"carnet-site-title\" href=\"./\">T&lt;i&gt;</a>"));
  CHECK(has(page, "id=\"carnet-nav\" aria-label=\"Nav&quot;\"><ul><li>n</li></ul></nav>"));
  CHECK(has(page, "id=\"carnet-q-label\">S&lt;</label>"));
  CHECK(has(page, "placeholder=\"P&quot;\">"));
  CHECK(has(page, "<main id=\"carnet-main\" tabindex=\"-1\"><p>main</p></main>"));
  CHECK(has(page, "<p id=\"carnet-footer\">F&amp;</p>"));
  CHECK_FALSE(has(page, "Chargement"));
  CHECK(has(page, "<script type=\"module\" src=\"js/app.js\"></script>"));

  std::string shell_text = kShell;
  shell_text.replace(shell_text.find("id=\"carnet-main\""), 16, "id=\"elsewhere\"");
  CHECK_FALSE(PageShell::parse(shell_text, error));
  CHECK(error == "index.html: no element with id 'carnet-main' (the web app's shell must keep it: static pages are "
                 "filled in there)");
}

TEST_CASE("static routes and their files", "[static]") {
  const Bundle b = site_bundle("https://example.org/blog/");
  std::vector<std::string> files;
  for (const Route& r : static_routes(b)) files.push_back(page_file(r).value_or("?"));
  const std::vector<std::string> want_first = {"index.html", "page/2/index.html", "post/un/index.html"};
  REQUIRE(files.size() > 3);
  CHECK(std::vector<std::string>(files.begin(), files.begin() + 3) == want_first);
  for (const char* f : {"category/strategie/index.html", "tag/seo/index.html", "tag/a-b/index.html",
                        "author/alice/index.html", "author/alice/page/2/index.html", "archive/index.html",
                        "search/index.html", "404.html"})
    CHECK(std::find(files.begin(), files.end(), f) != files.end());
  CHECK(files.size() == 2 + 13 + 1 + 2 + 2 + 3);  // home pages, posts, category, tags, author pages, archive+search+404
  CHECK(page_file(Route{RouteKind::Archive, "", 2}) == "archive/page/2/index.html");

  // A long archive has a page per kArchivePageSize articles.
  Bundle many = b;
  while (many.articles.size() < 2 * static_cast<std::size_t>(kArchivePageSize) + 1) {
    Article a = b.articles[0];
    a.slug = "copie-" + std::to_string(many.articles.size());
    many.articles.push_back(a);
  }
  int archive_pages = 0;
  for (const Route& r : static_routes(many)) archive_pages += r.kind == RouteKind::Archive;
  CHECK(archive_pages == 3);

  CHECK_FALSE(page_file(Route{RouteKind::Author, ".."}));
  CHECK_FALSE(page_file(Route{RouteKind::Author, "a/b"}));
  CHECK_FALSE(page_file(Route{RouteKind::Post, ""}));
  CHECK(page_file(Route{RouteKind::Author, "\xC3\xA9lise"}) == "author/\xC3\xA9lise/index.html");
}

TEST_CASE("static pages: readable content, clean links, canonical, Open Graph, JSON-LD", "[static][seo]") {
  const Bundle b = site_bundle("https://example.org/blog/");
  StaticSite result;
  const auto files = build(b, &result);
  CHECK(result.feeds);
  CHECK(result.pages.size() == 23);

  const std::string& post = files.at("post/un/index.html");
  const std::string main_html = between(post, "<main id=\"carnet-main\" tabindex=\"-1\">", "</main>");
  CHECK(has(post, "<html lang=\"fr\" class=\"keep\" data-carnet-route=\"#/post/un\" data-carnet-routing=\"history\" "
                  "data-carnet-digest=\"" + fingerprint(main_html) + "\">"));
  CHECK(has(post, "<base href=\"../../\">"));
  CHECK(has(post, "<title>Un &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- \xE2\x80\x94 Site &quot;&lt;b&gt;&quot;</title>"));
  // The full text, with JavaScript off, and links between static pages.
  CHECK(has(post, "<div class=\"post-body\"><p>Texte de <strong>un</strong>.</p>"));
  CHECK(has(post, "src=\"assets/posts/img.png\""));
  CHECK(has(post, "<a href=\"post/deux/\">autre</a>"));
  CHECK(has(post, "<a href=\"category/strategie/\">"));
  CHECK(has(post, "href=\"post/un/#carnet-main\" id=\"carnet-skip\""));
  // First published elsewhere: canonical is the original.
  CHECK(has(post, "<link rel=\"canonical\" href=\"https://ailleurs.example/un?a=1&amp;b=&quot;2&quot;\">"));
  CHECK(has(post, "<meta property=\"og:url\" content=\"https://example.org/blog/post/un/\">"));
  CHECK(has(post, "<meta property=\"og:type\" content=\"article\">"));
  CHECK(has(post, "<meta name=\"description\" content=\"R\xC3\xA9sum\xC3\xA9 de Un &lt;/script&gt;"));
  CHECK(has(post, "<meta property=\"article:tag\" content=\"a&amp;b\">"));
  CHECK(has(post, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Site &quot;&lt;b&gt;&quot;\" href=\"feed.xml\">"));
  // JSON-LD: one script element, which no title can close, that parses back to the title.
  const std::string ld = between(post, "<script type=\"application/ld+json\">", "</script>");
  REQUIRE_FALSE(ld.empty());
  CHECK_FALSE(has(ld, "<"));
  const json article = json::parse(ld);
  CHECK(article["@type"] == "Article");
  CHECK(article["headline"] == "Un " + kEvil);
  CHECK(article["datePublished"] == "2024-03-14");
  CHECK(article["author"]["name"] == "Alice <i>");
  CHECK(article["author"]["url"] == "https://example.org/blog/author/alice/");
  CHECK(article["mainEntityOfPage"] == "https://ailleurs.example/un?a=1&b=\"2\"");
  CHECK(article["url"] == "https://example.org/blog/post/un/");
  CHECK(article["keywords"] == "SEO, a&b");

  const std::string& deux = files.at("post/deux/index.html");
  CHECK(has(deux, "<link rel=\"canonical\" href=\"https://example.org/blog/post/deux/\">"));

  const std::string& home = files.at("index.html");
  CHECK(has(home, "<base href=\"./\">"));
  CHECK(has(home, "data-carnet-route=\"#/\""));
  CHECK(has(home, "<link rel=\"canonical\" href=\"https://example.org/blog/\">"));
  CHECK(has(home, "<meta property=\"og:type\" content=\"website\">"));
  CHECK(has(home, "<meta name=\"description\" content=\"Un carnet &amp; des notes\">"));
  CHECK(has(home, "<h2 class=\"card-title\"><a href=\"post/un/\">"));
  CHECK(has(home, "<a href=\"page/2/\" rel=\"next\">"));
  CHECK(has(home, "id=\"carnet-nav\" aria-label=\"Navigation principale\"><ul><li><a href=\"./\" aria-current=\"page\">Accueil</a>"));
  CHECK_FALSE(has(home, "application/ld+json"));

  const std::string& page2 = files.at("page/2/index.html");
  CHECK(has(page2, "<base href=\"../../\">"));
  CHECK(has(page2, "<a href=\"./\" rel=\"prev\">"));
  CHECK(has(files.at("author/alice/page/2/index.html"), "<base href=\"../../../../\">"));

  const std::string& nf = files.at("404.html");
  CHECK(has(nf, "<base href=\"/blog/\">"));  // shown at any unknown address
  CHECK(has(nf, "<meta name=\"robots\" content=\"noindex\">"));
  CHECK_FALSE(has(nf, "rel=\"canonical\""));
  CHECK(has(nf, "data-carnet-route=\"#/404\""));
  CHECK(has(files.at("search/index.html"), "<meta name=\"robots\" content=\"noindex\">"));

  // No hostile text escaped its element anywhere.
  for (const auto& [name, bytes] : files) {
    INFO(name);
    CHECK_FALSE(has(bytes, "<script>alert"));
    CHECK_FALSE(has(bytes, "<b>\""));
  }
}

TEST_CASE("static pages without the site's url: what can be made, no feeds", "[static][seo]") {
  const Bundle b = site_bundle("");
  StaticSite result;
  const auto files = build(b, &result);
  CHECK_FALSE(result.feeds);
  CHECK(files.count("feed.xml") == 0);
  CHECK(files.count("rss.xml") == 0);
  CHECK(files.count("sitemap.xml") == 0);
  CHECK(files.count("post/deux/index.html") == 1);
  CHECK_FALSE(has(files.at("post/deux/index.html"), "rel=\"canonical\""));
  CHECK_FALSE(has(files.at("post/deux/index.html"), "og:url"));
  CHECK_FALSE(has(files.at("post/deux/index.html"), "application/atom+xml"));
  // The original URL is absolute on its own.
  CHECK(has(files.at("post/un/index.html"), "<link rel=\"canonical\" href=\"https://ailleurs.example/"));
  CHECK(has(files.at("404.html"), "<base href=\"./\">"));
}

TEST_CASE("feeds and sitemap: dates, entries, escaping", "[static][feed]") {
  CHECK(format_rfc3339({2024, 3, 14}) == "2024-03-14T00:00:00Z");
  CHECK(format_rfc822({2024, 3, 14}) == "Thu, 14 Mar 2024 00:00:00 +0000");
  CHECK(format_rfc822({2024, 2, 29}) == "Thu, 29 Feb 2024 00:00:00 +0000");
  CHECK(format_rfc822({2000, 1, 1}) == "Sat, 01 Jan 2000 00:00:00 +0000");
  CHECK(format_rfc822({1969, 12, 31}) == "Wed, 31 Dec 1969 00:00:00 +0000");
  CHECK(format_rfc822({2025, 6, 30}) == "Mon, 30 Jun 2025 00:00:00 +0000");

  Bundle b = site_bundle("https://example.org/blog/");
  b.articles[1].summary = std::string("bell\x01 and \x0B vertical tab");
  const auto files = build(b);
  const std::string& atom = files.at("feed.xml");
  CHECK(atom.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"", 0) == 0);
  CHECK(has(atom, "<title>Un &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--</title>"));
  CHECK(has(atom, "<id>https://example.org/blog/post/un/</id>"));
  CHECK(has(atom, "<updated>2024-03-14T00:00:00Z</updated>"));
  CHECK(has(atom, "<content type=\"html\" xml:base=\"https://example.org/blog/\">&lt;p&gt;Texte de &lt;strong&gt;un"));
  CHECK(has(atom, "<category term=\"a-b\" label=\"a&amp;b\"/>"));
  CHECK(has(atom, "bell\xEF\xBF\xBD and \xEF\xBF\xBD vertical tab"));  // XML cannot carry these controls
  std::size_t entries = 0;
  for (std::size_t at = atom.find("<entry"); at != std::string::npos; at = atom.find("<entry", at + 1)) ++entries;
  CHECK(entries == 13);

  const std::string& rss = files.at("rss.xml");
  CHECK(has(rss, "<pubDate>Thu, 14 Mar 2024 00:00:00 +0000</pubDate>"));
  CHECK(has(rss, "<guid isPermaLink=\"true\">https://example.org/blog/post/deux/</guid>"));
  CHECK(has(rss, "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"https://example.org/blog/rss.xml\"/>"));
  CHECK(has(rss, "<dc:creator>Alice &lt;i&gt;</dc:creator>"));

  const std::string& sitemap = files.at("sitemap.xml");
  for (const auto& a : b.articles) CHECK(has(sitemap, "<loc>https://example.org/blog/post/" + a.slug + "/</loc>"));
  CHECK(has(sitemap, "<url><loc>https://example.org/blog/</loc><lastmod>2024-03-14</lastmod></url>"));
  CHECK(has(sitemap, "<url><loc>https://example.org/blog/page/2/</loc><lastmod>2020-01-03</lastmod></url>"));
  CHECK(has(sitemap, "<loc>https://example.org/blog/category/strategie/</loc>"));
  CHECK_FALSE(has(sitemap, "404"));
  CHECK_FALSE(has(sitemap, "search/"));

  std::string x;
  append_xml_escaped(x, std::string("a<b>&\"'\x01\xFF") + "\xEF\xBF\xBE" + "é");
  CHECK(x == "a&lt;b&gt;&amp;&quot;&apos;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xC3\xA9");
  CHECK(script_safe_json(json{{"t", "</script><!-- & >"}}) == "{\"t\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e\"}");
}

TEST_CASE("static pages and feeds carry a huge article whole", "[static]") {
  Bundle b = site_bundle("https://example.org/blog/");
  std::string body;
  for (int i = 0; i < 4000; ++i) body += "Paragraphe num\xC3\xA9ro " + std::to_string(i) + " avec un peu de texte autour.\n\n";
  REQUIRE(body.size() > 200 * 1024);  // several pieces for the viewer (views.cpp)
  b.bodies["deux"] = body;
  const auto files = build(b);
  const std::string& page = files.at("post/deux/index.html");
  CHECK(has(page, "<p>Paragraphe num\xC3\xA9ro 0 avec"));
  CHECK(has(page, "<p>Paragraphe num\xC3\xA9ro 3999 avec un peu de texte autour.</p>"));
  CHECK(has(files.at("feed.xml"), "&lt;p&gt;Paragraphe num\xC3\xA9ro 3999 avec"));
}
