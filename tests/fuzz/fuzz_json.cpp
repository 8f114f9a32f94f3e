// Fuzz target: Carnet's JSON reader (json_text.hpp), differentially against nlohmann-json's
// parser. Both accept the same texts (but nesting deeper than kMaxJsonDepth, which only
// Carnet refuses, numbers too large for a double, and text after a NUL byte, which nlohmann
// ignores) and read them to the same tree (doubles to within 1e-12 relative); write_json's
// text reads back to that tree.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "json_text.hpp"

namespace {

using nlohmann::json;

// Equal trees, doubles compared with a relative tolerance (Carnet's reader rounds a few
// times on its way; nlohmann's uses strtod).
bool same(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) {
    // Whole numbers compare by value: -0 reads as signed 0, is written "0", reads back unsigned.
    if (!a.is_number_float() && !b.is_number_float()) return a == b;
    const double x = a.get<double>(), y = b.get<double>();
    return x == y || std::fabs(x - y) <= 1e-12 * std::fmax(std::fabs(x), std::fabs(y)) ||
           (std::fabs(x) < 1e-300 && std::fabs(y) < 1e-300);
  }
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      const auto other = b.find(it.key());
      if (other == b.end() || !same(it.value(), *other)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

std::size_t depth(const json& v) {
  std::size_t d = 0;
  if (v.is_structured())
    for (const json& x : v) d = std::max(d, depth(x));
  return v.is_structured() ? d + 1 : 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const json ours = carnet::read_json(text, error);
  FUZZ_CHECK(ours.is_discarded() == !error.empty(), error);
  json theirs;
  try {
    theirs = json::parse(text.begin(), text.end(), nullptr, false);  // discarded on a syntax error
  } catch (const json::exception&) {
    theirs = json(json::value_t::discarded);  // out_of_range: a number past a double
  }
  if (error.empty()) {
    FUZZ_CHECK(!theirs.is_discarded(), text);  // nlohmann reads all we read
    FUZZ_CHECK(same(ours, theirs), text);
    const std::string written = carnet::write_json(ours);
    FUZZ_CHECK(carnet::is_valid_utf8(written), written);
    std::string again_error;
    FUZZ_CHECK(same(carnet::read_json(written, again_error), ours), written);
  } else {
    FUZZ_CHECK(error.rfind("line ", 0) == 0, error);
    const bool deep = error.find("nested deeper than") != std::string::npos;
    const bool huge = error.find("is too large") != std::string::npos;
    // What we refuse, nlohmann refuses too, but for depth (it has no limit), numbers past a
    // double (it throws out_of_range) and text after a NUL byte (its lexer takes NUL for the
    // end of the input, so "2\0garbage" is 2 to it; a NUL is never valid JSON to us).
    const bool nul = text.find('\0') != std::string_view::npos;
    FUZZ_CHECK(theirs.is_discarded() || (deep && depth(theirs) > carnet::kMaxJsonDepth) || huge || nul, error);
  }
  return 0;
}
