// Text utilities: UTF-8 decoding/repair, escaping, slugs, word counts.
#include "text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace carnet {

namespace {
constexpr char32_t kReplacement = 0xFFFD;

// ASCII letters and digits, for the word counter's and the slugs' fast paths.
constexpr unsigned char kWord = 1;
constexpr auto kAsciiClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kWord;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = kWord;
  return t;
}();
}  // namespace


// Latin-1 Supplement and Latin Extended-A letters folded to ASCII for slugs.
const char* fold_latin_letter(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0x17F) {
    static const char* const table[] = {
        // U+00C0..U+00FF
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   //
        "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  //
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   //
        "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   //
        // U+0100..U+017F
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  //
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  //
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  //
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  //
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  //
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  //
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  //
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    };
    return table[cp - 0xC0];
  }
  return nullptr;
}

bool is_space_char(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x202F || cp == 0x2007 || cp == 0x2009 || cp == 0x200A ||
         cp == 0x3000 || cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x2006) || cp == 0x2028 ||
         cp == 0x2029;
}

// Letters and digits for word counting: ASCII alnum, and anything non-ASCII that is not
// punctuation or space from the common blocks (good enough for Latin scripts and CJK).
bool is_word_cp(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  if (is_space_char(cp)) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // General Punctuation (’ « … —)
  // Latin-1 signs (« » § · ¿ ¡ © ° £ ...), but not ª º µ and superscript digits/fractions.
  if (cp >= 0xA1 && cp <= 0xBF)
    return cp == 0xAA || cp == 0xBA || cp == 0xB5 || cp == 0xB2 || cp == 0xB3 || cp == 0xB9 ||
           (cp >= 0xBC && cp <= 0xBE);
  if (cp == 0xD7 || cp == 0xF7) return false;         // × ÷
  if (cp >= 0x20A0 && cp <= 0x20CF) return false;     // currency signs (€)
  if (cp >= 0x2190 && cp <= 0x2BFF) return false;     // arrows, maths, shapes
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;   // emoji and pictographs
  return cp != kReplacement;
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t len;
  char32_t cp;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += len;
  return cp;
}

namespace {
// is_valid_utf8, optionally also refusing NUL bytes: one pass over the text either way.
bool check_utf8(std::string_view s, bool reject_nul) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  for (std::size_t i = 0; i < n;) {
    std::uint64_t eight;  // ASCII (without NUL), the bulk of most text, eight bytes at a time
    if (i + 8 <= n && (std::memcpy(&eight, p + i, 8), ((eight | ((eight - kOnes) & ~eight)) & kHighs) == 0)) {
      i += 8;
    } else if (p[i] < 0x80) {
      if (p[i] == 0 && reject_nul) return false;
      ++i;
    } else if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;  // two-byte sequences: Latin accents
    } else {
      const std::size_t at = i;
      // A literal U+FFFD in the input is valid; a decoding failure advanced by one byte.
      if (next_code_point(s, i) == kReplacement && (i - at != 3 || s.substr(at, 3) != "\xEF\xBF\xBD")) return false;
    }
  }
  return true;
}
}  // namespace

bool is_valid_utf8(std::string_view s) { return check_utf8(s, false); }
bool is_valid_utf8_text(std::string_view s) { return check_utf8(s, true); }

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t run = 0;  // start of the current run of valid ASCII/UTF-8 copied verbatim
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t cp = next_code_point(s, i);
    const bool bad = cp == 0 || (cp == kReplacement && (i - at != 3));
    if (bad) {
      out.append(s.data() + run, at - run);
      append_utf8(out, kReplacement);
      run = i;
    }
  }
  out.append(s.data() + run, s.size() - run);
  return out;
}

void append_xml_escaped(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80) {  // ASCII fast path
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const std::size_t from = i;
    const char32_t cp = next_code_point(s, i);
    const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF);
    if (allowed && cp != 0xFFFD) out.append(s.data() + from, i - from);
    else append_utf8(out, 0xFFFD);
  }
}

std::string fingerprint(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 15];
  return out;
}

bool is_plain_file_name(std::string_view name) {
  if (name.empty() || name[0] == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

void append_html_escaped(std::string& out, std::string_view s, bool ascii_only) {
  std::size_t size = out.size();
  while (!s.empty()) {
    out.resize(size + html_escape_room(s.size()));
    char* to = out.data() + size;
    s.remove_prefix(write_html_escaped(to, s, ascii_only));
    size = static_cast<std::size_t>(to - out.data());
  }
  out.resize(size);
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  append_html_escaped(out, s);
  return out;
}

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view s, bool space_as_plus) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += ch;
    } else if (space_as_plus && c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

std::string slugify(std::string_view s) {
  std::string out;
  append_slug(out, s);
  return out;
}

void append_slug(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  bool pending_dash = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const bool ascii_word = kAsciiClass[b] & kWord;
    const char* piece = nullptr;
    if (b >= 0x80) piece = fold_latin_letter(next_code_point(s, i));
    else ++i;
    if (!ascii_word && !piece) {
      pending_dash = out.size() > start;
      continue;
    }
    if (pending_dash) out += '-';
    pending_dash = false;
    if (ascii_word) out += static_cast<char>(b >= 'A' ? (b | 0x20) : b);  // lower case; digits as they are
    else out += piece;
  }
}

void WordCounter::feed(std::string_view s) {
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (!apostrophe_) {
      // Fast path: a run of ASCII letters and digits and Latin-1 letters (U+00C0..U+00FF
      // but × and ÷, two bytes C3 xx) at once; other ASCII but apostrophes ends a word.
      std::size_t j = i;
      while (j < n) {
        const auto c = static_cast<unsigned char>(s[j]);
        if (kAsciiClass[c] & kWord) {
          ++j;
        } else if (c == 0xC3 && j + 1 < n && (static_cast<unsigned char>(s[j + 1]) & 0xC0) == 0x80 &&
                   s[j + 1] != '\x97' && s[j + 1] != '\xB7') {
          j += 2;
        } else {
          break;
        }
      }
      if (j > i) {
        words_ += !in_word_;
        in_word_ = true;
        i = j;
        continue;
      }
      if (b < 0x80 && b != '\'') {
        in_word_ = false;
        ++i;
        continue;
      }
    }
    char32_t cp = b;
    bool w;
    if (b < 0x80) {
      ++i;
      w = kAsciiClass[b] & kWord;
    } else {
      cp = next_code_point(s, i);
      w = is_word_cp(cp);
    }
    if (apostrophe_) {
      apostrophe_ = false;
      if (w) continue;  // "l’article", "aujourd'hui": one word
      in_word_ = false;
    }
    if (in_word_ && (cp == '\'' || cp == 0x2019)) {
      apostrophe_ = true;
      continue;
    }
    if (w && !in_word_) ++words_;
    in_word_ = w;
  }
}

std::size_t count_words(std::string_view s) {
  WordCounter counter;
  counter.feed(s);
  return counter.words();
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e) {
    std::size_t i = b;
    if (!is_space_char(next_code_point(s, i))) break;
    b = i;
  }
  while (e > b) {
    std::size_t start = e - 1;
    while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t i = start;
    if (!is_space_char(next_code_point(s, i))) break;
    e = start;
  }
  return s.substr(b, e - b);
}

std::string truncate_words(std::string_view s, std::size_t max_chars) {
  s = trim(s);
  std::size_t chars = 0;
  std::size_t i = 0;
  std::size_t last_space = std::string_view::npos;
  while (i < s.size() && chars < max_chars) {
    const std::size_t at = i;
    if (is_space_char(next_code_point(s, i))) last_space = at;
    ++chars;
  }
  if (i >= s.size()) return std::string(s);
  std::size_t after = i;
  if (is_space_char(next_code_point(s, after))) last_space = i;  // a word ends right at the limit
  const std::size_t cut = last_space != std::string_view::npos && last_space > 0 ? last_space : i;
  std::string out(trim(s.substr(0, cut)));
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  out += "\xE2\x80\xA6";  // …
  return out;
}

}  // namespace carnet
