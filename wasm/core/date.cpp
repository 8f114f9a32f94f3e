// Date parsing and French/English formatting.
#include "date.hpp"


namespace carnet {

namespace {
const char* const kMonthsFr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                 "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
const char* const kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool is_french(std::string_view lang) { return lang.substr(0, 2) == "fr"; }
}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n, int& value) {
    value = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      value = value * 10 + (s[i] - '0');
    }
    return true;
  };
  Date d;
  if (!digits(0, 4, d.year) || !digits(5, 2, d.month) || !digits(8, 2, d.day)) return std::nullopt;
  if (d.year < 1 || d.month < 1 || d.month > 12) return std::nullopt;
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

namespace {
// `n` in decimal, zero-padded to `width` digits (no printf: it weighs 5 KB gzip in the wasm).
std::string padded(int n, std::size_t width) {
  std::string s = std::to_string(n < 0 ? -n : n);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return n < 0 ? "-" + s : s;
}
}  // namespace

std::string format_iso(const Date& d) { return padded(d.year, 4) + "-" + padded(d.month, 2) + "-" + padded(d.day, 2); }

std::string format_long(const Date& d, std::string_view lang) {
  if (d.month < 1 || d.month > 12) return format_iso(d);
  if (is_french(lang)) {
    // French writes the first of the month as an ordinal: « 1er mars 2024 ».
    std::string day = d.day == 1 ? "1er" : std::to_string(d.day);
    return day + " " + kMonthsFr[d.month - 1] + " " + std::to_string(d.year);
  }
  return std::string(kMonthsEn[d.month - 1]) + " " + std::to_string(d.day) + ", " +
         std::to_string(d.year);
}

std::string format_month(int year, int month, std::string_view lang) {
  if (month < 1 || month > 12) return std::to_string(year);
  const char* name = is_french(lang) ? kMonthsFr[month - 1] : kMonthsEn[month - 1];
  return std::string(name) + " " + std::to_string(year);
}

}  // namespace carnet
