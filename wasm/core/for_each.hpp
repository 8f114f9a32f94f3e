// Work the core may spread over cores without depending on threads itself: the native CLI
// passes its thread pool (wasm/cli/parallel.hpp), the viewer in wasm passes nothing.
#pragma once

#include <cstddef>
#include <functional>

namespace carnet {

// Runs fn(i) for every i in [0, n), in any order, possibly concurrently.
using ForEachIndex = std::function<void(std::size_t n, const std::function<void(std::size_t)>& fn)>;

// fn(i) for every i in [0, n): through `for_each` when there is one, else in turn.
inline void each_index(std::size_t n, const std::function<void(std::size_t)>& fn, const ForEachIndex& for_each) {
  if (for_each) {
    for_each(n, fn);
  } else {
    for (std::size_t i = 0; i < n; ++i) fn(i);
  }
}

}  // namespace carnet
