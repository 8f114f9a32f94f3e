// UI strings in French and English, with plural rules and French typography (a no-break
// space before « : ; ! ? »). Unknown languages fall back to English.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace carnet {

// "fr" for any French variant ("fr", "fr-CA"), otherwise "en".
std::string ui_language(std::string_view lang);

// One UI string by key; the key itself when unknown (a visible, harmless fallback).
std::string ui_text(std::string_view key, std::string_view lang);

// Whether `n` takes the singular: French for 0 and 1, English for 1 only.
bool is_singular(std::size_t n, std::string_view lang);

// "1 article", "2 articles"; French uses the singular for 0 and 1.
std::string count_articles(std::size_t n, std::string_view lang);

// "1 résultat", "2 résultats" / "1 result", "2 results".
std::string count_results(std::size_t n, std::string_view lang);

// "1 minute de lecture", "5 minutes de lecture" / "5 min read", at 230 words a minute, at
// least 1.
std::string reading_time(std::size_t words, std::string_view lang);

// "Catégorie : X" with the no-break space French wants before the colon.
std::string labelled(std::string_view key, std::string_view value, std::string_view lang);

// Text in the language's quotation marks: « text » (with no-break spaces) or “text”.
std::string quoted(std::string_view text, std::string_view lang);

// The reader's language switch for a page whose UI is in `ui_lang`: it offers the other
// language, named in itself ({"current": "fr", "target": "en", "target_name": "English",
// "label": "Afficher l’interface en anglais", "chosen": whether the reader picked it}).
nlohmann::json language_switch(std::string_view ui_lang, bool chosen);

// Every UI string for a language, for the shell's fixed chrome (header, footer, notices).
nlohmann::json ui_strings(std::string_view lang);

}  // namespace carnet
