// Tests load_content (wasm/cli/content.cpp) and write_site (wasm/cli/site_writer.cpp) on tests/fixtures/content-*.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "build_cache.hpp"
#include "bundle.hpp"
#include "content.hpp"
#include "search_index.hpp"
#include "site_writer.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using carnet::Diagnostic;

namespace {

const fs::path kFixtures = CARNET_FIXTURES;
const fs::path kGood = kFixtures / "content-good";
const fs::path kBroken = kFixtures / "content-broken";
const fs::path kApp = kFixtures / "app-stub";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> slugs(const carnet::Bundle& b) {
  std::vector<std::string> out;
  for (const auto& a : b.articles) out.push_back(a.slug);
  return out;
}

// A fresh folder under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path = fs::temp_directory_path() /
           ("carnet-test-content-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
            std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// Changes the working directory for one scope.
struct ScopedCwd {
  fs::path saved = fs::current_path();
  explicit ScopedCwd(const fs::path& p) { fs::current_path(p); }
  ~ScopedCwd() {
    std::error_code ec;
    fs::current_path(saved, ec);
  }
};

// The only diagnostic for a file (by path suffix); fails the test when there is not exactly one.
const Diagnostic& only_for(const carnet::ContentLoad& load, const std::string& suffix) {
  const Diagnostic* found = nullptr;
  int n = 0;
  for (const auto& d : load.diagnostics)
    if (ends_with(d.file, suffix)) {
      found = &d;
      ++n;
    }
  INFO("diagnostics for " << suffix);
  REQUIRE(n == 1);
  return *found;
}

}  // namespace

TEST_CASE("content: the good fixture loads without any message", "[content]") {
  const auto load = carnet::load_content(kGood);
  for (const auto& d : load.diagnostics) UNSCOPED_INFO(d.format());
  CHECK(load.diagnostics.empty());
  CHECK_FALSE(load.has_errors());
  CHECK(load.drafts == 1);
  CHECK(load.skipped == 0);

  const auto& site = load.bundle.site;
  CHECK(site.title == "Carnet de test");
  CHECK(site.description == "Un petit dossier de contenu pour les tests du générateur.");
  CHECK(site.lang == "fr");
  CHECK(site.base_url == "https://carnet-test.example.org/");

  SECTION("authors") {
    REQUIRE(load.bundle.authors.size() == 2);
    const auto* alice = load.bundle.find_author("alice");
    REQUIRE(alice);
    CHECK(alice->name == "Alice Martin");
    CHECK(alice->avatar == "assets/images/alice.svg");  // "../images/alice.svg" from authors/
    REQUIRE(alice->links.size() == 2);
    CHECK(alice->links[0].label == "Site");
    CHECK(alice->links[0].url == "https://alice.example.org/");
    CHECK(alice->links[1].label == "Mastodon");
    CHECK(alice->bio == "Alice écrit sur les **réseaux sociaux**.");
    const auto* bob = load.bundle.find_author("bob");
    REQUIRE(bob);
    CHECK(bob->avatar.empty());
    REQUIRE(bob->links.size() == 1);  // written as a "label: url" mapping
    CHECK(bob->links[0].label == "Website");
    CHECK(bob->links[0].url == "https://bob.example.net/");
  }

  SECTION("articles: newest first, the draft left out") {
    REQUIRE(slugs(load.bundle) == std::vector<std::string>{"mon-article", "hello-world", "premier-billet"});
    CHECK_FALSE(load.bundle.find_article("brouillon"));
    CHECK(load.bundle.bodies.size() == 3);
    CHECK(load.bundle.bodies.count("brouillon") == 0);
  }

  SECTION("an index.md takes its folder's name; no summary: the first paragraph, as text") {
    const auto* a = load.bundle.find_article("mon-article");
    REQUIRE(a);
    CHECK(a->source == "posts/2024/mon-article/index.md");
    CHECK(a->title == "Mon article dans un dossier");
    CHECK(a->date == carnet::Date{2024, 5, 10});
    CHECK(a->author == "alice");
    CHECK(a->category == "Réseaux sociaux");
    CHECK(a->tags == std::vector<std::string>{"a", "b"});  // "a, b" split on commas
    CHECK(a->lang == "fr");                                  // the site's language
    CHECK(a->summary == "Ceci est le premier paragraphe de mon article, avec du texte & une entité.");
    CHECK_FALSE(a->original);
    CHECK(a->words > 10);
    const std::string& body = load.bundle.bodies.at("mon-article");
    CHECK(body.find("![Un schéma](schema.svg)") != std::string::npos);
    CHECK(body.find("title:") == std::string::npos);  // the header is not part of the body
  }

  SECTION("explicit slug, English, original source") {
    const auto* a = load.bundle.find_article("hello-world");
    REQUIRE(a);
    CHECK(a->source == "posts/english-post.md");
    CHECK(a->lang == "en");
    CHECK(a->author == "bob");
    CHECK(a->summary == "A short hello in English.");
    CHECK(a->tags == std::vector<std::string>{"intro", "community"});
    REQUIRE(a->original);
    CHECK(a->original->name == "Bob's blog");
    CHECK(a->original->url == "https://bob.example.net/hello");
    CHECK_FALSE(load.bundle.find_article("english-post"));
  }

  SECTION("a written summary is kept as is") {
    const auto* a = load.bundle.find_article("premier-billet");
    REQUIRE(a);
    CHECK(a->summary == "Le tout premier billet du carnet.");
    CHECK(a->date == carnet::Date{2023, 11, 2});
    CHECK(a->tags == std::vector<std::string>{"intro", "méthode"});
  }

  SECTION("assets: every non-Markdown file but site.yml, sorted") {
    CHECK(load.assets == std::vector<std::string>{"images/alice.svg", "posts/2024/mon-article/schema.svg"});
  }
  SECTION("images: their sizes, by published URL") {
    const std::map<std::string, std::pair<int, int>> sizes = {{"assets/images/alice.svg", {8, 8}},
                                                              {"assets/posts/2024/mon-article/schema.svg", {8, 8}}};
    CHECK(load.bundle.image_sizes == sizes);
  }
}

TEST_CASE("content: published images get their intrinsic sizes from their headers", "[content][images]") {
  using carnet_test::write;
  TempDir tmp;
  const fs::path& dir = tmp.path;
  write(dir / "site.yml", "title: Test\n");
  write(dir / "authors/jo.md", "---\nname: Jo\n---\n");
  write(dir / "posts/a.md", "---\ntitle: A\ndate: 2024-01-02\nauthor: jo\n---\nText.\n");
  const std::string png_head = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x02\x80\0\0\x01\xe0", 24);
  write(dir / "images/photo.PNG", png_head + std::string(2 << 20, '\0'));  // 640 x 480, bigger than what is read
  write(dir / "images/anim.gif", std::string("GIF89a\x10\0\x09\0\0\0\0", 13));
  write(dir / "posts/2024/drawing.svg", "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 300 150'/>");
  // A JPEG whose frame header comes after 1.1 MiB of APP2 segments: past what is read.
  std::string far_jpeg("\xFF\xD8", 2);
  for (int k = 0; k < 18; ++k) far_jpeg += std::string("\xFF\xE2\xFF\xFF", 4) + std::string(0xFFFD, 'i');
  write(dir / "images/far.jpg", far_jpeg + std::string("\xFF\xC0\0\x0b\x08\0\x10\0\x20\x01\x01\x11\0", 13));
  write(dir / "images/cut.png", "\x89PNG");
  write(dir / "images/unsized.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='100%'/>");
  write(dir / "images/not-an-image.webp", "hello");
  write(dir / "files/notes.txt", "<svg width='5' height='5'/>");  // not an image's name: not read
  const carnet::ContentLoad load = carnet::load_content(dir);
  for (const auto& d : load.diagnostics) UNSCOPED_INFO(d.format());
  CHECK_FALSE(load.has_errors());
  CHECK(load.assets.size() == 8);
  const std::map<std::string, std::pair<int, int>> sizes = {{"assets/images/anim.gif", {16, 9}},
                                                            {"assets/images/photo.PNG", {640, 480}},
                                                            {"assets/posts/2024/drawing.svg", {4096, 2048}}};  // viewBox only: stretched
  CHECK(load.bundle.image_sizes == sizes);
}

TEST_CASE("content: the broken fixture keeps its good articles and names every problem", "[content]") {
  const auto load = carnet::load_content(kBroken);
  for (const auto& d : load.diagnostics) UNSCOPED_INFO(d.format());
  CHECK(load.has_errors());
  CHECK(load.skipped == 9);
  CHECK(load.drafts == 0);
  REQUIRE(slugs(load.bundle) == std::vector<std::string>{"good-one", "good-unknown-field", "mon-slug-bizarre", "meme-slug"});
  CHECK(load.bundle.find_article("meme-slug")->source == "posts/dup-a.md");  // the first one keeps the slug
  CHECK(load.bundle.bodies.size() == 4);

  const auto errors = std::count_if(load.diagnostics.begin(), load.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
  CHECK(errors == 9);
  CHECK(load.diagnostics.size() == 11);

  struct Expect {
    const char* file;
    Diagnostic::Severity severity;
    int line;
    const char* field;
    const char* message;
    const char* excerpt;
  };
  using S = Diagnostic::Severity;
  const Expect expected[] = {
      {"posts/no-title.md", S::Error, 1, "title", "is required but missing", "---"},
      {"posts/bad-date.md", S::Error, 3, "date", "'2024-13-45' is not a real date written YYYY-MM-DD",
       "date: 2024-13-45"},
      {"posts/not-leap.md", S::Error, 3, "date", "'2023-02-29' is not a real date written YYYY-MM-DD",
       "date: 2023-02-29"},
      {"posts/unknown-author.md", S::Error, 4, "author",
       "no author 'personne': expected a file authors/personne.md", "author: personne"},
      {"posts/bad-yaml.md", S::Error, 2, "", "front matter is not valid YAML: illegal map value (article left out)",
       "title: Pourquoi: une question"},
      {"posts/no-front-matter.md", S::Error, 1, "",
       "no front matter: the file must start with a '---' line, then 'title:', 'date:', 'author:' (article left out)",
       "# Un titre Markdown"},
      {"posts/js-original.md", S::Error, 7, "original.url",
       "must start with http:// or https:// (got 'javascript:alert(1)')", "url: \"javascript:alert(1)\""},
      {"posts/tags-map.md", S::Error, 6, "tags", "must be a list, e.g. [marketing, seo]", "marketing: oui"},
      {"posts/weird-slug.md", S::Warning, 5, "slug", "'../Mon Slug Bizarre' is not URL-safe: using 'mon-slug-bizarre'",
       "slug: \"../Mon Slug Bizarre\""},
      {"posts/good-unknown-field.md", S::Warning, 5, "mood", "unknown field (ignored)", "mood: joyeux"},
  };
  for (const auto& e : expected) {
    INFO(e.file);
    const Diagnostic& d = only_for(load, std::string("/content-broken/") + e.file);
    CHECK(d.file == (kBroken / e.file).generic_string());  // the folder as given + relative path
    CHECK(d.severity == e.severity);
    CHECK(d.line == e.line);
    CHECK(d.field == e.field);
    CHECK(d.message == e.message);
    CHECK(d.excerpt == e.excerpt);
  }

  SECTION("the duplicate slug names the file that owns it") {
    const Diagnostic& d = only_for(load, "posts/dup-b.md");
    CHECK(d.severity == S::Error);
    CHECK(d.line == 5);
    CHECK(d.field == "slug");
    CHECK(d.message == "'meme-slug' is already used by " + (kBroken / "posts/dup-a.md").generic_string());
    CHECK(d.excerpt == "slug: meme-slug");
  }

  SECTION("format() reads like a compiler message with the source line") {
    const Diagnostic& d = only_for(load, "posts/bad-date.md");
    CHECK(d.format() == (kBroken / "posts/bad-date.md").generic_string() +
                            ":3: error: field 'date': '2024-13-45' is not a real date written YYYY-MM-DD\n"
                            "  3 | date: 2024-13-45\n"
                            "    |       ^~~~~~~~~~");
    const Diagnostic& w = only_for(load, "posts/good-unknown-field.md");
    CHECK(w.format().find(":5: warning: field 'mood': unknown field (ignored)\n  5 | mood: joyeux\n    | ^~~~") !=
          std::string::npos);
  }

  SECTION("the good articles are intact") {
    const auto* leap = load.bundle.find_article("good-one");
    REQUIRE(leap);
    CHECK(leap->date == carnet::Date{2024, 2, 29});
    CHECK(leap->tags == std::vector<std::string>{"test"});
    CHECK(load.bundle.find_article("mon-slug-bizarre")->source == "posts/weird-slug.md");
    CHECK(load.assets.empty());
  }
}

TEST_CASE("content: a missing folder is one error, not a crash", "[content]") {
  const auto load = carnet::load_content(kFixtures / "no-such-content");
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].severity == Diagnostic::Severity::Error);
  CHECK(load.diagnostics[0].message == "is not a folder");
  CHECK(load.bundle.articles.empty());
}

TEST_CASE("content: write_site publishes the app, the assets and a bundle the viewer accepts", "[content]") {
  TempDir tmp;
  const fs::path out = tmp.path / "site";
  const auto load = carnet::load_content(kGood);
  REQUIRE_FALSE(load.has_errors());

  const auto w = carnet::write_site(load, kGood, kApp, out);
  REQUIRE(w.error.empty());
  // 2 assets, bundle.json, search-index.bin, manifest.webmanifest, sw.js, feed.xml, rss.xml,
  // sitemap.xml and 16 static pages: home, 3 articles, 2 categories, 5 tags, 2 authors,
  // archive, search, 404.
  CHECK(w.pages == 16);
  CHECK(w.feeds);
  CHECK(w.files_written == 25);
  CHECK(w.version.size() == 16);
  // The service worker lists every published file but itself, and this build's version.
  const std::string sw = slurp(out / "sw.js");
  CHECK(sw.find("\"version\":\"" + w.version + "\"") != std::string::npos);
  for (const char* f : {"\"index.html\"", "\"bundle.json\"", "\"search-index.bin\"", "\"manifest.webmanifest\"",
                        "\"assets/images/alice.svg\""})
    CHECK(sw.find(f) != std::string::npos);
  CHECK(sw.find("\"sw.js\"") == std::string::npos);
  // Static pages are not precached (the viewer paints every route from the bundle), but
  // the home page and 404.html are: offline navigations fall back on them.
  CHECK(sw.find("\"404.html\"") != std::string::npos);
  CHECK(sw.find("post/") == std::string::npos);
  CHECK(sw.find("feed.xml") == std::string::npos);
  CHECK(slurp(out / "manifest.webmanifest").find("\"start_url\": \"./\"") != std::string::npos);
  REQUIRE(fs::is_regular_file(out / "search-index.bin"));
  CHECK(w.index_bytes == fs::file_size(out / "search-index.bin"));
  // index.html is the app shell filled with the home page.
  const std::string home = slurp(out / "index.html");
  CHECK(home.find("<base href=\"./\">") != std::string::npos);
  CHECK(home.find("<h2 class=\"card-title\"><a href=\"post/mon-article/\">Mon article dans un dossier</a></h2>") !=
        std::string::npos);
  CHECK(fs::is_regular_file(out / "post/hello-world/index.html"));
  CHECK(fs::is_regular_file(out / "tag/methode/index.html"));
  CHECK_FALSE(fs::exists(out / "post/un-brouillon"));  // drafts appear nowhere
  for (const auto& f : fs::recursive_directory_iterator(out))
    if (f.is_regular_file()) CHECK(slurp(f.path()).find("brouillon") == std::string::npos);
  CHECK(slurp(out / "assets/images/alice.svg") == slurp(kGood / "images/alice.svg"));
  CHECK(slurp(out / "assets/posts/2024/mon-article/schema.svg") ==
        slurp(kGood / "posts/2024/mon-article/schema.svg"));
  CHECK_FALSE(fs::exists(out / "assets/site.yml"));
  CHECK_FALSE(fs::exists(out / "assets/posts/2023/premier-billet.md"));

  REQUIRE(fs::is_regular_file(out / "bundle.json"));
  const std::string json = slurp(out / "bundle.json");
  CHECK(w.bundle_bytes == json.size());
  const auto parsed = carnet::load_bundle(json);
  INFO(parsed.error);
  REQUIRE(parsed.bundle);
  CHECK(parsed.skipped.empty());
  CHECK(parsed.bundle->site.title == "Carnet de test");
  CHECK(parsed.bundle->site.lang == "fr");
  CHECK(slugs(*parsed.bundle) == slugs(load.bundle));
  CHECK(parsed.bundle->authors.size() == 2);
  CHECK(parsed.bundle->find_article("mon-article")->summary == load.bundle.find_article("mon-article")->summary);
  CHECK(parsed.bundle->bodies.at("hello-world") == load.bundle.bodies.at("hello-world"));
  CHECK(parsed.bundle->find_author("alice")->avatar == "assets/images/alice.svg");
  CHECK(parsed.bundle->image_sizes == load.bundle.image_sizes);
  CHECK(slurp(out / "post/mon-article/index.html").find("schema.svg\" width=\"8\" height=\"8\" alt=") != std::string::npos);

  SECTION("a second build writes nothing") {
    const auto again = carnet::write_site(load, kGood, kApp, out);
    CHECK(again.error.empty());
    CHECK(again.files_written == 0);
    CHECK(again.bundle_bytes == w.bundle_bytes);
  }
  SECTION("a stale asset from an earlier build is removed") {
    std::ofstream(out / "assets/old.png") << "old";
    const auto again = carnet::write_site(load, kGood, kApp, out);
    CHECK(again.error.empty());
    CHECK(again.files_written == 0);
    CHECK_FALSE(fs::exists(out / "assets/old.png"));
    CHECK(fs::exists(out / "assets/images/alice.svg"));
  }
  SECTION("a changed article rewrites the bundle, the search index, the service worker, and the pages and feeds showing it") {
    const std::string untouched = slurp(out / "tag/intro/index.html");
    auto changed = load;
    changed.bundle.articles[0].title = "Autre titre";
    const auto again = carnet::write_site(changed, kGood, kApp, out);
    CHECK(again.error.empty());
    // + feed.xml, rss.xml and 9 pages: home, its own, its neighbour's (hello-world), the one
    // it is related to (premier-billet), its category, its 2 tags, its author, the archive.
    CHECK(again.files_written == 3 + 2 + 9);
    CHECK(slurp(out / "post/mon-article/index.html").find("<h1 tabindex=\"-1\">Autre titre</h1>") != std::string::npos);
    CHECK(slurp(out / "tag/intro/index.html") == untouched);
    CHECK(again.version != w.version);
    CHECK(carnet::load_bundle(slurp(out / "bundle.json")).bundle->articles[0].title == "Autre titre");
  }
  SECTION("an image that changes size rewrites the pages showing it") {
    auto changed = load;
    changed.bundle.image_sizes["assets/posts/2024/mon-article/schema.svg"] = {16, 12};
    const auto again = carnet::write_site(changed, kGood, kApp, out);
    CHECK(again.error.empty());
    CHECK(slurp(out / "post/mon-article/index.html").find("schema.svg\" width=\"16\" height=\"12\" alt=") !=
          std::string::npos);
  }
  SECTION("a changed site title also renames the installed app") {
    auto changed = load;
    changed.bundle.site.title = "Autre titre";
    const auto again = carnet::write_site(changed, kGood, kApp, out);
    CHECK(again.error.empty());
    CHECK(again.files_written == 3 + 16 + 2);  // bundle.json, manifest.webmanifest, sw.js, every page, the feeds
    CHECK(carnet::load_bundle(slurp(out / "bundle.json")).bundle->site.title == "Autre titre");
  }
}

TEST_CASE("content: write_site still publishes the good articles of a broken folder", "[content]") {
  TempDir tmp;
  const auto load = carnet::load_content(kBroken);
  const auto w = carnet::write_site(load, kBroken, kApp, tmp.path / "site");
  REQUIRE(w.error.empty());
  const auto parsed = carnet::load_bundle(slurp(tmp.path / "site" / "bundle.json"));
  REQUIRE(parsed.bundle);
  CHECK(slugs(*parsed.bundle) ==
        std::vector<std::string>{"good-one", "good-unknown-field", "mon-slug-bizarre", "meme-slug"});
}

TEST_CASE("content: write_site refuses an output folder inside (or around) the content folder", "[content]") {
  TempDir tmp;
  const fs::path content = tmp.path / "content";
  fs::copy(kGood, content, fs::copy_options::recursive);
  const auto load = carnet::load_content(content);
  REQUIRE_FALSE(load.has_errors());
  const std::string refusal = "must not contain or be inside the content folder";

  SECTION("inside") {
    const auto w = carnet::write_site(load, content, kApp, content / "dist");
    CHECK(w.error.find(refusal) != std::string::npos);
    CHECK(w.files_written == 0);
    CHECK_FALSE(fs::exists(content / "dist"));
  }
  SECTION("inside, written with a trailing slash and '..'") {
    const auto w = carnet::write_site(load, content / "", kApp, content / "posts" / ".." / "dist" / "");
    CHECK(w.error.find(refusal) != std::string::npos);
    CHECK_FALSE(fs::exists(content / "dist"));
  }
  SECTION("the content folder itself") {
    const auto w = carnet::write_site(load, content, kApp, content);
    CHECK(w.error.find(refusal) != std::string::npos);
    CHECK_FALSE(fs::exists(content / "bundle.json"));
  }
  SECTION("around it") {
    const auto w = carnet::write_site(load, content, kApp, tmp.path);
    CHECK(w.error.find(refusal) != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path / "bundle.json"));
  }
  SECTION("relative paths: content '.' and output 'dist' from inside the content folder") {
    ScopedCwd cwd(content);
    const auto w = carnet::write_site(load, ".", kApp, "dist");
    CHECK(w.error.find(refusal) != std::string::npos);
    CHECK_FALSE(fs::exists(content / "dist"));
  }
  SECTION("a sibling whose name starts like the content folder is fine") {
    const auto w = carnet::write_site(load, content, kApp, tmp.path / "content-site");
    CHECK(w.error.empty());
    CHECK(fs::exists(tmp.path / "content-site" / "bundle.json"));
  }
  SECTION("no web app") {
    const auto w = carnet::write_site(load, content, tmp.path / "no-app", tmp.path / "out");
    CHECK(w.error.find("the web app is missing in") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path / "out"));
  }
}

TEST_CASE("content: an author written by display name finds the author file by its slug", "[content]") {
  const fs::path dir = fs::temp_directory_path() / ("carnet-author-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "authors");
  fs::create_directories(dir / "posts");
  std::ofstream(dir / "site.yml") << "title: Test\nlang: fr\nurl: https://test.example/\n";
  std::ofstream(dir / "authors" / "jean-dupont.md") << "---\nname: Jean Dupont\n---\nBio.\n";
  std::ofstream(dir / "posts" / "a.md") << "---\ntitle: A\ndate: 2024-01-02\nauthor: Jean Dupont\n---\nTexte.\n";
  std::ofstream(dir / "posts" / "b.md") << "---\ntitle: B\ndate: 2024-01-03\nauthor: Marie Curie\n---\nTexte.\n";
  const carnet::ContentLoad load = carnet::load_content(dir);
  REQUIRE(load.bundle.articles.size() == 1);
  CHECK(load.bundle.articles[0].author == "jean-dupont");
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].line == 4);
  CHECK(load.diagnostics[0].message == "no author 'Marie Curie': expected a file authors/marie-curie.md");
  fs::remove_all(dir);
}

TEST_CASE("content: two spellings of one category are merged with a warning", "[content]") {
  const fs::path dir = fs::temp_directory_path() / ("carnet-spelling-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "authors");
  fs::create_directories(dir / "posts");
  std::ofstream(dir / "site.yml") << "title: Test\nlang: fr\nurl: https://test.example/\n";
  std::ofstream(dir / "authors" / "jo.md") << "---\nname: Jo\n---\n";
  std::ofstream(dir / "posts" / "a.md") << "---\ntitle: A\ndate: 2024-01-02\nauthor: jo\ncategory: Marketing social\n---\nA.\n";
  std::ofstream(dir / "posts" / "b.md") << "---\ntitle: B\ndate: 2024-01-03\nauthor: jo\ncategory: marketing social\n---\nB.\n";
  const carnet::ContentLoad load = carnet::load_content(dir);
  CHECK(load.bundle.articles.size() == 2);
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].severity == Diagnostic::Severity::Warning);
  CHECK(ends_with(load.diagnostics[0].file, "posts/b.md"));
  CHECK(load.diagnostics[0].line == 5);
  CHECK(load.diagnostics[0].field == "category");
  CHECK(load.diagnostics[0].message.find("'marketing social' is written 'Marketing social' in ") == 0);
  fs::remove_all(dir);
}

TEST_CASE("content: files that would run as pages with scripts are not published", "[content][xss]") {
  TempDir tmp;
  const fs::path& dir = tmp.path;
  fs::create_directories(dir / "authors");
  fs::create_directories(dir / "posts");
  fs::create_directories(dir / "images");
  std::ofstream(dir / "site.yml") << "title: Test\nlang: fr\nurl: https://test.example/\n";
  std::ofstream(dir / "authors" / "jo.md") << "---\nname: Jo\n---\n";
  std::ofstream(dir / "posts" / "a.md") << "---\ntitle: A\ndate: 2024-01-02\nauthor: jo\n---\n[page](../images/page.html)\n";
  std::ofstream(dir / "images" / "page.html") << "<script>alert(1)</script>";
  std::ofstream(dir / "images" / "evil.svg") << "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>";
  std::ofstream(dir / "images" / "ok.svg") << "<svg xmlns='http://www.w3.org/2000/svg'><rect width='1' height='1'/></svg>";
  std::ofstream(dir / "images" / "photo.png") << "\x89PNG";
  const carnet::ContentLoad load = carnet::load_content(dir);
  CHECK(load.has_errors());
  CHECK(load.bundle.articles.size() == 1);  // the article linking to it stays
  CHECK(load.assets == std::vector<std::string>{"images/ok.svg", "images/photo.png"});
  const Diagnostic& html = only_for(load, "images/page.html");
  CHECK(html.severity == Diagnostic::Severity::Error);
  CHECK(html.format().find("a .html file is a page that can run scripts") != std::string::npos);
  const Diagnostic& svg = only_for(load, "images/evil.svg");
  CHECK(svg.format().find("an SVG with an event-handler attribute 'onload'") != std::string::npos);
  CHECK(svg.format().find("(not published)") != std::string::npos);
}

// A content folder with authors/ and posts/ and a site.yml, for the author tests.
const fs::path& author_folder(const TempDir& tmp) {
  fs::create_directories(tmp.path / "authors");
  fs::create_directories(tmp.path / "posts");
  std::ofstream(tmp.path / "site.yml") << "title: Test\nlang: fr\nurl: https://test.example/\n";
  return tmp.path;
}

TEST_CASE("content: an author link without a URL is dropped with a warning, one without a label shows its URL", "[content]") {
  // Found by fuzzing (fuzz_frontmatter): the bundle loader refuses a blank url or label, so
  // the viewer skipped the whole author.
  TempDir tmp;
  const fs::path& dir = author_folder(tmp);
  std::ofstream(dir / "authors" / "eve.md")
      << "---\nname: Eve\nlinks:\n  - {label: vide, url: \" \"}\n  - {label: \"\", url: \"https://example.org/eve\"}\n"
         "  - {label: ok, url: \"https://example.org/ok\"}\n---\nBio.\n";
  std::ofstream(dir / "authors" / "map.md") << "---\nname: Map\nlinks:\n  blog: \"\\r\"\n  site: https://example.org/map\n---\n";
  std::ofstream(dir / "posts" / "a.md") << "---\ntitle: A\ndate: 2024-01-02\nauthor: eve\n---\nA.\n";
  const carnet::ContentLoad load = carnet::load_content(dir);
  const carnet::Author* eve = load.bundle.find_author("eve");
  REQUIRE(eve);
  REQUIRE(eve->links.size() == 2);
  CHECK(eve->links[0].label == "https://example.org/eve");
  CHECK(eve->links[1].label == "ok");
  REQUIRE(load.bundle.find_author("map")->links.size() == 1);
  std::size_t warnings = 0;
  for (const auto& d : load.diagnostics)
    warnings += d.format().find("a link without a URL (ignored)") != std::string::npos;
  CHECK(warnings == 2);
  // What carnet-build writes, the viewer loads whole.
  const carnet::BundleLoad back = carnet::load_bundle(carnet::bundle_to_json(load.bundle, "test").dump());
  REQUIRE(back.bundle.has_value());
  CHECK(back.skipped.empty());
  CHECK(back.bundle->authors.size() == 2);
}

TEST_CASE("content: an author's script-capable avatar and links are refused with a warning", "[content][xss]") {
  TempDir tmp;
  const fs::path& dir = author_folder(tmp);
  std::ofstream(dir / "authors" / "eve.md")
      << "---\nname: Eve\navatar: \"javascript:alert(1)\"\nlinks:\n"
         "  - {label: ok, url: \"https://example.org/eve\"}\n"
         "  - {label: js, url: \" JaVaScript:alert(1)\"}\n"
         "  - {label: data, url: \"data:text/html,<script>alert(1)</script>\"}\n---\nBio.\n";
  std::ofstream(dir / "authors" / "pix.md") << "---\nname: Pix\navatar: \"data:image/png;base64,iVBORw0KGgo=\"\n---\n";
  std::ofstream(dir / "authors" / "svg.md") << "---\nname: Svg\navatar: \"data:image/svg+xml,<svg onload=alert(1)>\"\n---\n";
  std::ofstream(dir / "posts" / "a.md") << "---\ntitle: A\ndate: 2024-01-02\nauthor: eve\n---\nA.\n";
  const carnet::ContentLoad load = carnet::load_content(dir);
  const carnet::Author* eve = load.bundle.find_author("eve");
  REQUIRE(eve);
  CHECK(eve->avatar.empty());
  REQUIRE(eve->links.size() == 1);
  CHECK(eve->links[0].url == "https://example.org/eve");
  CHECK(load.bundle.find_author("pix")->avatar == "data:image/png;base64,iVBORw0KGgo=");
  CHECK(load.bundle.find_author("svg")->avatar.empty());
  std::vector<std::string> messages;
  for (const auto& d : load.diagnostics) {
    CHECK(d.severity == Diagnostic::Severity::Warning);
    messages.push_back(d.format().substr(d.format().find("authors/")));
  }
  CHECK(messages == std::vector<std::string>{
                        "authors/eve.md:3: warning: field 'avatar': 'javascript:alert(1)' is not an image URL (ignored)\n"
                        "  3 | avatar: \"javascript:alert(1)\"\n"
                        "    |         ^~~~~~~~~~~~~~~~~~~~~",
                        "authors/eve.md:5: warning: field 'links': ' JaVaScript:alert(1)' is not a safe link URL (ignored)\n"
                        "  5 | - {label: ok, url: \"https://example.org/eve\"}",
                        "authors/eve.md:5: warning: field 'links': 'data:text/html,<script>alert(1)</script>' is not a "
                        "safe link URL (ignored)\n  5 | - {label: ok, url: \"https://example.org/eve\"}",
                        "authors/svg.md:3: warning: field 'avatar': 'data:image/svg+xml,<svg onload=alert(1)>' is not an "
                        "image URL (ignored)\n  3 | avatar: \"data:image/svg+xml,<svg onload=alert(1)>\"\n"
                        "    |         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"});
}

TEST_CASE("content: site.yml's url and routing", "[content][static]") {
  TempDir tmp;
  fs::create_directories(tmp.path / "authors");
  fs::create_directories(tmp.path / "posts");
  std::ofstream(tmp.path / "authors" / "jo.md") << "---\nname: Jo\n---\n";
  std::ofstream(tmp.path / "posts" / "a.md") << "---\ntitle: A\ndate: 2024-01-02\nauthor: jo\n---\nA.\n";
  auto load_with = [&](const std::string& site_yml) {
    std::ofstream(tmp.path / "site.yml", std::ios::trunc) << "title: T\nlang: fr\n" << site_yml;
    return carnet::load_content(tmp.path);
  };
  SECTION("url: kept with a final slash, routing defaults to hash") {
    const auto load = load_with("url: https://example.org/blog\n");
    CHECK(load.diagnostics.empty());
    CHECK(load.bundle.site.base_url == "https://example.org/blog/");
    CHECK(load.bundle.site.routing == "hash");
  }
  SECTION("base_url is url's older spelling") {
    CHECK(load_with("base_url: https://example.org/\n").bundle.site.base_url == "https://example.org/");
    const auto both = load_with("url: https://a.example/\nbase_url: https://b.example/\n");
    CHECK(both.bundle.site.base_url == "https://a.example/");
    REQUIRE(both.diagnostics.size() == 1);
    CHECK(both.diagnostics[0].format() ==
          (tmp.path / "site.yml").generic_string() +
              ":4: warning: field 'base_url': ignored: 'url' is set (base_url is its older spelling)\n  4 | base_url: https://b.example/\n"
              "    |           ^~~~~~~~~~~~~~~~~~");
  }
  SECTION("no url: one clear warning naming site.yml and the field") {
    const auto load = load_with("");
    REQUIRE(load.diagnostics.size() == 1);
    CHECK(load.diagnostics[0].severity == Diagnostic::Severity::Warning);
    CHECK(load.diagnostics[0].format().find(
              "site.yml: warning: field 'url': missing: without the site's public address, pages have no canonical "
              "link or og:url, feed.xml, rss.xml and sitemap.xml are not written") != std::string::npos);
  }
  SECTION("a url that is not a public address is an error") {
    for (const char* bad : {"url: /blog/\n", "url: javascript:alert(1)\n", "url: https://\n", "url: https://a.example/?x=1\n"}) {
      const auto load = load_with(bad);
      INFO(bad);
      REQUIRE(load.diagnostics.size() == 1);
      CHECK(load.diagnostics[0].severity == Diagnostic::Severity::Error);
      CHECK(load.diagnostics[0].field == "url");
      CHECK(load.diagnostics[0].line == 3);
      CHECK(load.bundle.site.base_url.empty());
    }
  }
  SECTION("routing: history, or an error naming the two choices") {
    CHECK(load_with("url: https://e.example/\nrouting: history\n").bundle.site.routing == "history");
    const auto bad = load_with("url: https://e.example/\nrouting: clean\n");
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].message ==
          "must be 'hash' (#/post/x, the default) or 'history' (clean URLs) (got 'clean')");
    CHECK(bad.bundle.site.routing == "hash");
  }
}

TEST_CASE("content: a rebuild removes the static pages and feeds the site no longer has", "[content][static]") {
  TempDir tmp;
  const fs::path content = tmp.path / "content";
  fs::copy(kGood, content, fs::copy_options::recursive);
  const fs::path out = tmp.path / "site";
  auto load = carnet::load_content(content);
  REQUIRE(carnet::write_site(load, content, kApp, out).error.empty());
  REQUIRE(fs::is_regular_file(out / "post/premier-billet/index.html"));
  REQUIRE(fs::is_regular_file(out / "tag/methode/index.html"));
  std::ofstream(out / "post/keep.txt") << "not ours";
  // The stale pages are the previous build's pages (its cache lists them) that this one does
  // not write, or, without a cache, the pages found in the page folders.
  bool victim = false;
  SECTION("with the previous build's cache") {}
  SECTION("without a cache") { fs::remove(out / carnet::kBuildCacheFile); }
  SECTION("with a cache naming files that are not pages") {
    fs::create_directories(tmp.path / "victim");
    std::ofstream(tmp.path / "victim/index.html") << "not ours";
    victim = true;
    std::string cache = slurp(out / carnet::kBuildCacheFile);
    const std::string entries = R"("../victim/index.html":["k"],"post/../../victim/index.html":["k"],"/tmp/index.html":["k"],"sw.js":["k"],)";
    cache.insert(cache.find(R"("pages":{)") + 9, entries);
    std::ofstream(out / carnet::kBuildCacheFile, std::ios::trunc) << cache;
  }

  // The article becomes a draft; the site loses its url.
  std::string text = slurp(content / "posts/2023/premier-billet.md");
  text.insert(text.find("---", 3), "draft: true\n");
  std::ofstream(content / "posts/2023/premier-billet.md", std::ios::trunc) << text;
  std::ofstream(content / "site.yml", std::ios::trunc) << "title: Test\nlang: fr\n";
  load = carnet::load_content(content);
  const auto w = carnet::write_site(load, content, kApp, out);
  REQUIRE(w.error.empty());
  CHECK_FALSE(w.feeds);
  CHECK_FALSE(fs::exists(out / "post/premier-billet"));
  CHECK_FALSE(fs::exists(out / "tag/methode"));       // its only article is gone
  CHECK_FALSE(fs::exists(out / "category/methode"));
  CHECK(fs::is_regular_file(out / "post/hello-world/index.html"));
  CHECK(fs::is_regular_file(out / "post/keep.txt"));  // not a file Carnet writes
  for (const char* f : {"feed.xml", "rss.xml", "sitemap.xml"}) CHECK_FALSE(fs::exists(out / f));
  CHECK(fs::is_regular_file(out / "sw.js"));
  if (victim) CHECK(fs::is_regular_file(tmp.path / "victim/index.html"));
}

TEST_CASE("content: a sharded site is rebuilt incrementally", "[content][shards]") {
  TempDir tmp;
  const fs::path out = tmp.path / "site";
  const auto load = carnet::load_content(kGood);
  carnet::WriteOptions sharded;
  sharded.sharding = carnet::Sharding::Always;
  const auto w = carnet::write_site(load, kGood, kApp, out, sharded);
  REQUIRE(w.error.empty());
  CHECK(w.sharded);
  CHECK(w.chunks == 1);
  CHECK(w.meta_parts == 1);
  auto shard_files = [&] {
    std::vector<std::string> names;
    for (const auto& f : fs::directory_iterator(out)) {
      const std::string n = f.path().filename().string();
      if (n.rfind("chunk-", 0) == 0 || n.rfind("meta-", 0) == 0 || n.rfind("where-", 0) == 0 || n.rfind("lists-", 0) == 0 ||
          n.rfind("search-index", 0) == 0 || n.rfind("search-part-", 0) == 0)
        names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  const auto before = shard_files();
  CHECK(before.size() == 6);  // a chunk, a metadata part, a "where" file, a "lists" file, the index head and its part
  CHECK_FALSE(fs::exists(out / "search-index.bin"));
  // The service worker precaches boot data and index, and knows the chunk as lazy.
  const std::string sw = slurp(out / "sw.js");
  CHECK(sw.find("\"lazy\":[\"chunk-") != std::string::npos);
  CHECK(sw.find("\"where-") != std::string::npos);

  SECTION("a second build writes nothing") {
    const auto mtime = fs::last_write_time(out / before[0]);
    const auto again = carnet::write_site(load, kGood, kApp, out, sharded);
    CHECK(again.error.empty());
    CHECK(again.files_written == 0);
    CHECK(shard_files() == before);
    CHECK(fs::last_write_time(out / before[0]) == mtime);
  }
  SECTION("an edited body rewrites its chunk, the part and boot file naming it, the index, its page, the feed") {
    auto changed = load;
    changed.bundle.bodies["hello-world"] += "\n\nUn paragraphe de plus.\n";
    const auto again = carnet::write_site(changed, kGood, kApp, out, sharded);
    CHECK(again.error.empty());
    // chunk, the meta part, "where" and "lists" files naming it, bundle.json, search index
    // head and part, sw.js, post/hello-world/, feed.xml (Atom carries the text; RSS only the
    // summary)
    CHECK(again.files_written == 10);
    const auto after = shard_files();
    CHECK(after.size() == 6);  // the old chunk, part, "where" and "lists" files and index files are gone
    CHECK(after != before);
  }
  SECTION("back to one file when the blog is small again") {
    const auto again = carnet::write_site(load, kGood, kApp, out);
    CHECK_FALSE(again.sharded);
    CHECK(shard_files() == std::vector<std::string>{"search-index.bin"});
  }
}

TEST_CASE("content: a rebuild makes again only what its sources changed (.carnet-cache.json)", "[content][cache]") {
  TempDir tmp;
  const fs::path out = tmp.path / "site";
  const auto load = carnet::load_content(kGood);
  REQUIRE(carnet::write_site(load, kGood, kApp, out).error.empty());
  REQUIRE(fs::exists(out / carnet::kBuildCacheFile));
  CHECK(slurp(out / "sw.js").find(carnet::kBuildCacheFile) == std::string::npos);  // not part of the site
  // Files that were not made again keep these bytes (a rebuild compares what it makes with
  // what is on disk, so this is the only way to see that a page was not made at all).
  const std::string kept = "kept as it was";
  for (const char* page : {"post/hello-world/index.html", "tag/intro/index.html"})
    std::ofstream(out / page, std::ios::binary | std::ios::trunc) << kept;

  SECTION("nothing changed: no page and no index is made again") {
    const auto again = carnet::write_site(load, kGood, kApp, out);
    CHECK(again.error.empty());
    CHECK(again.files_written == 0);
    CHECK(slurp(out / "post/hello-world/index.html") == kept);
    CHECK(slurp(out / "tag/intro/index.html") == kept);
    std::ofstream(out / "search-index.bin", std::ios::binary | std::ios::trunc) << kept;
    const auto third = carnet::write_site(load, kGood, kApp, out);
    CHECK(third.files_written == 1);  // sw.js: it precaches the index, whose bytes are new
    CHECK(slurp(out / "search-index.bin") == kept);
  }
  SECTION("an edited body: its page and the index are made again, the other pages are not") {
    std::ofstream(out / "search-index.bin", std::ios::binary | std::ios::trunc) << kept;
    auto changed = load;
    changed.bundle.bodies["hello-world"] += "\n\nUn paragraphe de plus.\n";
    const auto again = carnet::write_site(changed, kGood, kApp, out);
    CHECK(again.error.empty());
    CHECK(slurp(out / "post/hello-world/index.html").find("Un paragraphe de plus.") != std::string::npos);
    CHECK(slurp(out / "search-index.bin") != kept);
    CHECK(slurp(out / "tag/intro/index.html") == kept);
  }
  SECTION("a file replaced is dated in a later second than the one it replaces") {
    // Hosts answer "not modified" by the time to the second: a rebuild within the second
    // of the last one must still look new, or browsers (and the service worker's update
    // check) keep the old sw.js and bundle. Dating the old files ahead makes that second
    // certain to be the same.
    const auto ahead = fs::file_time_type::clock::now() + std::chrono::seconds(5);
    const auto second = [](fs::file_time_type t) { return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()); };
    for (const char* file : {"sw.js", "bundle.json", "post/hello-world/index.html", "index.html"})
      fs::last_write_time(out / file, ahead);
    auto changed = load;
    changed.bundle.bodies["hello-world"] += "\n\nUn paragraphe de plus.\n";
    REQUIRE(carnet::write_site(changed, kGood, kApp, out).error.empty());
    for (const char* file : {"sw.js", "bundle.json", "post/hello-world/index.html"}) {
      INFO(file);
      CHECK(second(fs::last_write_time(out / file)) == second(ahead) + std::chrono::seconds(1));
    }
    CHECK(fs::last_write_time(out / "index.html") == ahead);  // not replaced: left as it was
  }
  SECTION("changed metadata: every page is made again (lists, links and heads show it)") {
    auto changed = load;
    changed.bundle.articles[0].title = "Autre titre";
    REQUIRE(carnet::write_site(changed, kGood, kApp, out).error.empty());
    CHECK(slurp(out / "tag/intro/index.html") != kept);
    CHECK(slurp(out / "post/hello-world/index.html") != kept);
  }
  SECTION("a page file that is gone is made again") {
    fs::remove(out / "tag/intro/index.html");
    const auto again = carnet::write_site(load, kGood, kApp, out);
    CHECK(again.files_written == 1);
    CHECK(slurp(out / "tag/intro/index.html").find("<html") != std::string::npos);
  }
  SECTION("without the cache (or with a damaged one) everything is made again") {
    for (const std::string cache : {"", "{not json", R"({"format":"carnet-build-cache","version":99,"pages":{}})"}) {
      if (cache.empty()) fs::remove(out / carnet::kBuildCacheFile);
      else std::ofstream(out / carnet::kBuildCacheFile, std::ios::trunc) << cache;
      for (const char* page : {"post/hello-world/index.html", "search-index.bin"})
        std::ofstream(out / page, std::ios::binary | std::ios::trunc) << kept;
      REQUIRE(carnet::write_site(load, kGood, kApp, out).error.empty());
      CHECK(slurp(out / "post/hello-world/index.html") != kept);
      CHECK(slurp(out / "search-index.bin") != kept);
    }
  }
  SECTION("a build that stops halfway leaves no cache to vouch for what it changed") {
    auto changed = load;
    changed.bundle.bodies["hello-world"] += "\n\nUn paragraphe de plus.\n";
    // The web manifest cannot be written (a folder is in its way): the build stops after
    // the bundle and the index, before the pages.
    fs::remove(out / "manifest.webmanifest");
    fs::create_directories(out / "manifest.webmanifest" / "in-the-way");
    CHECK_FALSE(carnet::write_site(changed, kGood, kApp, out).error.empty());
    CHECK_FALSE(fs::exists(out / carnet::kBuildCacheFile));
    fs::remove_all(out / "manifest.webmanifest");
    REQUIRE(carnet::write_site(changed, kGood, kApp, out).error.empty());
    CHECK(slurp(out / "tag/intro/index.html") != kept);  // made again: there was no cache
    CHECK(fs::exists(out / carnet::kBuildCacheFile));
  }
}

TEST_CASE("content: a rebuild makes again only the search index segments whose articles changed", "[content][cache]") {
  TempDir tmp;
  const fs::path out = tmp.path / "site";
  const fs::path dir = out / carnet::kSegmentCacheDir;
  carnet::Bundle b;
  b.authors["camille"] = carnet::Author{"camille", "Camille Durand", {}, {}, {}};
  const char* words[] = {"publicité", "réseaux", "chevaux", "marketing", "données", "campagne", "stratégie"};
  for (int i = 0; i < 4200; ++i) {  // four segments
    carnet::Article a;
    a.slug = "article-" + std::to_string(i);
    a.title = std::string("Titre ") + words[i % 7] + " " + std::to_string(i);
    a.lang = i % 3 ? "fr" : "en";
    a.author = "camille";
    a.date = carnet::Date{2020, 1 + i % 12, 1 + i % 28};
    b.bodies[a.slug] = std::string(words[(i * 3) % 7]) + " et " + words[(i * 5) % 7] + " mot" + std::to_string(i);
    b.articles.push_back(std::move(a));
  }
  auto files = [&] {
    std::map<std::string, fs::file_time_type> found;
    for (const auto& e : fs::directory_iterator(dir)) found[e.path().filename().string()] = e.last_write_time();
    return found;
  };
  auto index_of = [&](const carnet::Bundle& bundle) {
    return carnet::build_search_index_reusing(bundle, carnet::digest_sources(bundle), out).serialize();
  };
  CHECK(index_of(b) == carnet::build_search_index(b).serialize());
  const auto first = files();
  REQUIRE(first.size() == 4);

  SECTION("nothing changed: every segment read back") {
    CHECK(index_of(b) == carnet::build_search_index(b).serialize());
    CHECK(files() == first);
  }
  SECTION("one edited body: one segment made again, the old one removed, the same index as a full build") {
    b.bodies["article-77"] += " zorglub";
    CHECK(index_of(b) == carnet::build_search_index(b).serialize());
    const auto after = files();
    REQUIRE(after.size() == 4);
    int kept = 0;
    for (const auto& [name, time] : after) kept += first.count(name) && first.at(name) == time;
    CHECK(kept == 3);
  }
  SECTION("a damaged or truncated segment file is made again") {
    const auto victim = first.begin()->first;
    std::string bytes = slurp(dir / victim);
    std::ofstream(dir / victim, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
    CHECK(index_of(b) == carnet::build_search_index(b).serialize());
    CHECK(slurp(dir / victim) == bytes);
  }
  SECTION("the site writer keeps them, and does not publish them") {
    carnet::ContentLoad load;
    load.bundle = b;
    REQUIRE(carnet::write_site(load, kGood, kApp, out).error.empty());
    CHECK(files() == first);
    CHECK(slurp(out / "sw.js").find(carnet::kSegmentCacheDir) == std::string::npos);
  }
}
