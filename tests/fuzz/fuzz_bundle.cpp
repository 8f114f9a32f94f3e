// Fuzz target: the bundle loader and the views of what it accepts. A bundle is either
// refused with a message or loaded; every view of a loaded bundle is safe (fuzz_check.hpp),
// and a loaded bundle written back out loads again whole.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "fuzz_check.hpp"
#include "router.hpp"
#include "views.hpp"

using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const carnet::BundleLoad load = carnet::load_bundle(text);
  FUZZ_CHECK(load.bundle.has_value() == load.error.empty(), load.error);
  if (!load.bundle) return 0;
  const carnet::Bundle& b = *load.bundle;

  const carnet::BundleLoad again = carnet::load_bundle(
      carnet::bundle_to_json(b, "fuzz").dump(-1, ' ', false, json::error_handler_t::replace));
  FUZZ_CHECK(again.bundle && again.skipped.empty(), again.error);
  FUZZ_CHECK(again.bundle->articles.size() == b.articles.size(), text);
  FUZZ_CHECK(again.bundle->authors.size() == b.authors.size(), text);

  std::vector<carnet::Route> routes = {
      carnet::parse_route("#/"), carnet::parse_route("#/page/2"), carnet::parse_route("#/archive"),
      carnet::parse_route("#/search?q=a"), carnet::parse_route("#/post/missing")};
  for (std::size_t i = 0; i < b.articles.size() && i < 4; ++i) {
    const carnet::Article& a = b.articles[i];
    routes.emplace_back(carnet::RouteKind::Post, a.slug);
    routes.emplace_back(carnet::RouteKind::Author, a.author);
    if (!a.category.empty())
      routes.emplace_back(carnet::RouteKind::Category, carnet::term_slug(a.category));
    if (!a.tags.empty()) routes.emplace_back(carnet::RouteKind::Tag, carnet::term_slug(a.tags[0]));
  }
  for (const auto& route : routes) {
    const json view = carnet::build_view(b, route);
    carnet_fuzz::check_json(view);
    (void)view.dump(-1, ' ', false, json::error_handler_t::replace);  // what Viewer::view sends
  }
  return 0;
}
