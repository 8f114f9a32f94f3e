// Unit tests for text.hpp: UTF-8 validation and repair, HTML escaping, slugs, words, trim.
#include <catch2/catch.hpp>

#include <string>

#include "text.hpp"

using namespace carnet;
using namespace std::string_literals;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
}  // namespace

TEST_CASE("is_valid_utf8 accepts well-formed text", "[text][utf8]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("caf\xC3\xA9"));                 // é, 2 bytes
  CHECK(is_valid_utf8("\xE2\x82\xAC"));                // €, 3 bytes
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));            // 😀, 4 bytes
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));            // U+10FFFF, the last code point
  CHECK(is_valid_utf8("\xED\x9F\xBF"));                // U+D7FF, just below the surrogates
  CHECK(is_valid_utf8("a" + kFffd + "b"));             // a literal U+FFFD is fine
  CHECK(is_valid_utf8("a\0b"s));                       // NUL is well-formed UTF-8
}

TEST_CASE("is_valid_utf8 rejects malformed sequences", "[text][utf8]") {
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));              // overlong U+007F
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));          // 3-byte overlong '/'
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));      // 4-byte overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));          // U+D800, high surrogate
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));          // U+DFFF, low surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // U+110000, beyond Unicode
  CHECK_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
  CHECK_FALSE(is_valid_utf8("\x80"));                  // lone continuation byte
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("caf\xC3"));               // truncated at the end
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));              // truncated 3-byte sequence
  CHECK_FALSE(is_valid_utf8("\xE2\x82x"));             // interrupted 3-byte sequence
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));          // truncated 4-byte sequence
}

TEST_CASE("is_valid_utf8 and is_valid_utf8_text agree but on NUL, wherever the bad byte sits", "[text][utf8]") {
  // The checks read eight ASCII bytes at a time: a bad byte at every offset of a long text.
  const std::string ascii = "Une phrase assez longue pour plusieurs blocs de huit octets.";
  CHECK(is_valid_utf8_text(ascii));
  CHECK(is_valid_utf8_text("L\xE2\x80\x99\xC3\xA9quipe " + ascii + " caf\xC3\xA9"));
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    std::string nul = ascii;
    nul.insert(at, 1, '\0');
    CHECK(is_valid_utf8(nul));
    CHECK_FALSE(is_valid_utf8_text(nul));
    std::string bad = ascii;
    bad.insert(at, "\xFF");
    CHECK_FALSE(is_valid_utf8(bad));
    CHECK_FALSE(is_valid_utf8_text(bad));
    std::string accent = ascii;
    accent.insert(at, "\xC3\xA9");
    CHECK(is_valid_utf8_text(accent));
  }
}

TEST_CASE("repair_utf8 replaces each invalid byte and NUL with U+FFFD", "[text][utf8]") {
  CHECK(repair_utf8("d\xC3\xA9j\xC3\xA0") == "d\xC3\xA9j\xC3\xA0");
  CHECK(repair_utf8("a" + kFffd) == "a" + kFffd);
  CHECK(repair_utf8("a\0b"s) == "a" + kFffd + "b");
  CHECK(repair_utf8("\0"s) == kFffd);
  CHECK(repair_utf8("x\xC0\xAFy") == "x" + kFffd + kFffd + "y");
  CHECK(repair_utf8("\xED\xA0\x80") == kFffd + kFffd + kFffd);
  CHECK(repair_utf8("caf\xC3") == "caf" + kFffd);
  CHECK(repair_utf8("\xE2\x82x") == kFffd + kFffd + "x");
  CHECK(repair_utf8("\xF4\x90\x80\x80!") == kFffd + kFffd + kFffd + kFffd + "!");
  CHECK(repair_utf8("\x80\xC3\xA9") == kFffd + "\xC3\xA9");

  SECTION("the result is always valid") {
    const std::string nasty = "\xFF\xFE\0\xC3\x28\xE2\x28\xA1\xF0\x28\x8C\xBC\xED\xB0\x80 ok"s;
    const std::string repaired = repair_utf8(nasty);
    CHECK(is_valid_utf8(repaired));
    CHECK(repaired.find('\0') == std::string::npos);
    CHECK(repaired.substr(repaired.size() - 3) == " ok");
  }
}

TEST_CASE("next_code_point decodes and advances", "[text][utf8]") {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xC3";
  std::size_t i = 0;
  CHECK(next_code_point(s, i) == U'a');
  CHECK(i == 1);
  CHECK(next_code_point(s, i) == U'\u00E9');
  CHECK(i == 3);
  CHECK(next_code_point(s, i) == U'\u20AC');
  CHECK(i == 6);
  CHECK(next_code_point(s, i) == U'\U0001F600');
  CHECK(i == 10);
  CHECK(next_code_point(s, i) == U'\uFFFD');  // truncated: one byte consumed
  CHECK(i == 11);
}

TEST_CASE("append_utf8 encodes, replacing impossible code points", "[text][utf8]") {
  std::string out;
  append_utf8(out, U'A');
  append_utf8(out, 0xE9);
  append_utf8(out, 0x20AC);
  append_utf8(out, 0x1F600);
  CHECK(out == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  std::string bad;
  append_utf8(bad, 0xD800);
  append_utf8(bad, 0x110000);
  CHECK(bad == kFffd + kFffd);
}

TEST_CASE("html_escape escapes the five special characters", "[text][escape]") {
  CHECK(html_escape("") == "");
  CHECK(html_escape("nothing special") == "nothing special");
  CHECK(html_escape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(html_escape("&amp;") == "&amp;amp;");  // no double-unescaping
  CHECK(html_escape("caf\xC3\xA9 \xC2\xA0!") == "caf\xC3\xA9 \xC2\xA0!");
  std::string out = "kept:";
  append_html_escaped(out, "<b>");
  CHECK(out == "kept:&lt;b&gt;");
}

TEST_CASE("append_html_escaped with ascii_only writes other characters as references", "[text][escape]") {
  const auto ascii = [](std::string_view s) {
    std::string out;
    append_html_escaped(out, s, true);
    return out;
  };
  CHECK(ascii("") == "");
  CHECK(ascii("plain <b> & 'q'") == "plain &lt;b&gt; &amp; &#39;q&#39;");
  CHECK(ascii("caf\xC3\xA9") == "caf&#233;");
  CHECK(ascii("L\xE2\x80\x99\xC3\xA9quipe \xC2\xAB\xC2\xA0x\xC2\xA0\xC2\xBB") == "L&#8217;&#233;quipe &#171;&#160;x&#160;&#187;");
  CHECK(ascii("\xF0\x9F\xA6\x8A!") == "&#129418;!");  // four bytes
  CHECK(ascii("a\0b"s) == "a&#65533;b");
  CHECK(ascii("\xEF\xBF\xBD") == "&#65533;");
  CHECK(ascii("\xFF") == "&#65533;");  // invalid input still comes out as ASCII
}

TEST_CASE("html escaping in pieces keeps characters whole across the pieces' edges", "[text][escape]") {
  // Characters of one to four bytes at every offset around the 4096-byte piece edge: the
  // pieces' output joined is the escape of the whole text, and no room is overrun.
  for (const std::string& ch : {"\xC3\xA9"s, "\xE2\x80\x99"s, "\xF0\x9F\xA6\x8A"s, "\""s, "\0"s}) {
    for (std::size_t lead = kHtmlEscapePiece - 5; lead <= kHtmlEscapePiece + 1; ++lead) {
      const std::string text = std::string(lead, 'a') + ch + ch + "z";
      for (const bool ascii_only : {false, true}) {
        std::string pieces;
        std::string_view rest = text;
        while (!rest.empty()) {
          std::string room(html_escape_room(rest.size()) + 8, '#');  // 8 guard bytes
          char* to = room.data();
          const std::size_t took = write_html_escaped(to, rest, ascii_only);
          REQUIRE(took > 0);
          REQUIRE(to <= room.data() + html_escape_room(rest.size()));
          CHECK(room.substr(room.size() - 8) == "########");
          pieces.append(room.data(), static_cast<std::size_t>(to - room.data()));
          rest.remove_prefix(took);
        }
        std::string expected = std::string(lead, 'a');
        for (int i = 0; i < 2; ++i) {
          if (ch == "\"") expected += "&quot;";
          else if (ch == "\0"s) expected += ascii_only ? "&#65533;" : "\xEF\xBF\xBD";
          else if (!ascii_only) expected += ch;
          else expected += ch.size() == 2 ? "&#233;" : ch.size() == 3 ? "&#8217;" : "&#129418;";
        }
        expected += "z";
        CHECK(pieces == expected);
        std::string appended;
        append_html_escaped(appended, text, ascii_only);
        CHECK(appended == expected);
      }
    }
  }
}

TEST_CASE("slugify makes lower-case ASCII slugs", "[text][slug]") {
  CHECK(slugify("Marketing social") == "marketing-social");
  CHECK(slugify("r\xC3\xA9seaux sociaux") == "reseaux-sociaux");
  CHECK(slugify("R\xC3\xA9seaux sociaux") == "reseaux-sociaux");
  CHECK(slugify("Qu\xE2\x80\x99" "est-ce ?") == "qu-est-ce");
  CHECK(slugify("C\xC5\x93ur") == "coeur");                 // œ
  CHECK(slugify("\xC5\x92uvre") == "oeuvre");               // Œ
  CHECK(slugify("Stra\xC3\x9F" "e") == "strasse");          // ß
  CHECK(slugify("\xC3\x86ther") == "aether");               // Æ
  CHECK(slugify("\xC3\x80 l\xE2\x80\x99h\xC3\xB4pital") == "a-l-hopital");
  CHECK(slugify("\xC5\x81\xC3\xB3" "d\xC5\xBA") == "lodz");  // Łódź: Latin Extended-A
  CHECK(slugify("2 \xC3\x97 3 \xC3\xB7 4") == "2-3-4");     // × and ÷ are not letters
  CHECK(slugify("  --Hello,   World!--  ") == "hello-world");
  CHECK(slugify("SEO & SEA 2024") == "seo-sea-2024");
  CHECK(slugify("\xF0\x9F\x8E\x89\xF0\x9F\x9A\x80") == "");  // emoji only
  CHECK(slugify("") == "");
  CHECK(slugify("\xE6\x97\xA5\xE6\x9C\xAC") == "");          // no Latin letters at all
  CHECK(slugify("bad\xFF" "byte") == "bad-byte");
  // The ASCII letters' neighbours in the table (@ [ ` {) and the digits' (/ :) are separators.
  CHECK(slugify("A@Z[b`c{9/0:x") == "a-z-b-c-9-0-x");
  CHECK(slugify("MiXeD Case09") == "mixed-case09");
}

TEST_CASE("count_words counts runs of letters and digits", "[text][words]") {
  CHECK(count_words("") == 0);
  CHECK(count_words("   ") == 0);
  CHECK(count_words("one") == 1);
  CHECK(count_words("one two  three\nfour\tfive") == 5);
  CHECK(count_words("2024 en 3 points") == 4);
  CHECK(count_words("\xC3\xA9t\xC3\xA9 caf\xC3\xA9") == 2);
  CHECK(count_words("Bonjour\xC2\xA0!") == 1);                  // NBSP before '!'
  CHECK(count_words("10\xC2\xA0" "000\xE2\x80\xAF" "euros") == 3);  // NBSP and U+202F split
  CHECK(count_words("\xC2\xAB\xC2\xA0Oui\xC2\xA0\xC2\xBB") == 1);  // « Oui »
  CHECK(count_words("un \xE2\x80\x94 deux\xE2\x80\xA6") == 2);     // — and … are not words
  CHECK(count_words("marketing-social") == 2);
  CHECK(count_words("10\xC2\xA0" "000\xC2\xA0\xE2\x82\xAC") == 2);  // "10 000 €": € is no word
  CHECK(count_words("\xC2\xA9 2024 \xC2\xA7 3 \xC2\xB0") == 2);       // © § ° are signs
  CHECK(count_words("\xF0\x9F\x8E\x89 f\xC3\xAAte \xE2\x86\x92 ok") == 2);  // emoji, arrow
  CHECK(count_words("2\xC3\x97" "3") == 2);                        // ×
  CHECK(count_words("\xE6\x97\xA5\xE6\x9C\xAC") == 1);           // CJK run

  SECTION("apostrophes inside words are kept") {
    CHECK(count_words("l\xE2\x80\x99" "article") == 1);             // typographic ’
    CHECK(count_words("aujourd'hui") == 1);                          // ASCII '
    CHECK(count_words("Qu\xE2\x80\x99" "est-ce que c\xE2\x80\x99" "est ?") == 4);
    CHECK(count_words("l\xE2\x80\x99" "\xC3\xA9t\xC3\xA9 dernier") == 2);
    CHECK(count_words("'quoted' words") == 2);
    CHECK(count_words("les amis' ") == 2);
    CHECK(count_words("fin\xE2\x80\x99") == 1);
  }
}

TEST_CASE("trim removes ASCII and Unicode spaces", "[text][trim]") {
  CHECK(trim("") == "");
  CHECK(trim("   ") == "");
  CHECK(trim("  a b  ") == "a b");
  CHECK(trim("\t\r\nx\n") == "x");
  CHECK(trim("\xC2\xA0" "texte\xC2\xA0") == "texte");                  // NBSP
  CHECK(trim("\xE2\x80\xAF" "texte\xE2\x80\xAF") == "texte");          // U+202F
  CHECK(trim("\xEF\xBB\xBF" "bom") == "bom");                          // U+FEFF
  CHECK(trim("\xE3\x80\x80 mixed \xC2\xA0\xE2\x80\x89") == "mixed");   // U+3000, U+2009
  CHECK(trim("\xC2\xA0\xE2\x80\xAF") == "");
  CHECK(trim("caf\xC3\xA9") == "caf\xC3\xA9");                         // a letter is kept
  CHECK(trim("\xC2\xAB\xC2\xA0" "a\xC2\xA0\xC2\xBB") == "\xC2\xAB\xC2\xA0" "a\xC2\xA0\xC2\xBB");
}

TEST_CASE("truncate_words cuts at a word boundary", "[text][truncate]") {
  const std::string ellipsis = "\xE2\x80\xA6";
  CHECK(truncate_words("short text", 50) == "short text");
  CHECK(truncate_words("  padded  ", 50) == "padded");
  CHECK(truncate_words("exactly ten", 11) == "exactly ten");
  CHECK(truncate_words("Le marketing social est un levier", 15) == "Le marketing" + ellipsis);
  CHECK(truncate_words("Bonjour, le monde entier", 10) == "Bonjour" + ellipsis);
  CHECK(truncate_words("anticonstitutionnellement", 5) == "antic" + ellipsis);
  CHECK(truncate_words("hello world foo", 11) == "hello world" + ellipsis);  // word ends at limit
  CHECK(truncate_words("hello world foo", 10) == "hello" + ellipsis);

  SECTION("counts code points, not bytes") {
    const std::string s = "\xC3\xA9l\xC3\xA9gant \xC3\xA9l\xC3\xA9phant rose";
    CHECK(truncate_words(s, 16) == "\xC3\xA9l\xC3\xA9gant \xC3\xA9l\xC3\xA9phant" + ellipsis);
    CHECK(truncate_words(s, 10) == "\xC3\xA9l\xC3\xA9gant" + ellipsis);
    CHECK(is_valid_utf8(truncate_words("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 2)));
    CHECK(truncate_words("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\xC3\xA9" + ellipsis);
  }
}
