// Text utilities shared by every concept: UTF-8 repair, HTML escaping, ASCII slugs.
// All functions are pure and work on bytes; invalid UTF-8 never throws.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace carnet {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);
// The same, and `s` holds no NUL byte.
bool is_valid_utf8_text(std::string_view s);

// Copy of `s` with every invalid UTF-8 sequence replaced by U+FFFD and NUL by U+FFFD.
std::string repair_utf8(std::string_view s);

// Decodes one code point at s[i], advancing i. Invalid bytes give U+FFFD and advance by one.
char32_t next_code_point(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of `cp` (U+FFFD for invalid values).
void append_utf8(std::string& out, char32_t cp);

// ASCII for a Latin-1/Latin Extended-A letter ("é" -> "e", "œ" -> "oe", "ß" -> "ss"),
// nullptr for anything else.
const char* fold_latin_letter(char32_t cp);

// Spaces, including no-break (U+00A0), narrow no-break (U+202F) and thin spaces.
bool is_space_char(char32_t cp);

// Letters and digits of any script (not punctuation, symbols, spaces or emoji).
bool is_word_cp(char32_t cp);

// Appends `s` HTML-escaped for text and double-quoted attributes (& < > " '); NUL becomes
// U+FFFD. With `ascii_only`, every other non-ASCII character is written as a numeric
// character reference too ("é" -> "&#233;"): the same HTML to a browser, in pure ASCII.
// `Sink` is anything with append(const char*, std::size_t), std::string included.
template <typename Sink>
void append_html_escaped(Sink& out, std::string_view s, bool ascii_only = false);
std::string html_escape(std::string_view s);

// Appends `s` escaped for XML 1.0 text and attributes (& < > " '): characters XML forbids
// (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) and invalid UTF-8 become U+FFFD, so the
// document always parses.
void append_xml_escaped(std::string& out, std::string_view s);

// 64-bit FNV-1a of `bytes` as 16 hex digits: a content fingerprint (cache versions, telling
// whether a static page was built from the bundle the viewer loaded), not for security.
std::string fingerprint(std::string_view bytes);

// Whether `name` names a file beside the one that names it: letters, digits, '-', '_' and
// '.', not starting with '.' (never a path, a URL or a parent).
bool is_plain_file_name(std::string_view name);

// Decodes %XX escapes (malformed ones are kept as written); with `plus_is_space`, '+' is a
// space, as in query strings.
std::string percent_decode(std::string_view s, bool plus_is_space = false);

// Escapes every byte but the unreserved ones (A-Z a-z 0-9 - _ . ~) as %XX; with
// `space_as_plus`, a space becomes '+', as in query strings.
std::string percent_encode(std::string_view s, bool space_as_plus = false);

// Lower-case ASCII slug: Latin letters lose their accents (é -> e, œ -> oe, ß -> ss),
// other runs of characters become one '-', no leading/trailing '-'.
// "Réseaux sociaux" -> "reseaux-sociaux"; "Qu’est-ce ?" -> "qu-est-ce".
std::string slugify(std::string_view s);
// slugify(s) appended to `out`.
void append_slug(std::string& out, std::string_view s);

// Number of words (runs of letters/digits, apostrophes inside words kept) in plain text.
std::size_t count_words(std::string_view s);

// count_words over text that arrives piece by piece (a word may span pieces, as in
// "l’**article**"); separate() marks a boundary that always ends a word (a new block).
class WordCounter {
 public:
  void feed(std::string_view s);
  void separate() { in_word_ = apostrophe_ = false; }
  std::size_t words() const { return words_; }

 private:
  std::size_t words_ = 0;
  bool in_word_ = false;
  bool apostrophe_ = false;  // an apostrophe inside a word: the next character decides
};

// `s` without leading/trailing ASCII and Unicode spaces.
std::string_view trim(std::string_view s);

// Shortens plain text to at most `max_chars` code points, cutting at a word boundary
// and appending "…" when something was cut.
std::string truncate_words(std::string_view s, std::size_t max_chars);

namespace text_detail {
// The bytes append_html_escaped replaces: & < > " ' and NUL, and with ascii_only every
// byte of a multi-byte character.
inline constexpr auto kHtmlSpecial = [] {
  std::array<bool, 256> t{};
  for (const unsigned char c : {'&', '<', '>', '"', '\'', '\0'}) t[c] = true;
  return t;
}();
inline constexpr auto kHtmlSpecialOrNonAscii = [] {
  std::array<bool, 256> t = kHtmlSpecial;
  for (int c = 0x80; c < 0x100; ++c) t[c] = true;
  return t;
}();
}  // namespace text_detail

template <typename Sink>
void append_html_escaped(Sink& out, std::string_view s, bool ascii_only) {
  const auto& special = ascii_only ? text_detail::kHtmlSpecialOrNonAscii : text_detail::kHtmlSpecial;
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  const char* run = begin;
  for (const char* p = begin; p < end; ++p) {
    if (!special[static_cast<unsigned char>(*p)]) continue;
    out.append(run, static_cast<std::size_t>(p - run));
    switch (*p) {
      case '&': out.append("&amp;", 5); break;
      case '<': out.append("&lt;", 4); break;
      case '>': out.append("&gt;", 4); break;
      case '"': out.append("&quot;", 6); break;
      case '\'': out.append("&#39;", 5); break;
      case '\0': out.append(ascii_only ? "&#65533;" : "\xEF\xBF\xBD", ascii_only ? 8 : 3); break;  // U+FFFD, as HTML parsers would (found by fuzzing)
      default: {  // ascii_only: a character of two to four bytes
        std::size_t i = static_cast<std::size_t>(p - begin);
        char32_t cp;
        const auto b0 = static_cast<unsigned char>(*p);
        if (b0 >= 0xC2 && b0 <= 0xDF && p + 1 < end && (static_cast<unsigned char>(p[1]) & 0xC0) == 0x80) {
          cp = static_cast<char32_t>(((b0 & 0x1F) << 6) | (static_cast<unsigned char>(p[1]) & 0x3F));
          i += 2;  // two bytes, the common case (Latin accents)
        } else {
          cp = next_code_point(s, i);
        }
        char ref[12];
        char* r = ref + sizeof ref;
        *--r = ';';
        do *--r = static_cast<char>('0' + cp % 10);
        while ((cp /= 10) != 0);
        *--r = '#';
        *--r = '&';
        out.append(r, static_cast<std::size_t>(ref + sizeof ref - r));
        p = begin + i - 1;
        break;
      }
    }
    run = p + 1;
  }
  out.append(run, static_cast<std::size_t>(end - run));
}

}  // namespace carnet
