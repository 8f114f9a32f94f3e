// Calendar dates as written in front matter (YYYY-MM-DD): validation and localized display.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace carnet {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  bool operator==(const Date& o) const { return year == o.year && month == o.month && day == o.day; }
};

// Parses exactly "YYYY-MM-DD" and checks the day exists (leap years included).
std::optional<Date> parse_date(std::string_view s);

// "2024-03-14"
std::string format_iso(const Date& d);

// "14 mars 2024" (fr), "March 14, 2024" (en; any other language falls back to English).
std::string format_long(const Date& d, std::string_view lang);

// "mars 2024" / "March 2024".
std::string format_month(int year, int month, std::string_view lang);

}  // namespace carnet
