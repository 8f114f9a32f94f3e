// Front matter: splits a Markdown file into its YAML header and body and parses the
// header with yaml-cpp, keeping line numbers for messages. Native only (the CLI).
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace carnet {

struct FrontMatter {
  YAML::Node data;          // a map (empty map when the file has no front matter)
  bool present = false;     // the file starts with a "---" header
  int yaml_first_line = 0;  // 1-based file line of the YAML's first line
  std::string body;         // Markdown after the closing "---"
  int body_first_line = 1;
  std::string error;        // non-empty: the header is broken; `error_line` says where
  int error_line = 0;

  // The file line of a node inside `data` (0 when unknown).
  int line_of(const YAML::Node& node) const;
};

// `text` is the whole file; a UTF-8 BOM and CRLF line ends are accepted.
FrontMatter parse_front_matter(std::string_view text);

// Text with "\r\n" and lone "\r" turned into "\n" and a leading BOM removed.
std::string normalize_newlines(std::string_view text);

}  // namespace carnet
