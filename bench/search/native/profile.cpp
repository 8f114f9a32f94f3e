// Native profile of the search engine on a built index: runs a query file many times and
// prints per-query median and p99 (microseconds). A tool for optimising the engine under
// callgrind or perf; the benchmark proper (bench/search) times the wasm module.
// Usage: carnet_search_profile search-index.bin queries.txt [ROUNDS]
//   queries.txt: one query per line, as typed (the lang is taken as "fr").
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "search.hpp"
#include "search_query.hpp"

// Under valgrind --tool=callgrind, one profile dump per query (its instruction count).
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define CARNET_DUMP_QUERY(name) CALLGRIND_DUMP_STATS_AT(name)
#else
#define CARNET_DUMP_QUERY(name) ((void)(name))
#endif

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: " << argv[0] << " search-index.bin queries.txt [ROUNDS]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  std::string error;
  auto index = carnet::SearchIndex::load(bytes, error);
  if (!index) {
    std::cerr << argv[1] << ": " << error << "\n";
    return 1;
  }
  carnet::SearchEngine engine(std::move(*index));
  std::vector<std::string> queries;
  std::ifstream qf(argv[2]);
  for (std::string line; std::getline(qf, line);)
    if (!line.empty()) queries.push_back(line);
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
  std::vector<std::vector<double>> times(queries.size());
  CARNET_DUMP_QUERY("load");
  std::vector<std::size_t> totals(queries.size());
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      carnet::SearchQuery q;
      q.q = queries[i];
      const auto t0 = std::chrono::steady_clock::now();
      const std::string text = engine.search_json(q, 10, "fr");  // what the wasm binding returns
      const auto t1 = std::chrono::steady_clock::now();
      times[i].push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      CARNET_DUMP_QUERY(queries[i].c_str());
      if (r + 1 == rounds) totals[i] = nlohmann::json::parse(text)["total"].get<std::size_t>();
    }
  }
  std::vector<double> all;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    auto& t = times[i];
    std::sort(t.begin(), t.end());
    all.insert(all.end(), t.begin(), t.end());
    std::printf("%9.1f us  %9.1f us max  %6zu hits  %s\n", t[t.size() / 2], t.back(), totals[i], queries[i].c_str());
  }
  std::sort(all.begin(), all.end());
  std::printf("all: p50 %.1f us, p99 %.1f us, %zu runs\n", all[all.size() / 2], all[all.size() * 99 / 100], all.size());
  return 0;
}
