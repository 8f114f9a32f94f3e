// Writes JSON text straight into a string, for answers built on a hot path (search results),
// where building an nlohmann::json tree and dumping it would cost more than the search.
// Strings are escaped and any invalid UTF-8 becomes U+FFFD, so the output always parses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace carnet {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view s);
  // Writes `json` as it is: the caller guarantees it is one valid JSON value.
  JsonWriter& raw(std::string_view json);
  JsonWriter& number(std::int64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();

  // Shorthands for an object member.
  JsonWriter& member(std::string_view name, std::string_view s) { return key(name).string(s); }
  JsonWriter& member(std::string_view name, const char* s) { return key(name).string(s); }
  JsonWriter& member(std::string_view name, std::int64_t n) { return key(name).number(n); }
  JsonWriter& member(std::string_view name, bool b) { return key(name).boolean(b); }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void append_escaped(std::string_view s);
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace carnet
