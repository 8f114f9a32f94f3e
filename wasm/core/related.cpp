// Related articles from shared tags, category and vocabulary (tf-idf over stemmed words).
#include "related.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "markdown.hpp"
#include "stemmer.hpp"
#include "string_ids.hpp"
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

// How many numbers two sorted lists have in common.
int shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  int shared = 0;
  for (std::size_t x = 0, y = 0; x < a.size() && y < b.size();) {
    if (a[x] < b[y]) ++x;
    else if (b[y] < a[x]) ++y;
    else ++shared, ++x, ++y;
  }
  return shared;
}

}  // namespace

RelatedIndex::RelatedIndex(const Bundle& bundle, const ForEachIndex& for_each) : bundle_(bundle) {
  const std::size_t n = bundle.articles.size();
  std::vector<std::vector<std::string>> tag_slugs(n);
  std::vector<std::string> category_slugs(n);
  terms_.resize(n);

  // Each article's stemmed words with their weighted counts, in order of first use (on any
  // core); then numbered in article order, so ids never depend on the cores.
  struct Word {
    std::string key;
    std::uint64_t hash;  // string_hash(key), worked out on the article's core
    int count;
  };
  std::vector<std::vector<Word>> words(n);
  each_index(n, [&](std::size_t i) {
    const Article& a = bundle.articles[i];
    for (const auto& t : a.tags) tag_slugs[i].push_back(term_slug(t));
    if (!a.category.empty()) category_slugs[i] = term_slug(a.category);
    const Stemmer stemmer(a.lang);
    std::unordered_map<std::string, std::size_t> at;      // stemmed word -> its place in words[i]
    std::unordered_map<std::string, std::size_t> spelled;  // word as written -> the same place
    auto add = [&](std::string_view text, int weight) {
      tokenize(text, [&](const Token& t) {
        if (!is_content_word(t)) return;
        auto known = spelled.find(t.lowered);  // stemmed once per spelling, not per occurrence
        if (known == spelled.end()) {
          std::string key = fold(stemmer.stem(t.lowered));
          const auto [it, fresh] = at.emplace(key, words[i].size());
          if (fresh) words[i].push_back({std::move(key), 0, 0});
          known = spelled.emplace(t.lowered, it->second).first;
        }
        words[i][known->second].count += weight;
      });
    };
    add(a.title, kTitleWeight);
    const auto body = bundle.bodies.find(a.slug);
    if (body != bundle.bodies.end()) add(markdown_plain_text(body->second), 1);
    for (auto& w : words[i]) w.hash = string_hash(w.key);
  }, for_each);

  // A tag's or category's number by slug, with a list of articles made for a new one.
  std::unordered_map<std::string, std::uint32_t> tag_ids, category_ids;
  const auto number = [](std::unordered_map<std::string, std::uint32_t>& ids_of,
                         std::vector<std::vector<std::size_t>>& lists, const std::string& slug) {
    const auto [it, fresh] = ids_of.emplace(slug, static_cast<std::uint32_t>(lists.size()));
    if (fresh) lists.emplace_back();
    return it->second;
  };
  tags_.resize(n);
  category_.assign(n, -1);
  StringIds ids;
  std::vector<std::size_t> df;
  std::vector<std::vector<std::pair<std::size_t, int>>> counts(n);  // per article: (term id, count)
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& w : words[i]) {
      const auto [id, fresh] = ids.insert(w.key, w.hash);
      if (fresh) df.push_back(0);
      ++df[id];
      counts[i].emplace_back(id, w.count);
    }
    words[i] = {};
    for (const auto& slug : tag_slugs[i]) {
      const std::uint32_t t = number(tag_ids, tag_articles_, slug);
      if (std::find(tags_[i].begin(), tags_[i].end(), t) != tags_[i].end()) continue;  // a tag twice
      tags_[i].push_back(t);
      tag_articles_[t].push_back(i);
    }
    std::sort(tags_[i].begin(), tags_[i].end());
    if (!category_slugs[i].empty()) {
      const std::uint32_t c = number(category_ids, category_articles_, category_slugs[i]);
      category_[i] = static_cast<std::int32_t>(c);
      category_articles_[c].push_back(i);
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
  s.shared_tags = shared_count(tags_[i], tags_[j]);
  s.same_category = category_[i] >= 0 && category_[i] == category_[j];
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
  // Per thread, reused from call to call: each candidate's vocabulary score (-1: not a
  // candidate), and the candidates in the order they were met.
  if (count == 0) return {};
  thread_local std::vector<double> vocabulary;
  thread_local std::vector<std::size_t> candidates;
  if (vocabulary.size() < bundle_.articles.size()) vocabulary.resize(bundle_.articles.size(), -1.0);
  candidates.clear();
  const auto candidate = [&](std::size_t j) {
    if (vocabulary[j] >= 0) return;
    vocabulary[j] = 0;
    candidates.push_back(j);
  };
  // Every article sharing one of i's distinctive words, its vocabulary summed through the
  // postings (the same products, added in the same order, as score()); and those sharing a
  // tag or the category (the newest kRelatedListCandidates of each).
  for (const auto& t : terms_[i])
    for (const auto& [j, weight] : postings_[t.id]) {
      candidate(j);
      vocabulary[j] += t.weight * weight;
    }
  const auto candidate_list = [&](const std::vector<std::size_t>& list) {
    for (std::size_t k = 0; k < list.size() && k < kRelatedListCandidates; ++k) candidate(list[k]);
  };
  for (const auto t : tags_[i]) candidate_list(tag_articles_[t]);
  if (category_[i] >= 0) candidate_list(category_articles_[static_cast<std::size_t>(category_[i])]);

  // The best `count`: highest total first, then the newer article (articles are newest
  // first, so the lower index; indexes never tie).
  std::vector<std::pair<double, std::size_t>> best;
  const auto better = [](const std::pair<double, std::size_t>& x, const std::pair<double, std::size_t>& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  };
  for (const std::size_t j : candidates) {
    RelatedScore s;
    s.vocabulary = vocabulary[j];
    vocabulary[j] = -1;  // ready for the next call
    if (j == i) continue;
    s.shared_tags = shared_count(tags_[i], tags_[j]);
    s.same_category = category_[i] >= 0 && category_[i] == category_[j];
    const std::pair<double, std::size_t> scored{s.total(), j};
    if (scored.first < kRelatedMinScore || (best.size() == count && !better(scored, best.back()))) continue;
    best.insert(std::upper_bound(best.begin(), best.end(), scored, better), scored);
    if (best.size() > count) best.pop_back();
  }
  std::vector<std::size_t> out;
  for (const auto& b : best) out.push_back(b.second);
  return out;
}

void assign_related(Bundle& bundle, std::size_t count, const ForEachIndex& for_each) {
  const RelatedIndex index(bundle, for_each);
  std::vector<std::vector<std::string>> slugs(bundle.articles.size());
  each_index(bundle.articles.size(), [&](std::size_t i) {
    for (std::size_t j : index.related(i, count)) slugs[i].push_back(bundle.articles[j].slug);
  }, for_each);
  for (std::size_t i = 0; i < bundle.articles.size(); ++i) bundle.articles[i].related = std::move(slugs[i]);
}

}  // namespace carnet
