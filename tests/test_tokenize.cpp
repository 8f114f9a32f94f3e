// Tests the search tokenizer (wasm/core/tokenize.hpp): folding, elisions, hyphens, spaces.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "stemmer.hpp"
#include "tokenize.hpp"

namespace {

std::vector<std::string> words(std::string_view text, bool with_compounds = true) {
  std::vector<std::string> out;
  carnet::tokenize(text, [&](const carnet::Token& t) {
    if (with_compounds || !t.compound) out.push_back(t.folded);
  });
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("tokenize: folding of case and accents", "[tokenize]") {
  CHECK(carnet::fold("Équipe") == "equipe");
  CHECK(carnet::fold("ÉTÉ") == "ete");
  CHECK(carnet::fold("Œuvre") == "oeuvre");
  CHECK(carnet::fold("Straße") == "strasse");
  CHECK(carnet::fold("Ça") == "ca");
  CHECK(carnet::fold("E\xCC\x81quipe") == "equipe");  // decomposed (NFD) É
  CHECK(carnet::fold("ΑΘΗΝΑ") == "αθηνα");
  CHECK(carnet::fold("МОСКВА") == "москва");
  CHECK(carnet::lower("ÉTÉ") == "été");
}

TEST_CASE("tokenize: French elisions with both apostrophes", "[tokenize]") {
  CHECK(words("l’équipe") == V{"equipe"});
  CHECK(words("l'équipe") == V{"equipe"});
  CHECK(words("d’abord j’ai vu qu’il n’est s’il c’est m’a t’es") ==
        V{"abord", "ai", "vu", "il", "est", "il", "est", "a", "es"});
  CHECK(words("jusqu’ici lorsqu’on puisqu’elle quoiqu’il") == V{"ici", "on", "elle", "il"});
  CHECK(words("L’ÉQUIPE") == V{"equipe"});
  // Other apostrophes join; an English possessive goes.
  CHECK(words("aujourd’hui") == V{"aujourdhui"});
  CHECK(words("the brand's voice") == V{"the", "brand", "voice"});
  CHECK(words("don't") == V{"dont"});
}

TEST_CASE("tokenize: hyphenated words are found whole and by their parts", "[tokenize]") {
  CHECK(words("e-mail") == V{"e", "mail", "email"});
  CHECK(words("peut-être") == V{"peut", "etre", "peutetre"});
  CHECK(words("l’e-mail") == V{"e", "mail", "email"});
  CHECK(words("vingt-quatre heures", false) == V{"vingt", "quatre", "heures"});
  std::vector<int> positions;
  carnet::tokenize("un e-mail court", [&](const carnet::Token& t) { positions.push_back(t.position); });
  CHECK(positions == std::vector<int>{0, 1, 2, 1, 3});  // the compound shares its first part's position
}

TEST_CASE("tokenize: no-break spaces and punctuation separate words; offsets point into the text", "[tokenize]") {
  CHECK(words("Pourquoi\u00A0? Parce\u202Fque\u00A0: voilà!") == V{"pourquoi", "parce", "que", "voila"});
  CHECK(words("« guillemets »…—fin") == V{"guillemets", "fin"});
  CHECK(words("2024 SEO x2") == V{"2024", "seo", "x2"});
  CHECK(words("").empty());
  CHECK(words("!!! ??? ...").empty());
  std::string text = "Bonjour l’équipe";
  std::vector<std::string> spans;
  carnet::tokenize(text, [&](const carnet::Token& t) { spans.push_back(text.substr(t.begin, t.end - t.begin)); });
  CHECK(spans == V{"Bonjour", "équipe"});
}

TEST_CASE("tokenize: invalid UTF-8 and NUL never crash", "[tokenize]") {
  CHECK(words(std::string("a\xFF" "b\0c", 5)).size() >= 2);
  CHECK(words("\xC3").empty());
  CHECK_NOTHROW(words(std::string(100000, '\xE9')));
}

TEST_CASE("tokenize: stop words", "[tokenize]") {
  for (const char* w : {"le", "la", "les", "de", "des", "et", "the", "and", "of"}) CHECK(carnet::is_stop_word(w));
  for (const char* w : {"equipe", "marketing", "publicite"}) CHECK_FALSE(carnet::is_stop_word(w));
}

TEST_CASE("stemmer: Snowball French and English, identity otherwise", "[tokenize]") {
  carnet::Stemmer fr("fr"), en("en-GB"), none("de");
  CHECK(fr.language() == "fr");
  CHECK(en.language() == "en");
  CHECK(none.language().empty());
  CHECK(fr.stem("publicités") == fr.stem("publicité"));
  CHECK(fr.stem("stratégies") == fr.stem("stratégie"));
  CHECK(fr.stem("publier") == fr.stem("publié"));
  CHECK(en.stem("campaigns") == en.stem("campaign"));
  CHECK(en.stem("running") == "run");
  CHECK(none.stem("Häuser") == "Häuser");
  CHECK(fr.stem("") == "");
  CHECK(fr.stem(std::string(1000, 'a')) == std::string(1000, 'a'));  // too long: left alone
}
