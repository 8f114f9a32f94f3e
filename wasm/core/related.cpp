// Related articles from shared tags, category and vocabulary (tf-idf over stemmed words).
#include "related.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "markdown.hpp"
#include "stemmer.hpp"
#include "tokenize.hpp"

namespace carnet {

namespace {

constexpr std::size_t kTermsPerArticle = 24;  // the most distinctive words of each article
constexpr int kTitleWeight = 3;               // a title word counts as three body words

// A word worth comparing: not a stop word, not a number, at least 3 letters.
bool is_content_word(const Token& t) {
  if (t.compound || t.folded.size() < 3 || is_stop_word(t.folded)) return false;
  return !std::all_of(t.folded.begin(), t.folded.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Terms in more articles than this say nothing about any pair: a small site keeps all of
// them, a large one drops the words found in more than a tenth of its articles.
std::size_t max_document_frequency(std::size_t articles) {
  return std::max<std::size_t>(8, std::min<std::size_t>(articles / 10, 500));
}

}  // namespace

RelatedIndex::RelatedIndex(const Bundle& bundle) : bundle_(bundle) {
  const std::size_t n = bundle.articles.size();
  tag_slugs_.resize(n);
  category_slugs_.resize(n);
  terms_.resize(n);

  std::map<std::string, Stemmer> stemmers;  // by language as written ("fr", "en-GB"...)
  std::unordered_map<std::string, std::size_t> ids;
  std::vector<std::size_t> df;
  std::vector<std::vector<std::pair<std::size_t, int>>> counts(n);  // per article: (term id, count)

  for (std::size_t i = 0; i < n; ++i) {
    const Article& a = bundle.articles[i];
    for (const auto& t : a.tags) tag_slugs_[i].push_back(term_slug(t));
    std::sort(tag_slugs_[i].begin(), tag_slugs_[i].end());
    tag_slugs_[i].erase(std::unique(tag_slugs_[i].begin(), tag_slugs_[i].end()), tag_slugs_[i].end());
    if (!a.category.empty()) category_slugs_[i] = term_slug(a.category);

    auto st = stemmers.find(a.lang);
    if (st == stemmers.end()) st = stemmers.emplace(a.lang, Stemmer(a.lang)).first;
    const Stemmer& stemmer = st->second;
    std::unordered_map<std::size_t, int> tf;
    auto add = [&](std::string_view text, int weight) {
      tokenize(text, [&](const Token& t) {
        if (!is_content_word(t)) return;
        const std::string key = fold(stemmer.stem(t.lowered));
        auto [it, fresh] = ids.emplace(key, ids.size());
        if (fresh) df.push_back(0);
        tf[it->second] += weight;
      });
    };
    add(a.title, kTitleWeight);
    const auto body = bundle.bodies.find(a.slug);
    if (body != bundle.bodies.end()) add(markdown_plain_text(body->second), 1);
    for (const auto& [id, c] : tf) {
      ++df[id];
      counts[i].emplace_back(id, c);
    }
  }

  const std::size_t cap = max_document_frequency(n);
  postings_.resize(ids.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Term> terms;
    for (const auto& [id, c] : counts[i]) {
      if (df[id] < 2 || df[id] > cap) continue;  // shared by nobody, or by too many
      const double idf = std::log(static_cast<double>(n) / static_cast<double>(df[id]));
      terms.push_back({id, (1.0 + std::log(static_cast<double>(c))) * idf});
    }
    // The most distinctive words; equal weights by term id, so the choice never varies.
    std::sort(terms.begin(), terms.end(), [](const Term& x, const Term& y) {
      return x.weight != y.weight ? x.weight > y.weight : x.id < y.id;
    });
    if (terms.size() > kTermsPerArticle) terms.resize(kTermsPerArticle);
    double norm = 0;
    for (const auto& t : terms) norm += t.weight * t.weight;
    norm = std::sqrt(norm);
    for (auto& t : terms) {
      t.weight = norm > 0 ? t.weight / norm : 0;
      postings_[t.id].emplace_back(i, t.weight);
    }
    std::sort(terms.begin(), terms.end(), [](const Term& x, const Term& y) { return x.id < y.id; });
    terms_[i] = std::move(terms);
  }
}

RelatedScore RelatedIndex::score(std::size_t i, std::size_t j) const {
  RelatedScore s;
  if (i == j) return s;
  const auto& ti = tag_slugs_[i];
  const auto& tj = tag_slugs_[j];
  std::vector<std::string> shared;
  std::set_intersection(ti.begin(), ti.end(), tj.begin(), tj.end(), std::back_inserter(shared));
  s.shared_tags = static_cast<int>(shared.size());
  s.same_category = !category_slugs_[i].empty() && category_slugs_[i] == category_slugs_[j];
  const auto& wi = terms_[i];
  const auto& wj = terms_[j];
  for (std::size_t x = 0, y = 0; x < wi.size() && y < wj.size();) {
    if (wi[x].id < wj[y].id) ++x;
    else if (wj[y].id < wi[x].id) ++y;
    else s.vocabulary += wi[x++].weight * wj[y++].weight;
  }
  return s;
}

std::vector<std::size_t> RelatedIndex::related(std::size_t i, std::size_t count) const {
  const std::size_t n = bundle_.articles.size();
  // Every article's score is accumulated in one pass: tags and category by a linear scan,
  // vocabulary through the postings of i's words (the same sums, in the same order, as
  // score()).
  std::vector<RelatedScore> scores(n);
  const auto& ti = tag_slugs_[i];
  for (std::size_t j = 0; j < n; ++j) {
    if (j == i) continue;
    const auto& tj = tag_slugs_[j];
    for (const auto& t : ti)
      if (std::binary_search(tj.begin(), tj.end(), t)) ++scores[j].shared_tags;
    scores[j].same_category = !category_slugs_[i].empty() && category_slugs_[i] == category_slugs_[j];
  }
  for (const auto& t : terms_[i])
    for (const auto& [j, weight] : postings_[t.id])
      if (j != i) scores[j].vocabulary += t.weight * weight;

  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t j = 0; j < n; ++j) {
    const double total = scores[j].total();
    if (j != i && total >= kRelatedMinScore) scored.emplace_back(total, j);
  }
  // Highest score first; then the newer article (articles are newest first), then the slug.
  const auto better = [&](const std::pair<double, std::size_t>& x, const std::pair<double, std::size_t>& y) {
    if (x.first != y.first) return x.first > y.first;
    if (x.second != y.second) return x.second < y.second;
    return bundle_.articles[x.second].slug < bundle_.articles[y.second].slug;
  };
  const std::size_t keep = std::min(count, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(), better);
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < keep; ++k) out.push_back(scored[k].second);
  return out;
}

void assign_related(Bundle& bundle, std::size_t count) {
  const RelatedIndex index(bundle);
  std::vector<std::vector<std::string>> slugs(bundle.articles.size());
  for (std::size_t i = 0; i < bundle.articles.size(); ++i)
    for (std::size_t j : index.related(i, count)) slugs[i].push_back(bundle.articles[j].slug);
  for (std::size_t i = 0; i < bundle.articles.size(); ++i) bundle.articles[i].related = std::move(slugs[i]);
}

}  // namespace carnet
