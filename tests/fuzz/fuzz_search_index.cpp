// Fuzz target: the search index loader. Bytes are refused with a message or loaded into an
// index every query can run on (the worker loads search-index.bin from the network).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "search.hpp"
#include "search_index.hpp"
#include "search_query.hpp"

using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto index = carnet::SearchIndex::load(bytes, error);
  FUZZ_CHECK(index.has_value() == error.empty(), error);
  if (!index) {
    FUZZ_CHECK(error.rfind("search index: ", 0) == 0, error);
    return 0;
  }
  // Words that exist in this index, for exact, prefix, stem and typo paths.
  std::string first = index->words.empty() ? "a" : index->words.front();
  std::string last = index->words.empty() ? "z" : index->words.back();
  const carnet::SearchEngine engine(std::move(*index));
  const std::string queries[] = {
      "q=" + first,
      "q=" + first.substr(0, 2) + "+" + last + "x",
      "q=%22" + first + "+" + last + "%22&sort=date",
      "q=publicite&category=strategie&tag=seo&lang=fr&from=2000-01-01&to=2030-12-31",
      "tag=" + last,
  };
  for (const std::string& qs : queries) {
    const json results = engine.search(carnet::parse_search_query(qs), 10, "fr");
    carnet_fuzz::check_json(results);
    (void)results.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return 0;
}
