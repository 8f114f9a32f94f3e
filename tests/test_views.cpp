// Unit tests for views.hpp (view models per route) and i18n.hpp (UI strings, plurals).
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "i18n.hpp"
#include "router.hpp"
#include "views.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

const std::string kNbsp = "\xC2\xA0";
const std::string kDash = " \xE2\x80\x94 ";  // " — " between a page title and the site's

Article make_article(std::string slug, std::string title, Date date, std::string author,
                     std::string category, std::vector<std::string> tags, std::string lang) {
  Article a;
  a.slug = std::move(slug);
  a.title = std::move(title);
  a.date = date;
  a.author = std::move(author);
  a.category = std::move(category);
  a.tags = std::move(tags);
  a.lang = std::move(lang);
  a.words = 460;
  return a;
}

// Four articles by two authors (one unknown to the bundle), French site.
Bundle small_bundle() {
  Bundle b;
  b.site = {"Carnet", "Notes", "fr", ""};
  Author camille{"camille", "Camille Durand", "assets/authors/camille.jpg",
                 {{"Site", "https://camille.example"}, {"Piège", "javascript:alert(1)"}},
                 "Consultante *SEO* [site](https://camille.example)."};
  b.authors.emplace("camille", camille);

  Article strategie = make_article("strategie-2024", "Strat\xC3\xA9gie 2024", {2024, 3, 14},
                                   "camille", "Strat\xC3\xA9gie",
                                   {"SEO", "R\xC3\xA9seaux sociaux"}, "fr");
  strategie.source = "posts/2024/strategie.md";
  Article social = make_article("social-media", "Social media", {2024, 3, 1}, "camille",
                                "R\xC3\xA9seaux sociaux", {"SEO"}, "en");
  social.original = Original{"Medium", "javascript:alert(1)"};
  Article bilan = make_article("bilan", "Bilan", {2023, 12, 31}, "sam", "R\xC3\xA9seaux Sociaux",
                               {}, "fr");
  bilan.original = Original{"Le Blog", "https://blog.example/bilan"};
  Article vieux = make_article("vieux", "Vieux billet", {2023, 1, 5}, "camille", "", {}, "fr");
  b.articles = {vieux, bilan, strategie, social};
  sort_articles(b.articles);

  b.bodies["strategie-2024"] =
      "Intro.\n\n## Introduction\n\nVoir [plus bas](#plan-d-action).\n\n"
      "## Plan d\xE2\x80\x99" "action\n\n![sch\xC3\xA9ma](img/a.png)\n";
  b.bodies["social-media"] = "Hello *world*.";
  b.bodies["bilan"] = "Bilan.";
  b.bodies["vieux"] = "Vieux.";
  return b;
}

// `n` articles, one a day backwards from 2023-12-28: post-0 is the newest.
Bundle numbered_bundle(int n) {
  Bundle b;
  b.site = {"Carnet", "", "fr", ""};
  for (int i = 0; i < n; ++i) {
    const std::string slug = "post-" + std::to_string(i);
    // 2023-12-28, 2023-12-27, ...: the order is by date, not by insertion.
    const Date date{2023, 12 - i / 28, 28 - i % 28};
    const std::string title = "Post " + std::to_string(i);
    b.articles.insert(b.articles.begin(),
                      make_article(slug, title, date, "camille", "", {}, "fr"));
    b.bodies[slug] = "x";
  }
  sort_articles(b.articles);
  return b;
}

json view(const Bundle& b, const char* hash) { return build_view(b, parse_route(hash)); }

std::vector<std::string> slugs(const json& list_view) {
  std::vector<std::string> out;
  for (const auto& item : list_view["list"]["items"]) out.push_back(item["slug"]);
  return out;
}

}  // namespace

TEST_CASE("home pagination: 10 per page", "[views][list]") {
  REQUIRE(kPageSize == 10);
  const Bundle b = numbered_bundle(23);

  const json p1 = view(b, "#/");
  REQUIRE(p1["kind"] == "list");
  CHECK(p1["route"] == "#/");
  CHECK(p1["title"] == "Carnet");
  CHECK(p1["lang"] == "fr");
  CHECK(p1["list"]["type"] == "home");
  CHECK(p1["list"]["heading"] == "Carnet");
  CHECK(p1["list"]["page"] == 1);
  CHECK(p1["list"]["pages"] == 3);
  CHECK(p1["list"]["count_text"] == "23 articles");
  CHECK(p1["list"]["page_text"] == "Page 1 sur 3");
  REQUIRE(p1["list"]["items"].size() == 10);
  CHECK(p1["list"]["items"][0]["slug"] == "post-0");
  CHECK(p1["list"]["items"][9]["slug"] == "post-9");
  CHECK(p1["list"]["newer"].is_null());
  CHECK(p1["list"]["older"]["href"] == "#/page/2");
  CHECK(p1["list"]["older"]["label"] == "Plus anciens");

  const json p2 = view(b, "#/page/2");
  CHECK(p2["title"] == "Page 2" + kDash + "Carnet");
  CHECK(p2["route"] == "#/page/2");
  CHECK(p2["list"]["items"][0]["slug"] == "post-10");
  CHECK(p2["list"]["newer"]["href"] == "#/");
  CHECK(p2["list"]["older"]["href"] == "#/page/3");

  const json p3 = view(b, "#/page/3");
  REQUIRE(p3["list"]["items"].size() == 3);
  CHECK(p3["list"]["items"][2]["slug"] == "post-22");
  CHECK(p3["list"]["newer"]["href"] == "#/page/2");
  CHECK(p3["list"]["older"].is_null());

  CHECK(view(b, "#/page/4")["kind"] == "notfound");
  CHECK(view(b, "#/page/0")["kind"] == "notfound");

  SECTION("edge sizes") {
    CHECK(view(numbered_bundle(10), "#/")["list"]["pages"] == 1);
    CHECK(view(numbered_bundle(10), "#/page/2")["kind"] == "notfound");
    CHECK(view(numbered_bundle(11), "#/page/2")["list"]["items"].size() == 1);
    const json empty = view(numbered_bundle(0), "#/");
    REQUIRE(empty["kind"] == "list");
    CHECK(empty["list"]["pages"] == 1);
    CHECK(empty["list"]["items"].empty());
    CHECK(empty["list"]["count_text"] == "0 article");
    CHECK(empty["list"]["empty_text"] == "Aucun article pour l\xE2\x80\x99instant.");
  }
}

TEST_CASE("list cards carry what the shell paints", "[views][list]") {
  const Bundle b = small_bundle();
  const json home = view(b, "#/");
  CHECK(slugs(home) ==
        std::vector<std::string>{"strategie-2024", "social-media", "bilan", "vieux"});
  const json& card = home["list"]["items"][0];
  CHECK(card["href"] == "#/post/strategie-2024");
  CHECK(card["title"] == "Strat\xC3\xA9gie 2024");
  CHECK(card["date"] == "2024-03-14");
  CHECK(card["date_text"] == "14 mars 2024");
  CHECK(card["category"]["name"] == "Strat\xC3\xA9gie");
  CHECK(card["category"]["href"] == "#/category/strategie");
  REQUIRE(card["tags"].size() == 2);
  CHECK(card["tags"][1]["name"] == "R\xC3\xA9seaux sociaux");
  CHECK(card["tags"][1]["href"] == "#/tag/reseaux-sociaux");
  CHECK(card["author"]["name"] == "Camille Durand");
  CHECK(card["author"]["href"] == "#/author/camille");
  CHECK(card["reading_time"] == "2 minutes de lecture");
  CHECK(home["list"]["items"][3]["category"].is_null());

  // The category menu groups names by slug ("Réseaux Sociaux" joins "Réseaux sociaux").
  const json& cats = home["categories"];
  REQUIRE(cats.size() == 2);
  CHECK(cats[0]["name"] == "R\xC3\xA9seaux sociaux");
  CHECK(cats[0]["href"] == "#/category/reseaux-sociaux");
  CHECK(cats[0]["count"] == 2);
  CHECK(cats[1]["href"] == "#/category/strategie");
  CHECK(cats[1]["count"] == 1);
}

TEST_CASE("category and tag views filter by slug", "[views][terms]") {
  const Bundle b = small_bundle();

  const json cat = view(b, "#/category/reseaux-sociaux");
  REQUIRE(cat["kind"] == "list");
  CHECK(cat["list"]["type"] == "category");
  CHECK(slugs(cat) == std::vector<std::string>{"social-media", "bilan"});
  CHECK(cat["list"]["heading"] == "Cat\xC3\xA9gorie" + kNbsp + ": R\xC3\xA9seaux sociaux");
  CHECK(cat["title"] == "Cat\xC3\xA9gorie" + kNbsp + ": R\xC3\xA9seaux sociaux" + kDash + "Carnet");
  CHECK(cat["list"]["count_text"] == "2 articles");
  CHECK(cat["route"] == "#/category/reseaux-sociaux");

  CHECK(slugs(view(b, "#/category/strategie")) == std::vector<std::string>{"strategie-2024"});
  CHECK(view(b, "#/category/strategie")["list"]["count_text"] == "1 article");
  CHECK(view(b, "#/category/strategie/page/2")["kind"] == "notfound");
  CHECK(view(b, "#/category/inconnue")["kind"] == "notfound");
  CHECK(view(b, "#/category/R%C3%A9seaux%20sociaux")["kind"] == "notfound");  // names aren't slugs

  const json tag = view(b, "#/tag/reseaux-sociaux");
  REQUIRE(tag["kind"] == "list");
  CHECK(tag["list"]["type"] == "tag");
  CHECK(slugs(tag) == std::vector<std::string>{"strategie-2024"});
  CHECK(tag["list"]["heading"] == "\xC3\x89tiquette" + kNbsp + ": R\xC3\xA9seaux sociaux");
  CHECK(slugs(view(b, "#/tag/seo")) == std::vector<std::string>{"strategie-2024", "social-media"});
  CHECK(view(b, "#/tag/nope")["kind"] == "notfound");
}

TEST_CASE("author view lists an author's articles with a card", "[views][author]") {
  const Bundle b = small_bundle();
  const json v = view(b, "#/author/camille");
  REQUIRE(v["kind"] == "list");
  CHECK(v["list"]["type"] == "author");
  CHECK(slugs(v) == std::vector<std::string>{"strategie-2024", "social-media", "vieux"});
  CHECK(v["list"]["heading"] == "Articles de Camille Durand");
  CHECK(v["title"] == "Camille Durand" + kDash + "Carnet");
  const json& card = v["list"]["author"];
  CHECK(card["name"] == "Camille Durand");
  CHECK(card["avatar"] == "assets/authors/camille.jpg");
  CHECK(card["bio_html"] ==
        "<p>Consultante <em>SEO</em> <a href=\"https://camille.example\" "
        "rel=\"noopener noreferrer\">site</a>.</p>\n");
  REQUIRE(card["links"].size() == 1);  // the javascript: link is dropped
  CHECK(card["links"][0]["url"] == "https://camille.example");

  const json sam = view(b, "#/author/sam");  // not in the authors table, but has an article
  REQUIRE(sam["kind"] == "list");
  CHECK(slugs(sam) == std::vector<std::string>{"bilan"});
  CHECK(sam["list"]["author"]["name"] == "sam");
  CHECK(view(b, "#/author/ghost")["kind"] == "notfound");
}

TEST_CASE("archive groups by year then month, newest first", "[views][archive]") {
  const Bundle b = small_bundle();
  const json v = view(b, "#/archive");
  REQUIRE(v["kind"] == "archive");
  CHECK(v["title"] == "Archives" + kDash + "Carnet");
  CHECK(v["archive"]["count_text"] == "4 articles");
  const json& years = v["archive"]["years"];
  REQUIRE(years.size() == 2);
  CHECK(years[0]["year"] == 2024);
  CHECK(years[0]["count_text"] == "2 articles");
  REQUIRE(years[0]["months"].size() == 1);
  CHECK(years[0]["months"][0]["label"] == "mars 2024");
  REQUIRE(years[0]["months"][0]["items"].size() == 2);
  CHECK(years[0]["months"][0]["items"][0]["href"] == "#/post/strategie-2024");
  CHECK(years[0]["months"][0]["items"][1]["date_text"] == "1er mars 2024");
  CHECK(years[1]["year"] == 2023);
  REQUIRE(years[1]["months"].size() == 2);
  CHECK(years[1]["months"][0]["month"] == 12);
  CHECK(years[1]["months"][0]["label"] == "d\xC3\xA9" "cembre 2023");
  CHECK(years[1]["months"][1]["label"] == "janvier 2023");
  CHECK(years[1]["months"][1]["items"][0]["title"] == "Vieux billet");
}

TEST_CASE("a long archive has pages of kArchivePageSize articles; a year counts all its articles on each", "[views][archive]") {
  Bundle b;
  b.site = {"Carnet", "Notes", "fr", ""};
  b.authors["camille"] = Author{"camille", "Camille Durand", "", {}, ""};
  // 250 articles, one a day from 2022-10-28 to 2023-07-04 (newest first once sorted).
  Date d{2022, 10, 28};
  for (int i = 0; i < 250; ++i) {
    b.articles.push_back(make_article("a" + std::to_string(i), "Article " + std::to_string(i), d, "camille", "", {}, "fr"));
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // 2022 and 2023: no 29 February
    if (++d.day > kDays[d.month - 1]) {
      d.day = 1;
      if (++d.month > 12) d = Date{d.year + 1, 1, 1};
    }
  }
  sort_articles(b.articles);
  const auto items = [](const json& v) {
    std::vector<std::string> out;
    for (const auto& y : v["archive"]["years"])
      for (const auto& m : y["months"])
        for (const auto& it : m["items"]) out.push_back(it["title"]);
    return out;
  };
  const json p1 = view(b, "#/archive");
  REQUIRE(p1["kind"] == "archive");
  CHECK(p1["archive"]["count_text"] == "250 articles");
  CHECK(p1["archive"]["pages"] == 3);
  CHECK(p1["archive"]["page_text"] == "Page 1 sur 3");
  CHECK(p1["archive"]["newer"].is_null());
  CHECK(p1["archive"]["older"]["href"] == "#/archive/page/2");
  std::vector<std::string> got = items(p1);
  REQUIRE(got.size() == 100);
  CHECK(got.front() == "Article 249");
  CHECK(got.back() == "Article 150");
  const json p3 = view(b, "#/archive/page/3");
  REQUIRE(p3["kind"] == "archive");
  CHECK(p3["title"] == "Archives" + kDash + "Page 3" + kDash + "Carnet");
  got = items(p3);
  REQUIRE(got.size() == 50);
  CHECK(got.front() == "Article 49");
  CHECK(got.back() == "Article 0");
  CHECK(p3["archive"]["older"].is_null());
  CHECK(p3["archive"]["newer"]["href"] == "#/archive/page/2");
  // Page 2 shows the start of 2023 and the end of 2022, page 3 the rest of 2022: each year's
  // count is the whole year's.
  const json p2 = view(b, "#/archive/page/2");
  REQUIRE(p2["archive"]["years"].size() == 2);
  CHECK(p2["archive"]["years"][0]["year"] == 2023);
  CHECK(p2["archive"]["years"][0]["count"] == 185);
  CHECK(p2["archive"]["years"][1]["year"] == 2022);
  CHECK(p2["archive"]["years"][1]["count"] == 65);
  REQUIRE(p3["archive"]["years"].size() == 1);
  CHECK(p3["archive"]["years"][0]["count"] == 65);
  CHECK(view(b, "#/archive/page/4")["kind"] == "notfound");
}

TEST_CASE("article view", "[views][article]") {
  const Bundle b = small_bundle();

  SECTION("body, table of contents, neighbours") {
    const json v = view(b, "#/post/strategie-2024#plan-d-action");
    REQUIRE(v["kind"] == "article");
    CHECK(v["route"] == "#/post/strategie-2024");
    CHECK(v["anchor"] == "plan-d-action");
    CHECK(v["title"] == "Strat\xC3\xA9gie 2024" + kDash + "Carnet");
    CHECK(v["lang"] == "fr");
    const json& a = v["article"];
    CHECK(a["date_text"] == "14 mars 2024");
    CHECK(a["html"] ==
          "<p>Intro.</p>\n<h2 id=\"introduction\">Introduction</h2>\n"
          "<p>Voir <a href=\"#/post/strategie-2024#plan-d-action\">plus bas</a>.</p>\n"
          "<h2 id=\"plan-d-action\">Plan d\xE2\x80\x99" "action</h2>\n"
          "<p><img loading=\"lazy\" decoding=\"async\" src=\"assets/posts/2024/img/a.png\" "
          "alt=\"sch\xC3\xA9ma\"></p>\n");
    REQUIRE(a["toc"].size() == 2);
    CHECK(a["toc"][0] == json{{"level", 2}, {"id", "introduction"}, {"text", "Introduction"},
                              {"href", "#/post/strategie-2024#introduction"}});
    CHECK(a["toc"][1]["href"] == "#/post/strategie-2024#plan-d-action");
    CHECK(a["toc"][1]["text"] == "Plan d\xE2\x80\x99" "action");
    CHECK(a["newer"].is_null());
    CHECK(a["older"]["href"] == "#/post/social-media");
    CHECK(a["older"]["title"] == "Social media");
    CHECK(a["older"]["label"] == "Article pr\xC3\xA9" "c\xC3\xA9" "dent");
    CHECK(a["blocked_urls"] == 0);
    CHECK(a["reading_time"] == "1 minute de lecture");
    CHECK(a["author"]["bio_html"].is_string());
    CHECK(a["category"]["href"] == "#/category/strategie");
  }
  SECTION("dates and strings follow the article's language") {
    const json v = view(b, "#/post/social-media");
    REQUIRE(v["kind"] == "article");
    CHECK(v["lang"] == "en");
    CHECK(v["article"]["date_text"] == "March 1, 2024");
    CHECK(v["strings"]["toc"] == "Contents");
    CHECK(v["article"]["newer"]["href"] == "#/post/strategie-2024");
    CHECK(v["article"]["newer"]["label"] == "Next article");
    CHECK(v["article"]["older"]["href"] == "#/post/bilan");
    CHECK(v["article"]["original"].is_null());  // javascript: original.url is dropped
    CHECK(v["anchor"] == "");
  }
  SECTION("a safe original link is kept") {
    const json v = view(b, "#/post/bilan");
    CHECK(v["article"]["original"] == json{{"name", "Le Blog"},
                                           {"url", "https://blog.example/bilan"},
                                           {"label", "Publi\xC3\xA9 initialement sur"}});
    CHECK(v["article"]["author"]["name"] == "sam");
    CHECK(v["article"]["tags"].empty());
  }
  SECTION("the oldest article has no older neighbour") {
    CHECK(view(b, "#/post/vieux")["article"]["older"].is_null());
  }
  SECTION("unknown slugs give notfound") {
    const json v = view(b, "#/post/nope");
    REQUIRE(v["kind"] == "notfound");
    CHECK(v["title"] == "Page introuvable" + kDash + "Carnet");
    CHECK(v["notfound"]["home"]["href"] == "#/");
    CHECK(v["notfound"]["home"]["label"] == "Retour \xC3\xA0 l\xE2\x80\x99" "accueil");
    CHECK(view(b, "#/nowhere")["kind"] == "notfound");
  }
}

TEST_CASE("views: images of the bundle's known size get width and height, in articles and bios", "[views][images]") {
  Bundle b = small_bundle();
  b.image_sizes["assets/posts/2024/img/a.png"] = {800, 450};
  b.image_sizes["assets/images/camille.png"] = {120, 90};
  b.authors["camille"].bio = "![Camille](../images/camille.png) ![x](../images/other.png)";
  const json a = view(b, "#/post/strategie-2024")["article"];
  CHECK(a["html"].get<std::string>().find("<img loading=\"lazy\" decoding=\"async\" src=\"assets/posts/2024/img/a.png\" "
                                          "width=\"800\" height=\"450\" alt=\"sch\xC3\xA9ma\">") != std::string::npos);
  const std::string bio = a["author"]["bio_html"];
  CHECK(bio.find("src=\"assets/images/camille.png\" width=\"120\" height=\"90\" alt=\"Camille\"") != std::string::npos);
  CHECK(bio.find("src=\"assets/images/other.png\" alt=\"x\"") != std::string::npos);
  const json card = view(b, "#/author/camille")["list"]["author"];
  CHECK(card["bio_html"] == bio);
}

TEST_CASE("article_base_dir is the source's folder under assets", "[views]") {
  Bundle b;
  Article a;
  a.source = "posts/2024/x.md";
  CHECK(article_base_dir(b, a) == "assets/posts/2024/");
  a.source = "x.md";
  CHECK(article_base_dir(b, a) == "assets/");
  b.assets = "files/";
  a.source = "";
  CHECK(article_base_dir(b, a) == "files/");
}

TEST_CASE("i18n: plurals, reading time, labels", "[i18n]") {
  CHECK(count_articles(0, "fr") == "0 article");
  CHECK(count_articles(1, "fr") == "1 article");
  CHECK(count_articles(2, "fr") == "2 articles");
  CHECK(count_articles(0, "en") == "0 articles");
  CHECK(count_articles(1, "en") == "1 article");
  CHECK(count_articles(2, "en") == "2 articles");
  CHECK(count_articles(0, "fr-CA") == "0 article");

  CHECK(reading_time(0, "en") == "1 min read");
  CHECK(reading_time(344, "en") == "1 min read");
  CHECK(reading_time(345, "en") == "2 min read");
  CHECK(reading_time(2300, "fr") == "10 minutes de lecture");
  CHECK(reading_time(100, "fr") == "1 minute de lecture");
  CHECK(reading_time(345, "fr-CA") == "2 minutes de lecture");

  CHECK(labelled("category", "SEO", "fr") == "Cat\xC3\xA9gorie" + kNbsp + ": SEO");
  CHECK(labelled("tag", "SEO", "en") == "Tag: SEO");

  CHECK(ui_language("fr") == "fr");
  CHECK(ui_language("FR-ca") == "fr");
  CHECK(ui_language("fr_BE") == "fr");
  CHECK(ui_language("fri") == "en");
  CHECK(ui_language("de") == "en");
  CHECK(ui_language("") == "en");
  CHECK(ui_text("home", "fr") == "Accueil");
  CHECK(ui_text("home", "es") == "Home");
  CHECK(ui_text("no-such-key", "fr") == "no-such-key");
  CHECK(ui_text("skipped_title", "fr").find(kNbsp + ":") != std::string::npos);
  const json strings = ui_strings("en");
  CHECK(strings["toc"] == "Contents");
  CHECK(strings.size() == ui_strings("fr").size());
}

TEST_CASE("views: the search page title quotes the words the way the language does", "[views]") {
  carnet::Bundle b;
  b.site.title = "Site";
  b.site.lang = "fr";
  CHECK(carnet::build_view(b, carnet::parse_route("#/search?q=r%C3%A9seaux"))["title"] ==
        "\u00AB\u00A0réseaux\u00A0\u00BB \u2014 Recherche \u2014 Site");
  CHECK(carnet::build_view(b, carnet::parse_route("#/search"))["title"] == "Recherche \u2014 Site");
  b.site.lang = "en";
  CHECK(carnet::build_view(b, carnet::parse_route("#/search?q=seo"))["title"] == "\u201Cseo\u201D \u2014 Search \u2014 Site");
}
