// Search tokenizer: UTF-8 words, case and accent folding, French elisions, hyphenated
// words (whole and parts), and the short stop-word list shared by the index and queries.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace carnet {

// Lower-cases and removes accents: "Équipe" -> "equipe", "Œuvre" -> "oeuvre", "Straße" ->
// "strasse". Non-Latin letters are lower-cased where Unicode has a simple mapping
// (Greek, Cyrillic) and kept otherwise.
std::string fold(std::string_view word);

// Lower-cases only (accents kept): what the stemmers want.
std::string lower(std::string_view word);

struct Token {
  std::string folded;      // lower case, no accents: the index key
  std::string lowered;     // lower case with accents: what the stemmer sees
  std::size_t begin = 0;   // byte offsets of the word in the text (without the elision)
  std::size_t end = 0;
  int position = 0;        // word position (parts of "e-mail" share the compound's position)
  bool compound = false;   // the joined form of a hyphenated word ("email" for "e-mail")
};

// Calls `emit` for every word of `text`. Apostrophes (' and ’) after a French elision
// (l' d' j' n' s' c' qu' m' t' jusqu' lorsqu' puisqu' quoiqu') drop it: "l’équipe" ->
// "equipe"; an English possessive "'s" is dropped; other apostrophes join ("aujourd’hui"
// -> "aujourdhui"). "e-mail" gives "e", "mail" and the compound "email".
void tokenize(std::string_view text, const std::function<void(const Token&)>& emit);

// Very common French and English words that are not indexed (folded forms).
bool is_stop_word(std::string_view folded);

// True for letters and digits (any script), the characters words are made of.
bool is_word_char(char32_t cp);

}  // namespace carnet
