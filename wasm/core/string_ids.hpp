// Dense ids for distinct strings (0, 1, 2... in order of first insertion), in one flat
// open-addressing table. The search index builder looks up every distinct word of every
// article here, millions of times for a large blog: a node-based std::unordered_map spent
// most of that time on allocations and cache misses. Callers may hash a key once, on any
// thread, and look it up later by its hash (string_hash).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carnet {

// 64-bit FNV-1a, then a final mix (the table uses the low bits).
inline std::uint64_t string_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

class StringIds {
 public:
  // The id of `key` (whose string_hash is `hash`), added if new: {id, added}.
  std::pair<std::uint32_t, bool> insert(std::string_view key, std::uint64_t hash) {
    if ((keys_.size() + 1) * 4 > slots_.size() * 3) grow();
    std::size_t at = hash & (slots_.size() - 1);
    for (;; at = (at + 1) & (slots_.size() - 1)) {
      Slot& s = slots_[at];
      if (s.id == kEmpty) {
        s = Slot{hash, static_cast<std::uint32_t>(keys_.size())};
        keys_.emplace_back(key);
        return {s.id, true};
      }
      if (s.hash == hash && keys_[s.id] == key) return {s.id, false};
    }
  }
  std::pair<std::uint32_t, bool> insert(std::string_view key) { return insert(key, string_hash(key)); }

  std::size_t size() const { return keys_.size(); }
  // The keys, by id.
  const std::vector<std::string>& keys() const { return keys_; }
  std::vector<std::string> take_keys() {
    slots_.clear();
    return std::move(keys_);
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = kEmpty;
  };

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.id == kEmpty) continue;
      std::size_t at = s.hash & (slots_.size() - 1);
      while (slots_[at].id != kEmpty) at = (at + 1) & (slots_.size() - 1);
      slots_[at] = s;
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::string> keys_;
};

}  // namespace carnet
