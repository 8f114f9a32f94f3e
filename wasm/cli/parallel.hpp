// Work spread over the machine's cores for the CLI (the core stays single-threaded: it also
// runs in wasm without threads). Native only.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace carnet {

// Threads to use: every core (at least one).
inline unsigned worker_count() { return std::max(1u, std::thread::hardware_concurrency()); }

// Calls fn(i) for every i in [0, n), on all cores; items are handed out one at a time, so
// uneven items (a huge article) do not hold the others up. fn must be safe to run
// concurrently for different i. Returns when all calls have returned.
inline void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn) {
  const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(worker_count(), n));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
}

}  // namespace carnet
