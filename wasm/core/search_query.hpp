// What a reader asks the search for: words and filters, as carried by the shareable route
// "#/search?q=…&category=…&tag=…&author=…&lang=…&from=YYYY-MM-DD&to=YYYY-MM-DD&sort=date".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"

namespace carnet {

struct SearchQuery {
  enum class Sort { Relevance, Date };
  std::string q;                        // the words typed, as typed
  std::vector<std::string> categories;  // category slugs: any of them
  std::vector<std::string> tags;        // tag slugs: all of them
  std::vector<std::string> authors;     // author ids: any of them
  std::vector<std::string> langs;       // languages: any of them
  std::optional<Date> from;             // inclusive
  std::optional<Date> to;               // inclusive
  Sort sort = Sort::Relevance;

  bool operator==(const SearchQuery& o) const;
  bool empty() const;  // no words and no filter
};

// Parses "q=a+b&tag=x&tag=y&sort=date" (percent-decoded, '+' is a space). Unknown keys and
// malformed dates are ignored; repeated keys accumulate.
SearchQuery parse_search_query(std::string_view query_string);

// The canonical query string (fixed key order, percent-encoded), without '?'.
std::string format_search_query(const SearchQuery& query);

}  // namespace carnet
