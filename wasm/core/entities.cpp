// The table is md4c's (entity.c), written by cmake/md4c_entities.cmake as one text sorted
// like entity.c, one "name;codepoint[ codepoint]" a line, searched by bisection on bytes.
#include "entities.hpp"

#include "text.hpp"

namespace carnet {

namespace {
constexpr std::string_view kEntities =
#include "entities.inc"
    ;
}  // namespace

bool append_named_entity(std::string& out, std::string_view name) {
  if (name.empty() || name.size() > 48) return false;
  // Lines sort by "name;" (';' sorts after digits: "frac12;" < "frac1;"), so compare that.
  std::string key(name);
  key += ';';
  std::size_t lo = 0;
  std::size_t hi = kEntities.size();  // [lo, hi) holds whole lines
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    std::size_t start = kEntities.rfind('\n', mid);
    start = start == std::string_view::npos || start < lo ? lo : start + 1;
    if (start >= hi) start = kEntities.rfind('\n', hi - 2) + 1;  // mid sat on the last line's end
    const std::size_t end = kEntities.find('\n', start);
    const std::string_view line = kEntities.substr(start, end - start);
    const std::size_t semi = line.find(';');
    const int order = std::string_view(key).compare(line.substr(0, semi + 1));
    if (order < 0) {
      hi = start;
    } else if (order > 0) {
      lo = end + 1;
    } else {
      char32_t cp = 0;
      for (std::size_t i = semi + 1; i <= line.size(); ++i) {
        if (i < line.size() && line[i] >= '0' && line[i] <= '9') {
          cp = cp * 10 + static_cast<char32_t>(line[i] - '0');
        } else {
          append_utf8(out, cp);
          cp = 0;
        }
      }
      return true;
    }
  }
  return false;
}

}  // namespace carnet
