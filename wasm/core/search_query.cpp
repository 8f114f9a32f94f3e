// Query-string parsing and formatting for search routes.
#include "search_query.hpp"

#include <algorithm>

#include "text.hpp"

namespace carnet {

namespace {

void add_unique(std::vector<std::string>& list, std::string v) {
  if (!v.empty() && v.size() <= 200 && std::find(list.begin(), list.end(), v) == list.end() && list.size() < 32)
    list.push_back(std::move(v));
}

}  // namespace

bool SearchQuery::operator==(const SearchQuery& o) const {
  return q == o.q && categories == o.categories && tags == o.tags && authors == o.authors && langs == o.langs &&
         from == o.from && to == o.to && sort == o.sort;
}

bool SearchQuery::empty() const {
  return q.find_first_not_of(" \t\r\n") == std::string::npos && categories.empty() && tags.empty() &&
         authors.empty() && langs.empty() && !from && !to;
}

SearchQuery parse_search_query(std::string_view qs) {
  SearchQuery out;
  if (!qs.empty() && qs[0] == '?') qs.remove_prefix(1);
  std::size_t start = 0;
  while (start <= qs.size()) {
    std::size_t amp = qs.find('&', start);
    if (amp == std::string_view::npos) amp = qs.size();
    const std::string_view pair = qs.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string key = percent_decode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
    if (key == "q") {
      out.q = value.substr(0, 1000);
    } else if (key == "category") {
      add_unique(out.categories, std::move(value));
    } else if (key == "tag") {
      add_unique(out.tags, std::move(value));
    } else if (key == "author") {
      add_unique(out.authors, std::move(value));
    } else if (key == "lang") {
      add_unique(out.langs, std::move(value));
    } else if (key == "from") {
      out.from = parse_date(value);
    } else if (key == "to") {
      out.to = parse_date(value);
    } else if (key == "sort") {
      out.sort = value == "date" ? SearchQuery::Sort::Date : SearchQuery::Sort::Relevance;
    }
  }
  return out;
}

std::string format_search_query(const SearchQuery& s) {
  std::string out;
  auto add = [&](const char* key, std::string_view value) {
    if (!out.empty()) out += '&';
    out += key;
    out += '=';
    out += percent_encode(value, true);
  };
  if (!s.q.empty()) add("q", s.q);
  for (const auto& v : s.categories) add("category", v);
  for (const auto& v : s.tags) add("tag", v);
  for (const auto& v : s.authors) add("author", v);
  for (const auto& v : s.langs) add("lang", v);
  if (s.from) add("from", format_iso(*s.from));
  if (s.to) add("to", format_iso(*s.to));
  if (s.sort == SearchQuery::Sort::Date) add("sort", "date");
  return out;
}

}  // namespace carnet
