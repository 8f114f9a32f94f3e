// Query-string parsing and formatting for search routes.
#include "search_query.hpp"

#include <algorithm>

namespace carnet {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string form_encode(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

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
    const std::string key = form_decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
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
    out += form_encode(value);
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
