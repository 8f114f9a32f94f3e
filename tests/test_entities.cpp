// Unit tests for entities.hpp: the generated table decodes every HTML5 named reference
// exactly as md4c's own entity_lookup (entity.c, linked into the tests for this check).
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "entities.hpp"
#include "text.hpp"

extern "C" {
#include "entity.h"
}

using carnet::append_named_entity;

TEST_CASE("every HTML5 entity of md4c's table decodes as md4c decodes it", "[entities]") {
  std::ifstream in(CARNET_MD4C_DIR "/entity.c");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  const std::regex name_re("\"&([A-Za-z0-9]+);\"");
  std::size_t count = 0;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), name_re); it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1];
    const std::string ref = "&" + name + ";";
    const ENTITY* e = entity_lookup(ref.data(), ref.size());
    REQUIRE(e != nullptr);
    std::string want;
    carnet::append_utf8(want, e->codepoints[0]);
    if (e->codepoints[1]) carnet::append_utf8(want, e->codepoints[1]);
    std::string got = "x";
    INFO(name);
    CHECK(append_named_entity(got, name));
    CHECK(got == "x" + want);
    ++count;
  }
  CHECK(count > 2000);
}

TEST_CASE("named entities: exact names only", "[entities]") {
  std::string out;
  CHECK(append_named_entity(out, "eacute"));
  CHECK(append_named_entity(out, "AElig"));         // the first line of the table
  CHECK(append_named_entity(out, "zwnj"));          // the last
  CHECK(append_named_entity(out, "frac12"));        // sorts before "frac1;" would
  CHECK(append_named_entity(out, "not"));
  CHECK(append_named_entity(out, "notin"));
  CHECK(append_named_entity(out, "NotEqualTilde"));  // two code points
  CHECK(out == "\xC3\xA9\xC3\x86\xE2\x80\x8C\xC2\xBD\xC2\xAC\xE2\x88\x89\xE2\x89\x82\xCC\xB8");
  for (const char* bad : {"", "frac1", "Eacutee", "eacut", "EACUTE", "amp;", "&amp", "notanentity",
                          "zzzzzzzz", "AAAAA", "a"}) {
    std::string none;
    INFO(bad);
    CHECK_FALSE(append_named_entity(none, bad));
    CHECK(none.empty());
  }
  std::string none;
  CHECK_FALSE(append_named_entity(none, std::string(100, 'a')));
}
