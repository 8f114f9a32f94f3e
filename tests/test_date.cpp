// Unit tests for date.hpp: strict YYYY-MM-DD parsing and French/English display.
#include <catch2/catch.hpp>

#include "date.hpp"

using namespace carnet;

TEST_CASE("parse_date accepts real dates written YYYY-MM-DD", "[date]") {
  const auto d = parse_date("2024-03-14");
  REQUIRE(d);
  CHECK(d->year == 2024);
  CHECK(d->month == 3);
  CHECK(d->day == 14);
  CHECK(parse_date("0001-01-01") == Date{1, 1, 1});
  CHECK(parse_date("9999-12-31") == Date{9999, 12, 31});
  CHECK(parse_date("2023-04-30") == Date{2023, 4, 30});
  CHECK(parse_date("2023-01-31") == Date{2023, 1, 31});
}

TEST_CASE("parse_date knows leap years", "[date]") {
  CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
  CHECK(parse_date("2000-02-29") == Date{2000, 2, 29});  // divisible by 400
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("1900-02-29"));                 // divisible by 100, not by 400
  CHECK_FALSE(parse_date("2024-02-30"));
  CHECK(parse_date("2023-02-28") == Date{2023, 2, 28});
}

TEST_CASE("parse_date rejects everything else", "[date]") {
  CHECK_FALSE(parse_date(""));
  CHECK_FALSE(parse_date("2024-13-45"));
  CHECK_FALSE(parse_date("2024-13-01"));
  CHECK_FALSE(parse_date("2024-00-10"));
  CHECK_FALSE(parse_date("2024-01-00"));
  CHECK_FALSE(parse_date("2024-04-31"));
  CHECK_FALSE(parse_date("2024-01-32"));
  CHECK_FALSE(parse_date("0000-01-01"));
  CHECK_FALSE(parse_date("2024-1-5"));
  CHECK_FALSE(parse_date("24-01-05"));
  CHECK_FALSE(parse_date("2024-01-05 "));
  CHECK_FALSE(parse_date("2024-01-05T10:00"));
  CHECK_FALSE(parse_date("2024-01-05x"));
  CHECK_FALSE(parse_date(" 2024-01-05"));
  CHECK_FALSE(parse_date("2024/01/05"));
  CHECK_FALSE(parse_date("2024-0a-05"));
  CHECK_FALSE(parse_date("+024-01-05"));
  CHECK_FALSE(parse_date("2024--1-05"));
  CHECK_FALSE(parse_date("05-01-2024"));
}

TEST_CASE("format_iso pads with zeros", "[date]") {
  CHECK(format_iso(Date{2024, 3, 5}) == "2024-03-05");
  CHECK(format_iso(Date{987, 12, 31}) == "0987-12-31");
}

TEST_CASE("format_long writes the date the way each language does", "[date]") {
  CHECK(format_long(Date{2024, 3, 14}, "fr") == "14 mars 2024");
  CHECK(format_long(Date{2024, 3, 1}, "fr") == "1er mars 2024");
  CHECK(format_long(Date{2024, 2, 2}, "fr") == "2 f\xC3\xA9vrier 2024");
  CHECK(format_long(Date{2023, 8, 15}, "fr-CA") == "15 ao\xC3\xBBt 2023");
  CHECK(format_long(Date{2023, 12, 25}, "fr") == "25 d\xC3\xA9" "cembre 2023");
  CHECK(format_long(Date{2024, 3, 14}, "en") == "March 14, 2024");
  CHECK(format_long(Date{2024, 3, 1}, "en") == "March 1, 2024");
  CHECK(format_long(Date{2024, 1, 9}, "en-GB") == "January 9, 2024");
  CHECK(format_long(Date{2024, 3, 14}, "de") == "March 14, 2024");  // fallback: English
  CHECK(format_long(Date{2024, 3, 14}, "") == "March 14, 2024");
  CHECK(format_long(Date{2024, 13, 1}, "fr") == "2024-13-01");      // impossible month: ISO
}

TEST_CASE("format_month names the month and year", "[date]") {
  CHECK(format_month(2024, 3, "fr") == "mars 2024");
  CHECK(format_month(2024, 8, "fr") == "ao\xC3\xBBt 2024");
  CHECK(format_month(2024, 12, "en") == "December 2024");
  CHECK(format_month(2024, 1, "it") == "January 2024");
  CHECK(format_month(2024, 0, "fr") == "2024");
  CHECK(format_month(2024, 13, "en") == "2024");
}
