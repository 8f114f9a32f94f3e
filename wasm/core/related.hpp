// Related articles: for each article, the few others that share its tags, its category and
// its vocabulary (distinctive stemmed words), best first. Computed once per site build (the
// CLI stores the slugs in the bundle); the same bundle always gives the same lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "for_each.hpp"

namespace carnet {

constexpr std::size_t kRelatedCount = 3;

// What makes two articles related, and how much each part weighs.
struct RelatedScore {
  int shared_tags = 0;       // tags in common (compared by slug)
  bool same_category = false;
  double vocabulary = 0;     // cosine of their distinctive words' tf-idf weights, 0..1
  double total() const { return shared_tags * 1.0 + (same_category ? 0.75 : 0.0) + vocabulary * 2.0; }
};

// Below this total, two articles are not shown as related (a faint overlap of common words).
constexpr double kRelatedMinScore = 0.3;

// A tag or category of more articles than this brings only its newest ones as candidates
// (any article sharing distinctive words is still one): without it, a large blog's
// popular tags would make every article a candidate of every other, n² work.
constexpr std::size_t kRelatedListCandidates = 256;

// Scores pairs of articles by what they have in common. Indexes follow bundle.articles.
// For tests and for assign_related. Articles are analysed through `for_each`
// (for_each.hpp); the index does not depend on it.
class RelatedIndex {
 public:
  explicit RelatedIndex(const Bundle& bundle, const ForEachIndex& for_each = {});

  // The score of articles i and j (symmetric).
  RelatedScore score(std::size_t i, std::size_t j) const;

  // Up to `count` indexes of articles related to article i: highest total first, then the
  // newer. Only totals >= kRelatedMinScore, among the candidates: the articles sharing a
  // distinctive word with i, and those of its tags and category (kRelatedListCandidates).
  // Called from several threads at once, it keeps a scratch array per thread.
  std::vector<std::size_t> related(std::size_t i, std::size_t count = kRelatedCount) const;

 private:
  struct Term {
    std::size_t id;
    double weight;
  };
  const Bundle& bundle_;
  // Tags and categories by number (compared by slug): per article, its tags (sorted) and
  // category (-1: none); per tag and category, its articles, newest first.
  std::vector<std::vector<std::uint32_t>> tags_;
  std::vector<std::int32_t> category_;
  std::vector<std::vector<std::size_t>> tag_articles_, category_articles_;
  std::vector<std::vector<Term>> terms_;             // per article, sorted by term id
  std::vector<std::vector<std::pair<std::size_t, double>>> postings_;  // term id -> (article, weight)
};

// Fills every article's `related` with the slugs of its related articles (worked out
// through `for_each`).
void assign_related(Bundle& bundle, std::size_t count = kRelatedCount, const ForEachIndex& for_each = {});

}  // namespace carnet
