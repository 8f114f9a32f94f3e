// Unit tests for the reader's UI language: i18n.hpp's switch and plurals, and how views and
// the Viewer follow the content's language unless the reader chose one.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "date.hpp"
#include "i18n.hpp"
#include "router.hpp"
#include "viewer.hpp"
#include "views.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

// A French site with one French and one English article.
Bundle bilingual() {
  Bundle b;
  b.site = {"Carnet", "Notes", "fr", ""};
  b.authors.emplace("cam", Author{"cam", "Camille", "", {}, ""});
  Article fr;
  fr.slug = "bonjour";
  fr.title = "Bonjour";
  fr.date = {2024, 3, 14};
  fr.author = "cam";
  fr.lang = "fr";
  fr.words = 460;
  Article en = fr;
  en.slug = "hello";
  en.title = "Hello";
  en.date = {2024, 3, 1};
  en.lang = "en-GB";
  b.articles = {fr, en};
  b.bodies = {{"bonjour", "Un mot."}, {"hello", "One word."}};
  return b;
}

json view(const Bundle& b, const char* hash, const char* ui = "") {
  ViewOptions o;
  o.ui_lang = ui;
  return build_view(b, parse_route(hash), Links{}, o);
}

}  // namespace

TEST_CASE("i18n: plurals in both languages", "[i18n]") {
  CHECK(is_singular(0, "fr"));
  CHECK(is_singular(1, "fr-CA"));
  CHECK_FALSE(is_singular(2, "fr"));
  CHECK_FALSE(is_singular(0, "en"));
  CHECK(is_singular(1, "en"));
  CHECK(count_results(0, "fr") == "0 r\xC3\xA9sultat");
  CHECK(count_results(2, "fr") == "2 r\xC3\xA9sultats");
  CHECK(count_results(1, "en") == "1 result");
  CHECK(count_results(0, "en") == "0 results");
  CHECK(reading_time(1, "fr") == "1 minute de lecture");
  CHECK(reading_time(460, "fr") == "2 minutes de lecture");
  CHECK(reading_time(460, "en") == "2 min read");
}

TEST_CASE("i18n: dates as each language writes them", "[i18n]") {
  CHECK(format_long({2024, 3, 14}, "fr") == "14 mars 2024");
  CHECK(format_long({2024, 3, 1}, "fr") == "1er mars 2024");
  CHECK(format_long({2024, 3, 14}, "en") == "March 14, 2024");
  CHECK(format_long({2024, 8, 2}, "fr-CA") == "2 ao\xC3\xBBt 2024");
  CHECK(format_month(2024, 12, "fr") == "d\xC3\xA9" "cembre 2024");
  CHECK(format_month(2024, 12, "en") == "December 2024");
}

TEST_CASE("i18n: the language switch offers the other language, named in itself", "[i18n]") {
  const json fr = language_switch("fr", false);
  CHECK(fr["current"] == "fr");
  CHECK(fr["target"] == "en");
  CHECK(fr["target_name"] == "English");
  CHECK(fr["label"] == "Afficher l\xE2\x80\x99interface en anglais");
  CHECK(fr["chosen"] == false);
  const json en = language_switch("en-US", true);
  CHECK(en["current"] == "en");
  CHECK(en["target"] == "fr");
  CHECK(en["target_name"] == "Fran\xC3\xA7" "ais");
  CHECK(en["label"] == "Show the interface in French");
  CHECK(en["chosen"] == true);
  // Every key has both translations, and they differ where the languages do.
  CHECK(ui_strings("fr").size() == ui_strings("en").size());
  CHECK(ui_text("related", "fr") == "\xC3\x80 lire aussi");
  CHECK(ui_text("related", "en") == "Related articles");
}

TEST_CASE("views: the UI follows the content's language unless the reader chose one", "[i18n][views]") {
  const Bundle b = bilingual();
  SECTION("automatic: lists in the site's language, articles in their own") {
    const json home = view(b, "#/");
    CHECK(home["lang"] == "fr");
    CHECK(home["ui_lang"] == "fr");
    CHECK(home["strings"]["home"] == "Accueil");
    CHECK(home["list"]["count_text"] == "2 articles");
    CHECK(home["language_switch"]["target"] == "en");
    CHECK(home["language_switch"]["chosen"] == false);
    const json en = view(b, "#/post/hello");
    CHECK(en["lang"] == "en-GB");  // <html lang> as the article says
    CHECK(en["ui_lang"] == "en");
    CHECK(en["strings"]["toc"] == "Contents");
    CHECK(en["article"]["date_text"] == "March 1, 2024");
    CHECK(en["language_switch"]["target"] == "fr");
  }
  SECTION("chosen: every string, date and plural in the reader's language; lang stays the content's") {
    const json home = view(b, "#/", "en");
    CHECK(home["lang"] == "fr");
    CHECK(home["ui_lang"] == "en");
    CHECK(home["strings"]["home"] == "Home");
    CHECK(home["list"]["items"][0]["date_text"] == "March 14, 2024");
    CHECK(home["list"]["items"][0]["reading_time"] == "2 min read");
    CHECK(home["language_switch"]["chosen"] == true);
    const json article = view(b, "#/post/bonjour", "en");
    CHECK(article["lang"] == "fr");
    CHECK(article["article"]["date_text"] == "March 14, 2024");
    CHECK(article["strings"]["previous_article"] == "Previous article");
    const json hello = view(b, "#/post/hello", "fr");
    CHECK(hello["article"]["date_text"] == "1er mars 2024");
    CHECK(hello["title"] == "Hello \xE2\x80\x94 Carnet");
    CHECK(view(b, "#/archive", "en")["archive"]["heading"] == "Archive");
    CHECK(view(b, "#/nowhere", "en")["notfound"]["heading"] == "Page not found");
    CHECK(view(b, "#/search?q=x", "en")["search"]["heading"] == "Search");
    CHECK(view(b, "#/author/cam", "en")["list"]["heading"] == "Posts by Camille");
  }
}

TEST_CASE("Viewer: setLanguage applies to the next views; anything but fr/en means automatic", "[i18n][viewer]") {
  Viewer v;
  const std::string bundle = bundle_to_json(bilingual(), "test").dump();
  REQUIRE(json::parse(v.load(bundle))["ok"] == true);
  auto ui = [&](const char* hash) { return json::parse(v.view(hash))["ui_lang"].get<std::string>(); };
  CHECK(ui("#/post/hello") == "en");
  v.set_ui_language("fr");
  CHECK(ui("#/post/hello") == "fr");
  v.set_ui_language("en");
  CHECK(ui("#/") == "en");
  v.set_ui_language("de\"<x>");
  CHECK(ui("#/") == "fr");
  CHECK(ui("#/post/hello") == "en");
}
