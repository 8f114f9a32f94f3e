// The search engine: term expansion (exact, stems, prefix, typos), scoring, filters,
// facets, snippets and suggestions.
#include "search.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "i18n.hpp"
#include "json_text.hpp"
#include "json_writer.hpp"
#include "markdown.hpp"
#include "router.hpp"
#include "text.hpp"
#include "tokenize.hpp"

namespace carnet {

using nlohmann::json;

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kFieldWeight[kFieldCount] = {6.0, 3.0, 2.0, 1.0};  // title > tags/category > summary > body
constexpr std::size_t kMaxPrefixWords = 40;
constexpr std::size_t kMaxTypoWords = 30;
constexpr std::size_t kSnippetWords = 28;
constexpr std::size_t kMaxFacetValues = 20;
constexpr std::size_t kMaxStemScan = 400;
constexpr std::size_t kFrequentWords = 20000;  // the vocabulary of matches two edits away
constexpr std::size_t kCommonWords = 2000;     // the vocabulary of suggestions three edits away  // words starting with a stem, checked per query word  // per facet, the most frequent (selected ones always shown)

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    next_code_point(s, i);
    ++n;
  }
  return n;
}

int typo_budget(std::string_view folded) {
  const std::size_t n = code_points(folded);
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

}  // namespace

struct SearchEngine::QueryWord {
  std::string folded;
  bool prefix = false;  // the last word, still being typed
  int phrase = -1;      // index of the quoted phrase it belongs to
};

// Per-query working memory: for every term, the best match per document.
struct SearchEngine::Scratch {
  std::vector<std::vector<MatchTier>> tier;
  std::vector<std::vector<float>> score;
  std::vector<std::vector<std::uint32_t>> touched;
  std::vector<std::vector<char>> exact_in_title;  // the word itself is in the document's title
  std::vector<std::unordered_set<std::uint32_t>> words;  // matched words per term (for highlighting)
  std::vector<int> closest;  // per term: the nearest look-alike word found, -1 if none
  std::vector<int> reach;    // per term: how many edits the look-alike search went to
};

SearchEngine::SearchEngine(SearchIndex index) : index_(std::move(index)) {
  for (const auto& l : index_.langs) stemmers_.emplace_back(l);
  // BM25's per-document factors, computed once: saturation tf / (tf + k1 * norm), where norm
  // = 1 - b + b * length / average length, folded with each field's weight.
  weights_.reserve(index_.docs.size());
  for (const auto& d : index_.docs) {
    DocWeights w;
    w.lang = static_cast<int>(d.lang);
    for (int f = 0; f < kFieldCount; ++f) {
      const double norm = 1 - kB + kB * d.length[f] / index_.average_length[f];
      if (f == kFieldBody) w.body_k = static_cast<float>(kK1 * norm);
      else w.once[f] = static_cast<float>(kFieldWeight[f] * (kK1 + 1) / (1 + kK1 * norm));
    }
    weights_.push_back(w);
  }
  stem_cache_.resize(index_.langs.size());
  bodies_.assign(index_.docs.size(), {});
  plain_.assign(index_.docs.size(), {});
  plain_done_.assign(index_.docs.size(), 0);
  has_body_.assign(index_.docs.size(), 0);
}

void SearchEngine::set_body(std::uint32_t doc, std::string body) {
  bodies_[doc] = std::move(body);
  has_body_[doc] = 1;
  plain_done_[doc] = 0;
  plain_[doc].clear();
}

void SearchEngine::set_bodies(const std::unordered_map<std::string, std::string>& bodies) {
  for (std::uint32_t d = 0; d < index_.docs.size(); ++d) {
    auto it = bodies.find(index_.docs[d].slug);
    if (it != bodies.end()) {
      set_body(d, it->second);
    } else {
      set_body(d, {});
      has_body_[d] = 0;
    }
  }
}

std::size_t SearchEngine::add_bodies(std::vector<std::pair<std::string, std::string>> bodies) {
  if (doc_of_slug_.empty())
    for (std::uint32_t d = 0; d < index_.docs.size(); ++d) doc_of_slug_.emplace(index_.docs[d].slug, d);
  std::size_t added = 0;
  for (auto& [slug, body] : bodies) {
    const auto it = doc_of_slug_.find(slug);
    if (it == doc_of_slug_.end()) continue;
    set_body(it->second, std::move(body));
    ++added;
  }
  return added;
}

const std::string& SearchEngine::plain_text(std::uint32_t doc) const {
  if (!plain_done_[doc]) {
    plain_[doc] = markdown_plain_text(bodies_[doc]);
    plain_done_[doc] = 1;
  }
  return plain_[doc];
}

std::vector<SearchEngine::QueryWord> SearchEngine::parse_terms(std::string_view q) const {
  std::vector<QueryWord> terms;
  if (q.size() > 1000) q = q.substr(0, 1000);
  const bool typing = !q.empty() && q.back() != ' ' && q.back() != '"' && q.back() != '\t';
  int phrase = 0;
  bool in_quotes = false;
  bool last_in_quotes = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= q.size(); ++i) {
    if (i < q.size() && q[i] != '"') continue;
    const std::string_view segment = q.substr(start, i - start);
    std::vector<Token> tokens;
    tokenize(segment, [&](const Token& t) {
      // A hyphenated word is searched as a whole: its parts give way to the compound.
      if (t.compound)
        while (!tokens.empty() && tokens.back().position >= t.position) tokens.pop_back();
      tokens.push_back(t);
    });
    for (const auto& t : tokens) terms.push_back({t.folded, false, in_quotes ? phrase : -1});
    last_in_quotes = in_quotes;
    if (in_quotes) ++phrase;
    in_quotes = !in_quotes;
    start = i + 1;
    if (terms.size() > 16) break;
  }
  if (terms.size() > 16) terms.resize(16);
  // Function words are not indexed: drop them unless the query has nothing else.
  std::vector<QueryWord> content;
  for (const auto& t : terms)
    if (!is_stop_word(t.folded)) content.push_back(t);
  if (!content.empty()) terms = std::move(content);
  // The last word, still being typed, also matches as a prefix (not inside quotes).
  if (typing && !last_in_quotes && !terms.empty() && terms.back().phrase < 0) terms.back().prefix = true;
  return terms;
}

std::vector<char> SearchEngine::allowed_docs(const SearchQuery& query) const {
  const auto& idx = index_;
  if (query.categories.empty() && query.authors.empty() && query.langs.empty() && query.tags.empty() && !query.from &&
      !query.to)
    return {};  // no filter: every document
  std::vector<char> allowed(idx.docs.size(), 1);
  auto ids_of = [](const std::vector<Term>& table, const std::vector<std::string>& slugs) {
    std::vector<char> ok(table.size(), 0);
    for (std::size_t i = 0; i < table.size(); ++i)
      ok[i] = std::find(slugs.begin(), slugs.end(), table[i].slug) != slugs.end();
    return ok;
  };
  const auto cat_ok = ids_of(idx.categories, query.categories);
  const auto author_ok = ids_of(idx.authors, query.authors);
  std::vector<int> required_tags;
  for (const auto& slug : query.tags) {
    int found = -1;
    for (std::size_t i = 0; i < idx.tags.size(); ++i)
      if (idx.tags[i].slug == slug) found = static_cast<int>(i);
    if (found < 0) return std::vector<char>(idx.docs.size(), 0);  // unknown tag: nothing has it
    required_tags.push_back(found);
  }
  const auto key = [](const Date& d) { return d.year * 10000 + d.month * 100 + d.day; };
  for (std::size_t d = 0; d < idx.docs.size(); ++d) {
    const SearchDoc& doc = idx.docs[d];
    bool ok = true;
    if (!query.categories.empty()) ok = doc.category >= 0 && cat_ok[static_cast<std::size_t>(doc.category)];
    if (ok && !query.authors.empty()) ok = author_ok[doc.author];
    if (ok && !query.langs.empty())
      ok = std::find(query.langs.begin(), query.langs.end(), idx.langs[doc.lang]) != query.langs.end();
    if (ok && query.from) ok = key(doc.date) >= key(*query.from);
    if (ok && query.to) ok = key(doc.date) <= key(*query.to);
    for (int t : required_tags) {
      if (!ok) break;
      ok = std::find(doc.tags.begin(), doc.tags.end(), static_cast<std::uint32_t>(t)) != doc.tags.end();
    }
    allowed[d] = ok;
  }
  return allowed;
}

bool SearchEngine::phrase_matches(std::uint32_t doc, const std::vector<std::string>& phrase) const {
  if (bodies_[doc].empty()) return true;  // no text to check against: keep the AND match
  const SearchDoc& d = index_.docs[doc];
  for (const std::string* text : {&d.title, &plain_text(doc)}) {
    std::vector<std::string> words;
    tokenize(*text, [&](const Token& t) {
      if (!t.compound && !is_stop_word(t.folded)) words.push_back(t.folded);
    });
    if (words.size() >= phrase.size() &&
        std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end())
      return true;
  }
  return false;
}

void for_each_word_within(const SearchIndex& index, std::string_view q, int max_distance,
                          const std::function<void(std::uint32_t, int)>& fn) {
  for_each_word_within(index.words, index.lcp, q, max_distance, fn);
}

void for_each_word_within(const std::vector<std::string>& words, const std::vector<std::uint8_t>& lcp,
                          std::string_view q, int max_distance, const std::function<void(std::uint32_t, int)>& fn) {
  const std::size_t n = q.size();
  if (n == 0 || n > kMaxIndexedWordBytes) return;
  constexpr std::size_t kMaxDepth = 72;
  const std::size_t width = n + 1;
  std::vector<int> table((kMaxDepth + 1) * width);
  const auto rows = [&](std::size_t i) { return table.data() + i * width; };
  for (std::size_t j = 0; j <= n; ++j) rows(0)[j] = static_cast<int>(j);
  // rows[i][j]: distance between the first i bytes of the current word and q[0..j), kept
  // for the words that follow as long as they share those i bytes. Only the band
  // |i - j| <= max_distance matters; cells outside it hold max_distance + 1.
  const int far = max_distance + 1;
  const auto k = static_cast<std::size_t>(max_distance);
  std::size_t shared = 0;  // bytes the current word shares with the last word computed
  for (std::size_t w = 0; w < words.size();) {
    const std::string_view word = words[w];
    std::size_t pruned_at = 0;
    const std::size_t depth = std::min(word.size(), kMaxDepth);
    for (std::size_t i = shared + 1; i <= depth; ++i) {
      int* row = rows(i);
      const int* up = rows(i - 1);
      const std::size_t lo = i > k ? i - k : 1;
      const std::size_t hi = std::min(n, i + k);
      row[0] = i <= k ? static_cast<int>(i) : far;
      if (lo > 1) row[lo - 1] = far;
      int best = lo == 1 ? row[0] : far;
      for (std::size_t j = lo; j <= hi; ++j) {
        int v = std::min({up[j] + 1, row[j - 1] + 1, up[j - 1] + (word[i - 1] != q[j - 1])});
        if (i > 1 && j > 1 && word[i - 1] == q[j - 2] && word[i - 2] == q[j - 1]) v = std::min(v, rows(i - 2)[j - 2] + 1);
        row[j] = std::min(v, far);
        best = std::min(best, row[j]);
      }
      if (hi < n) row[hi + 1] = far;
      if (best > max_distance) {  // no word with this prefix can come within reach
        pruned_at = i;
        break;
      }
    }
    if (pruned_at) {
      // Skip the whole subtree: every following word that shares word[0..pruned_at). It is
      // a contiguous run of the sorted list: gallop, then bisect, to its end.
      const auto in_subtree = [&](std::size_t x) { return words[x].compare(0, pruned_at, word, 0, pruned_at) == 0; };
      std::size_t lo = w, step = 1;  // words[lo] is in the subtree
      while (lo + step < words.size() && in_subtree(lo + step)) {
        lo += step;
        step *= 2;
      }
      std::size_t hi = std::min(words.size(), lo + step);  // first word known (or assumed) outside
      while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (in_subtree(mid)) lo = mid;
        else hi = mid;
      }
      const std::size_t next = hi;
      shared = next < words.size() ? lcp[next] : 0;
      w = next;
      continue;
    }
    // rows[len][n] is only meaningful inside the band: lengths further apart are out of reach.
    const std::size_t len = word.size();
    if (len <= kMaxDepth && len + k >= n && n + k >= len && rows(len)[n] <= max_distance)
      fn(static_cast<std::uint32_t>(w), rows(len)[n]);
    ++w;
    shared = w < words.size() ? std::min<std::size_t>(lcp[w], depth) : 0;
  }
}

const std::vector<std::string>& SearchEngine::word_stems(std::size_t lang, std::uint32_t word) const {
  auto [it, fresh] = stem_cache_[lang].try_emplace(word);
  if (!fresh) return it->second;
  auto& out = it->second;
  out.push_back(stemmers_[lang].stem(index_.words[word]));
  const std::string& spelling = index_.display[word];
  if (!spelling.empty()) {
    std::string accented = fold(stemmers_[lang].stem(spelling));
    if (accented != out[0]) out.push_back(std::move(accented));
  }
  return out;
}

std::vector<std::uint32_t> SearchEngine::stem_words(std::size_t lang, const std::string& stem) const {
  std::vector<std::uint32_t> out;
  if (stem.empty()) return out;
  // Words starting with the stem whose own stems include it...
  auto [first, last] = index_.prefix_range(stem);
  last = std::min(last, first + kMaxStemScan);
  for (auto w = first; w < last; ++w) {
    const auto& stems = word_stems(lang, static_cast<std::uint32_t>(w));
    if (std::find(stems.begin(), stems.end(), stem) != stems.end()) out.push_back(static_cast<std::uint32_t>(w));
  }
  // ...and the words whose stem is not a prefix of them, stored in the index.
  const int st = index_.find_stem(lang, stem);
  if (st >= 0)
    for (auto w : index_.stem_tables[lang].stem_words[static_cast<std::size_t>(st)]) out.push_back(w);
  return out;
}

const SearchEngine::Vocabulary& SearchEngine::frequent_words(std::size_t at_most) const {
  auto& slot = frequent_[at_most];
  if (slot) return *slot;
  // The smallest document frequency that keeps at most `at_most` words.
  std::vector<std::uint32_t> by_df(index_.doc_freq);
  std::uint32_t min_df = 0;
  if (by_df.size() > at_most) {
    std::nth_element(by_df.begin(), by_df.begin() + static_cast<std::ptrdiff_t>(at_most), by_df.end(), std::greater<>());
    min_df = by_df[at_most] + 1;
  }
  auto v = std::make_unique<Vocabulary>();
  for (std::uint32_t w = 0; w < index_.words.size(); ++w) {
    if (index_.doc_freq[w] < min_df) continue;
    v->words.push_back(index_.words[w]);
    v->ids.push_back(w);
  }
  v->lcp = shared_prefix_lengths(v->words);
  slot = std::move(v);
  return *slot;
}

std::vector<std::pair<std::uint32_t, int>> SearchEngine::look_alikes(std::string_view folded, int from, int budget,
                                                                     int& reach) const {
  std::vector<std::pair<std::uint32_t, int>> found;
  reach = from - 1;
  for (int d = from; d <= budget && found.empty(); ++d) {
    if (d == 1) {
      for_each_word_within(index_, folded, d, [&](std::uint32_t w, int dist) { found.emplace_back(w, dist); });
    } else {
      // Two edits and more: among the frequent words only (three: the most common ones).
      // Walking a large vocabulary that far costs milliseconds, and a word mistyped twice is
      // far likelier a common one.
      const Vocabulary& frequent = frequent_words(d == 2 ? kFrequentWords : kCommonWords);
      for_each_word_within(frequent.words, frequent.lcp, folded, d,
                           [&](std::uint32_t i, int dist) { found.emplace_back(frequent.ids[i], dist); });
    }
    reach = d;
  }
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : index_.doc_freq[a.first] > index_.doc_freq[b.first];
  });
  return found;
}

std::optional<std::string> SearchEngine::suggestion(const std::vector<QueryWord>& terms,
                                                    const std::vector<int>& closest, const std::vector<int>& reach) const {
  // Replace each word that has no exact match by the closest frequent known word: the one the
  // typo search found, else one edit further than it looked (so three at most).
  std::vector<std::string> replaced;
  bool changed = false;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const QueryWord& t = terms[k];
    if (index_.find_word(t.folded) >= 0) {
      replaced.push_back(t.folded);
      continue;
    }
    int best = closest[k];
    if (best < 0) {
      const int wider = reach[k] + 1;
      int walked = 0;
      const auto found = look_alikes(t.folded, wider, wider, walked);
      if (!found.empty()) best = static_cast<int>(found.front().first);
    }
    if (best < 0 && t.prefix) {
      // Still typing: the most frequent word the prefix could become.
      auto [first, last] = index_.prefix_range(t.folded.substr(0, std::max<std::size_t>(1, t.folded.size() - 1)));
      for (auto w = first; w < last; ++w)
        if (best < 0 || index_.doc_freq[w] > index_.doc_freq[static_cast<std::size_t>(best)]) best = static_cast<int>(w);
    }
    if (best < 0) return std::nullopt;  // a word nothing resembles: no honest suggestion
    const auto& disp = index_.display[static_cast<std::size_t>(best)];
    replaced.push_back(disp.empty() ? index_.words[static_cast<std::size_t>(best)] : disp);
    changed = true;
  }
  if (!changed) return std::nullopt;
  std::string q;
  for (const auto& r : replaced) q += (q.empty() ? "" : " ") + r;
  return q;
}

std::string SearchEngine::search_json(const SearchQuery& query, std::size_t limit, std::string_view ui_lang) const {
  const auto& idx = index_;
  const std::size_t ndocs = idx.docs.size();
  const std::vector<char> allowed_list = allowed_docs(query);
  const auto allowed = [&](std::uint32_t d) { return allowed_list.empty() || allowed_list[d]; };
  const std::vector<QueryWord> terms = parse_terms(query.q);

  Scratch s;
  s.closest.assign(terms.size(), -1);
  s.reach.assign(terms.size(), 0);

  const double N = static_cast<double>(ndocs);
  // Per term, the index words it matches: (word, tier, language or -1, score factor).
  std::vector<std::vector<std::tuple<std::uint32_t, MatchTier, int, float>>> expanded(terms.size());
  for (std::size_t ti = 0; ti < terms.size(); ++ti) {
    const QueryWord& term = terms[ti];
    auto& expansions = expanded[ti];
    std::unordered_set<std::uint32_t> seen;
    const int exact = idx.find_word(term.folded);
    if (exact >= 0) {
      expansions.emplace_back(static_cast<std::uint32_t>(exact), MatchTier::Exact, -1, 1.f);
      seen.insert(static_cast<std::uint32_t>(exact));
    }
    for (std::size_t l = 0; l < idx.langs.size(); ++l) {
      // The query word's stems: computed from its folded form, plus, when the index knows
      // the word, from its accented spelling (so "publicite" meets "publicités").
      std::vector<std::string> keys = exact >= 0 ? word_stems(l, static_cast<std::uint32_t>(exact))
                                                 : std::vector<std::string>{stemmers_[l].stem(term.folded)};
      if (exact < 0 && keys[0].empty()) continue;
      std::unordered_set<std::uint32_t> in_lang;
      // The stem of a word still being typed ("strat") is only a guess: rank it as a prefix.
      const MatchTier stem_tier = term.prefix && exact < 0 ? MatchTier::Prefix : MatchTier::Stem;
      for (const auto& key : keys)
        for (auto w : stem_words(l, key))
          if (static_cast<int>(w) != exact && in_lang.insert(w).second)
            expansions.emplace_back(w, stem_tier, static_cast<int>(l), 0.9f);
    }
    for (const auto& e : expansions) seen.insert(std::get<0>(e));
    if (term.prefix) {
      auto [first, last] = idx.prefix_range(term.folded);
      std::vector<std::uint32_t> cands;
      for (auto w = first; w < last; ++w)
        if (!seen.count(static_cast<std::uint32_t>(w))) cands.push_back(static_cast<std::uint32_t>(w));
      std::sort(cands.begin(), cands.end(), [&](auto a, auto b) { return idx.doc_freq[a] > idx.doc_freq[b]; });
      if (cands.size() > kMaxPrefixWords) cands.resize(kMaxPrefixWords);
      for (auto w : cands) {
        expansions.emplace_back(w, MatchTier::Prefix, -1, 0.8f);
        seen.insert(w);
      }
    }
    // Typos: for a word the index does not know as typed (a known word was meant as typed,
    // and its variants come through stems). 1 edit from 4 letters, 2 from 8.
    // Two edits are only tried when no word is one edit away: the closer word is the likelier
    // one meant, and the wider walk costs several times more.
    if (const int budget = exact < 0 ? typo_budget(term.folded) : 0) {
      const auto found = look_alikes(term.folded, 1, budget, s.reach[ti]);
      if (!found.empty()) s.closest[ti] = static_cast<int>(found.front().first);
      std::size_t taken = 0;
      for (const auto& [w, d] : found) {
        if (taken == kMaxTypoWords) break;
        if (seen.count(w)) continue;
        expansions.emplace_back(w, d == 1 ? MatchTier::Typo : MatchTier::Typo2, -1, 1.f);
        ++taken;
      }
    }
  }

  // A sharded index (a large site) has the postings of these words in part files not
  // loaded yet: name them; the caller fetches them (SearchIndex::add_part) and asks again.
  std::vector<char> missing(idx.parts(), 0);
  bool any_missing = false;
  for (const auto& expansions : expanded)
    for (const auto& e : expansions) {
      const std::size_t part = idx.part_of(std::get<0>(e));
      if (!idx.part_loaded(part)) missing[part] = any_missing = true;
    }
  if (any_missing) {
    JsonWriter w;
    w.begin_object();
    w.key("needs");
    w.begin_array();
    for (std::size_t part = 0; part < missing.size(); ++part)
      if (missing[part]) w.string(idx.part_name(part));
    w.end_array();
    w.end_object();
    return w.take();
  }

  // Per document and term, the best match (only once every posting needed is here).
  s.tier.assign(terms.size(), std::vector<MatchTier>(ndocs, MatchTier::None));
  s.score.assign(terms.size(), std::vector<float>(ndocs, 0.f));
  s.touched.assign(terms.size(), {});
  s.exact_in_title.assign(terms.size(), std::vector<char>(ndocs, 0));
  s.words.assign(terms.size(), {});
  for (std::size_t ti = 0; ti < terms.size(); ++ti) {
    const auto& expansions = expanded[ti];

    // A completion or a look-alike is a guess at the word meant: score it with the rarity of
    // the most common guess of its kind, so that a rare look-alike ("strie" for "stratgie")
    // does not outrank the likely word on rarity alone.
    std::uint32_t guess_df[static_cast<int>(MatchTier::Exact) + 1] = {};
    for (const auto& e : expansions) {
      auto& g = guess_df[static_cast<int>(std::get<1>(e))];
      g = std::max(g, idx.doc_freq[std::get<0>(e)]);
    }
    auto& tier = s.tier[ti];
    auto& score = s.score[ti];
    for (const auto& e : expansions) {
      // (no structured bindings: C++17 lambdas cannot capture them)
      const std::uint32_t w = std::get<0>(e);
      const MatchTier t = std::get<1>(e);
      const int lang = std::get<2>(e);
      const float factor = std::get<3>(e);
      s.words[ti].insert(w);
      const bool guess = t == MatchTier::Prefix || t == MatchTier::Typo || t == MatchTier::Typo2;
      const double df = guess ? guess_df[static_cast<int>(t)] : idx.doc_freq[w];
      // logf, not log: double log drags musl's 4 KB gzip of tables into the wasm module
      // (issue 6: the module's size), and the factor is a float anyway.
      const float idf_factor = std::log(static_cast<float>(1.0 + (N - df + 0.5) / (df + 0.5))) * factor;
      idx.for_each_posting(w, [&](const Posting& p) {
        if (!allowed(p.doc)) return;
        const DocWeights& dw = weights_[p.doc];
        if (lang >= 0 && dw.lang != lang) return;
        // BM25 per field (length-normalised, saturated), then weighted: a word in the title
        // outweighs any number of repetitions in the body.
        float fields = 0;
        for (int f = 0; f < kFieldBody; ++f)
          if (p.tf[f]) fields += dw.once[f];
        if (const auto tf = static_cast<float>(p.tf[kFieldBody]))
          fields += static_cast<float>(kFieldWeight[kFieldBody] * (kK1 + 1)) * tf / (tf + dw.body_k);
        const float sc = idf_factor * fields;
        if (tier[p.doc] == MatchTier::None) s.touched[ti].push_back(p.doc);
        if (t == MatchTier::Exact && p.tf[kFieldTitle]) s.exact_in_title[ti][p.doc] = 1;
        if (t > tier[p.doc] || (t == tier[p.doc] && sc > score[p.doc])) {
          tier[p.doc] = t;
          score[p.doc] = sc;
        }
      });
    }
  }

  // Candidates: every word matched (AND); with several words and no such document, the
  // documents matching the most words (flagged partial).
  struct Hit {
    std::uint32_t doc;
    int matched = 0;
    int quality = 0;
    float score = 0;
    bool title_equal = false;
  };
  std::vector<Hit> hits;
  bool partial = false;
  std::vector<std::vector<std::string>> phrases;
  for (const auto& t : terms) {
    if (t.phrase < 0) continue;
    if (phrases.size() <= static_cast<std::size_t>(t.phrase)) phrases.resize(t.phrase + 1);
    phrases[t.phrase].push_back(t.folded);
  }
  auto collect = [&](bool require_all) {
    std::vector<char> in(ndocs, 0);
    for (std::size_t ti = 0; ti < terms.size(); ++ti) {
      for (auto d : s.touched[ti]) {
        if (in[d]) continue;
        Hit h{d};
        for (std::size_t k = 0; k < terms.size(); ++k) {
          if (s.tier[k][d] == MatchTier::None) continue;
          ++h.matched;
          h.quality += static_cast<int>(s.tier[k][d]);
          h.score += s.score[k][d];
        }
        if (require_all && h.matched != static_cast<int>(terms.size())) continue;
        in[d] = 1;
        bool phrases_ok = true;
        for (const auto& ph : phrases) phrases_ok = phrases_ok && phrase_matches(d, ph);
        if (!phrases_ok) continue;
        hits.push_back(h);
      }
      if (require_all) break;  // every AND match was touched by the first term
    }
  };
  if (terms.empty()) {
    for (std::uint32_t d = 0; d < ndocs; ++d)
      if (allowed(d)) hits.push_back(Hit{d});
  } else {
    collect(true);
    if (hits.empty() && terms.size() > 1) {
      collect(false);
      partial = !hits.empty();
    }
  }

  // An article whose title is the query comes first.
  std::vector<std::string> query_words;
  std::uint32_t query_indexed = 0;  // the words of the query a title's indexed length counts
  tokenize(query.q, [&](const Token& t) {
    if (t.compound) return;
    query_words.push_back(t.folded);
    if (!is_stop_word(t.folded) && t.folded.size() <= kMaxIndexedWordBytes) ++query_indexed;
  });
  for (auto& h : hits) {
    if (query_words.empty() || terms.empty()) break;
    // Only titles holding every query word can equal the query: tokenize just those.
    bool candidate = true;
    for (std::size_t k = 0; k < terms.size() && candidate; ++k) candidate = s.exact_in_title[k][h.doc];
    if (!candidate || idx.docs[h.doc].length[kFieldTitle] != query_indexed) continue;
    std::vector<std::string> title_words;
    tokenize(idx.docs[h.doc].title, [&](const Token& t) {
      if (!t.compound) title_words.push_back(t.folded);
    });
    h.title_equal = title_words == query_words;
  }
  const auto date_key = [&](const Hit& h) {
    const Date& d = idx.docs[h.doc].date;
    return d.year * 10000 + d.month * 100 + d.day;
  };
  const bool by_date = query.sort == SearchQuery::Sort::Date || terms.empty();
  // Only the first `limit` hits are shown: order just those.
  const auto shown = hits.begin() + static_cast<std::ptrdiff_t>(std::min(limit, hits.size()));
  std::partial_sort(hits.begin(), shown, hits.end(), [&](const Hit& a, const Hit& b) {
    if (by_date) {
      if (date_key(a) != date_key(b)) return date_key(a) > date_key(b);
      return a.doc < b.doc;
    }
    if (a.title_equal != b.title_equal) return a.title_equal;
    if (a.matched != b.matched) return a.matched > b.matched;
    if (a.quality != b.quality) return a.quality > b.quality;
    if (a.score != b.score) return a.score > b.score;
    if (date_key(a) != date_key(b)) return date_key(a) > date_key(b);
    return a.doc < b.doc;
  });

  // Facets over every result.
  std::vector<int> cat_count(idx.categories.size()), tag_count(idx.tags.size()), author_count(idx.authors.size()),
      lang_count(idx.langs.size());
  std::map<int, int> year_count;
  for (const auto& h : hits) {
    const SearchDoc& d = idx.docs[h.doc];
    if (d.category >= 0) ++cat_count[static_cast<std::size_t>(d.category)];
    for (auto t : d.tags) ++tag_count[t];
    ++author_count[d.author];
    ++lang_count[d.lang];
    ++year_count[d.date.year];
  }

  // Highlighting: every index word that matched, plus the query words themselves.
  std::unordered_set<std::string> marks;
  std::unordered_map<std::string, int> term_of_word;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    for (auto w : s.words[k]) {
      marks.insert(idx.words[w]);
      term_of_word.emplace(idx.words[w], static_cast<int>(k));
    }
    marks.insert(terms[k].folded);
    term_of_word.emplace(terms[k].folded, static_cast<int>(k));
  }
  auto highlight = [&](std::string_view text, std::size_t from, std::size_t to, std::string& out) {
    // Marked ranges; a marked compound ("e-mail") covers its parts.
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    tokenize(text.substr(from, to - from), [&](const Token& t) {
      if (!marks.count(t.folded)) return;
      const std::pair<std::size_t, std::size_t> r{from + t.begin, from + t.end};
      if (t.compound)
        while (!ranges.empty() && ranges.back().first >= r.first) ranges.pop_back();
      if (ranges.empty() || ranges.back().second <= r.first) ranges.push_back(r);
    });
    std::size_t at = from;
    for (const auto& [b, e] : ranges) {
      append_html_escaped(out, text.substr(at, b - at));
      out += "<mark>";
      append_html_escaped(out, text.substr(b, e - b));
      out += "</mark>";
      at = e;
    }
    append_html_escaped(out, text.substr(at, to - at));
  };

  JsonWriter w;
  w.begin_object();
  w.member("total", static_cast<std::int64_t>(hits.size()));
  w.member("partial", partial);
  w.member("count_text", count_results(hits.size(), ui_lang));
  w.key("hits").begin_array();
  for (std::size_t i = 0; i < hits.size() && i < limit; ++i) {
    const SearchDoc& d = idx.docs[hits[i].doc];
    std::string title_html;
    highlight(d.title, 0, d.title.size(), title_html);
    std::string snippet;
    const std::string& text = plain_text(hits[i].doc);
    if (!text.empty()) {
      // The window of kSnippetWords words holding the most distinct query words (then the
      // most matches), starting a few words before its first match.
      std::vector<std::pair<std::size_t, std::size_t>> spans;
      std::vector<int> which;
      tokenize(text, [&](const Token& t) {
        if (t.compound) return;
        spans.emplace_back(t.begin, t.end);
        auto it = term_of_word.find(t.folded);
        which.push_back(it == term_of_word.end() ? -1 : it->second);
      });
      std::vector<int> in_window(terms.size(), 0);
      int distinct = 0, count = 0, best_value = -1;
      std::size_t best_first = 0;
      for (std::size_t k = 0; k < spans.size(); ++k) {
        if (which[k] >= 0) {
          ++count;
          if (in_window[which[k]]++ == 0) ++distinct;
        }
        if (k >= kSnippetWords && which[k - kSnippetWords] >= 0) {
          --count;
          if (--in_window[which[k - kSnippetWords]] == 0) --distinct;
        }
        const int value = distinct * 1000 + count;
        if (value > best_value && (count > 0 || best_value < 0)) {
          best_value = value;
          best_first = k + 1 >= kSnippetWords ? k + 1 - kSnippetWords : 0;
        }
      }
      std::size_t first_match = best_first;
      while (first_match < spans.size() && which[first_match] < 0) ++first_match;
      if (first_match == spans.size()) first_match = 0;
      const std::size_t from_tok = first_match > 3 ? first_match - 3 : 0;
      const std::size_t to_tok = std::min(spans.size(), from_tok + kSnippetWords);
      if (to_tok > from_tok) {
        const std::size_t from = from_tok == 0 ? 0 : spans[from_tok].first;
        const std::size_t to = to_tok == spans.size() ? text.size() : spans[to_tok - 1].second;
        if (from > 0) snippet += "\xE2\x80\xA6 ";
        highlight(text, from, to, snippet);
        if (to < text.size()) snippet += " \xE2\x80\xA6";
      }
    }
    MatchTier best_tier = MatchTier::Exact;
    for (std::size_t k = 0; k < terms.size(); ++k) best_tier = std::min(best_tier, s.tier[k][hits[i].doc]);
    static const char* const tier_names[] = {"typo", "typo", "prefix", "stem", "exact"};
    w.begin_object();
    w.member("slug", d.slug);
    w.member("href", format_route(Route{RouteKind::Post, d.slug, 1, {}}));
    w.member("title", d.title);
    w.member("title_html", title_html);
    w.member("date", format_iso(d.date));
    w.member("date_text", format_long(d.date, ui_lang));
    w.member("lang", idx.langs[d.lang]);
    w.member("author", idx.authors[d.author].name);
    w.key("category");
    if (d.category >= 0) {
      const Term& c = idx.categories[static_cast<std::size_t>(d.category)];
      w.begin_object().member("name", c.name).member("href", format_route(Route{RouteKind::Category, c.slug, 1, {}}));
      w.end_object();
    } else {
      w.null();
    }
    w.member("snippet_html", snippet);
    w.member("body", has_body_[hits[i].doc] != 0);
    w.member("tier", terms.empty() || best_tier == MatchTier::None ? "none" : tier_names[static_cast<int>(best_tier)]);
    w.end_object();
  }
  w.end_array();

  // Each facet value links to the same search with that value toggled.
  const auto search_href = [](const SearchQuery& q) { return format_route(Route{RouteKind::Search, {}, 1, {}, q}); };
  const auto facet_value = [&](std::string_view value, std::string_view label, int count, bool selected,
                               const SearchQuery& toggled) {
    w.begin_object().member("value", value).member("label", label).member("count", std::int64_t{count});
    w.member("selected", selected).member("href", search_href(toggled)).end_object();
  };
  auto facet = [&](const char* name, const std::vector<int>& counts, const std::vector<Term>& table,
                   std::vector<std::string> SearchQuery::*field) {
    std::vector<std::pair<std::uint32_t, int>> v;
    for (std::uint32_t id = 0; id < counts.size(); ++id)
      if (counts[id] > 0) v.emplace_back(id, counts[id]);
    const auto order = [&](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : table[a.first].name < table[b.first].name;
    };
    const std::size_t keep = std::min(v.size(), kMaxFacetValues);
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(keep), v.end(), order);
    v.resize(keep);
    const auto& selected = query.*field;
    w.key(name).begin_array();
    std::vector<std::string_view> listed;
    for (const auto& [id, count] : v) {
      const std::string& slug = table[id].slug;
      SearchQuery toggled = query;
      auto& values = toggled.*field;
      const auto it = std::find(values.begin(), values.end(), slug);
      const bool sel = std::find(selected.begin(), selected.end(), slug) != selected.end();
      if (it == values.end()) values.push_back(slug);
      else values.erase(it);
      facet_value(slug, table[id].name, count, sel, toggled);
      listed.push_back(slug);
    }
    // Selected values with no result left stay visible, so they can be unselected.
    for (const auto& slug : selected) {
      if (std::find(listed.begin(), listed.end(), slug) != listed.end()) continue;
      SearchQuery toggled = query;
      auto& values = toggled.*field;
      values.erase(std::find(values.begin(), values.end(), slug));
      std::string_view label = slug;
      for (const auto& t : table)
        if (t.slug == slug) label = t.name;
      facet_value(slug, label, 0, true, toggled);
      listed.push_back(slug);
    }
    w.end_array();
  };
  std::vector<Term> lang_table;
  for (const auto& l : idx.langs) lang_table.push_back({l, l});
  w.key("facets").begin_object();
  facet("category", cat_count, idx.categories, &SearchQuery::categories);
  facet("tag", tag_count, idx.tags, &SearchQuery::tags);
  facet("author", author_count, idx.authors, &SearchQuery::authors);
  facet("lang", lang_count, lang_table, &SearchQuery::langs);
  w.key("year").begin_array();
  for (auto it = year_count.rbegin(); it != year_count.rend(); ++it) {
    SearchQuery toggled = query;
    const Date from{it->first, 1, 1};
    const Date to{it->first, 12, 31};
    const bool sel = query.from == from && query.to == to;
    toggled.from = sel ? std::nullopt : std::optional<Date>(from);
    toggled.to = sel ? std::nullopt : std::optional<Date>(to);
    const std::string year = std::to_string(it->first);
    facet_value(year, year, it->second, sel, toggled);
  }
  w.end_array();
  w.end_object();

  SearchQuery by_relevance = query;
  by_relevance.sort = SearchQuery::Sort::Relevance;
  SearchQuery by_date_query = query;
  by_date_query.sort = SearchQuery::Sort::Date;
  w.key("sort").begin_object();
  w.member("value", query.sort == SearchQuery::Sort::Date ? "date" : "relevance");
  w.member("relevance_href", search_href(by_relevance));
  w.member("date_href", search_href(by_date_query));
  w.end_object();

  w.key("suggestions").begin_array();
  if (hits.empty() && !terms.empty()) {
    if (const auto suggested = suggestion(terms, s.closest, s.reach)) {
      SearchQuery sq = query;
      sq.q = *suggested;
      w.begin_object().member("q", *suggested).member("href", "#/search?" + format_search_query(sq)).end_object();
    }
  }
  w.end_array();
  w.end_object();
  return w.take();
}

json SearchEngine::search(const SearchQuery& query, std::size_t limit, std::string_view ui_lang) const {
  std::string error;  // search_json always writes valid JSON
  return read_json(search_json(query, limit, ui_lang), error);
}

}  // namespace carnet
