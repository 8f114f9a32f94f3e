// The table is md4c's (entity.c), written by cmake/md4c_entities.cmake as two texts in
// entity.c's order (sorted by "name;"): front-coded names, every kBlock-th one whole, and
// their code points, one entry a line. A lookup bisects the whole names, then decodes one
// block.
#include "entities.hpp"

#include <cstdint>
#include <vector>

#include "text.hpp"

namespace carnet {

namespace {
#include "entities.inc"

constexpr std::size_t kBlock = 16;  // cmake/md4c_entities.cmake: CARNET_ENTITY_BLOCK

// Where the lines start: the first of each block of names, and every code point line.
struct EntityIndex {
  std::vector<std::uint32_t> blocks;
  std::vector<std::uint32_t> codepoints;
};

const EntityIndex& entity_index() {
  static const EntityIndex index = [] {
    EntityIndex ix;
    std::size_t line = 0;
    for (std::size_t at = 0; at < kEntityNames.size(); at = kEntityNames.find('\n', at) + 1, ++line) {
      if (line % kBlock == 0) ix.blocks.push_back(static_cast<std::uint32_t>(at));
    }
    for (std::size_t at = 0; at < kEntityCodepoints.size(); at = kEntityCodepoints.find('\n', at) + 1) {
      ix.codepoints.push_back(static_cast<std::uint32_t>(at));
    }
    return ix;
  }();
  return index;
}

// The line of `text` starting at `at`, without its '\n'.
std::string_view line_at(std::string_view text, std::size_t at) {
  return text.substr(at, text.find('\n', at) - at);
}

// Compares "a;" with "b;" (the table's order: ';' sorts after digits, "frac12;" < "frac1;").
int compare_names(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (const int c = a.substr(0, n).compare(b.substr(0, n))) return c;
  const unsigned char ca = n < a.size() ? static_cast<unsigned char>(a[n]) : ';';
  const unsigned char cb = n < b.size() ? static_cast<unsigned char>(b[n]) : ';';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}
}  // namespace

bool append_named_entity(std::string& out, std::string_view name) {
  if (name.empty() || name.size() > 48) return false;
  const EntityIndex& ix = entity_index();
  // The last block whose first (whole) name sorts at or before `name`.
  std::size_t lo = 0;
  std::size_t hi = ix.blocks.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (compare_names(line_at(kEntityNames, ix.blocks[mid]).substr(1), name) <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return false;
  const std::size_t block = lo - 1;
  std::string current;
  std::size_t at = ix.blocks[block];
  for (std::size_t i = block * kBlock; i < (block + 1) * kBlock && i < ix.codepoints.size(); ++i) {
    const std::string_view line = line_at(kEntityNames, at);
    at += line.size() + 1;
    current.resize(std::min<std::size_t>(static_cast<unsigned char>(line[0]) - '0', current.size()));
    current.append(line.substr(1));
    if (current != name) continue;
    const std::string_view cps = line_at(kEntityCodepoints, ix.codepoints[i]);
    char32_t cp = 0;
    for (std::size_t k = 0; k <= cps.size(); ++k) {
      if (k < cps.size() && cps[k] >= '0' && cps[k] <= '9') {
        cp = cp * 10 + static_cast<char32_t>(cps[k] - '0');
      } else {
        append_utf8(out, cp);
        cp = 0;
      }
    }
    return true;
  }
  return false;
}

}  // namespace carnet
