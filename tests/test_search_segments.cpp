// Tests incremental index builds (wasm/core/search_segments.hpp): the index merged from
// segments is byte for byte the index built in one go, whether each segment was just made or
// reused from an earlier build of other articles, and only changed segments are made again.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "search_index.hpp"
#include "search_segments.hpp"

namespace {

using carnet::Bundle;
using carnet::SearchIndex;

// Words with several spellings (the display spelling is the first one met), stems that are
// not prefixes (chevaux -> cheval), both languages, tags and categories in several spellings.
const std::vector<std::string> kFrench = {"publicité", "Publicite", "PUBLICITÉS", "chevaux", "cheval", "réseaux",
                                          "l’équipe", "aujourd’hui", "stratégie", "Stratégies", "données",
                                          "e-mail", "marché", "marchés", "campagne", "campagnes", "Noël"};
const std::vector<std::string> kEnglish = {"marketing", "Markets", "market", "running", "runs", "children",
                                           "child's", "data", "e-mail", "strategy", "strategies", "Café"};

std::uint32_t next(std::uint32_t& seed) { return seed = seed * 1103515245u + 12345u; }

std::string words(std::uint32_t& seed, const std::vector<std::string>& from, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += from[(next(seed) >> 8) % from.size()];
    if (next(seed) % 7 == 0) out += std::to_string(next(seed) % 1000);  // rare words, one article each
  }
  return out;
}

carnet::Article make_article(std::uint32_t& seed, std::size_t i) {
  carnet::Article a;
  const bool fr = next(seed) % 10 < 7;
  const auto& vocab = fr ? kFrench : kEnglish;
  a.slug = "article-" + std::to_string(i);
  a.lang = fr ? (i % 5 ? "fr" : "fr-FR") : "en";
  a.title = words(seed, vocab, 4);
  a.summary = words(seed, vocab, 8);
  a.author = "auteur-" + std::to_string(next(seed) % 6);
  a.date = carnet::Date{2000 + static_cast<int>(i % 20), 1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 28)};
  const std::vector<std::string> cats = {"Réseaux sociaux", "reseaux sociaux", "Données", "SEO"};
  if (next(seed) % 8) a.category = cats[next(seed) % cats.size()];
  for (int t = next(seed) % 3; t > 0; --t) a.tags.push_back(cats[next(seed) % cats.size()] + " " + std::to_string(t));
  return a;
}

Bundle make_bundle(std::size_t n, std::uint32_t seed = 42) {
  Bundle b;
  for (int k = 0; k < 5; ++k) {
    carnet::Author& author = b.authors["auteur-" + std::to_string(k)];
    author.id = "auteur-" + std::to_string(k);
    author.name = "Auteur Numéro " + std::to_string(k);
  }
  for (std::size_t i = 0; i < n; ++i) {
    carnet::Article a = make_article(seed, i);
    if (i % 50 != 3) {  // a few articles without a body
      const auto& vocab = a.lang == "en" ? kEnglish : kFrench;
      b.bodies[a.slug] = "# " + words(seed, vocab, 3) + "\n\n" + words(seed, vocab, 40) + "\n\n- *" +
                         words(seed, vocab, 5) + "*\n- `code` [lien](https://example.com)\n";
    }
    b.articles.push_back(std::move(a));
  }
  return b;
}

// A store keyed by what a segment is made from (as the CLI's is, with digests): the
// segments an earlier build made, and the ones this build made.
struct FakeStore {
  std::map<std::string, std::string> files;  // key -> serialized segment
  std::set<std::size_t> made;

  static std::string key(const Bundle& b, const std::vector<std::uint32_t>& articles) {
    std::string k;
    for (const auto i : articles) {
      const auto& a = b.articles[i];
      const auto body = b.bodies.find(a.slug);
      k += a.slug + '\x1f' + a.title + '\x1f' + a.lang + '\x1f' + a.summary + '\x1f' + a.category + '\x1f';
      for (const auto& t : a.tags) k += t + '\x1e';
      k += (body == b.bodies.end() ? std::string("-") : "+" + body->second) + '\x1d';
    }
    return k;
  }

  SearchIndex build(const Bundle& b) {
    const auto segments = carnet::index_segments(b);
    made.clear();
    std::map<std::string, std::string> next_files;
    carnet::SegmentStore store;
    store.find = [&](std::size_t k) -> std::optional<SearchIndex> {
      const auto it = files.find(key(b, segments[k]));
      if (it == files.end()) return std::nullopt;
      std::string error;
      auto loaded = SearchIndex::load(it->second, error);
      REQUIRE(error.empty());
      next_files[it->first] = it->second;
      return loaded;
    };
    store.made = [&](std::size_t k, const SearchIndex& segment) {
      made.insert(k);
      next_files[key(b, segments[k])] = segment.serialize();
    };
    SearchIndex index = carnet::build_search_index(b, segments, store);
    files = std::move(next_files);
    return index;
  }
};

}  // namespace

TEST_CASE("segments: articles spread over a power of two of segments, in bundle order", "[search_segments]") {
  CHECK(carnet::index_segments(make_bundle(0)).size() == 1);
  CHECK(carnet::index_segments(make_bundle(carnet::kSegmentArticles)).size() == 1);
  const Bundle b = make_bundle(carnet::kSegmentArticles * 3 + 1);
  const auto segments = carnet::index_segments(b);
  REQUIRE(segments.size() == 4);
  std::size_t total = 0;
  for (const auto& s : segments) {
    CHECK(s.size() > carnet::kSegmentArticles / 2);
    CHECK(std::is_sorted(s.begin(), s.end()));
    total += s.size();
  }
  CHECK(total == b.articles.size());
  // Where an article goes depends on its slug alone (and on the segment count).
  Bundle fewer = b;
  fewer.articles.erase(fewer.articles.begin() + 100);
  std::map<std::string, std::size_t> before, after;
  for (std::size_t k = 0; k < segments.size(); ++k)
    for (const auto i : segments[k]) before[b.articles[i].slug] = k;
  const auto again = carnet::index_segments(fewer);
  REQUIRE(again.size() == segments.size());
  for (std::size_t k = 0; k < again.size(); ++k)
    for (const auto i : again[k]) CHECK(before.at(fewer.articles[i].slug) == k);
}

TEST_CASE("segments: the merged index is the index built in one go", "[search_segments]") {
  for (const std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(700), carnet::kSegmentArticles * 2 + 50}) {
    const Bundle b = make_bundle(n, static_cast<std::uint32_t>(n));
    FakeStore store;
    const std::string whole = carnet::build_search_index(b).serialize();
    CHECK(store.build(b).serialize() == whole);
    CHECK(store.made.size() == carnet::index_segments(b).size());
    // Built again from the same articles: every segment reused, the same bytes.
    CHECK(store.build(b).serialize() == whole);
    CHECK(store.made.empty());
  }
}

TEST_CASE("segments: a rebuild makes only the changed segments and gives the full build's index", "[search_segments]") {
  Bundle b = make_bundle(carnet::kSegmentArticles * 2 + 50);  // four segments
  FakeStore store;
  store.build(b);
  const auto segments = carnet::index_segments(b);
  auto segment_of = [&](const std::string& slug) {
    for (std::size_t k = 0; k < segments.size(); ++k)
      for (const auto i : segments[k])
        if (b.articles[i].slug == slug) return k;
    FAIL("no segment holds " << slug);
    return std::size_t(0);
  };

  SECTION("one body edited, with a new word and a word's spelling met earlier than before") {
    // The last article's new spelling must not become the word's display spelling...
    b.bodies[b.articles.back().slug] += "\nzorglub PUBLICITÉ Chevaux\n";
    // ...but the first article's must.
    b.bodies[b.articles.front().slug] += "\nPubliCITÉ\n";
    const std::string whole = carnet::build_search_index(b).serialize();
    CHECK(store.build(b).serialize() == whole);
    CHECK(store.made == std::set<std::size_t>{segment_of(b.articles.back().slug), segment_of(b.articles.front().slug)});
    std::string error;
    const auto idx = SearchIndex::load(whole, error);
    REQUIRE(idx);
    CHECK(idx->find_word("zorglub") >= 0);
  }
  SECTION("a title, a category and a language changed") {
    b.articles[10].title = "Nouveau titre : les données du marché";
    b.articles[10].category = "Tout nouveau";
    b.articles[10].lang = b.articles[10].lang == "en" ? "fr" : "en";
    CHECK(store.build(b).serialize() == carnet::build_search_index(b).serialize());
    CHECK(store.made == std::set<std::size_t>{segment_of(b.articles[10].slug)});
  }
  SECTION("an author's name and an article's date: no segment made, the index follows") {
    b.authors["auteur-1"].name = "Quelqu’un d’autre";
    b.articles[20].date = carnet::Date{1999, 1, 1};
    CHECK(store.build(b).serialize() == carnet::build_search_index(b).serialize());
    CHECK(store.made.empty());
  }
  SECTION("an article added first and one removed") {
    std::uint32_t seed = 9;
    carnet::Article added = make_article(seed, 9999);
    b.bodies[added.slug] = "Un article tout neuf : publicités, chevaux et zorglub.";
    const std::string removed = b.articles[500].slug;
    b.articles.erase(b.articles.begin() + 500);
    b.bodies.erase(removed);
    b.articles.insert(b.articles.begin(), added);
    CHECK(store.build(b).serialize() == carnet::build_search_index(b).serialize());
    CHECK(!store.made.empty());
    CHECK(store.made.size() <= 2);
  }
}

TEST_CASE("segments: a stored segment that is not of its articles is made again", "[search_segments]") {
  const Bundle b = make_bundle(carnet::kSegmentArticles + 50);
  const auto segments = carnet::index_segments(b);
  REQUIRE(segments.size() == 2);
  carnet::SegmentStore store;
  std::set<std::size_t> made;
  // The store hands segment 1's index for segment 0: its documents are not segment 0's.
  store.find = [&](std::size_t k) -> std::optional<SearchIndex> {
    if (k == 0) return carnet::build_index_segment(b, segments[1]);
    return std::nullopt;
  };
  store.made = [&](std::size_t k, const SearchIndex&) { made.insert(k); };
  CHECK(carnet::build_search_index(b, segments, store).serialize() == carnet::build_search_index(b).serialize());
  CHECK(made.size() == segments.size());
}
