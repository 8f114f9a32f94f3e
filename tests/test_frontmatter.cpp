// Tests parse_front_matter / normalize_newlines (wasm/cli/frontmatter.cpp): header splitting, line numbers, errors.
#include <catch2/catch.hpp>

#include <string>

#include "frontmatter.hpp"

using carnet::parse_front_matter;

TEST_CASE("front matter: a plain header is parsed and the body follows it", "[frontmatter]") {
  const auto fm = parse_front_matter(
      "---\n"
      "title: Bonjour\n"
      "date: 2024-03-14\n"
      "tags: [a, b]\n"
      "---\n"
      "\n"
      "Le corps.\n");
  REQUIRE(fm.error.empty());
  CHECK(fm.present);
  CHECK(fm.yaml_first_line == 2);
  REQUIRE(fm.data.IsMap());
  CHECK(fm.data["title"].as<std::string>() == "Bonjour");
  CHECK(fm.data["date"].as<std::string>() == "2024-03-14");
  REQUIRE(fm.data["tags"].IsSequence());
  CHECK(fm.data["tags"].size() == 2);
  CHECK(fm.data["tags"][1].as<std::string>() == "b");
  CHECK(fm.body == "\nLe corps.\n");
  CHECK(fm.body_first_line == 6);
}

TEST_CASE("front matter: line_of gives the file line of a field", "[frontmatter]") {
  const auto fm = parse_front_matter(
      "---\n"                 // 1
      "title: T\n"            // 2
      "\n"                    // 3
      "# a YAML comment\n"    // 4
      "date: 2024-01-01\n"    // 5
      "tags:\n"               // 6
      "  - one\n"             // 7
      "  - two\n"             // 8
      "original:\n"           // 9
      "  name: N\n"           // 10
      "  url: https://x.y\n"  // 11
      "---\n"                 // 12
      "body\n");              // 13
  REQUIRE(fm.error.empty());
  CHECK(fm.line_of(fm.data["title"]) == 2);
  CHECK(fm.line_of(fm.data["date"]) == 5);
  CHECK(fm.line_of(fm.data["tags"][0]) == 7);
  CHECK(fm.line_of(fm.data["tags"][1]) == 8);
  CHECK(fm.line_of(fm.data["original"]["url"]) == 11);
  CHECK(fm.body_first_line == 13);
  CHECK(fm.body == "body\n");
  // A node with no position (built in code) has no line.
  CHECK(fm.line_of(YAML::Node()) == 0);
  CHECK(fm.line_of(YAML::Node("built")) == 0);
}

TEST_CASE("front matter: CRLF line ends are accepted and normalized", "[frontmatter]") {
  const auto fm = parse_front_matter("---\r\ntitle: Windows\r\nauthor: bob\r\n---\r\nline one\r\nline two\r\n");
  REQUIRE(fm.error.empty());
  CHECK(fm.present);
  CHECK(fm.data["title"].as<std::string>() == "Windows");  // no stray '\r'
  CHECK(fm.data["author"].as<std::string>() == "bob");
  CHECK(fm.line_of(fm.data["author"]) == 3);
  CHECK(fm.body == "line one\nline two\n");
  CHECK(fm.body_first_line == 5);
}

TEST_CASE("front matter: old Mac lone CR line ends are accepted", "[frontmatter]") {
  const auto fm = parse_front_matter("---\rtitle: Mac\r---\rbody\r");
  REQUIRE(fm.error.empty());
  CHECK(fm.data["title"].as<std::string>() == "Mac");
  CHECK(fm.body == "body\n");
}

TEST_CASE("front matter: a UTF-8 BOM before the fence is skipped", "[frontmatter]") {
  const auto fm = parse_front_matter("\xEF\xBB\xBF---\r\ntitle: \"Caf\xC3\xA9\"\r\n---\r\nCorps\r\n");
  REQUIRE(fm.error.empty());
  CHECK(fm.present);
  CHECK(fm.data["title"].as<std::string>() == "Caf\xC3\xA9");
  CHECK(fm.line_of(fm.data["title"]) == 2);
  CHECK(fm.body == "Corps\n");
}

TEST_CASE("front matter: a file without a header is all body", "[frontmatter]") {
  const auto fm = parse_front_matter("\xEF\xBB\xBF# Titre\r\n\r\nTexte --- pas un en-t\xC3\xAAte.\r\n");
  CHECK(fm.error.empty());
  CHECK_FALSE(fm.present);
  CHECK(fm.data.IsMap());
  CHECK(fm.data.size() == 0);
  CHECK(fm.body == "# Titre\n\nTexte --- pas un en-t\xC3\xAAte.\n");
  CHECK(fm.body_first_line == 1);

  SECTION("'----' or text after the dashes is not a fence") {
    const auto a = parse_front_matter("----\ntitle: x\n----\n");
    CHECK_FALSE(a.present);
    const auto b = parse_front_matter("--- title: x\n---\n");
    CHECK_FALSE(b.present);
    CHECK(b.error.empty());
  }
  SECTION("an empty file") {
    const auto e = parse_front_matter("");
    CHECK_FALSE(e.present);
    CHECK(e.error.empty());
    CHECK(e.body.empty());
  }
}

TEST_CASE("front matter: fences may carry trailing spaces", "[frontmatter]") {
  const auto fm = parse_front_matter("--- \ntitle: x\n---\t\nbody");
  REQUIRE(fm.error.empty());
  CHECK(fm.present);
  CHECK(fm.data["title"].as<std::string>() == "x");
  CHECK(fm.body == "body");
}

TEST_CASE("front matter: an unclosed header is an error on line 1", "[frontmatter]") {
  const auto fm = parse_front_matter("---\ntitle: never closed\ndate: 2024-01-01\n\nSome body text.\n");
  CHECK(fm.present);
  CHECK(fm.error == "front matter starts with '---' on line 1 but is never closed by another '---' line");
  CHECK(fm.error_line == 1);
  CHECK(fm.data.IsMap());
  CHECK(fm.data.size() == 0);

  SECTION("a lone '---' with no newline") {
    const auto f = parse_front_matter("---");
    CHECK(f.present);
    CHECK_FALSE(f.error.empty());
    CHECK(f.error_line == 1);
  }
  SECTION("'...' must stand alone on its line to close") {
    const auto f = parse_front_matter("---\ntitle: x\n... not a close\n");
    CHECK_FALSE(f.error.empty());
    CHECK(f.error_line == 1);
  }
}

TEST_CASE("front matter: invalid YAML reports the file line of the problem", "[frontmatter]") {
  SECTION("an unquoted colon inside a value") {
    const auto fm = parse_front_matter(
        "---\n"                             // 1
        "title: Fine\n"                     // 2
        "date: 2024-01-01\n"                // 3
        "summary: Pourquoi: une question\n"  // 4
        "---\n"
        "body\n");
    CHECK(fm.present);
    CHECK(fm.error.rfind("front matter is not valid YAML: ", 0) == 0);
    CHECK(fm.error.find("illegal map value") != std::string::npos);
    CHECK(fm.error_line == 4);
  }
  SECTION("a wrongly indented key, with CRLF and a BOM shifting nothing") {
    const auto fm = parse_front_matter(
        "\xEF\xBB\xBF---\r\n"  // 1
        "title: x\r\n"         // 2
        "date: 2024-01-01\r\n"  // 3
        "  author: alice\r\n"   // 4
        "---\r\n");
    CHECK(fm.error.rfind("front matter is not valid YAML: ", 0) == 0);
    CHECK(fm.error_line == 4);
  }
  SECTION("a list item where a key is expected") {
    const auto fm = parse_front_matter("---\ntitle: x\nauthor: a\n- item\n---\n");
    CHECK_FALSE(fm.error.empty());
    CHECK(fm.error_line == 4);
  }
}

TEST_CASE("front matter: YAML that is not a mapping is rejected", "[frontmatter]") {
  SECTION("a list") {
    const auto fm = parse_front_matter("---\n- title\n- date\n---\nbody\n");
    CHECK(fm.present);
    CHECK(fm.error == "front matter must be a YAML mapping of 'field: value' lines");
    CHECK(fm.error_line == 2);
    CHECK(fm.data.IsMap());  // callers can still index it safely
    CHECK(fm.data.size() == 0);
  }
  SECTION("a plain sentence") {
    const auto fm = parse_front_matter("---\nJust a sentence here\n---\nbody\n");
    CHECK(fm.error == "front matter must be a YAML mapping of 'field: value' lines");
    CHECK(fm.error_line == 2);
  }
}

TEST_CASE("front matter: an empty header is an empty mapping", "[frontmatter]") {
  const auto fm = parse_front_matter("---\n---\nBody only.\n");
  CHECK(fm.error.empty());
  CHECK(fm.present);
  CHECK(fm.data.IsMap());
  CHECK(fm.data.size() == 0);
  CHECK(fm.body == "Body only.\n");
  CHECK(fm.body_first_line == 3);

  SECTION("blank lines and comments only") {
    const auto f = parse_front_matter("---\n\n# nothing yet\n\n---\nBody\n");
    CHECK(f.error.empty());
    CHECK(f.data.IsMap());
    CHECK(f.data.size() == 0);
    CHECK(f.body_first_line == 6);
  }
}

TEST_CASE("front matter: '...' closes the header like '---'", "[frontmatter]") {
  const auto fm = parse_front_matter("---\ntitle: Dots\nauthor: a\n...\nThe body.\n");
  REQUIRE(fm.error.empty());
  CHECK(fm.present);
  CHECK(fm.data["title"].as<std::string>() == "Dots");
  CHECK(fm.body == "The body.\n");
  CHECK(fm.body_first_line == 5);
}

TEST_CASE("front matter: the body may contain further '---' lines", "[frontmatter]") {
  const auto fm = parse_front_matter("---\ntitle: x\n---\nabove\n---\nbelow\n");
  REQUIRE(fm.error.empty());
  CHECK(fm.body == "above\n---\nbelow\n");
  CHECK(fm.body_first_line == 4);
}

TEST_CASE("front matter: a header closed at end of file leaves an empty body", "[frontmatter]") {
  const auto fm = parse_front_matter("---\ntitle: x\n---");
  REQUIRE(fm.error.empty());
  CHECK(fm.present);
  CHECK(fm.body.empty());
  CHECK(fm.data["title"].as<std::string>() == "x");
}

TEST_CASE("normalize_newlines: CRLF, lone CR and BOM", "[frontmatter]") {
  CHECK(carnet::normalize_newlines("a\r\nb\rc\n\r\n") == "a\nb\nc\n\n");
  CHECK(carnet::normalize_newlines("\xEF\xBB\xBFx") == "x");
  CHECK(carnet::normalize_newlines("x\xEF\xBB\xBF") == "x\xEF\xBB\xBF");  // only a leading BOM goes
  CHECK(carnet::normalize_newlines("\r") == "\n");
  CHECK(carnet::normalize_newlines("") == "");
}
