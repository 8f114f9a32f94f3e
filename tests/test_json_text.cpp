// Unit tests for json_text.hpp: Carnet's JSON reader and writer agree with nlohmann-json's
// parser and serializer on valid text, refuse what RFC 8259 refuses with a position, and
// never recurse without bound.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "json_text.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

json read_ok(const std::string& text) {
  std::string error;
  json v = read_json(text, error);
  INFO(text << " -> " << error);
  REQUIRE(error.empty());
  REQUIRE_FALSE(v.is_discarded());
  return v;
}

std::string read_error(const std::string& text) {
  std::string error;
  const json v = read_json(text, error);
  CHECK(v.is_discarded());
  return error;
}

}  // namespace

TEST_CASE("read_json reads what nlohmann-json reads, to the same tree", "[json]") {
  for (const std::string text : {
           R"({"format":"carnet-bundle","version":1,"articles":[{"slug":"a","tags":["x","y"],"words":120}]})",
           R"( [ true , false , null , "" , {} , [] , 0 , -1 , 42 ] )",
           "\t\r\n{\"a\" : {\"b\" : [1, [2, [3]]]}}\n",
           R"(["\"\\\/\b\f\n\r\t", "\u00e9t\u00C9", "\ud83d\ude00", "été ’ « » 😀"])",
           R"({"dup":1,"dup":2})",
           R"([9223372036854775807, -9223372036854775808, 18446744073709551615])",
           R"("just a string")", "12", "null"}) {
    CHECK(read_ok(text) == json::parse(text));
  }
}

TEST_CASE("read_json gives numbers the types nlohmann-json gives them", "[json]") {
  CHECK(read_ok("42").is_number_unsigned());  // as nlohmann's parser reads it
  CHECK(read_ok("-42").is_number_integer());
  CHECK(read_ok("-42").is_number_unsigned() == false);
  CHECK(read_ok("-7").get<std::int64_t>() == -7);
  CHECK(read_ok("-9223372036854775808").get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
  CHECK(read_ok("18446744073709551615").is_number_unsigned());
  CHECK(read_ok("18446744073709551616").is_number_float());  // past uint64: a double, like nlohmann
  CHECK(read_ok("-9223372036854775809").is_number_float());
  CHECK(read_ok("1.5").get<double>() == 1.5);
  CHECK(read_ok("-0.25").get<double>() == -0.25);
  CHECK(read_ok("1e3").get<double>() == 1000.0);
  CHECK(read_ok("2.5E-3").get<double>() == Approx(0.0025).epsilon(1e-15));
  CHECK(read_ok("0.000001234").get<double>() == Approx(1.234e-6).epsilon(1e-15));
  CHECK(read_ok("123456789012345678901234567890").get<double>() == Approx(1.2345678901234568e29).epsilon(1e-15));
  CHECK(read_ok("1e-400").get<double>() == 0.0);
  CHECK(read_ok("1.7976931348623157e308").get<double>() == Approx(1.7976931348623157e308).epsilon(1e-15));
}

TEST_CASE("read_json refuses invalid text with its line, column and reason", "[json][errors]") {
  CHECK(read_error("") == "line 1, column 1: expected a value, found the end of the text");
  CHECK(read_error("not json") == "line 1, column 1: expected a value, found 'n'");
  CHECK(read_error("[1, 2,]") == "line 1, column 7: expected a value, found ']'");
  CHECK(read_error("{\"a\": 1,}") == "line 1, column 9: expected a name in quotes, found '}'");
  CHECK(read_error("{'a': 1}") == "line 1, column 2: expected a name in quotes, found '''");
  CHECK(read_error("{\"a\" 1}") == "line 1, column 6: expected ':' after a name, found '1'");
  CHECK(read_error("[1 2]") == "line 1, column 4: expected ',' or ']' in a list, found '2'");
  CHECK(read_error("{\n  \"a\": 1\n  \"b\": 2\n}") == "line 3, column 3: expected ',' or '}' in an object, found '\"'");
  CHECK(read_error("[1] // note") == "line 1, column 5: unexpected text after the value");
  CHECK(read_error("[01]") == "line 1, column 3: a number must not start with a zero");
  CHECK(read_error("[-]") == "line 1, column 3: expected a digit after '-', found ']'");
  CHECK(read_error("[1.]") == "line 1, column 4: expected a digit after '.', found ']'");
  CHECK(read_error("[1e]") == "line 1, column 4: expected a digit in the exponent, found ']'");
  CHECK(read_error("[+1]") == "line 1, column 2: expected a value, found '+'");
  CHECK(read_error("[1e400]") == "line 1, column 2: the number 1e400 is too large");
  CHECK(read_error("[-1e400]") == "line 1, column 2: the number -1e400 is too large");
  CHECK(read_error("[tru]") == "line 1, column 2: expected a value, found 't'");
  CHECK(read_error("\"abc") == "line 1, column 5: a string is not closed before the end of the text");
  CHECK(read_error("\"a\tb\"") == "line 1, column 3: a control character (byte 0x09) in a string: write it as an escape");
  CHECK(read_error("\"a\\qb\"") == "line 1, column 4: an unknown escape in a string: \\'q'");
  CHECK(read_error("\"\\u12G4\"") == "line 1, column 4: '\\u' must be followed by four hexadecimal digits");
  CHECK(read_error("\"\\udc00\"") == "line 1, column 8: a lone low surrogate escape (\\udc00)");
  CHECK(read_error("\"\\ud83d x\"") == "line 1, column 8: a high surrogate escape must be followed by a low one");
  CHECK(read_error("\"\\ud83d\\u0041\"") == "line 1, column 14: a high surrogate escape must be followed by a low one");
  CHECK(read_error("\"caf\xC3\"") == "line 1, column 5: a string holds invalid UTF-8 (byte 0xC3)");
  CHECK(read_error("\"\xED\xA0\x80\"") == "line 1, column 2: a string holds invalid UTF-8 (byte 0xED)");  // a surrogate
  CHECK(read_error("\"\xC0\xAF\"") == "line 1, column 2: a string holds invalid UTF-8 (byte 0xC0)");      // overlong
  CHECK(read_error(std::string("[1,\0 2]", 7)) == "line 1, column 4: expected a value, found byte 0x00");
  // U+FFFD written out is valid text, not a decoding error.
  CHECK(read_ok("\"\xEF\xBF\xBD\"") == "\xEF\xBF\xBD");
}

TEST_CASE("read_json bounds nesting instead of recursing without end", "[json][robustness]") {
  const auto nested = [](int depth, char open, char close) {
    return std::string(static_cast<std::size_t>(depth), open) + std::string(static_cast<std::size_t>(depth), close);
  };
  CHECK(read_ok(nested(kMaxJsonDepth, '[', ']')).is_array());
  CHECK(read_error(nested(kMaxJsonDepth + 1, '[', ']')) ==
        "line 1, column " + std::to_string(kMaxJsonDepth + 1) + ": nested deeper than " + std::to_string(kMaxJsonDepth) +
            " levels");
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  CHECK(read_error(objects).find("nested deeper than") != std::string::npos);
  CHECK(read_error(std::string(1000000, '[')).find("nested deeper than") != std::string::npos);
}

TEST_CASE("write_json writes what nlohmann-json dumps, and always valid UTF-8", "[json]") {
  const json doc = {{"kind", "article"},
                    {"n", 42},
                    {"neg", -9223372036854775807LL - 1},
                    {"big", std::numeric_limits<std::uint64_t>::max()},
                    {"ok", true},
                    {"none", nullptr},
                    {"list", {1, "deux", false, json::array(), json::object()}},
                    {"text", "quote \" backslash \\ slash / newline \n tab \t nul " + std::string(1, '\0') +
                                 " \x1f é ’ 😀 </script>"}};
  CHECK(write_json(doc) == doc.dump());
  CHECK(read_ok(write_json(doc)) == doc);
  // Invalid UTF-8 becomes U+FFFD (nlohmann's dump with error_handler_t::replace does the same).
  const json bad = {{"k\xFF", "a\xC3" "b\xED\xA0\x80"}};
  CHECK(write_json(bad) == bad.dump(-1, ' ', false, json::error_handler_t::replace));
  CHECK(write_json(bad) == "{\"k\xEF\xBF\xBD\":\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"}");
}

TEST_CASE("write_json writes doubles exactly", "[json]") {
  CHECK(write_json(json(1.5)) == "1.5");
  CHECK(write_json(json(3.0)) == "3.0");
  CHECK(write_json(json(-0.25)) == "-0.25");
  CHECK(write_json(json(std::numeric_limits<double>::infinity())) == "null");
  CHECK(write_json(json(std::numeric_limits<double>::quiet_NaN())) == "null");
  for (const double x : {0.1, 2.0 / 3.0, 1234.5678, 1e20, 6.02214076e23, 1.5e-7, 1.7976931348623157e308, 4.9e-300,
                         5e-324, std::numeric_limits<double>::min()}) {
    const std::string text = write_json(json(x));
    INFO(x << " -> " << text);
    CHECK(json::parse(text).get<double>() == x);  // strtod, correctly rounded: the same double
  }
  CHECK(write_json(json(0.1)) == "0.1000000000000000055511151231257827021181583404541015625");
  CHECK(write_json(json(1e20)) == "100000000000000000000.0");
  CHECK(write_json(json(-0.0)) == "-0.0");
}
