// HTML escaping, the Markdown renderer's hottest loop (text.hpp): its own file so that the
// wasm build compiles it for speed while the rest of text.cpp is compiled for size.
#include <algorithm>
#include <array>
#include <cstring>

#include "text.hpp"

namespace carnet {

namespace {
// The bytes write_html_escaped replaces: & < > " ' and NUL, and with ascii_only every byte
// of a multi-byte character.
constexpr auto kHtmlSpecial = [] {
  std::array<bool, 256> t{};
  for (const unsigned char c : {'&', '<', '>', '"', '\'', '\0'}) t[c] = true;
  return t;
}();
constexpr auto kHtmlSpecialOrNonAscii = [] {
  std::array<bool, 256> t = kHtmlSpecial;
  for (int c = 0x80; c < 0x100; ++c) t[c] = true;
  return t;
}();

template <std::size_t N>
char* put(char* to, const char (&literal)[N]) {
  std::memcpy(to, literal, N - 1);
  return to + N - 1;
}

// "&#N;" for code point `cp`; the two-byte characters, U+0080 to U+07FF, most often.
char* put_char_ref(char* to, char32_t cp) {
  to[0] = '&';
  to[1] = '#';
  if (cp < 1000) {
    to[2] = static_cast<char>('0' + cp / 100);
    to[3] = static_cast<char>('0' + cp / 10 % 10);
    to[4] = static_cast<char>('0' + cp % 10);
    to[5] = ';';
    return to + 6;
  }
  if (cp < 10000) {
    to[2] = static_cast<char>('0' + cp / 1000);
    to[3] = static_cast<char>('0' + cp / 100 % 10);
    to[4] = static_cast<char>('0' + cp / 10 % 10);
    to[5] = static_cast<char>('0' + cp % 10);
    to[6] = ';';
    return to + 7;
  }
  char digits[8];
  char* d = digits + sizeof digits;
  do *--d = static_cast<char>('0' + cp % 10);
  while ((cp /= 10) != 0);
  to += 2;
  while (d < digits + sizeof digits) *to++ = *d++;
  *to++ = ';';
  return to;
}
}  // namespace

std::size_t write_html_escaped(char*& to, std::string_view s, bool ascii_only) {
  const auto& special = ascii_only ? kHtmlSpecialOrNonAscii : kHtmlSpecial;
  const char* const begin = s.data();
  const char* const stop = begin + std::min(s.size(), kHtmlEscapePiece);
  const char* p = begin;
  char* o = to;
  while (p < stop) {
    const auto c = static_cast<unsigned char>(*p);
    if (!special[c]) {
      *o++ = static_cast<char>(c);
      ++p;
      continue;
    }
    ++p;
    switch (c) {
      case '&': o = put(o, "&amp;"); continue;
      case '<': o = put(o, "&lt;"); continue;
      case '>': o = put(o, "&gt;"); continue;
      case '"': o = put(o, "&quot;"); continue;
      case '\'': o = put(o, "&#39;"); continue;
      case '\0': o = ascii_only ? put(o, "&#65533;") : put(o, "\xEF\xBF\xBD"); continue;  // U+FFFD, as HTML parsers would (found by fuzzing)
      default: break;
    }
    // ascii_only: a character of two to four bytes (it may end past `stop`)
    char32_t cp;
    if (c >= 0xC2 && c <= 0xDF && p < begin + s.size() && (static_cast<unsigned char>(*p) & 0xC0) == 0x80) {
      cp = static_cast<char32_t>(((c & 0x1F) << 6) | (static_cast<unsigned char>(*p) & 0x3F));
      ++p;  // two bytes, the common case (Latin accents)
    } else {
      std::size_t i = static_cast<std::size_t>(p - 1 - begin);
      cp = next_code_point(s, i);
      p = begin + i;
    }
    o = put_char_ref(o, cp);
  }
  to = o;
  return static_cast<std::size_t>(p - begin);
}

}  // namespace carnet
