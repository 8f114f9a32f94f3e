// Unit tests for viewer.hpp: the JSON-in/JSON-out state machine behind the JS shell.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "viewer.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

json bundle_json() {
  const json hello = {
      {"slug", "hello"}, {"title", "Bonjour"}, {"date", "2024-03-01"}, {"author", "camille"}};
  const json bad_date = {
      {"slug", "bad"}, {"title", "Bad"}, {"date", "2024-13-45"}, {"author", "camille"}};
  return {{"format", "carnet-bundle"},
          {"version", 1},
          {"site", {{"title", "Carnet"}, {"lang", "fr"}}},
          {"authors", {{{"id", "camille"}, {"name", "Camille Durand"}}}},
          {"articles",
           {hello,
            bad_date,
            {{"slug", "ghost"}, {"title", "Fant\xC3\xB4me"}, {"date", "2024-01-01"},
             {"author", "nobody"}}}},
          {"bodies", {{"hello", "# Salut\n\nTexte."}, {"bad", "x"}, {"ghost", "y"}}}};
}

}  // namespace

TEST_CASE("Viewer answers with an error view before any bundle is loaded", "[viewer]") {
  const Viewer v;
  CHECK_FALSE(v.loaded());
  const json view = json::parse(v.view("#/"));
  CHECK(view["kind"] == "error");
  CHECK(view["error"] == "no bundle loaded");
  CHECK(json::parse(v.view("#/post/hello"))["kind"] == "error");
}

TEST_CASE("Viewer::load reports what it loaded and skipped", "[viewer]") {
  Viewer v;
  const json report = json::parse(v.load(bundle_json().dump()));
  CHECK(report["ok"] == true);
  CHECK(report["error"] == "");
  CHECK(report["articles"] == 2);
  CHECK(report["lang"] == "fr");
  CHECK(report["skipped"] ==
        json::array({"bundle.json: article 2 ('bad'): field 'date' must be a real date written "
                     "YYYY-MM-DD (got '2024-13-45')"}));
  CHECK(report["warnings"] ==
        json::array({"bundle.json: article 3 ('ghost'): unknown author 'nobody'"}));
  CHECK(report["strings"]["home"] == "Accueil");
  REQUIRE(v.loaded());

  const json home = json::parse(v.view("#/"));
  CHECK(home["kind"] == "list");
  CHECK(home["list"]["items"].size() == 2);
  const json post = json::parse(v.view("#/post/hello#salut"));
  REQUIRE(post["kind"] == "article");
  CHECK(post["anchor"] == "salut");
  CHECK(post["article"]["html"] == "<h1 id=\"salut\">Salut</h1>\n<p>Texte.</p>\n");
  CHECK(json::parse(v.view("#/post/bad"))["kind"] == "notfound");
  CHECK(json::parse(v.view("garbage"))["kind"] == "notfound");
}

TEST_CASE("Viewer::load of a broken bundle reports the error", "[viewer]") {
  Viewer v;
  const json report = json::parse(v.load("[]"));
  CHECK(report["ok"] == false);
  CHECK(report["error"] ==
        "bundle.json: not a Carnet bundle (the top level must be an object, not a list)");
  CHECK(report["articles"] == 0);
  CHECK(report["skipped"].empty());
  CHECK(report["strings"]["home"] == "Home");
  CHECK_FALSE(v.loaded());
  const json view = json::parse(v.view("#/"));
  CHECK(view["kind"] == "error");
  CHECK(view["error"] ==
        "bundle.json: not a Carnet bundle (the top level must be an object, not a list)");
}

TEST_CASE("Viewer output is valid JSON even with invalid UTF-8 in the bundle", "[viewer]") {
  Viewer v;
  json j = bundle_json();
  const std::string raw = j.dump();
  // Put a stray byte into a title: nlohmann refuses it, so it must come back as an error.
  std::string broken = raw;
  broken.replace(broken.find("Bonjour"), 7, "Bon\xFFjour");
  const std::string report_text = v.load(broken);
  const json report = json::parse(report_text);  // throws if the report is not valid JSON
  CHECK(report["ok"] == false);
  CHECK(report["error"].get<std::string>().rfind("bundle.json: not valid JSON (", 0) == 0);
}

TEST_CASE("Viewer::canonical normalises hashes", "[viewer]") {
  CHECK(Viewer::canonical("") == "#/");
  CHECK(Viewer::canonical("#/page/1") == "#/");
  CHECK(Viewer::canonical("#/tag/seo/page/1") == "#/tag/seo");
  CHECK(Viewer::canonical("#/post/h%c3%a9llo#x") == "#/post/h%C3%A9llo#x");
  CHECK(Viewer::canonical("#/bogus") == "#/404");
}
