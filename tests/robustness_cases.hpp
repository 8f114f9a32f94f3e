// The hostile Markdown inputs of issue 5, generated: shared by tests/test_robustness.cpp
// (renders each without crash, with bounded, valid output) and bench/robustness (times each,
// natively and in wasm). Several were quadratic or blew up the output in md4c < 0.5.3.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace carnet_robustness {

struct Case {
  const char* name;
  std::string markdown;
};

inline std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A plausible article section (headings, emphasis, links, lists, code, a table, a quote),
// repeated up to `bytes`.
inline std::string big_article(std::size_t bytes) {
  const std::string section =
      "## Construire un calendrier \xC3\xA9"
      "ditorial\n\n"
      "Le **calendrier** d\xE2\x80\x99une marque tient quand il est *simple* : voir "
      "[le guide](../guides/calendrier.md) et <https://example.org/a?b=1&c=2>.\n\n"
      "- planifier les th\xC3\xA8mes\n- r\xC3\xA9"
      "diger `en avance`\n  - relire\n\n"
      "> Une citation, avec un ![sch\xC3\xA9ma](../../images/schema.svg \"Sch\xC3\xA9ma\").\n\n"
      "```js\nconst x = 1 < 2 && \"ok\";\n```\n\n"
      "| Canal | Fr\xC3\xA9quence |\n|:--|--:|\n| LinkedIn | 3 / semaine |\n| Blog | 1 / mois "
      "|\n\n";
  std::string out;
  out.reserve(bytes + section.size());
  while (out.size() < bytes) out += section;
  return out;
}

// Nested list `depth` levels deep, each level indented under the previous item.
inline std::string nested_lists(std::size_t depth) {
  std::string out;
  for (std::size_t i = 0; i < depth; ++i) out += std::string(2 * i, ' ') + "- item\n";
  return out;
}

// Invalid UTF-8 (stray continuation bytes, overlongs, surrogates, truncated sequences,
// bytes above U+10FFFF) and NUL bytes, inside text, headings, links, code and tables.
inline std::string bad_bytes() {
  // A literal with embedded NULs: its length comes from sizeof, not strlen.
  static const char raw[] =
      "# Ti\xED\xA0\x80tre \xFF\n\n"
      "Caf\xC3 \xFE\xFF and \xC0\xAF overlong, \xF4\x90\x80\x80 too big, \x80\x80 stray.\n\n"
      "nul \0 byte, [li\0nk](a\0b \"t\xFF\") ![i\xC3](\xFF.png)\n\n"
      "```\xFF\ncode \0 \xE2\x82\n```\n\n"
      "| a\xFF | \0 |\n|---|---|\n| \xF0\x9F\x98 | x |\n\n"
      "&#0; &#xD800; &#x110000; &#99999999; \xF0\x9F\x98\n\n";
  return repeat(std::string(raw, sizeof raw - 1), 200);
}

// A table of `columns` columns and a few hundred rows of one cell each (md4c < 0.5 filled in
// every missing cell: rows x columns of output).
inline std::string wide_table(std::size_t columns, std::size_t rows) {
  std::string out = repeat("|a", columns) + "|\n" + repeat("|-", columns) + "|\n";
  out += repeat("|x\n", rows);
  return out;
}

inline std::vector<Case> cases() {
  const std::string long_url = "https://example.org/" + std::string(4000, 'a');
  return {
      {"article-10MB", big_article(10 * 1024 * 1024)},
      {"blockquotes-20000-deep", repeat("> ", 20000) + "deep\n"},
      {"lists-1000-deep", nested_lists(1000)},
      {"emphasis-30000-unclosed",
       repeat("*a ", 10000) + repeat("_b ", 10000) + repeat("**c ", 10000)},
      {"brackets-50000-unbalanced", std::string(50000, '[') + "x" + std::string(100, ']')},
      {"invalid-utf8-and-nul", bad_bytes()},
      {"bom", "\xEF\xBB\xBF# Titre\n\nUn paragraphe.\n"},
      {"crlf",
       repeat("# Titre\r\n\r\nUn *paragraphe*\r\nsur deux lignes.\r\n\r\n- a\r\n- b\r\n\r\n",
              1000)},
      {"brackets-20000-nested", std::string(20000, '[') + "x" + std::string(20000, ']') + "(u)\n"},
      {"link-open-100000", repeat("]([\n", 100000)},
      {"link-reference-4000-uses", "[r]: " + long_url + " \"" + std::string(1000, 't') + "\"\n\n" +
                                       repeat("[r] ", 4000) + "\n"},
      {"www-underscore-50000", repeat("www._", 50000) + "\n"},
      {"table-2000-columns", wide_table(2000, 2000)},
      // Not in md4c's history: the widest table md4c keeps, padded to 128 cells a row.
      {"table-128-columns-padded", wide_table(128, 100000)},
  };
}

}  // namespace carnet_robustness
