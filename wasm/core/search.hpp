// Full-text search over a loaded SearchIndex: French/English stemming, accent folding,
// prefix and typo matches, BM25 with field weights, filters, facets, snippets, suggestions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "search_index.hpp"
#include "search_query.hpp"
#include "stemmer.hpp"

namespace carnet {

// How a document matched one query word. Ranking puts every exact match above every
// stemmed one, above prefix, above typo matches (one edit above two).
enum class MatchTier : std::int8_t { None = -1, Typo2 = 0, Typo = 1, Prefix = 2, Stem = 3, Exact = 4 };

class SearchEngine {
 public:
  explicit SearchEngine(SearchIndex index);

  // Markdown bodies by slug: enables snippets and exact phrase checks. Optional.
  void set_bodies(const std::unordered_map<std::string, std::string>& bodies);

  // Results as JSON: {total, partial, hits[{slug, href, title, title_html, date, date_text,
  // lang, category, snippet_html, tier}], facets{category, tag, author, lang, year},
  // suggestions[{q, href}], count_text}. `limit` caps the hits (not total or facets).
  nlohmann::json search(const SearchQuery& query, std::size_t limit, std::string_view ui_lang) const;

  const SearchIndex& index() const { return index_; }

 private:
  struct QueryWord;
  struct Scratch;
  std::vector<QueryWord> parse_terms(std::string_view q) const;
  std::vector<char> allowed_docs(const SearchQuery& query) const;
  const std::string& plain_text(std::uint32_t doc) const;
  bool phrase_matches(std::uint32_t doc, const std::vector<std::string>& phrase) const;
  nlohmann::json suggestions(const SearchQuery& query, const std::vector<QueryWord>& terms) const;
  // The stems of an index word in one language (of its folded form and of its spelling).
  std::vector<std::string> word_stems(std::size_t lang, std::uint32_t word) const;
  // The index words having `stem` among their stems in that language.
  std::vector<std::uint32_t> stem_words(std::size_t lang, const std::string& stem) const;

  SearchIndex index_;
  std::vector<Stemmer> stemmers_;  // parallel to index_.langs
  std::vector<std::string> bodies_;  // Markdown per doc ("" when unknown)
  mutable std::vector<std::string> plain_;  // plain text per doc, computed on first use
  mutable std::vector<char> plain_done_;
};

// Calls `fn(word, distance)` for every index word within `max_distance` edits of `word`
// (insertions, deletions, substitutions, adjacent transpositions), walking the sorted
// vocabulary once with shared-prefix reuse and pruning.
void for_each_word_within(const SearchIndex& index, std::string_view word, int max_distance,
                          const std::function<void(std::uint32_t, int)>& fn);

}  // namespace carnet
