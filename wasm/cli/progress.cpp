// Progress bar drawing.
#include "progress.hpp"

#include <algorithm>
#include <cstdio>

namespace carnet {

void Progress::stage(const std::string& name, std::size_t total) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  name_ = name;
  total_ = total;
  done_ = 0;
  draw(true);
}

void Progress::step(std::size_t n) {
  if (!enabled_) return;
  done_ += n;
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);  // a busy drawer: skip, never wait
  if (lock.owns_lock()) draw(false);
}

void Progress::clear() {
  if (!enabled_ || !shown_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  std::fputs("\r\033[2K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void Progress::draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr int kWidth = 30;
  const std::size_t done = std::min<std::size_t>(done_, total_);
  const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\033[2K%-8s [%s] %zu/%zu", name_.c_str(), bar.c_str(), done, total_);
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace carnet
