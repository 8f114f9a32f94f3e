// Unit tests for typography.hpp (French spacing) and where views apply it.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "router.hpp"
#include "typography.hpp"
#include "views.hpp"

using namespace carnet;

namespace {
const std::string kNbsp = "\xC2\xA0";
const std::string kNarrow = "\xE2\x80\xAF";
}  // namespace

TEST_CASE("typography: French spacing in plain text", "[typography]") {
  CHECK(french_spacing("LinkedIn : publier") == "LinkedIn" + kNbsp + ": publier");
  CHECK(french_spacing("Vraiment ? Oui ! Bon ; fini") ==
        "Vraiment" + kNarrow + "? Oui" + kNarrow + "! Bon" + kNarrow + "; fini");
  CHECK(french_spacing("\xC2\xAB bonjour \xC2\xBB") == "\xC2\xAB" + kNbsp + "bonjour" + kNbsp + "\xC2\xBB");
  // Already right, or nothing to do.
  CHECK(french_spacing("LinkedIn" + kNbsp + ": x") == "LinkedIn" + kNbsp + ": x");
  CHECK(french_spacing("https://example.org 10:30 a?b") == "https://example.org 10:30 a?b");
  CHECK(french_spacing("fin :") == "fin" + kNbsp + ":");
  CHECK(french_spacing(" ") == " ");
  CHECK(french_spacing("") == "");
  CHECK(wants_french_spacing("fr"));
  CHECK(wants_french_spacing("fr-CA"));
  CHECK_FALSE(wants_french_spacing("en"));
  CHECK_FALSE(wants_french_spacing("fri"));
}

TEST_CASE("typography: French spacing in HTML leaves tags and code alone", "[typography]") {
  CHECK(french_spacing_html("<p>Pourquoi ? <a href=\"/x?y=1\" title=\"a ?\">lien</a> !</p>") ==
        "<p>Pourquoi" + kNarrow + "? <a href=\"/x?y=1\" title=\"a ?\">lien</a>" + kNarrow + "!</p>");
  CHECK(french_spacing_html("<p>Code <code>a ? b : c</code> : ok</p>") ==
        "<p>Code <code>a ? b : c</code>" + kNbsp + ": ok</p>");
  CHECK(french_spacing_html("<pre><code>x = a ? b : c;\n</code></pre><p>Et ?</p>") ==
        "<pre><code>x = a ? b : c;\n</code></pre><p>Et" + kNarrow + "?</p>");
  CHECK(french_spacing_html("<p><kbd>Ctrl ;</kbd> <samp>x !</samp></p>") == "<p><kbd>Ctrl ;</kbd> <samp>x !</samp></p>");
  // Malformed input never loses bytes.
  CHECK(french_spacing_html("a < b ? c") == "a < b ? c");
  CHECK(french_spacing_html("</code> x ?") == "</code> x" + kNarrow + "?");
  CHECK(french_spacing_html("<p") == "<p");
}

TEST_CASE("typography: views typeset French titles, summaries and bodies only", "[typography][views]") {
  Bundle b;
  b.site = {"Carnet", "", "fr", ""};
  Article fr;
  fr.slug = "fr";
  fr.title = "Pourquoi ?";
  fr.summary = "R\xC3\xA9ponse : oui.";
  fr.date = {2024, 1, 2};
  fr.author = "a";
  fr.lang = "fr";
  Article en = fr;
  en.slug = "en";
  en.title = "Why ?";
  en.summary = "Answer : yes.";
  en.lang = "en";
  b.articles = {fr, en};
  b.bodies = {{"fr", "Texte : ici, `a ? b`.\n\n## Quoi ?\n"}, {"en", "Text : here."}};
  const auto home = build_view(b, parse_route("#/"));
  CHECK(home["list"]["items"][0]["title"] == "Pourquoi" + kNarrow + "?");
  CHECK(home["list"]["items"][0]["summary"] == "R\xC3\xA9ponse" + kNbsp + ": oui.");
  CHECK(home["list"]["items"][1]["title"] == "Why ?");
  const auto article = build_view(b, parse_route("#/post/fr"));
  CHECK(article["title"] == "Pourquoi" + kNarrow + "? \xE2\x80\x94 Carnet");
  const std::string html = article["article"]["html"];
  CHECK(html.find("Texte" + kNbsp + ": ici, <code>a ? b</code>") != std::string::npos);
  CHECK(article["article"]["toc"][0]["text"] == "Quoi" + kNarrow + "?");
  const auto english = build_view(b, parse_route("#/post/en"));
  CHECK(std::string(english["article"]["html"]).find("Text : here.") != std::string::npos);
}
