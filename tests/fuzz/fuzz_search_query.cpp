// Fuzz target: the search query parser and the engine over a small fixed index. A query
// string round-trips through format_search_query, and any query gives safe results.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "bundle.hpp"
#include "fuzz_check.hpp"
#include "search.hpp"
#include "search_index.hpp"
#include "search_query.hpp"

using nlohmann::json;

namespace {

carnet::Bundle small_bundle() {
  const json j = {
      {"format", "carnet-bundle"},
      {"version", 1},
      {"site", {{"title", "Carnet"}, {"lang", "fr"}}},
      {"authors",
       {{{"id", "camille"}, {"name", "Camille Durand"}}, {{"id", "sam"}, {"name", "Sam Taylor"}}}},
      {"articles",
       {{{"slug", "calendrier"},
         {"title",
          "Construire un calendrier \xC3\xA9"
          "ditorial"},
         {"date", "2024-03-14"},
         {"author", "camille"},
         {"category", "Strat\xC3\xA9gie"},
         {"tags", {"planification", "r\xC3\xA9seaux sociaux"}},
         {"lang", "fr"},
         {"summary", "Publier r\xC3\xA9guli\xC3\xA8rement sans s\xE2\x80\x99\xC3\xA9puiser."}},
        {{"slug", "linkedin"},
         {"title",
          "LinkedIn : publier pour les d\xC3\xA9"
          "cideurs"},
         {"date", "2024-01-18"},
         {"author", "camille"},
         {"category", "R\xC3\xA9seaux sociaux"},
         {"tags", {"linkedin", "b2b"}},
         {"lang", "fr"}},
        {{"slug", "listening"},
         {"title", "Social listening that pays off"},
         {"date", "2025-05-15"},
         {"author", "sam"},
         {"category", "Strategy"},
         {"tags", {"listening", "e-mail"}},
         {"lang", "en"}},
        {{"slug", "publicite"},
         {"title", "La publicit\xC3\xA9 <script> & \"guillemets\""},
         {"date", "2023-11-02"},
         {"author", "sam"},
         {"tags", {"publicit\xC3\xA9"}},
         {"lang", "fr"}}}},
      {"bodies",
       {{"calendrier",
         "# Calendrier\n\nL\xE2\x80\x99\xC3\xA9quipe planifie les **publications** du mois.\n"},
        {"linkedin",
         "Les d\xC3\xA9"
         "cideurs lisent l\xE2\x80\x99"
         "accroche, puis *d\xC3\xA9"
         "cident*.\n"},
        {"listening", "Listening to customers: e-mail, mentions and reviews.\n"},
        {"publicite",
         "Une publicit\xC3\xA9 <b>cibl\xC3\xA9"
         "e</b> &amp; mesur\xC3\xA9"
         "e.\n"}}}};
  return *carnet::load_bundle(j.dump()).bundle;
}

const carnet::SearchEngine& engine() {
  static const std::unique_ptr<carnet::SearchEngine> e = [] {
    const carnet::Bundle b = small_bundle();
    auto engine = std::make_unique<carnet::SearchEngine>(carnet::build_search_index(b));
    engine->set_bodies(b.bodies);
    return engine;
  }();
  return *e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view qs(reinterpret_cast<const char*>(data), size);
  const carnet::SearchQuery query = carnet::parse_search_query(qs);
  const std::string canonical = carnet::format_search_query(query);
  FUZZ_CHECK(carnet::parse_search_query(canonical) == query, canonical);
  FUZZ_CHECK(carnet::format_search_query(carnet::parse_search_query(canonical)) == canonical,
             canonical);

  // The words alone too: most inputs are not query strings.
  carnet::SearchQuery words;
  words.q = std::string(qs.substr(0, 1000));
  for (const carnet::SearchQuery* q : {&query, static_cast<const carnet::SearchQuery*>(&words)}) {
    const json results = engine().search(*q, 10, "fr");
    carnet_fuzz::check_json(results);
    FUZZ_CHECK(results["hits"].size() <= 10, canonical);
    (void)results.dump(-1, ' ', false, json::error_handler_t::replace);  // what the worker sends
  }
  return 0;
}
