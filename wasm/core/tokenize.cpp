// Tokenizer and folding for search.
#include "tokenize.hpp"

#include <algorithm>
#include <vector>

#include "text.hpp"

namespace carnet {

namespace {

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
bool is_hyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool is_combining(char32_t cp) { return cp >= 0x0300 && cp <= 0x036F; }

// Simple lower-case mapping for the scripts a blog is likely to use.
char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) return cp + 32;
  if (cp == 0x178) return 0xFF;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

const char* const kElisions[] = {"l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};

bool is_elision(std::string_view folded) {
  return std::any_of(std::begin(kElisions), std::end(kElisions), [&](const char* e) { return folded == e; });
}

// Sorted, folded. French and English function words.
const char* const kStopWords[] = {
    "a",     "an",    "and",   "are",  "as",   "au",   "aux",   "be",   "but",   "by",    "ce",
    "ces",   "cet",   "cette", "dans", "de",   "des",  "du",    "elle", "en",    "est",   "et",
    "for",   "from",  "il",    "in",   "is",   "it",   "its",   "la",   "le",    "les",   "leur",
    "leurs", "mais",  "of",    "on",   "or",   "ou",   "par",   "pas",  "pour",  "qu",    "que",
    "qui",   "sa",    "se",    "ses",  "son",  "sur",  "that",  "the",  "their", "this",  "to",
    "un",    "une",   "was",   "were", "with", "y",
};

struct Run {
  std::size_t begin;
  std::size_t end;
  char32_t connector;  // apostrophe/hyphen joining this run to the next one, or 0
};

}  // namespace

bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  return is_word_cp(cp) || is_combining(cp);
}

namespace {

// Appends the lower-case (and, with `strip`, accent-free) form of `word` to `out`.
void append_folded(std::string& out, std::string_view word, bool strip) {
  for (std::size_t i = 0; i < word.size();) {
    const auto b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {  // fast path: ASCII
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++i;
      continue;
    }
    const std::size_t at = i;
    const char32_t cp = to_lower(next_code_point(word, i));
    if (!strip) {
      append_utf8(out, cp);
    } else if (is_combining(cp)) {
      continue;  // decomposed accents (NFD text)
    } else if (const char* ascii = fold_latin_letter(cp)) {
      out += ascii;
    } else if (cp == 0xFFFD && i - at != 3) {
      continue;  // an invalid byte, not a real U+FFFD
    } else {
      append_utf8(out, cp);
    }
  }
}

// Decodes the code point at text[i] and advances; ASCII without a call.
inline char32_t next(std::string_view text, std::size_t& i) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  return next_code_point(text, i);
}

}  // namespace

std::string lower(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  append_folded(out, word, false);
  return out;
}

std::string fold(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  append_folded(out, word, true);
  return out;
}

bool is_stop_word(std::string_view folded) {
  return std::binary_search(std::begin(kStopWords), std::end(kStopWords), folded,
                            [](auto a, auto b) { return std::string_view(a) < std::string_view(b); });
}

void tokenize(std::string_view text, const std::function<void(const Token&)>& emit) {
  int position = 0;
  std::vector<Run> runs;
  Token token;     // reused for every word: no allocation per token once warm
  Token compound;
  std::string scratch;
  std::size_t i = 0;
  while (i < text.size()) {
    // Skip to the next word character.
    std::size_t at = i;
    while (i < text.size()) {
      at = i;
      if (is_word_char(next(text, i))) {
        i = at;
        break;
      }
    }
    if (i >= text.size()) break;
    // One word group: runs joined by a single apostrophe or hyphen.
    runs.clear();
    while (true) {
      const std::size_t begin = i;
      std::size_t end = i;
      while (i < text.size()) {
        const std::size_t here = i;
        if (!is_word_char(next(text, i))) {
          i = here;
          break;
        }
        end = i;
      }
      Run run{begin, end, 0};
      if (i < text.size()) {
        std::size_t j = i;
        const char32_t sep = next(text, j);
        std::size_t k = j;
        if ((is_apostrophe(sep) || is_hyphen(sep)) && k < text.size() && is_word_char(next(text, k))) {
          run.connector = sep;
          runs.push_back(run);
          i = j;
          continue;
        }
      }
      runs.push_back(run);
      break;
    }

    auto run_text = [&](const Run& r) { return text.substr(r.begin, r.end - r.begin); };
    auto run_folded = [&](const Run& r) -> const std::string& {
      scratch.clear();
      append_folded(scratch, run_text(r), true);
      return scratch;
    };
    std::size_t first = 0;
    std::size_t last = runs.size();  // exclusive
    // "l’équipe", "qu’il": drop the elided article or pronoun.
    while (last - first > 1 && is_apostrophe(runs[first].connector) && is_elision(run_folded(runs[first]))) ++first;
    // "brand's": drop the English possessive.
    if (last - first > 1 && is_apostrophe(runs[last - 2].connector) && run_folded(runs[last - 1]) == "s") --last;

    // Apostrophes left join their runs into one part; hyphens separate parts, each emitted,
    // then the compound of all parts at the first part's position.
    const int compound_position = position;
    int parts = 0;
    compound.folded.clear();
    compound.lowered.clear();
    for (std::size_t r = first; r < last;) {
      std::size_t e = r;
      while (e + 1 < last && is_apostrophe(runs[e].connector)) ++e;  // runs r..e form one part
      token.folded.clear();
      token.lowered.clear();
      for (std::size_t k = r; k <= e; ++k) {
        append_folded(token.folded, run_text(runs[k]), true);
        append_folded(token.lowered, run_text(runs[k]), false);
      }
      token.begin = runs[r].begin;
      token.end = runs[e].end;
      token.compound = false;
      if (!token.folded.empty()) {
        token.position = position++;
        emit(token);
        compound.folded += token.folded;
        compound.lowered += token.lowered;
        ++parts;
      }
      r = e + 1;
    }
    if (parts > 1) {
      compound.begin = runs[first].begin;
      compound.end = runs[last - 1].end;
      compound.position = compound_position;
      compound.compound = true;
      emit(compound);
    }
  }
}

}  // namespace carnet
