// Fuzz target: the router. parse_route never fails, and format_route gives a canonical hash
// that parses back to the same route (and formats to itself).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "router.hpp"
#include "search_query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view hash(reinterpret_cast<const char*>(data), size);
  const carnet::Route route = carnet::parse_route(hash);
  const std::string canonical = carnet::format_route(route);
  FUZZ_CHECK(canonical.rfind("#/", 0) == 0, canonical);
  const carnet::Route again = carnet::parse_route(canonical);
  FUZZ_CHECK(again == route, canonical);
  FUZZ_CHECK(carnet::format_route(again) == canonical, canonical);
  // A canonical hash is plain ASCII: what the shell puts in the address bar.
  for (const char c : canonical) FUZZ_CHECK(c > 0x20 && c < 0x7F, canonical);
  if (route.kind == carnet::RouteKind::Search) {
    const std::string qs = carnet::format_search_query(route.search);
    FUZZ_CHECK(carnet::parse_search_query(qs) == route.search, qs);
  }
  return 0;
}
