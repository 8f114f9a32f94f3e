// A progress bar for `carnet build` on a terminal: one line on stderr, redrawn at most ten
// times a second, erased when done. Silent when stderr is not a terminal (logs, CI, tests).
// Native only.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace carnet {

class Progress {
 public:
  // `enabled`: draw at all (the caller checks isatty).
  explicit Progress(bool enabled) : enabled_(enabled) {}
  ~Progress() { clear(); }

  // A new stage ("pages") of `total` steps.
  void stage(const std::string& name, std::size_t total);
  // One more step done (thread-safe).
  void step(std::size_t n = 1);
  // Erases the line.
  void clear();

 private:
  void draw(bool force);

  bool enabled_;
  std::mutex mutex_;
  std::string name_;
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
  std::chrono::steady_clock::time_point last_{};
  bool shown_ = false;
};

}  // namespace carnet
