// The search index: built natively by `carnet build` from a bundle, shipped as one compact
// binary file (search-index.bin), loaded by the browser's search worker without rebuilding.
// Holds, per folded word, postings with per-field term frequencies (no positions: phrases
// are verified against the text), the words' stems per language, and each document's
// metadata for filters and facets. Format: docs/search-index-format.md.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle.hpp"
#include "date.hpp"
#include "for_each.hpp"
#include "rice.hpp"

namespace carnet {

constexpr std::uint32_t kSearchIndexVersion = 5;

// Longer folded words are not indexed (nobody searches for them; they bloat the vocabulary).
constexpr std::size_t kMaxIndexedWordBytes = 64;

enum SearchField { kFieldTitle = 0, kFieldMeta = 1, kFieldSummary = 2, kFieldBody = 3, kFieldCount = 4 };

struct SearchDoc {
  std::string slug;
  std::string title;
  Date date;
  std::uint32_t lang = 0;      // index into SearchIndex::langs
  std::uint32_t author = 0;    // index into SearchIndex::authors
  std::int32_t category = -1;  // index into SearchIndex::categories, -1: none
  std::vector<std::uint32_t> tags;
  std::array<std::uint32_t, kFieldCount> length{};  // indexed words per field
};

struct Posting {
  std::uint32_t doc = 0;
  std::array<std::uint32_t, kFieldCount> tf{};  // title/meta/summary: 0 or 1; body: count
};

struct Term {  // a facet value: display name and route slug
  std::string name;
  std::string slug;
};

class SearchIndex {
 public:
  std::vector<SearchDoc> docs;
  std::vector<std::string> langs;  // "fr", "en", ... (the stemmer languages of the docs)
  std::vector<Term> authors;       // slug = author id
  std::vector<Term> categories;
  std::vector<Term> tags;

  std::vector<std::string> words;    // sorted folded words
  std::vector<std::string> display;  // a real spelling of each word ("publicité"), "" if same
  std::vector<std::uint32_t> doc_freq;

  // Per language (parallel to `langs`), the stems that are NOT a prefix of their word
  // ("chevaux" -> "cheval", "publicite" -> "publiqu"), with their words. Every other stem is
  // found by recomputing the stems of the words that start with it (see SearchEngine).
  struct StemTable {
    std::vector<std::string> stems;  // sorted
    std::vector<std::vector<std::uint32_t>> stem_words;
  };
  std::vector<StemTable> stem_tables;
  std::array<double, kFieldCount> average_length{};
  // lcp[w]: length of the prefix words[w] shares with words[w - 1] (the sorted vocabulary
  // seen as a trie, for the typo walk).
  std::vector<std::uint8_t> lcp;

  // -1 when absent.
  int find_word(std::string_view folded) const;
  // [first, last) of the words starting with `prefix`.
  std::pair<std::size_t, std::size_t> prefix_range(std::string_view prefix) const;
  int find_stem(std::size_t lang, std::string_view stem) const;

  // Postings come in parts, each holding a range of words (by id): one part inline in a
  // single-file index; on a sharded site, the head file (serialize()) names part files the
  // worker fetches when a query needs them (split_postings, add_part).
  std::size_t parts() const { return parts_.size(); }
  // The part holding `word`'s postings.
  std::size_t part_of(std::size_t word) const {
    std::size_t lo = 0, hi = parts_.size();
    while (hi - lo > 1) {
      const std::size_t mid = (lo + hi) / 2;
      (parts_[mid].first_word <= word ? lo : hi) = mid;
    }
    return lo;
  }
  bool part_loaded(std::size_t part) const { return parts_[part].loaded; }
  const std::string& part_name(std::size_t part) const { return parts_[part].name; }
  bool has_postings(std::size_t word) const { return parts_[part_of(word)].loaded; }

  // Calls fn(const Posting&) for each document of `word`, in document order; nothing when its
  // part is not loaded (check has_postings). Inline: this is the query hot path (everything
  // was validated when the part was loaded).
  template <typename Fn>
  void for_each_posting(std::size_t word, Fn&& fn) const {
    const Part& part = parts_[part_of(word)];
    if (!part.loaded) return;
    RiceReader ids(part.ids.data(), id_offset_[word]);
    const int bits = rice_parameter(static_cast<std::uint32_t>(docs.size()), doc_freq[word]);
    const auto* flag = reinterpret_cast<const unsigned char*>(part.flags.data()) + flag_offset_[word];
    const auto* extra = reinterpret_cast<const unsigned char*>(part.extras.data()) + extra_offset_[word];
    const auto varint = [](const unsigned char*& p) {
      std::uint32_t v = 0;
      for (int shift = 0;; shift += 7) {
        const unsigned char b = *p++;
        v |= static_cast<std::uint32_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
      }
    };
    Posting post;
    std::uint32_t doc = 0;
    for (std::uint32_t k = 0; k < doc_freq[word]; ++k) {
      doc = k == 0 ? ids.next(bits) : doc + 1 + ids.next(bits);
      const unsigned char flags = *flag++;
      post.doc = doc;
      post.tf[kFieldTitle] = flags & 1;
      post.tf[kFieldMeta] = (flags >> 1) & 1;
      post.tf[kFieldSummary] = (flags >> 2) & 1;
      post.tf[kFieldBody] = flags >> 3;
      if (post.tf[kFieldBody] == 31) post.tf[kFieldBody] = varint(extra);
      fn(static_cast<const Posting&>(post));
    }
  }

  // The index file: everything, with the postings of parts that have no name inline (a
  // single-file index), and the names of the others (a head file).
  std::string serialize() const;
  // Parses serialize()'s output; nullopt with `error` set on any malformed input. Named
  // parts are not loaded yet.
  static std::optional<SearchIndex> load(std::string_view bytes, std::string& error);

  // Splits the postings into parts of about `part_bytes` each (a word's postings are never
  // split) and returns their files, each named `name_of(file bytes)`; serialize() then writes
  // the head file that names them. The index stays usable (every part loaded).
  std::vector<std::pair<std::string, std::string>> split_postings(
      std::size_t part_bytes, const std::function<std::string(const std::string&)>& name_of);
  // Loads one part file (split_postings' output) of this head; loading a part twice is
  // harmless. False with `error` set when the file is malformed or not a part of this index.
  bool add_part(std::string_view bytes, std::string& error);

  // Recomputes what is derived from the tables (average field lengths, lcp); load() and
  // the builder call it, code that fills the tables by hand must too.
  void finish_loading();

 private:
  friend class SearchIndexBuilder;
  // Postings of the words [first_word, next part's first_word), stored column by column
  // (they compress far better than interleaved): every word's document ids (Rice-coded,
  // padded with kRicePadding bytes), then every posting's flags byte, then the rare large
  // body term frequencies.
  struct Part {
    std::uint32_t first_word = 0;
    std::string name;  // its file; "" when inline
    bool loaded = false;
    std::string ids, flags, extras;
  };
  std::vector<Part> parts_;
  // Per word, offsets into its part's columns (ids: in bits); a word's count is doc_freq.
  std::vector<std::uint64_t> id_offset_;
  std::vector<std::uint32_t> flag_offset_, extra_offset_;
  // Reads a part's three columns (ids, flags, extras) for its words from `bytes` at `pos`,
  // checks them (and, with `to_end`, that nothing follows), and only then loads the part.
  bool read_part(std::size_t part, std::string_view bytes, std::size_t& pos, bool to_end, std::string& error);
  std::size_t part_end(std::size_t part) const {
    return part + 1 < parts_.size() ? parts_[part + 1].first_word : words.size();
  }
};

// One article's indexed words, worked out on their own: articles can be analysed on any
// core, then added to a SearchIndexBuilder in article order (the index does not depend on
// which core did what).
struct DocumentWords {
  struct Word {
    std::string folded;                  // the index key
    std::uint64_t hash = 0;              // string_hash(folded)
    std::vector<std::string> spellings;  // distinct, lower case with accents, first one first
    std::array<std::uint32_t, kFieldCount> tf{};
  };
  std::array<std::uint32_t, kFieldCount> length{};  // indexed words per field
  std::vector<Word> words;                          // distinct, in order of first use
};

// `body_text` is the plain text of the Markdown body.
DocumentWords analyze_document(const Article& article, std::string_view body_text);
// The same for an article of `bundle`, its body taken from there (none: empty).
DocumentWords analyze_article(const Bundle& bundle, const Article& article);

// Accumulates documents, then produces the index.
class SearchIndexBuilder {
 public:
  // `group_by_language`: the index's documents are grouped by language (their ids code in
  // fewer bits); otherwise they keep the order they were added in (an index segment,
  // search_segments.hpp).
  explicit SearchIndexBuilder(bool group_by_language = true);
  ~SearchIndexBuilder();
  // `body_text` is the plain text of the Markdown body.
  void add(const Article& article, std::string_view author_name, std::string_view body_text);
  // The same, with the words already analysed (analyze_document).
  void add(const Article& article, std::string_view author_name, DocumentWords&& words);
  // A document whose words come from a segment (add_segment).
  void add_document(const Article& article, std::string_view author_name);
  // The words of documents added by add_document, from an index of those documents alone
  // built without grouping by language (every part loaded): its document d is document
  // `docs[d]` here, `docs` increasing. Segments may come in any order; the index is the
  // same as if their documents had been added with their words.
  void add_segment(const SearchIndex& segment, const std::vector<std::uint32_t>& docs);
  // The index of everything added; the builder starts empty again.
  SearchIndex build();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// lcp[w]: bytes words[w] shares with words[w - 1] (at most 255), for sorted `words`.
std::vector<std::uint8_t> shared_prefix_lengths(const std::vector<std::string>& words);

// The whole bundle's index (bodies converted to plain text with md4c). Articles are
// analysed through `for_each` a batch at a time, then added in order.
SearchIndex build_search_index(const Bundle& bundle, const ForEachIndex& for_each = {});

}  // namespace carnet
