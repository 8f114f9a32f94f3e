// Hostile input (issue 5): every pathological Markdown input of robustness_cases.hpp renders
// without a crash into valid UTF-8 of bounded size, alone and inside the viewer's article
// view; broken bundles are refused or trimmed with a message. Times: bench/robustness.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "content.hpp"
#include "markdown.hpp"
#include "robustness_cases.hpp"
#include "router.hpp"
#include "search_index.hpp"
#include "text.hpp"
#include "typography.hpp"
#include "viewer.hpp"
#include "views.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

// Output may grow by a bounded factor (md4c caps link reference expansion at 16x the input;
// "> " becomes "<blockquote>\n"), never more, plus a fixed allowance for tiny inputs.
constexpr std::size_t kMaxGrowth = 20;
constexpr std::size_t kSlack = 1 << 20;

const carnet_robustness::Case& find_case(const std::string& name) {
  static const std::vector<carnet_robustness::Case> all = carnet_robustness::cases();
  for (const auto& c : all)
    if (name == c.name) return c;
  throw std::invalid_argument("no robustness case named " + name);
}

MarkdownOptions article_options() {
  MarkdownOptions o;
  o.base_dir = "assets/posts/2024/";
  o.anchor_route = "#/post/hostile";
  return o;
}

Bundle bundle_with(const std::string& body) {
  Bundle b;
  b.site = {"Carnet", "", "fr", ""};
  b.authors.emplace("camille", Author{"camille", "Camille Durand", "", {}, ""});
  Article a;
  a.slug = "hostile";
  a.title = "Hostile";
  a.date = {2024, 3, 14};
  a.author = "camille";
  a.lang = "fr";
  a.source = "posts/2024/hostile.md";
  a.summary = truncate_words(first_paragraph_text(body), 220);
  b.articles.push_back(a);
  b.bodies.emplace(a.slug, body);
  return b;
}

struct Rendered {
  std::string html;
  MarkdownResult result;
};

// Renders one case alone and through the article view; checks what every case must satisfy.
Rendered check_case(const std::string& name) {
  const carnet_robustness::Case& c = find_case(name);
  const std::string& md = c.markdown;
  Rendered r;
  r.result = render_markdown(md, article_options(), r.html);
  CAPTURE(name, md.size(), r.html.size());
  CHECK(is_valid_utf8(r.html));
  CHECK(r.html.find('\0') == std::string::npos);
  CHECK(r.html.size() <= kMaxGrowth * md.size() + kSlack);
  const std::string summary = first_paragraph_text(md);
  CHECK(is_valid_utf8(summary));
  CHECK(summary.size() <= 4 * md.size());

  const Bundle b = bundle_with(md);
  const json view = build_view(b, parse_route("#/post/hostile"));
  REQUIRE(view["kind"] == "article");
  // The article's HTML, whole: its first piece, then the pieces painted as the reader scrolls.
  // The article is French: the view adds French spacing to the text, nothing else.
  std::string whole = view["article"]["html"].get<std::string>();
  for (const auto& piece : view["article"]["more"]) whole += piece.get<std::string>();
  CHECK(whole == french_spacing_html(r.html));
  CHECK(view["article"]["toc"].size() <= 300);
  std::string text;
  CHECK_NOTHROW(text = view.dump());  // strict: throws on invalid UTF-8 anywhere in the view
  CHECK(text.size() <= 2 * kMaxGrowth * md.size() + kSlack);
  const json home = build_view(b, parse_route("#/"));
  CHECK(home["kind"] == "list");
  CHECK_NOTHROW(home.dump());
  return r;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("a 10 MB article", "[robustness]") {
  const Rendered r = check_case("article-10MB");
  CHECK(r.result.words > 1000000);
  // Thousands of identical headings still get distinct ids (this was quadratic: 40 s).
  REQUIRE(r.result.toc.size() > 10000);
  std::set<std::string> ids;
  for (const auto& t : r.result.toc) ids.insert(t.id);
  CHECK(ids.size() == r.result.toc.size());
  CHECK(r.result.toc[1].id == "construire-un-calendrier-editorial-1");
  // The viewer paints it a piece at a time: a first piece of about 128 KB now, the others
  // (whole top-level blocks) as the reader scrolls; a table of contents of 300 entries.
  const json view = build_view(bundle_with(find_case("article-10MB").markdown), parse_route("#/post/hostile"));
  const auto first = view["article"]["html"].get<std::string>();
  CHECK(first.size() >= 128 * 1024);
  CHECK(first.size() < 132 * 1024);
  CHECK(view["article"]["more"].size() > 70);
  for (const auto& piece : view["article"]["more"]) CHECK(piece.get<std::string>().front() == '<');
  CHECK(view["article"]["toc"].size() == 300);
}

TEST_CASE("20,000-deep block quotes", "[robustness]") {
  const Rendered r = check_case("blockquotes-20000-deep");
  CHECK(r.html.find("deep") != std::string::npos);
  CHECK(count(r.html, "<blockquote>") == count(r.html, "</blockquote>"));
}

TEST_CASE("1,000-deep nested lists", "[robustness]") {
  const Rendered r = check_case("lists-1000-deep");
  CHECK(count(r.html, "<li>") == 1000);
  CHECK(count(r.html, "<ul>") == count(r.html, "</ul>"));
}

TEST_CASE("30,000 unclosed emphasis markers", "[robustness]") {
  const Rendered r = check_case("emphasis-30000-unclosed");
  CHECK(r.html.find("*a *a *a") != std::string::npos);  // shown as text
}

TEST_CASE("50,000 unbalanced brackets", "[robustness]") {
  const Rendered r = check_case("brackets-50000-unbalanced");
  CHECK(count(r.html, "[") == 50000);
}

TEST_CASE("invalid UTF-8 and NUL bytes", "[robustness]") {
  const Rendered r = check_case("invalid-utf8-and-nul");
  CHECK(r.html.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(is_valid_utf8(markdown_plain_text(find_case("invalid-utf8-and-nul").markdown)));
}

TEST_CASE("a byte order mark", "[robustness]") {
  const Rendered r = check_case("bom");
  CHECK(r.html == "<h1 id=\"titre\">Titre</h1>\n<p>Un paragraphe.</p>\n");
}

TEST_CASE("CRLF line ends render like LF", "[robustness]") {
  const Rendered r = check_case("crlf");
  std::string lf = find_case("crlf").markdown;
  lf.erase(std::remove(lf.begin(), lf.end(), '\r'), lf.end());
  std::string expected;
  render_markdown(lf, article_options(), expected);
  CHECK(r.html == expected);
  CHECK(r.html.find('\r') == std::string::npos);
}

TEST_CASE("20,000 nested brackets", "[robustness]") {
  const Rendered r = check_case("brackets-20000-nested");
  CHECK(r.html.find("x") != std::string::npos);
}

TEST_CASE("100,000 repeats of ']([' and a newline", "[robustness]") {
  check_case("link-open-100000");
}

TEST_CASE("a long link reference used 4,000 times", "[robustness]") {
  const Rendered r = check_case("link-reference-4000-uses");
  CHECK(count(r.html, "<a href=") <= 4000);
}

TEST_CASE("50,000 'www._'", "[robustness]") {
  check_case("www-underscore-50000");
}

TEST_CASE("a 2,000-column table", "[robustness]") {
  const Rendered r = check_case("table-2000-columns");
  CHECK(r.html.find("<table") == std::string::npos);  // md4c keeps tables of <= 128 columns
}

TEST_CASE("a 128-column table padded with empty cells stops, closed", "[robustness]") {
  const Rendered r = check_case("table-128-columns-padded");
  CHECK(r.result.stopped);
  CHECK(r.html.rfind("</tr>\n</tbody>\n</table></div>\n") == r.html.size() - 30);
  // A real table is untouched.
  std::string small;
  CHECK_FALSE(render_markdown(carnet_robustness::wide_table(128, 50), {}, small).stopped);
  CHECK(count(small, "<td>") == 128 * 50);
}

TEST_CASE("the viewer on bundles cut mid-download, from the future, or with bad entries",
          "[robustness][viewer]") {
  const json hello = {
      {"slug", "hello"}, {"title", "Premier"}, {"date", "2024-03-01"}, {"author", "camille"}};
  json twin = hello;
  twin["title"] = "Second";
  const json ghost = {
      {"slug", "ghost"}, {"title", "Fant\xC3\xB4me"}, {"date", "2024-02-01"}, {"author", "nobody"}};
  const json bad_date = {
      {"slug", "bad"}, {"title", "Bad"}, {"date", "2024-13-45"}, {"author", "camille"}};
  const json bundle = {
      {"format", "carnet-bundle"},
      {"version", 1},
      {"site", {{"title", "Carnet \xE2\x80\x94 \xC3\xA9t\xC3\xA9"}, {"lang", "fr"}}},
      {"authors", {{{"id", "camille"}, {"name", "Camille"}}}},
      {"articles", {hello, twin, ghost, bad_date}},
      {"bodies", {{"hello", "# Salut\n\n\xC3\x89t\xC3\xA9."}, {"ghost", "Boo"}, {"bad", "x"}}}};
  const std::string text = bundle.dump();

  SECTION("duplicate slug, unknown author and 2024-13-45: named, the rest shown") {
    Viewer v;
    const json report = json::parse(v.load(text));
    CHECK(report["ok"] == true);
    CHECK(report["articles"] == 2);
    CHECK(report["skipped"] ==
          json::array({"bundle.json: article 2 ('hello'): another article already has slug 'hello'",
                       "bundle.json: article 4 ('bad'): field 'date' must be a real date written "
                       "YYYY-MM-DD (got '2024-13-45')"}));
    CHECK(report["warnings"] ==
          json::array({"bundle.json: article 3 ('ghost'): unknown author 'nobody'"}));
    CHECK(json::parse(v.view("#/post/hello"))["article"]["title"] == "Premier");
    const json ghost_view = json::parse(v.view("#/post/ghost"));
    REQUIRE(ghost_view["kind"] == "article");
    CHECK(ghost_view["article"]["author"]["name"] == "nobody");
    CHECK(json::parse(v.view("#/post/bad"))["kind"] == "notfound");
  }
  SECTION("cut at every byte: refused with a message, never a crash") {
    for (std::size_t cut = 0; cut < text.size(); ++cut) {
      Viewer v;
      const json report = json::parse(v.load(std::string_view(text).substr(0, cut)));
      CAPTURE(cut);
      CHECK(report["ok"] == false);
      CHECK(report["error"].get<std::string>().rfind("bundle.json: not valid JSON (", 0) == 0);
      CHECK(json::parse(v.view("#/"))["kind"] == "error");
    }
  }
  SECTION("a newer schema version is refused, and an older viewer keeps its bundle") {
    Viewer v;
    REQUIRE(json::parse(v.load(text))["ok"] == true);
    json future = bundle;
    future["version"] = kBundleVersion + 1;
    const json report = json::parse(v.load(future.dump()));
    CHECK(report["ok"] == false);
    CHECK(report["error"] ==
          "bundle.json: schema version 2 is newer than this viewer understands (1); "
          "reload the page to get the matching viewer");
    CHECK(json::parse(v.view("#/post/hello"))["kind"] == "article");
  }
}

TEST_CASE("a relative link that climbs out of its folder never becomes a scheme",
          "[robustness][xss]") {
  // Found by fuzzing: "../" past the base folder left "javascript:alert(1)" as the href.
  const auto render = [](std::string_view md, const std::string& base) {
    MarkdownOptions o;
    o.base_dir = base;
    std::string out;
    render_markdown(md, o, out);
    return out;
  };
  CHECK(render("[x](../../../javascript:alert(1))", "assets/posts/2024/") ==
        "<p><a href=\"./javascript:alert(1)\">x</a></p>\n");
  CHECK(render("[x](a/../../javascript:alert(1))", "assets/") ==
        "<p><a href=\"./javascript:alert(1)\">x</a></p>\n");
  CHECK(render("![x](../../data:text/html,x)", "assets/posts/") ==
        "<p><img loading=\"lazy\" decoding=\"async\" src=\"./data:text/html,x\" alt=\"x\"></p>\n");
  // A bundle's `assets` folder is data from the network too.
  CHECK(render("[x](y)", "javascript:alert(1)//posts/") ==
        "<p><a href=\"./javascript:alert(1)/posts/y\">x</a></p>\n");
  // Unchanged: ordinary relative targets, and colons after the first segment.
  CHECK(render("[x](../img/a:b.png?x=1:2#c:d)", "assets/posts/2024/") ==
        "<p><a href=\"assets/posts/img/a:b.png?x=1:2#c:d\">x</a></p>\n");
}

TEST_CASE("NUL bytes never reach the HTML, even inside code", "[robustness][utf8]") {
  // Found by fuzzing: md4c hands code block text over raw, NUL included.
  using namespace std::string_literals;
  std::string out;
  render_markdown("```\na\0b\n```\n\n`c\0d`\n\n    e\0f\n"s, {}, out);
  CHECK(out.find('\0') == std::string::npos);
  CHECK(out ==
        "<pre><code>a\xEF\xBF\xBD"
        "b\n</code></pre>\n<p><code>c\xEF\xBF\xBD"
        "d</code></p>\n"
        "<pre><code>e\xEF\xBF\xBD"
        "f\n</code></pre>\n");
  // Nor through escaping (search snippets and titles: JSON allows "\u0000" in a title).
  CHECK(html_escape("a\0<b"s) == "a\xEF\xBF\xBD&lt;b");
}

TEST_CASE("a search index with broken UTF-8 in its texts is refused", "[robustness][search]") {
  // Found by fuzzing: a damaged index put invalid bytes into result HTML.
  Bundle b = bundle_with("Corps.");
  b.articles[0].title = "Zzqx titre";
  std::string bytes = build_search_index(b).serialize();
  std::string error;
  REQUIRE(SearchIndex::load(bytes, error));
  for (auto at = bytes.find("Zzqx"); at != std::string::npos; at = bytes.find("Zzqx", at))
    bytes.replace(at, 4, "\xFF\xFEqx");
  CHECK_FALSE(SearchIndex::load(bytes, error));
  CHECK(error == "search index: invalid UTF-8 in a text");
}

TEST_CASE("a number too large for a double is invalid JSON, not an abort", "[robustness][bundle]") {
  // Found by fuzzing when nlohmann's parser read bundles: it threw out_of_range, uncaught.
  const BundleLoad r = load_bundle(R"({"format":"carnet-bundle","version":1E99999})");
  CHECK_FALSE(r.bundle);
  CHECK(r.error == "bundle.json: not valid JSON (line 1, column 37: the number 1E99999 is too large)");
  Viewer v;
  CHECK(json::parse(v.load("[1e400]"))["ok"] == false);
}

TEST_CASE("the CLI cuts a slug the viewer would refuse", "[robustness][content]") {
  // Found by fuzzing: a 300-character slug passed the CLI, then load_bundle skipped it.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "carnet-robustness-long-slug";
  fs::remove_all(dir);
  fs::create_directories(dir / "authors");
  fs::create_directories(dir / "posts");
  const auto write = [](const fs::path& p, const std::string& text) { std::ofstream(p) << text; };
  write(dir / "site.yml", "title: T\nlang: fr\nurl: https://test.example/\n");
  write(dir / "authors" / "camille.md", "---\nname: Camille\n---\n");
  write(dir / "posts" / "p.md", "---\ntitle: T\ndate: 2024-03-14\nauthor: camille\nslug: " +
                                    std::string(150, 'a') + "-" + std::string(150, 'b') + "\n---\nx\n");
  const ContentLoad load = load_content(dir);
  fs::remove_all(dir);
  REQUIRE(load.bundle.articles.size() == 1);
  CHECK(load.bundle.articles[0].slug == std::string(150, 'a') + "-" + std::string(49, 'b'));
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].format().find(":5: warning: field 'slug': longer than 200 characters: using '") !=
        std::string::npos);
  const BundleLoad back = load_bundle(bundle_to_json(load.bundle, "test").dump());
  REQUIRE(back.bundle);
  CHECK(back.skipped.empty());
  CHECK(back.bundle->articles.size() == 1);
}
