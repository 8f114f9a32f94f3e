// Unit tests for markdown.hpp: golden .md -> .html fixtures, URL safety, repair, TOC, words.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "markdown.hpp"
#include "text.hpp"

using namespace carnet;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

// Every fixture is rendered as a post in "assets/posts/2024/" served at "#/post/fixture".
MarkdownOptions fixture_options() {
  MarkdownOptions o;
  o.base_dir = "assets/posts/2024/";
  o.anchor_route = "#/post/fixture";
  return o;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string render(std::string_view md, const MarkdownOptions& o = {}) {
  std::string out;
  render_markdown(md, o, out);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

// No attribute in `html` may carry a script-capable URL.
void check_no_unsafe_attribute(const std::string& html) {
  const std::string l = lower(html);
  for (const char* bad : {"href=\"javascript", "src=\"javascript", "href=\"vbscript",
                          "src=\"vbscript", "href=\"data:", "src=\"data:text", "<script"}) {
    CAPTURE(bad);
    CHECK(l.find(bad) == std::string::npos);
  }
}

// `html` with the numeric references of non-ASCII characters ("&#233;") turned back into
// UTF-8: what ascii_html output reads as.
std::string decode_non_ascii_refs(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    const std::size_t end = html.find(';', i);
    if (html.compare(i, 2, "&#") == 0 && end != std::string_view::npos && end > i + 2 && end - i < 12) {
      char32_t cp = 0;
      bool digits = true;
      for (std::size_t k = i + 2; k < end; ++k) {
        digits = digits && html[k] >= '0' && html[k] <= '9';
        cp = cp * 10 + static_cast<char32_t>(html[k] - '0');
      }
      if (digits && cp >= 0x80) {
        append_utf8(out, cp);
        i = end;
        continue;
      }
    }
    out += html[i];
  }
  return out;
}

bool all_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

TEST_CASE("markdown fixtures render exactly as their golden HTML", "[markdown][fixtures]") {
  const fs::path dir = fs::path(CARNET_FIXTURES) / "markdown";
  REQUIRE(fs::is_directory(dir));
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".md") inputs.push_back(entry.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 10);

  for (const auto& md_path : inputs) {
    fs::path html_path = md_path;
    html_path.replace_extension(".html");
    const std::string name = md_path.filename().string();
    CAPTURE(name);
    REQUIRE(fs::exists(html_path));
    std::string out;
    render_markdown(read_file(md_path), fixture_options(), out);
    CHECK(out == read_file(html_path));
    CHECK(is_valid_utf8(out));
    check_no_unsafe_attribute(out);
    // The same page in pure ASCII (what the wasm module's Markdown API returns).
    MarkdownOptions ascii = fixture_options();
    ascii.ascii_html = true;
    std::string ascii_out;
    render_markdown(read_file(md_path), ascii, ascii_out);
    CHECK(all_ascii(ascii_out));
    CHECK(decode_non_ascii_refs(ascii_out) == out);
    check_no_unsafe_attribute(ascii_out);
    ascii.known_utf8 = true;  // the fixtures are UTF-8: skipping the check changes nothing
    std::string known_out;
    render_markdown(read_file(md_path), ascii, known_out);
    CHECK(known_out == ascii_out);
  }
}

TEST_CASE("safe_url blocks script-capable schemes", "[markdown][url]") {
  for (const auto ctx : {UrlContext::Link, UrlContext::Image}) {
    CHECK_FALSE(safe_url("javascript:alert(1)", ctx));
    CHECK_FALSE(safe_url("JaVaScRiPt:alert(1)", ctx));
    CHECK_FALSE(safe_url("java\tscript:alert(1)", ctx));
    CHECK_FALSE(safe_url("java\nscript:alert(1)", ctx));
    CHECK_FALSE(safe_url("java\r\nscript:alert(1)", ctx));
    CHECK_FALSE(safe_url("  javascript:alert(1)", ctx));
    CHECK_FALSE(safe_url("\x01\x1Fjavascript:alert(1)", ctx));
    CHECK_FALSE(safe_url("java\x01script:alert(1)", ctx));
    CHECK_FALSE(safe_url("vbscript:msgbox(1)", ctx));
    CHECK_FALSE(safe_url("VBScript:msgbox(1)", ctx));
    CHECK_FALSE(safe_url("data:text/html,<script>alert(1)</script>", ctx));
    CHECK_FALSE(safe_url("data:text/html;base64,PHNjcmlwdD4=", ctx));
    CHECK_FALSE(safe_url("data:image/svg+xml,<svg onload=alert(1)>", ctx));
    CHECK_FALSE(safe_url("file:///etc/passwd", ctx));
    CHECK_FALSE(safe_url("unknown:thing", ctx));
    CHECK_FALSE(safe_url("a b:c", ctx));
  }
}

TEST_CASE("safe_url allows raster data: URLs for images only", "[markdown][url]") {
  const std::string png = "data:image/png;base64,iVBORw0KGgo=";
  REQUIRE(safe_url(png, UrlContext::Image));
  CHECK(*safe_url(png, UrlContext::Image) == png);
  CHECK_FALSE(safe_url(png, UrlContext::Link));
  CHECK(safe_url("DATA:IMAGE/JPEG;base64,/9j/", UrlContext::Image));
  CHECK(safe_url("data:image/webp,xx", UrlContext::Image));
  CHECK(safe_url("data:image/gif;base64,R0lG", UrlContext::Image));
  CHECK_FALSE(safe_url("data:image/pngx;base64,AAAA", UrlContext::Image));
  CHECK_FALSE(safe_url("data:image/png", UrlContext::Image));
}

TEST_CASE("safe_url keeps ordinary and relative URLs", "[markdown][url]") {
  const auto same = [](const char* url) {
    const auto u = safe_url(url, UrlContext::Link);
    return u && *u == url;
  };
  CHECK(same("https://example.com/a?b=1#c"));
  CHECK(same("HTTP://EXAMPLE.COM"));
  CHECK(same("mailto:camille@example.fr"));
  CHECK(same("tel:+33123456789"));
  CHECK(same("images/a.png"));
  CHECK(same("../a/b.html"));
  CHECK(same("/about"));
  CHECK(same("?page=2"));
  CHECK(same("#anchor"));
  CHECK(same("#/post/hello"));
  CHECK(same("//cdn.example.com/x.js"));
  CHECK(same("folder/name:with-colon"));  // a '/' before the ':' means no scheme
  CHECK(same(""));
  CHECK(*safe_url("  https://example.com \n", UrlContext::Link) == "https://example.com");
  CHECK(*safe_url("https://exa\tmple.com", UrlContext::Link) == "https://example.com");
}

TEST_CASE("unsafe link targets are neutralised in rendered HTML", "[markdown][url]") {
  const char* const cases[] = {
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](java&#9;script:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "[x](&#x6A;avascript:alert(1))",
      "[x](javascript&colon;alert(1))",
      "[x](<  javascript:alert(1)>)",
      "[x](vbscript:msgbox(1))",
      "[x](data:text/html,<script>alert(1)</script>)",
      "[x](data:image/png;base64,AAAA)",
      "<javascript:alert(1)>",
      "<JAVASCRIPT:alert(1)>",
      "[x][r]\n\n[r]: javascript:alert(1)",
  };
  for (const char* md : cases) {
    CAPTURE(md);
    std::string out;
    const MarkdownResult r = render_markdown(md, fixture_options(), out);
    CHECK(r.blocked_urls == 1);
    CHECK(out.find("<a class=\"blocked-url\" data-blocked=\"unsafe-url\">") != std::string::npos);
    CHECK(out.find("href") == std::string::npos);
    check_no_unsafe_attribute(out);
  }
}

TEST_CASE("unsafe image sources are neutralised in rendered HTML", "[markdown][url]") {
  const char* const cases[] = {
      "![x](javascript:alert(1))",
      "![x](&#106;avascript:alert(1))",
      "![x](data:text/html,<script>alert(1)</script>)",
      "![x](data:image/svg+xml,<svg/onload=alert(1)>)",
  };
  for (const char* md : cases) {
    CAPTURE(md);
    std::string out;
    const MarkdownResult r = render_markdown(md, {}, out);
    CHECK(r.blocked_urls == 1);
    CHECK(out == "<p><img data-blocked=\"unsafe-url\" alt=\"x\"></p>\n");
  }
  std::string out;
  const MarkdownResult r = render_markdown("![p](data:image/png;base64,AAAA)", {}, out);
  CHECK(r.blocked_urls == 0);
  CHECK(out == "<p><img loading=\"lazy\" decoding=\"async\" src=\"data:image/png;base64,AAAA\" "
               "alt=\"p\"></p>\n");
}

TEST_CASE("link targets are resolved and escaped", "[markdown][url]") {
  MarkdownOptions o;
  o.base_dir = "assets/posts/2024/";
  o.anchor_route = "#/post/hello";

  SECTION("anchors go under the post's route") {
    CHECK(render("[a](#intro)", o) == "<p><a href=\"#/post/hello#intro\">a</a></p>\n");
    CHECK(render("[a](#/tag/seo)", o) == "<p><a href=\"#/tag/seo\">a</a></p>\n");
    CHECK(render("[a](#intro)") == "<p><a href=\"#intro\">a</a></p>\n");
  }
  SECTION("relative targets resolve under base_dir") {
    CHECK(render("![i](img/a.png)", o) ==
          "<p><img loading=\"lazy\" decoding=\"async\" src=\"assets/posts/2024/img/a.png\" "
          "alt=\"i\"></p>\n");
    CHECK(render("![i](../shared/./b.png)", o) ==
          "<p><img loading=\"lazy\" decoding=\"async\" src=\"assets/posts/shared/b.png\" "
          "alt=\"i\"></p>\n");
    CHECK(render("[d](../../../../../etc/passwd)", o) == "<p><a href=\"etc/passwd\">d</a></p>\n");
    CHECK(render("[d](a%20b.pdf?x=1#p)", o) ==
          "<p><a href=\"assets/posts/2024/a%20b.pdf?x=1#p\">d</a></p>\n");
    CHECK(render("[d](/about)", o) == "<p><a href=\"/about\">d</a></p>\n");
    CHECK(render("[d](img/a.png)") == "<p><a href=\"img/a.png\">d</a></p>\n");
  }
  SECTION("absolute URLs are never put under base_dir") {
    CHECK(render("[e](https://example.com/x)", o) ==
          "<p><a href=\"https://example.com/x\" rel=\"noopener noreferrer\">e</a></p>\n");
    CHECK(render("[m](mailto:a@example.com)", o) ==
          "<p><a href=\"mailto:a@example.com\">m</a></p>\n");
    CHECK(render("www.example.com", o) ==
          "<p><a href=\"http://www.example.com\" rel=\"noopener noreferrer\">www.example.com</a>"
          "</p>\n");
    CHECK(render("![p](data:image/gif;base64,R0lG)", o) ==
          "<p><img loading=\"lazy\" decoding=\"async\" src=\"data:image/gif;base64,R0lG\" "
          "alt=\"p\"></p>\n");
    CHECK(render("[c](//cdn.example.com/a)", o) ==
          "<p><a href=\"//cdn.example.com/a\" rel=\"noopener noreferrer\">c</a></p>\n");
  }
  SECTION("titles and URLs are escaped") {
    CHECK(render("[t](https://e.com \"a \\\"b\\\" <c> & 'd'\")") ==
          "<p><a href=\"https://e.com\" rel=\"noopener noreferrer\" "
          "title=\"a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;\">t</a></p>\n");
    CHECK(render("[t](<a\"b c>)") == "<p><a href=\"a%22b%20c\">t</a></p>\n");
    CHECK(render("[t](https://e.com/?a=1&b=\xC3\xA9)") ==
          "<p><a href=\"https://e.com/?a=1&amp;b=%C3%A9\" rel=\"noopener noreferrer\">t</a></p>\n");
    CHECK(render("![\"q\" <x>](a.png 'T\"')") ==
          "<p><img loading=\"lazy\" decoding=\"async\" src=\"a.png\" alt=\"&quot;q&quot; "
          "&lt;x&gt;\" title=\"T&quot;\"></p>\n");
  }
}

TEST_CASE("images of known size get width and height", "[markdown][url][images]") {
  const std::map<std::string, std::pair<int, int>> sizes = {
      {"assets/posts/2024/img/a.png", {640, 480}},
      {"assets/images/my chart.svg", {400, 260}},
      {"javascript:alert(1)", {1, 1}},
  };
  MarkdownOptions o;
  o.base_dir = "assets/posts/2024/";
  o.image_sizes = &sizes;
  const std::string sized_a = "<p><img loading=\"lazy\" decoding=\"async\" src=\"assets/posts/2024/img/a.png\" "
                              "width=\"640\" height=\"480\" alt=\"i\"></p>\n";
  CHECK(render("![i](img/a.png)", o) == sized_a);
  CHECK(render("![i](./img/../img/a.png)", o) == sized_a);
  CHECK(render("![i](img/a.png?v=2#top \"T\")", o) ==
        "<p><img loading=\"lazy\" decoding=\"async\" src=\"assets/posts/2024/img/a.png?v=2#top\" "
        "width=\"640\" height=\"480\" alt=\"i\" title=\"T\"></p>\n");
  SECTION("escaped or not, the file's name is what counts") {
    const std::string chart = "<p><img loading=\"lazy\" decoding=\"async\" src=\"assets/images/my%20chart.svg\" "
                              "width=\"400\" height=\"260\" alt=\"c\"></p>\n";
    CHECK(render("![c](../../images/my%20chart.svg)", o) == chart);
    CHECK(render("![c](<../../images/my chart.svg>)", o) == chart);
  }
  SECTION("images not in the map, links and unsized renders have no size") {
    CHECK(render("![i](img/b.png)", o) ==
          "<p><img loading=\"lazy\" decoding=\"async\" src=\"assets/posts/2024/img/b.png\" alt=\"i\"></p>\n");
    CHECK(render("![i](https://example.com/assets/posts/2024/img/a.png)", o).find("width=") == std::string::npos);
    CHECK(render("![i](/assets/posts/2024/img/a.png)", o).find("width=") == std::string::npos);
    CHECK(render("[d](img/a.png)", o) == "<p><a href=\"assets/posts/2024/img/a.png\">d</a></p>\n");
    MarkdownOptions unsized = o;
    unsized.image_sizes = nullptr;
    CHECK(render("![i](img/a.png)", unsized).find("width=") == std::string::npos);
  }
  SECTION("a hostile source is still blocked, sized or not") {
    std::string out;
    const MarkdownResult r = render_markdown("![x](javascript:alert(1))", o, out);
    CHECK(r.blocked_urls == 1);
    CHECK(out == "<p><img data-blocked=\"unsafe-url\" alt=\"x\"></p>\n");
  }
}

TEST_CASE("raw HTML is shown, never executed", "[markdown][html]") {
  CHECK(render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  CHECK(render("a <img src=x onerror=alert(1)> b") ==
        "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n");
  check_no_unsafe_attribute(render("<script>alert(1)</script>\n\n<a href=\"javascript:x\">y</a>"));
}

TEST_CASE("bad bytes never make invalid output", "[markdown][utf8]") {
  const std::string inputs[] = {
      "Caf\xC3 \xFF\xFE and \xC0\xAF overlong\n\n# Ti\xED\xA0\x80tre\n",
      "nul\0byte\n\n# H\0\n\n[l\0](a\0b)\n"s,
      "\xF0\x9F\x98",  // truncated at the very end
      "> \xE2\x82\n> - \x80\n",
      "\0"s,
  };
  for (const auto& in : inputs) {
    std::string out;
    render_markdown(in, fixture_options(), out);
    CAPTURE(out);
    CHECK(is_valid_utf8(out));
    CHECK(out.find('\0') == std::string::npos);
    CHECK(out.find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(is_valid_utf8(first_paragraph_text(in)));
  }
  CHECK(render("a\0b"s) == "<p>a\xEF\xBF\xBD" "b</p>\n");
  // Known UTF-8 is not scanned for NUL first: the renderer replaces each one as it writes.
  MarkdownOptions known = fixture_options();
  known.known_utf8 = true;
  std::vector<std::string> valid = {"```\na\0b\n```\n"s, "`a\0b`"s, "[l](a\0b \"t\0\")"s, "![i\0](x\0.png)"s,
                                    "```c\0d\nx\n```\n"s, "# T\0\n"s, "<https://a\0b>"s, "www.a\0b.fr"s};
  std::copy_if(std::begin(inputs), std::end(inputs), std::back_inserter(valid), [](const std::string& in) { return is_valid_utf8(in); });
  for (const auto& in : valid) {
    std::string out;
    render_markdown(in, known, out);
    CAPTURE(in, out);
    CHECK(is_valid_utf8(out));
    CHECK(out.find('\0') == std::string::npos);
  }
  CHECK(render("x\xFFy") == "<p>x\xEF\xBF\xBDy</p>\n");
}

TEST_CASE("a byte order mark is skipped", "[markdown][utf8]") {
  CHECK(render("\xEF\xBB\xBF# Titre\n") == "<h1 id=\"titre\">Titre</h1>\n");
  CHECK(first_paragraph_text("\xEF\xBB\xBF" "Bonjour") == "Bonjour");
}

TEST_CASE("output is appended to the caller's sink", "[markdown]") {
  std::string out = "<article>";
  render_markdown("*a*", {}, out);
  CHECK(out == "<article><p><em>a</em></p>\n");
  CHECK(render("") == "");
}

TEST_CASE("headings get unique ids and make the table of contents", "[markdown][toc]") {
  std::string out;
  const MarkdownResult r = render_markdown(
      "# Un\n\n## Deux &amp; trois\n\n### `code()`\n\n## Un\n\n#\n\n## \xC3\x89t\xC3\xA9 "
      "*chaud*\n\nLigne un\nligne deux\n---\n",
      {}, out);
  REQUIRE(r.toc.size() == 7);
  const struct {
    int level;
    const char* id;
    const char* text;
  } expected[] = {
      {1, "un", "Un"},
      {2, "deux-trois", "Deux & trois"},
      {3, "code", "code()"},
      {2, "un-1", "Un"},
      {1, "section", ""},
      {2, "ete-chaud", "\xC3\x89t\xC3\xA9 chaud"},
      {2, "ligne-un-ligne-deux", "Ligne un ligne deux"},
  };
  for (std::size_t i = 0; i < r.toc.size(); ++i) {
    CAPTURE(i);
    CHECK(r.toc[i].level == expected[i].level);
    CHECK(r.toc[i].id == expected[i].id);
    CHECK(r.toc[i].text == expected[i].text);
    CHECK(out.find(std::string("id=\"") + expected[i].id + "\"") != std::string::npos);
  }
  CHECK(out.find("<h2 id=\"deux-trois\">Deux &amp; trois</h2>\n") != std::string::npos);
  CHECK(out.find("<h2 id=\"ete-chaud\">\xC3\x89t\xC3\xA9 <em>chaud</em></h2>\n") !=
        std::string::npos);
}

TEST_CASE("heading ids never take the app's carnet-… ids", "[markdown][toc][xss]") {
  std::string out;
  const MarkdownResult r =
      render_markdown("## Carnet announcer\n\n## Carnet-main\n\n## Carnet de voyage\n\n## Carnet\n\n## Carnet announcer\n\n"
                      "## Carnet\n\n## Carnet\n", {}, out);
  std::vector<std::string> ids;
  for (const auto& t : r.toc) ids.push_back(t.id);
  CHECK(ids == std::vector<std::string>{"section-carnet-announcer", "section-carnet-main", "section-carnet-de-voyage",
                                        "carnet", "section-carnet-announcer-1", "section-carnet-1", "section-carnet-2"});
  CHECK(out.find("id=\"carnet-") == std::string::npos);
  CHECK(out.find("<h2 id=\"section-carnet-announcer\">Carnet announcer</h2>") != std::string::npos);
}

TEST_CASE("breaks cut the output into whole top-level blocks", "[markdown][breaks]") {
  std::string md;
  for (int i = 0; i < 40; ++i)
    md += "## Titre " + std::to_string(i) + "\n\nUn *paragraphe* avec [un lien](https://example.org/).\n\n"
          "> Une citation\n>\n> - avec\n> - une liste\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
  MarkdownOptions opts;
  opts.break_every = 300;
  std::string out = "<p>before</p>";  // breaks are offsets in the sink, as passed
  const MarkdownResult r = render_markdown(md, opts, out);
  REQUIRE(r.breaks.size() > 10);
  std::size_t from = std::string("<p>before</p>").size();
  const auto count = [](std::string_view s, std::string_view what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string_view::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  for (const std::size_t b : r.breaks) {
    CAPTURE(b);
    REQUIRE(b > from);
    CHECK(b - from >= 300);
    const std::string_view piece = std::string_view(out).substr(from, b - from);
    CHECK(piece.back() == '\n');
    CHECK((b == out.size() || out[b] == '<'));
    for (const char* tag : {"blockquote", "ul", "table", "div", "p", "h2", "li", "tr"})
      CHECK(count(piece, std::string("<") + tag + ">") + count(piece, std::string("<") + tag + " ") ==
            count(piece, std::string("</") + tag + ">"));
    from = b;
  }
  // Without break_every: none.
  std::string plain;
  CHECK(render_markdown(md, {}, plain).breaks.empty());
}

TEST_CASE("words are counted across blocks", "[markdown][words]") {
  const auto words = [](std::string_view md) {
    std::string out;
    return render_markdown(md, {}, out).words;
  };
  CHECK(words("") == 0);
  CHECK(words("Bonjour le monde.") == 3);
  CHECK(words("# Titre\n\nUn deux.") == 3);
  CHECK(words("- un\n- deux\n- trois\n") == 3);            // tight items have no paragraph
  CHECK(words("- un\n  - deux\n") == 2);                    // nested item right after text
  CHECK(words("| a | b |\n|---|---|\n| c | d |\n") == 4);   // header cells too
  CHECK(words("C\xE2\x80\x99" "est l\xE2\x80\x99\xC3\xA9t\xC3\xA9\xC2\xA0!") == 2);
  CHECK(words("un *deux* **trois**\nquatre  \ncinq") == 5);
  CHECK(words("> cit\xC3\xA9\n\n```\ncode here\n```\n") == 3);
}

TEST_CASE("first_paragraph_text finds the first real paragraph", "[markdown][summary]") {
  CHECK(first_paragraph_text("# Titre\n\n## Sous-titre\n\nPremier &amp; *vrai* paragraphe "
                             "d&eacute;j&#224; &#x2014; l&agrave;.\n\nSecond.") ==
        "Premier & vrai paragraphe d\xC3\xA9j\xC3\xA0 \xE2\x80\x94 l\xC3\xA0.");
  CHECK(first_paragraph_text("```\ncode\n```\n\n---\n\nTexte\nsur deux lignes  \nfin") ==
        "Texte sur deux lignes fin");
  CHECK(first_paragraph_text("Voir [le lien](https://e.com) et `code`.") ==
        "Voir le lien et code.");
  CHECK(first_paragraph_text("  \n\n# Seulement un titre\n") == "");
  CHECK(first_paragraph_text("") == "");
  CHECK(first_paragraph_text("<b>brut</b>") == "<b>brut</b>");  // plain text, not HTML
}

TEST_CASE("HTML comments are dropped from the page, its summary, plain text and word count", "[markdown][summary]") {
  // Blogs written for other tools carry "<!--more-->" excerpt marks and lint directives.
  CHECK(first_paragraph_text("<!-- more -->\n\nVrai d\xC3\xA9" "but.") == "Vrai d\xC3\xA9" "but.");
  CHECK(first_paragraph_text("<!--lint disable-->\n# Titre\n\nTexte") == "Texte");
  CHECK(first_paragraph_text("Avant<!--more--> apr\xC3\xA8s") == "Avant apr\xC3\xA8s");
  CHECK(first_paragraph_text("<div>bloc</div>\n\nTexte") == "Texte");  // an HTML block is not a paragraph
  CHECK(markdown_plain_text("<!--\nlint\n-->\n\nUn <!-- x --> deux\n\n<div>\ntrois\n</div>\n") ==
        "Un  deux\n<div>\ntrois\n</div>");
  CHECK(markdown_plain_text("a <!-- pas ferm\xC3\xA9") == "a <!-- pas ferm\xC3\xA9");  // not a comment for Markdown
  MarkdownOptions counted;
  counted.count_words = true;
  std::string out;
  CHECK(render_markdown("<!-- un deux -->\n\ntrois <!-- quatre -->", counted, out).words == 1);
  CHECK(out == "<p>trois </p>\n");
  // A comment never closed would hide the rest of the page, as in a browser: the page is
  // rendered with raw HTML as text instead, so nothing is swallowed.
  out.clear();
  const auto open = render_markdown("Intro <!-- x -->\n\n<!-- jamais ferm\xC3\xA9\n\n## Suite\n\n*texte*\n", counted, out);
  CHECK(out.find("&lt;!-- jamais ferm") != std::string::npos);
  CHECK(out.find("<em>texte</em>") != std::string::npos);
  CHECK(out.find("<h2 id=\"suite\">Suite</h2>") != std::string::npos);
  CHECK(open.words == 6);  // Intro, x (the first comment is text too, then), jamais, fermé, Suite, texte
  CHECK(markdown_plain_text("<!-- jamais\n\n*texte*").find("texte") != std::string::npos);
  CHECK(first_paragraph_text("<!-- jamais\n\nTexte") == "<!-- jamais");  // the author sees it
  // "<!--" inside a tag is no comment to md4c: it ends with its paragraph.
  out.clear();
  render_markdown("Un <a title=\"<!--\"> lien.\n\nDeux <b>x</b>\n", counted, out);
  CHECK(out.find("&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("pathological input renders without blowing up", "[markdown][stress]") {
  const std::string nested_quotes(5000, '>');
  const std::string brackets = std::string(5000, '[') + "x" + std::string(5000, ']');
  const std::string stars = std::string(5000, '*') + "a" + std::string(5000, '_');
  for (const std::string* in : {&nested_quotes, &brackets, &stars}) {
    std::string out;
    render_markdown(*in, {}, out);
    CHECK(is_valid_utf8(out));
    CHECK_FALSE(out.empty());
  }
}

TEST_CASE("ascii_html output stays ASCII and safe whatever the bytes, checked or not", "[markdown][ascii]") {
  for (const bool known : {false, true}) {
    MarkdownOptions o;
    o.ascii_html = true;
    o.known_utf8 = known;
    for (const std::string& md : {"caf\xC3\xA9 *\xFF* \xE2\x82"s, "# T\xC3\xAEtre\n\n`a\0b`\n"s,
                                  "[\xC3\xA9](javascript:alert(1)) ![\xFF](data:text/html,x)"s,
                                  "| \xF0\x9F\xA6\x8A | b |\n|---|---|\n| \xC0\xAF | \xED\xA0\x80 |\n"s}) {
      CAPTURE(known, md);
      std::string out;
      render_markdown(md, o, out);
      CHECK(all_ascii(out));
      CHECK(out.find("javascript:") == std::string::npos);
      CHECK(out.find("data:text") == std::string::npos);
      check_no_unsafe_attribute(out);
    }
  }
}

TEST_CASE("render_markdown_reusing gives render_markdown's HTML in a buffer reused across calls", "[markdown][reuse]") {
  MarkdownOptions options;
  options.count_words = false;
  options.ascii_html = true;
  std::string big = "# Réseaux sociaux\n\n";
  for (int i = 0; i < 2000; ++i) big += "L’équipe publie **chaque** semaine : [liens](https://exemple.fr/a?b=1&c=2).\n\n";
  std::string buffer;
  for (const std::string& md : {big, std::string("*a* é"), std::string(), big, std::string("| a |\n|---|\n| b |\n")}) {
    std::string want;
    render_markdown(md, options, want);
    const std::size_t size = render_markdown_reusing(md, options, buffer);
    INFO(md.substr(0, 40));
    REQUIRE(buffer.size() >= size);
    CHECK(std::string_view(buffer).substr(0, size) == want);
  }
  CHECK(buffer.size() > 100000);  // kept its size: the short renders did not shrink it
}
