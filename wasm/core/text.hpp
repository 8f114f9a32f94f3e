// Text utilities shared by every concept: UTF-8 repair, HTML escaping, ASCII slugs.
// All functions are pure and work on bytes; invalid UTF-8 never throws.
#pragma once

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
void append_html_escaped(std::string& out, std::string_view s, bool ascii_only = false);
// The same for writers that hand out room to write into (Markdown's), in pieces:
// write_html_escaped escapes the first whole characters of `s`, at most kHtmlEscapePiece
// bytes, at `to`, which has room for html_escape_room(s.size()) bytes; it advances `to` and
// returns how many bytes of `s` it took. Bytes are written one by one as they are read:
// no run to copy, no room to check per write (measured: 5 % of the Markdown call).
inline constexpr std::size_t kHtmlEscapePiece = 4096;
constexpr std::size_t html_escape_room(std::size_t n) {
  return (n < kHtmlEscapePiece ? n : kHtmlEscapePiece) * 8 + 16;  // "&#65533;" for NUL, 8 bytes
}
std::size_t write_html_escaped(char*& to, std::string_view s, bool ascii_only);
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

}  // namespace carnet
