// JSON text <-> nlohmann::json trees, with Carnet's own reader and writer instead of
// nlohmann's parser and serializer. nlohmann's lexer and serializer pull the C library's
// strtod and printf (with their long-double arithmetic) into the wasm module: about 11 KB
// gzip of the viewer's 150 KB budget (docs/wasm-size.md). The trees stay nlohmann::json.
//
// The reader is strict RFC 8259: one value, no comments, no trailing commas, strings of
// well-formed UTF-8 with no raw control characters, no lone surrogate escapes. Numbers get
// the types nlohmann's parser gives them: unsigned for whole numbers >= 0, signed for
// negative ones, double for the others and those past 64 bits (read to within a few ulps:
// the bundle format has none); a number whose magnitude overflows a double is an error.
// Nesting deeper than kMaxJsonDepth is an error, not a stack overflow. Errors are values:
// "line L, column C: what was wrong".
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace carnet {

inline constexpr int kMaxJsonDepth = 256;

// The value of `text`; on error, a discarded value and `error` says where and why.
nlohmann::json read_json(std::string_view text, std::string& error);

// Compact JSON text of `value` (no spaces). Invalid UTF-8 in strings and keys becomes
// U+FFFD, so the output always parses; doubles are written exactly (their full decimal
// expansion), non-finite ones as null.
std::string write_json(const nlohmann::json& value);

// obj[key] when `obj` is an object and that member a string; "" otherwise.
inline std::string json_string(const nlohmann::json& obj, const char* key) {
  const auto it = obj.is_object() ? obj.find(key) : obj.end();
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace carnet
