// Full-text search over a loaded SearchIndex: French/English stemming, accent folding,
// prefix and typo matches, BM25 with field weights, filters, facets, snippets, suggestions.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
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
  // Some more bodies (slug, Markdown): a sharded site's chunks, as the viewer fetches them.
  // Returns how many belong to articles of the index.
  std::size_t add_bodies(std::vector<std::pair<std::string, std::string>> bodies);

  // A part file of a sharded index (SearchIndex::add_part): search_json answers
  // {"needs": [part file names]} when a query's words have postings in parts not added yet.
  bool add_part(std::string_view bytes, std::string& error) { return index_.add_part(bytes, error); }

  // Results as JSON text: {total, partial, count_text, hits[{slug, href, title, title_html,
  // date, date_text, lang, author, category, snippet_html, body, tier}], facets{category, tag,
  // author, lang, year: [{value, label, count, selected, href}]}, sort{value, relevance_href,
  // date_href}, suggestions[{q, href}]}, or {needs} (above). `limit` caps the hits (not
  // total or facets).
  // Written directly (json_writer.hpp): this is what the browser's worker gets.
  std::string search_json(const SearchQuery& query, std::size_t limit, std::string_view ui_lang) const;
  // The same, parsed (tests and tools).
  nlohmann::json search(const SearchQuery& query, std::size_t limit, std::string_view ui_lang) const;

  const SearchIndex& index() const { return index_; }

 private:
  struct QueryWord;
  struct Scratch;
  std::vector<QueryWord> parse_terms(std::string_view q) const;
  // Per document, whether the query's filters keep it; empty when there is no filter.
  std::vector<char> allowed_docs(const SearchQuery& query) const;
  const std::string& plain_text(std::uint32_t doc) const;
  bool phrase_matches(std::uint32_t doc, const std::vector<std::string>& phrase) const;
  // The query with each unknown word replaced by the closest known one; nullopt when some
  // word resembles nothing (or every word is known).
  std::optional<std::string> suggestion(const std::vector<QueryWord>& terms, const std::vector<int>& closest,
                                        const std::vector<int>& reach) const;
  // Index words within `budget` edits of `folded`, nearest then most frequent first: `from`
  // edits first, more only while nothing is found (beyond one edit, among the frequent words
  // only). `reach` gets the distance searched.
  std::vector<std::pair<std::uint32_t, int>> look_alikes(std::string_view folded, int from, int budget,
                                                         int& reach) const;
  // The stems of an index word in one language (of its folded form and of its spelling),
  // computed on first use: a reader typing "s", "st", "str"... meets the same words again.
  const std::vector<std::string>& word_stems(std::size_t lang, std::uint32_t word) const;
  // The index words having `stem` among their stems in that language.
  std::vector<std::uint32_t> stem_words(std::size_t lang, const std::string& stem) const;

  SearchIndex index_;
  struct DocWeights {
    float once[kFieldBody] = {};  // weighted BM25 of a word found once in title, meta, summary
    float body_k = 1;             // k1 * length norm of the body
    int lang = 0;
  };
  std::vector<DocWeights> weights_;  // parallel to index_.docs: the scoring loop's only per-doc data
  std::vector<Stemmer> stemmers_;  // parallel to index_.langs
  void set_body(std::uint32_t doc, std::string body);
  std::vector<std::string> bodies_;  // Markdown per doc ("" when unknown)
  std::vector<char> has_body_;       // per doc: its body is known (a hit's "body")
  std::unordered_map<std::string, std::uint32_t> doc_of_slug_;  // built on the first add_bodies
  mutable std::vector<std::string> plain_;  // plain text per doc, computed on first use
  mutable std::vector<char> plain_done_;
  mutable std::vector<std::unordered_map<std::uint32_t, std::vector<std::string>>> stem_cache_;  // per language
  struct Vocabulary {  // a sorted subset of the index words
    std::vector<std::string> words;
    std::vector<std::uint8_t> lcp;
    std::vector<std::uint32_t> ids;  // index word ids
  };
  // The `at_most` words found in the most documents, built on first use.
  const Vocabulary& frequent_words(std::size_t at_most) const;
  mutable std::map<std::size_t, std::unique_ptr<Vocabulary>> frequent_;
};

// Calls `fn(word, distance)` for every index word within `max_distance` edits of `word`
// (insertions, deletions, substitutions, adjacent transpositions), walking the sorted
// vocabulary once with shared-prefix reuse and pruning.
void for_each_word_within(const SearchIndex& index, std::string_view word, int max_distance,
                          const std::function<void(std::uint32_t, int)>& fn);
// The same over any sorted word list and its shared-prefix lengths; `fn` gets list positions.
void for_each_word_within(const std::vector<std::string>& words, const std::vector<std::uint8_t>& lcp,
                          std::string_view word, int max_distance, const std::function<void(std::uint32_t, int)>& fn);

}  // namespace carnet
