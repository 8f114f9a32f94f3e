// Unit tests for bundle.hpp: load_bundle's exact error messages, skipped entries, round trip.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bundle.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

json good_article(const std::string& slug, const std::string& date = "2024-03-14") {
  return {{"slug", slug},   {"title", "Title " + slug}, {"date", date},     {"author", "camille"},
          {"tags", {"seo"}}, {"lang", "fr"},             {"summary", "Sum"}, {"words", 120}};
}

json good_bundle() {
  return {{"format", "carnet-bundle"},
          {"version", 1},
          {"generator", "test"},
          {"site", {{"title", "Carnet"}, {"description", "Un blog"}, {"lang", "fr"}}},
          {"assets", "assets/"},
          {"authors", {{{"id", "camille"}, {"name", "Camille Durand"}}}},
          {"articles", {good_article("hello")}},
          {"bodies", {{"hello", "# Hello\n\nBody."}}}};
}

BundleLoad load(const json& j) { return load_bundle(j.dump()); }

}  // namespace

TEST_CASE("load_bundle reads a good bundle", "[bundle]") {
  const BundleLoad r = load(good_bundle());
  REQUIRE(r.bundle);
  CHECK(r.error.empty());
  CHECK(r.skipped.empty());
  CHECK(r.warnings.empty());
  const Bundle& b = *r.bundle;
  CHECK(b.site.title == "Carnet");
  CHECK(b.site.description == "Un blog");
  CHECK(b.site.lang == "fr");
  REQUIRE(b.articles.size() == 1);
  const Article& a = b.articles[0];
  CHECK(a.slug == "hello");
  CHECK(a.title == "Title hello");
  CHECK(a.date == Date{2024, 3, 14});
  CHECK(a.tags == std::vector<std::string>{"seo"});
  CHECK(a.words == 120);
  CHECK(b.bodies.at("hello") == "# Hello\n\nBody.");
  REQUIRE(b.find_article("hello") == &b.articles[0]);
  CHECK(b.find_article("nope") == nullptr);
  REQUIRE(b.find_author("camille"));
  CHECK(b.find_author("camille")->name == "Camille Durand");
  CHECK(b.find_author("ghost") == nullptr);
}

TEST_CASE("load_bundle rejects unusable bundles with exact messages", "[bundle][errors]") {
  SECTION("not JSON") {
    const BundleLoad r = load_bundle("not json");
    CHECK_FALSE(r.bundle);
    CHECK(r.error ==
          "bundle.json: not valid JSON (line 1, column 1: expected a value, found 'n')");
  }
  SECTION("top-level array") {
    const BundleLoad r = load_bundle("[1, 2]");
    CHECK_FALSE(r.bundle);
    CHECK(r.error ==
          "bundle.json: not a Carnet bundle (the top level must be an object, not a list)");
  }
  SECTION("wrong format") {
    json j = good_bundle();
    j["format"] = "jekyll";
    CHECK(load(j).error ==
          "bundle.json: not a Carnet bundle (field 'format' must be \"carnet-bundle\")");
    j.erase("format");
    CHECK(load(j).error ==
          "bundle.json: not a Carnet bundle (field 'format' must be \"carnet-bundle\")");
  }
  SECTION("missing or non-integer version") {
    json j = good_bundle();
    j.erase("version");
    CHECK(load(j).error == "bundle.json: field 'version' must be a whole number");
    j["version"] = "1";
    CHECK(load(j).error == "bundle.json: field 'version' must be a whole number");
    j["version"] = 1.5;
    CHECK(load(j).error == "bundle.json: field 'version' must be a whole number");
  }
  SECTION("newer version") {
    json j = good_bundle();
    j["version"] = 2;
    const BundleLoad r = load(j);
    CHECK_FALSE(r.bundle);
    CHECK(r.error ==
          "bundle.json: schema version 2 is newer than this viewer understands (1); reload the "
          "page to get the matching viewer");
  }
  SECTION("site missing or incomplete") {
    json j = good_bundle();
    j.erase("site");
    CHECK(load(j).error == "bundle.json: site: field 'site' must be an object");
    j["site"] = "Carnet";
    CHECK(load(j).error == "bundle.json: site: field 'site' must be an object");
    j["site"] = {{"lang", "fr"}};
    CHECK(load(j).error == "bundle.json: site: field 'title' is missing");
    j["site"] = {{"title", 3}};
    CHECK(load(j).error == "bundle.json: site: field 'title' must be a string, not a number");
  }
  SECTION("articles not a list") {
    json j = good_bundle();
    j["articles"] = {{"hello", 1}};
    const BundleLoad r = load(j);
    CHECK_FALSE(r.bundle);
    CHECK(r.error == "bundle.json: field 'articles' must be a list");
    j.erase("articles");
    CHECK(load(j).error == "bundle.json: field 'articles' must be a list");
  }
  SECTION("bodies not an object") {
    json j = good_bundle();
    j["bodies"] = json::array();
    CHECK(load(j).error ==
          "bundle.json: field 'bodies' must be an object mapping slugs to Markdown");
  }
  SECTION("the name prefixes every message") {
    CHECK(load_bundle("[]", "site/bundle.json").error ==
          "site/bundle.json: not a Carnet bundle (the top level must be an object, not a list)");
  }
}

TEST_CASE("load_bundle skips bad articles and keeps the good ones", "[bundle][errors]") {
  json j = good_bundle();
  json& arts = j["articles"];
  json& bodies = j["bodies"];
  json no_title = good_article("no-title");
  no_title.erase("title");
  json bad_date = good_article("bad-date", "2024-13-45");
  json tags_string = good_article("tags-string");
  tags_string["tags"] = "seo, sea";
  json tags_number = good_article("tags-number");
  tags_number["tags"] = {"seo", 42};
  json bad_slug = good_article("../etc/passwd");
  json upper_slug = good_article("Hello");
  json no_body = good_article("no-body");
  json not_object = "just a string";
  arts.push_back(no_title);                      // 2
  arts.push_back(bad_date);                      // 3
  arts.push_back(tags_string);                   // 4
  arts.push_back(tags_number);                   // 5
  arts.push_back(good_article("hello"));         // 6: duplicate of 1
  arts.push_back(bad_slug);                      // 7
  arts.push_back(no_body);                       // 8
  arts.push_back(not_object);                    // 9
  arts.push_back(good_article("second", "2024-05-01"));  // 10
  arts.push_back(upper_slug);                    // 11
  for (const char* s : {"no-title", "bad-date", "tags-string", "tags-number", "../etc/passwd",
                        "second", "Hello"})
    bodies[s] = "Body";

  const BundleLoad r = load(j);
  REQUIRE(r.bundle);
  CHECK(r.error.empty());
  const std::vector<std::string> expected = {
      "bundle.json: article 2 ('no-title'): field 'title' is missing",
      "bundle.json: article 3 ('bad-date'): field 'date' must be a real date written YYYY-MM-DD "
      "(got '2024-13-45')",
      "bundle.json: article 4 ('tags-string'): field 'tags' must be a list of strings, not a "
      "string",
      "bundle.json: article 5 ('tags-number'): field 'tags' must be a list of strings, but holds "
      "a number",
      "bundle.json: article 6 ('hello'): another article already has slug 'hello'",
      "bundle.json: article 7 ('../etc/passwd'): field 'slug' must be lower-case letters, digits, "
      "'-', '_' or '.' (got '../etc/passwd')",
      "bundle.json: article 8 ('no-body'): no body in 'bodies'",
      "bundle.json: article 9: must be an object, not a string",
      "bundle.json: article 11 ('Hello'): field 'slug' must be lower-case letters, digits, '-', "
      "'_' or '.' (got 'Hello')",
  };
  REQUIRE(r.skipped.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(r.skipped[i].message() == expected[i]);
  CHECK(r.skipped[0].what == "bundle.json: article 2 ('no-title')");
  CHECK(r.skipped[0].reason == "field 'title' is missing");

  REQUIRE(r.bundle->articles.size() == 2);
  CHECK(r.bundle->articles[0].slug == "second");
  CHECK(r.bundle->articles[1].slug == "hello");
  CHECK(r.bundle->bodies.size() == 2);
  CHECK(r.bundle->bodies.count("no-title") == 0);
}

TEST_CASE("load_bundle field checks", "[bundle]") {
  SECTION("an unknown author is a warning, not a skip") {
    json j = good_bundle();
    j["articles"][0]["author"] = "ghost";
    const BundleLoad r = load(j);
    REQUIRE(r.bundle);
    CHECK(r.skipped.empty());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0] == "bundle.json: article 1 ('hello'): unknown author 'ghost'");
    CHECK(r.bundle->articles.size() == 1);
  }
  SECTION("a body that is not a string") {
    json j = good_bundle();
    j["bodies"]["hello"] = 3;
    const BundleLoad r = load(j);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].message() ==
          "bundle.json: article 1 ('hello'): its body must be a string, not a number");
  }
  SECTION("bad authors are skipped by id") {
    json j = good_bundle();
    j["authors"].push_back({{"id", "camille"}, {"name", "Again"}});
    j["authors"].push_back({{"id", "sam"}});
    const BundleLoad r = load(j);
    REQUIRE(r.skipped.size() == 2);
    CHECK(r.skipped[0].message() == "bundle.json: author 2 ('camille'): duplicate author id "
                                    "'camille'");
    CHECK(r.skipped[1].message() == "bundle.json: author 3 ('sam'): field 'name' is missing");
    CHECK(r.bundle->find_author("camille")->name == "Camille Durand");
  }
  SECTION("defaults: article language from the site, blank tags dropped") {
    json j = good_bundle();
    j["articles"][0].erase("lang");
    j["articles"][0]["tags"] = {"seo", "  ", "sea"};
    const BundleLoad r = load(j);
    REQUIRE(r.bundle);
    CHECK(r.bundle->articles[0].lang == "fr");
    CHECK(r.bundle->articles[0].tags == std::vector<std::string>{"seo", "sea"});
    j["site"].erase("lang");
    CHECK(load(j).bundle->site.lang == "en");
  }
  SECTION("words must be a whole number") {
    json j = good_bundle();
    j["articles"][0]["words"] = -3;
    const BundleLoad r = load(j);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == "field 'words' must be a whole number, not -3");
    j["articles"][0]["words"] = "many";
    CHECK(load(j).skipped[0].reason == "field 'words' must be a whole number, not a string");
  }
}

TEST_CASE("articles are sorted newest first", "[bundle][sort]") {
  json j = good_bundle();
  j["articles"] = json::array();
  j["bodies"] = json::object();
  const struct {
    const char* slug;
    const char* date;
    const char* title;
  } rows[] = {{"old", "2022-12-31", "Z"},   {"new-b", "2024-06-01", "B"},
              {"mid", "2023-07-15", "M"},   {"new-a", "2024-06-01", "A"},
              {"new-a2", "2024-06-01", "A"}, {"jan", "2024-01-31", "J"}};
  for (const auto& row : rows) {
    json a = good_article(row.slug, row.date);
    a["title"] = row.title;
    j["articles"].push_back(a);
    j["bodies"][row.slug] = "x";
  }
  const BundleLoad r = load(j);
  REQUIRE(r.bundle);
  std::vector<std::string> order;
  for (const auto& a : r.bundle->articles) order.push_back(a.slug);
  CHECK(order == std::vector<std::string>{"new-a", "new-a2", "new-b", "jan", "mid", "old"});
}

TEST_CASE("bundle_to_json then load_bundle gives the same bundle", "[bundle][roundtrip]") {
  Bundle b;
  b.site = {"Carnet", "Notes de marketing", "fr", "https://example.com/blog/"};
  b.assets = "files/";
  Author camille{"camille", "Camille Durand", "files/authors/camille.jpg",
                 {{"Site", "https://camille.example"}, {"Mastodon", "https://m.example/@c"}},
                 "Consultante *SEO*."};
  b.authors.emplace(camille.id, camille);
  Article first;
  first.slug = "reseaux-sociaux";
  first.title = "R\xC3\xA9seaux sociaux\xC2\xA0: le guide";
  first.date = {2024, 2, 29};
  first.author = "camille";
  first.category = "Strat\xC3\xA9gie";
  first.tags = {"R\xC3\xA9seaux sociaux", "SEO"};
  first.lang = "fr";
  first.summary = "Un r\xC3\xA9sum\xC3\xA9.";
  first.original = Original{"Le Monde", "https://lemonde.example/a"};
  first.source = "posts/2024/reseaux.md";
  first.words = 1234;
  Article second;
  second.slug = "hello";
  second.title = "Hello";
  second.date = {2023, 1, 1};
  second.author = "camille";
  second.lang = "en";
  b.articles = {first, second};
  b.bodies = {{"reseaux-sociaux", "# Titre\n\nCorps \xE2\x80\x99."}, {"hello", "Hi"}};
  b.image_sizes = {{"files/posts/2024/chart.svg", {400, 260}}, {"files/photo \xC3\xA9t\xC3\xA9.jpg", {3000, 4000}}};

  const BundleLoad r = load_bundle(bundle_to_json(b, "carnet 0.1").dump());
  REQUIRE(r.bundle);
  CHECK(r.skipped.empty());
  CHECK(r.warnings.empty());
  const Bundle& back = *r.bundle;
  CHECK(back.site.title == b.site.title);
  CHECK(back.site.description == b.site.description);
  CHECK(back.site.lang == b.site.lang);
  CHECK(back.site.base_url == b.site.base_url);
  CHECK(back.assets == "files/");
  REQUIRE(back.find_author("camille"));
  const Author& a = *back.find_author("camille");
  CHECK(a.name == camille.name);
  CHECK(a.avatar == camille.avatar);
  CHECK(a.bio == camille.bio);
  REQUIRE(a.links.size() == 2);
  CHECK(a.links[1].label == "Mastodon");
  CHECK(a.links[1].url == "https://m.example/@c");
  REQUIRE(back.articles.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const Article& x = b.articles[i];
    const Article& y = back.articles[i];
    CAPTURE(x.slug);
    CHECK(y.slug == x.slug);
    CHECK(y.title == x.title);
    CHECK(y.date == x.date);
    CHECK(y.author == x.author);
    CHECK(y.category == x.category);
    CHECK(y.tags == x.tags);
    CHECK(y.lang == x.lang);
    CHECK(y.summary == x.summary);
    CHECK(y.source == x.source);
    CHECK(y.words == x.words);
    REQUIRE(y.original.has_value() == x.original.has_value());
    if (x.original) {
      CHECK(y.original->name == x.original->name);
      CHECK(y.original->url == x.original->url);
    }
  }
  CHECK(back.bodies == b.bodies);
  CHECK(back.image_sizes == b.image_sizes);

  const json j = bundle_to_json(b, "carnet 0.1");
  CHECK(j["images"] == json{{"files/posts/2024/chart.svg", {400, 260}}, {"files/photo \xC3\xA9t\xC3\xA9.jpg", {3000, 4000}}});
  b.image_sizes.clear();
  CHECK_FALSE(bundle_to_json(b, "carnet 0.1").contains("images"));  // optional: left out when empty
  CHECK(j["format"] == "carnet-bundle");
  CHECK(j["version"] == kBundleVersion);
  CHECK(j["generator"] == "carnet 0.1");
  CHECK(j["articles"][0]["date"] == "2024-02-29");
}

TEST_CASE("load_bundle keeps the believable image sizes and ignores the others with a warning", "[bundle][images]") {
  json j = good_bundle();
  j["images"] = {{"assets/a.png", {640, 480}},  {"assets/b.png", {0, 5}},       {"assets/c.png", "big"},
                 {"assets/d.png", {1.5, 2}},    {"assets/e.png", {100001, 1}},  {"assets/f.png", {1, 2, 3}},
                 {"assets/g.png", {-4, 4}},     {"assets/h.png", {100000, 1}}};
  const BundleLoad r = load(j);
  REQUIRE(r.bundle);
  CHECK(r.skipped.empty());
  const std::map<std::string, std::pair<int, int>> kept = {{"assets/a.png", {640, 480}}, {"assets/h.png", {100000, 1}}};
  CHECK(r.bundle->image_sizes == kept);
  REQUIRE(r.warnings.size() == 6);
  CHECK(r.warnings[0] == "bundle.json: image 'assets/b.png': size must be [width, height] in whole pixels from 1 to 100000, "
                         "not [0,5] (ignored)");
  CHECK(r.warnings[1] == "bundle.json: image 'assets/c.png': size must be [width, height] in whole pixels from 1 to 100000, "
                         "not big (ignored)");
  CHECK(r.bundle->articles.size() == 1);

  j["images"] = {1, 2};
  const BundleLoad list = load(j);
  REQUIRE(list.bundle);
  CHECK(list.bundle->image_sizes.empty());
  CHECK(list.warnings == std::vector<std::string>{
                             "bundle.json: field 'images' must be an object mapping image URLs to [width, height]; sizes ignored"});
}

TEST_CASE("term_slug makes route slugs from display names", "[bundle]") {
  CHECK(term_slug("R\xC3\xA9seaux sociaux") == "reseaux-sociaux");
  CHECK(term_slug("Strat\xC3\xA9gie") == "strategie");
  CHECK(term_slug("SEO & SEA") == "seo-sea");
}

TEST_CASE("bundle: without 'assets' the content's files are under assets/, as documented", "[bundle]") {
  const auto r = load_bundle(R"({"format":"carnet-bundle","version":1,"site":{"title":"T"},"articles":[],"bodies":{}})");
  REQUIRE(r.bundle);
  CHECK(r.bundle->assets == "assets/");
}

TEST_CASE("the bundle index takes appended articles in, as a new index would", "[bundle][index]") {
  auto article = [](std::string slug, std::string category, std::vector<std::string> tags, std::string author) {
    Article a;
    a.slug = std::move(slug);
    a.category = std::move(category);
    a.tags = std::move(tags);
    a.author = std::move(author);
    return a;
  };
  auto same = [](const BundleIndex& x, const BundleIndex& y) {
    CHECK(x.position == y.position);
    REQUIRE(x.categories.size() == y.categories.size());
    for (const auto& [slug, term] : x.categories) {
      CHECK(term.name == y.categories.at(slug).name);
      CHECK(term.items == y.categories.at(slug).items);
    }
    REQUIRE(x.tags.size() == y.tags.size());
    for (const auto& [slug, term] : x.tags) {
      CHECK(term.name == y.tags.at(slug).name);
      CHECK(term.items == y.tags.at(slug).items);
    }
    CHECK(x.authors == y.authors);
  };
  Bundle b;
  b.articles = {article("a", "Réseaux sociaux", {"LinkedIn", "B2B"}, "alice"), article("b", "", {"linkedin"}, "bob")};
  b.index();
  const Bundle copy = b;  // shares the index built so far
  // A metadata part: more articles, a known and a new category, a duplicate slug (the first wins).
  b.articles.push_back(article("c", "réseaux sociaux", {"B2B", "b2b"}, "alice"));
  b.articles.push_back(article("a", "Vidéo", {}, "carol"));
  for (int i = 0; i < 50; ++i) b.articles.push_back(article("x" + std::to_string(i), "Vidéo", {"Tag " + std::to_string(i % 3)}, "bob"));
  b.index_appended();
  Bundle fresh;
  fresh.articles = b.articles;
  same(b.index(), fresh.index());
  CHECK(b.index().position.at("a") == 0);
  CHECK(b.index().categories.at("reseaux-sociaux").items == std::vector<std::size_t>{0, 2});
  CHECK(b.index().tags.at("b2b").items == std::vector<std::size_t>{0, 2});
  // The copy that shared the index still sees only its own two articles.
  CHECK(copy.index().position.size() == 2);
  CHECK(copy.index().categories.count("video") == 0);
}
