// Native render times of the hostile inputs of tests/robustness_cases.hpp: render_markdown
// alone, and the article view (render + view model + JSON) the viewer answers with.
// Usage: carnet_robustness_bench [--dump DIR]  (DIR receives each case as <name>.md, for
// the wasm half in bench.mjs). Prints one JSON object per line. Asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "markdown.hpp"
#include "robustness_cases.hpp"
#include "router.hpp"
#include "views.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Best of `runs` (at least one), in milliseconds: the least disturbed by the machine.
template <typename Fn>
double best_ms(int runs, Fn&& fn) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return best;
}

carnet::Bundle bundle_with(const std::string& body) {
  carnet::Bundle b;
  b.site = {"Carnet", "", "fr", ""};
  b.authors.emplace("camille", carnet::Author{"camille", "Camille Durand", "", {}, ""});
  carnet::Article a;
  a.slug = "hostile";
  a.title = "Hostile";
  a.date = {2024, 3, 14};
  a.author = "camille";
  a.lang = "fr";
  a.source = "posts/2024/hostile.md";
  b.articles.push_back(a);
  b.bodies.emplace(a.slug, body);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  const char* dump_dir = argc == 3 && std::strcmp(argv[1], "--dump") == 0 ? argv[2] : nullptr;
  for (const auto& c : carnet_robustness::cases()) {
    if (dump_dir) {
      std::ofstream out(std::string(dump_dir) + "/" + c.name + ".md",
                        std::ios::binary | std::ios::trunc);
      out.write(c.markdown.data(), static_cast<std::streamsize>(c.markdown.size()));
    }
    const int runs = c.markdown.size() > (1u << 20) ? 3 : 10;
    carnet::MarkdownOptions opts;
    opts.base_dir = "assets/posts/2024/";
    opts.anchor_route = "#/post/hostile";
    std::string html;
    const double render = best_ms(runs, [&] {
      html.clear();
      carnet::render_markdown(c.markdown, opts, html);
    });
    const carnet::Bundle b = bundle_with(c.markdown);
    const carnet::Route route = carnet::parse_route("#/post/hostile");
    std::size_t view_bytes = 0;
    const double view = best_ms(runs, [&] {
      view_bytes = carnet::build_view(b, route)
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                       .size();
    });
    std::printf(
        "{\"case\":\"%s\",\"input_bytes\":%zu,\"html_bytes\":%zu,\"view_bytes\":%zu,"
        "\"render_ms\":%.3f,\"view_ms\":%.3f}\n",
        c.name, c.markdown.size(), html.size(), view_bytes, render, view);
    std::fflush(stdout);
  }
  return 0;
}
