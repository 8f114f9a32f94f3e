// Tests the search index's encoding (wasm/core/search_index.hpp, rice.hpp): Rice-coded
// document ids, accent patches for spellings, and a faithful round trip.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bundle.hpp"
#include "rice.hpp"
#include "search_index.hpp"

namespace {

carnet::Article article(const std::string& slug, const std::string& lang, const std::string& title) {
  carnet::Article a;
  a.slug = slug;
  a.lang = lang;
  a.title = title;
  a.author = "camille";
  a.date = carnet::Date{2024, 3, 14};
  return a;
}

std::string spelling_of(const carnet::SearchIndex& idx, const std::string& word) {
  const int w = idx.find_word(word);
  REQUIRE(w >= 0);
  return idx.display[static_cast<std::size_t>(w)];
}

}  // namespace

TEST_CASE("rice: lists of every density decode to the same ids", "[search_index]") {
  std::uint32_t seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  const std::uint32_t universe = 100000;
  std::vector<std::vector<std::uint32_t>> lists;
  for (std::uint32_t count : {1u, 2u, 3u, 50u, 999u, 30000u, 99999u, 100000u}) {
    std::vector<std::uint32_t> ids;
    for (std::uint32_t d = 0; d < universe && ids.size() < count; ++d)
      if (count == universe || next() % universe < count * 1.05) ids.push_back(d);
    lists.push_back(ids);
  }
  lists.push_back({universe - 1});  // a lone last id: the longest unary run
  lists.push_back({0, universe - 1});
  carnet::RiceWriter writer;
  std::vector<std::uint64_t> starts;
  for (const auto& ids : lists) {
    starts.push_back(writer.bit_position());
    writer.list(ids, carnet::rice_parameter(universe, static_cast<std::uint32_t>(ids.size())));
  }
  const std::uint64_t bits = writer.bit_position();
  const std::string bytes = writer.finish();
  CHECK(bytes.size() == (bits + 7) / 8 + carnet::kRicePadding);
  for (std::size_t l = 0; l < lists.size(); ++l) {
    const auto& ids = lists[l];
    const int b = carnet::rice_parameter(universe, static_cast<std::uint32_t>(ids.size()));
    carnet::RiceReader fast(bytes.data(), starts[l]);
    carnet::RiceReader checked(bytes.data(), starts[l]);
    std::uint32_t prev = 0;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const std::uint32_t gap = fast.next(b);
      std::uint32_t gap2 = 0;
      REQUIRE(checked.next_checked(b, bits, gap2));
      CHECK(gap == gap2);
      const std::uint32_t id = k == 0 ? gap : prev + 1 + gap;
      REQUIRE(id == ids[k]);
      prev = id;
    }
  }
}

TEST_CASE("rice: the checked reader stops at the end of the stream", "[search_index]") {
  carnet::RiceWriter writer;
  writer.gap(1000000, 2);  // a long unary part
  const std::uint64_t bits = writer.bit_position();
  const std::string bytes = writer.finish();
  std::uint32_t v = 0;
  carnet::RiceReader whole(bytes.data(), 0);
  REQUIRE(whole.next_checked(2, bits, v));
  CHECK(v == 1000000);
  carnet::RiceReader cut(bytes.data(), 0);
  CHECK_FALSE(cut.next_checked(2, bits - 1, v));
  const std::string zeros(64, '\0');  // no terminating one bit at all
  carnet::RiceReader none(zeros.data(), 0);
  CHECK_FALSE(none.next_checked(0, 8 * (64 - carnet::kRicePadding), v));
}

TEST_CASE("search index: rice parameter follows the density", "[search_index]") {
  CHECK(carnet::rice_parameter(1000, 1000) == 0);
  CHECK(carnet::rice_parameter(1000, 0) == 0);
  CHECK(carnet::rice_parameter(1024, 1) == 9);  // log2(1024 * 0.69) = 9.46
  CHECK(carnet::rice_parameter(100000, 10) > carnet::rice_parameter(100000, 1000));
}

TEST_CASE("search index: spellings survive the round trip, accents patched on the folded word", "[search_index]") {
  carnet::SearchIndexBuilder builder;
  // Accents anywhere, ligatures (œ -> oe), a decomposed accent (e + U+0301), capitals.
  builder.add(article("a", "fr", "Publicités Œuvre cœur Noël façade déjà événement"), "Camille", "");
  builder.add(article("b", "fr", "Ou\xC3\xB9 cafe\xCC\x81 plain"), "Camille", "l’équipe");
  const std::string bytes = builder.build().serialize();
  std::string error;
  const auto idx = carnet::SearchIndex::load(bytes, error);
  INFO(error);
  REQUIRE(idx);
  CHECK(spelling_of(*idx, "publicites") == "publicités");
  CHECK(spelling_of(*idx, "oeuvre") == "œuvre");
  CHECK(spelling_of(*idx, "coeur") == "cœur");
  CHECK(spelling_of(*idx, "noel") == "noël");
  CHECK(spelling_of(*idx, "facade") == "façade");
  CHECK(spelling_of(*idx, "deja") == "déjà");
  CHECK(spelling_of(*idx, "evenement") == "événement");
  CHECK(spelling_of(*idx, "cafe") == "cafe\xCC\x81");
  CHECK(spelling_of(*idx, "equipe") == "équipe");
  CHECK(spelling_of(*idx, "plain").empty());
  // Serialising what was loaded gives the same bytes.
  CHECK(idx->serialize() == bytes);
}

TEST_CASE("search index: postings survive the round trip, documents grouped by language", "[search_index]") {
  carnet::SearchIndexBuilder builder;
  for (int i = 0; i < 300; ++i) {
    const bool fr = i % 3 != 0;
    std::string title = fr ? "stratégie commune" : "common strategy";
    if (i % 7 == 0) title += " rare";
    builder.add(article("p" + std::to_string(i), fr ? "fr" : "en", title), "Camille",
                std::string(static_cast<std::size_t>(i % 40), 'x') + " body body body");
  }
  const carnet::SearchIndex built = builder.build();
  std::string error;
  const auto idx = carnet::SearchIndex::load(built.serialize(), error);
  INFO(error);
  REQUIRE(idx);
  REQUIRE(idx->docs.size() == 300);
  // French documents first, then English, each in the order added.
  for (std::size_t d = 1; d < idx->docs.size(); ++d) CHECK(idx->docs[d - 1].lang <= idx->docs[d].lang);
  for (const char* word : {"strategie", "strategy", "rare", "body", "commune"}) {
    const int w = idx->find_word(word);
    REQUIRE(w >= 0);
    std::vector<std::uint32_t> a, b;
    std::vector<std::uint32_t> tf_a, tf_b;
    built.for_each_posting(static_cast<std::size_t>(w), [&](const carnet::Posting& p) {
      a.push_back(p.doc);
      tf_a.push_back(p.tf[carnet::kFieldBody] * 8 + p.tf[carnet::kFieldTitle]);
    });
    idx->for_each_posting(static_cast<std::size_t>(w), [&](const carnet::Posting& p) {
      b.push_back(p.doc);
      tf_b.push_back(p.tf[carnet::kFieldBody] * 8 + p.tf[carnet::kFieldTitle]);
    });
    CHECK(a == b);
    CHECK(tf_a == tf_b);
    CHECK(a.size() == idx->doc_freq[static_cast<std::size_t>(w)]);
    if (std::string(word) == "strategie")
      for (auto d : b) CHECK(idx->docs[d].title.find("stratégie") != std::string::npos);
  }
  const int rare = idx->find_word("rare");
  CHECK(idx->doc_freq[static_cast<std::size_t>(rare)] == 43);  // i = 0, 7, ..., 294
}
