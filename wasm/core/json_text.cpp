// JSON text <-> nlohmann::json trees without nlohmann's parser and serializer (json_text.hpp).
#include "json_text.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "json_writer.hpp"
#include "text.hpp"

namespace carnet {

using nlohmann::json;

namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  json document(std::string& error) {
    json value;
    skip_space();
    if (read_value(value, 0)) {
      skip_space();
      if (i_ < s_.size()) fail("unexpected text after the value");
    }
    if (error_.empty()) return value;
    error = where() + ": " + error_;
    return json(json::value_t::discarded);
  }

 private:
  bool fail(std::string what) {
    if (error_.empty()) {
      error_ = std::move(what);
      error_at_ = i_;
    }
    return false;
  }

  // "line L, column C" of the error (columns in bytes, both from 1).
  std::string where() const {
    std::size_t line = 1, column = 1;
    for (std::size_t k = 0; k < error_at_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
  }

  // What stands at the reading position, for messages.
  std::string found() const {
    if (i_ >= s_.size()) return "the end of the text";
    const auto c = static_cast<unsigned char>(s_[i_]);
    if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    static const char kHex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
  }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return fail("expected a value, found " + found());
    i_ += word.size();
    return true;
  }

  bool read_value(json& out, int depth) {
    if (i_ >= s_.size()) return fail("expected a value, found the end of the text");
    switch (s_[i_]) {
      case '{': return read_object(out, depth + 1);
      case '[': return read_array(out, depth + 1);
      case '"': {
        std::string str;
        if (!read_string(str)) return false;
        out = std::move(str);
        return true;
      }
      case 't': out = true; return literal("true");
      case 'f': out = false; return literal("false");
      case 'n': out = nullptr; return literal("null");
      default: return read_number(out);
    }
  }

  // Steps of an object or a list. open(): past '{' or '[' (false when nested too deep);
  // `empty` when `close` follows at once. next(): after a member or element, past ',' (More)
  // or past `close` (Done); an Error was reported.
  enum class Next { More, Done, Error };

  bool open(char close, int depth, bool& empty) {
    if (depth > kMaxJsonDepth) return fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    ++i_;
    skip_space();
    empty = i_ < s_.size() && s_[i_] == close;
    if (empty) ++i_;
    return true;
  }

  Next next(char close, const char* container) {
    skip_space();
    if (i_ < s_.size() && s_[i_] == ',') {
      ++i_;
      skip_space();
      return Next::More;
    }
    if (i_ < s_.size() && s_[i_] == close) {
      ++i_;
      return Next::Done;
    }
    fail(std::string("expected ',' or '") + close + "' in " + container + ", found " + found());
    return Next::Error;
  }

  bool read_object(json& out, int depth) {
    out = json::object();
    bool empty = false;
    if (!open('}', depth, empty)) return false;
    for (Next step = empty ? Next::Done : Next::More; step == Next::More; step = next('}', "an object")) {
      if (i_ >= s_.size() || s_[i_] != '"') return fail("expected a name in quotes, found " + found());
      std::string key;
      if (!read_string(key)) return false;
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ':') return fail("expected ':' after a name, found " + found());
      ++i_;
      skip_space();
      json value;
      if (!read_value(value, depth)) return false;
      out[std::move(key)] = std::move(value);  // a repeated name keeps its last value
    }
    return error_.empty();
  }

  bool read_array(json& out, int depth) {
    out = json::array();
    bool empty = false;
    if (!open(']', depth, empty)) return false;
    for (Next step = empty ? Next::Done : Next::More; step == Next::More; step = next(']', "a list")) {
      json value;
      if (!read_value(value, depth)) return false;
      out.push_back(std::move(value));
    }
    return error_.empty();
  }

  // Four hex digits after "\u"; -1 when they are not.
  long hex4() {
    if (s_.size() - i_ < 4) return -1;
    long v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_ + k];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    i_ += 4;
    return v;
  }

  bool read_string(std::string& out) {
    ++i_;  // "
    std::size_t run = i_;  // start of the bytes not yet copied
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        out.append(s_, run, i_ - run);
        ++i_;
        return true;
      }
      if (c < 0x20) return fail("a control character (" + found() + ") in a string: write it as an escape");
      if (c >= 0x80) {
        std::size_t next = i_;
        if (next_code_point(s_, next) == 0xFFFD && s_.compare(i_, 3, "\xEF\xBF\xBD") != 0)
          return fail("a string holds invalid UTF-8 (" + found() + ")");
        i_ = next;
        continue;
      }
      if (c != '\\') {
        ++i_;
        continue;
      }
      out.append(s_, run, i_ - run);
      if (++i_ >= s_.size()) break;
      const char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          long cp = hex4();
          if (cp < 0) return fail("'\\u' must be followed by four hexadecimal digits");
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("a lone low surrogate escape (\\u" + std::string(s_.substr(i_ - 4, 4)) + ")");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            long low = -1;
            if (s_.substr(i_, 2) == "\\u") {
              i_ += 2;
              low = hex4();
            }
            if (low < 0xDC00 || low > 0xDFFF) return fail("a high surrogate escape must be followed by a low one");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default: --i_; return fail("an unknown escape in a string: \\" + found());
      }
      run = i_;
    }
    return fail("a string is not closed before the end of the text");
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  bool read_number(json& out) {
    const std::size_t start = i_;
    const bool negative = s_[i_] == '-';
    if (negative) ++i_;
    if (i_ >= s_.size() || !digit(s_[i_])) {
      if (!negative) return fail("expected a value, found " + found());
      return fail("expected a digit after '-', found " + found());
    }
    // Integer part: no leading zeros.
    std::uint64_t mantissa = 0;  // the first significant digits, as many as a uint64 holds
    long long dropped = 0;       // integer digits beyond those (each a power of ten)
    int digits = 0;
    bool exact = true;           // mantissa holds every digit read
    if (s_[i_] == '0') {
      ++i_;
      if (i_ < s_.size() && digit(s_[i_])) return fail("a number must not start with a zero");
    } else {
      for (; i_ < s_.size() && digit(s_[i_]); ++i_) {
        const auto d = static_cast<unsigned>(s_[i_] - '0');
        if (exact && mantissa <= (std::numeric_limits<std::uint64_t>::max() - d) / 10) {
          mantissa = mantissa * 10 + d;
          ++digits;
        } else {
          ++dropped;
          exact = false;
        }
      }
    }
    bool integer = true;
    long long exponent = dropped;
    if (i_ < s_.size() && s_[i_] == '.') {
      integer = false;
      if (++i_ >= s_.size() || !digit(s_[i_])) return fail("expected a digit after '.', found " + found());
      for (; i_ < s_.size() && digit(s_[i_]); ++i_) {
        if (digits < 19 && (digits > 0 || s_[i_] != '0')) {
          mantissa = mantissa * 10 + static_cast<unsigned>(s_[i_] - '0');
          ++digits;
          --exponent;
        } else if (digits == 0) {
          --exponent;  // a leading zero of the fraction
        }
      }
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      integer = false;
      ++i_;
      bool minus = false;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) minus = s_[i_++] == '-';
      if (i_ >= s_.size() || !digit(s_[i_])) return fail("expected a digit in the exponent, found " + found());
      long long e = 0;
      for (; i_ < s_.size() && digit(s_[i_]); ++i_)
        if (e < 1'000'000'000) e = e * 10 + (s_[i_] - '0');
      exponent += minus ? -e : e;
    }
    if (integer && exact) {
      if (!negative) {  // unsigned, as nlohmann's parser reads it (is_number_unsigned holds)
        out = mantissa;
        return true;
      }
      if (mantissa <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
        out = mantissa == 0 ? std::int64_t{0} : static_cast<std::int64_t>(0 - mantissa);
        return true;
      }
    }
    // A double: mantissa x 10^exponent, scaled by exact powers of ten.
    double value = static_cast<double>(mantissa);
    static const double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (value != 0) {
      for (long long e = exponent; e > 0 && std::isfinite(value); e -= 22) value *= kPow10[e > 22 ? 22 : e];
      for (long long e = -exponent; e > 0 && value != 0; e -= 22) value /= kPow10[e > 22 ? 22 : e];
    }
    if (!std::isfinite(value)) {
      const std::size_t end = i_;
      i_ = start;
      return fail("the number " + std::string(s_.substr(start, end - start > 40 ? 40 : end - start)) +
                  " is too large");
    }
    out = negative ? -value : value;
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::string error_;
  std::size_t error_at_ = 0;
};

// A double as JSON, exactly: its binary value m x 2^e written out in decimal (every double
// has a finite decimal expansion). Longer than the shortest round-trip form, but exact with
// no printf and no tables; Carnet's own trees hold no doubles, so this path is rare.
void write_double(double v, std::string& out) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  if (bits >> 63) out += '-';
  const int biased = static_cast<int>((bits >> 52) & 0x7FF);
  std::uint64_t m = bits & ((std::uint64_t{1} << 52) - 1);
  int e = -1074;  // subnormal
  if (biased != 0) {
    m |= std::uint64_t{1} << 52;
    e = biased - 1075;
  }
  std::vector<std::uint8_t> digits;  // of m x 2^e x 10^point, least significant first
  for (std::uint64_t x = m; x; x /= 10) digits.push_back(static_cast<std::uint8_t>(x % 10));
  const auto times = [&digits](std::uint64_t f) {
    std::uint64_t carry = 0;
    for (auto& d : digits) {
      const std::uint64_t y = d * f + carry;
      d = static_cast<std::uint8_t>(y % 10);
      carry = y / 10;
    }
    for (; carry; carry /= 10) digits.push_back(static_cast<std::uint8_t>(carry % 10));
  };
  std::size_t point = 0;  // digits after the decimal point
  if (e >= 0) {
    for (int k = e; k > 0; k -= 28) times(std::uint64_t{1} << (k < 28 ? k : 28));
  } else {  // m x 2^-k = m x 5^k / 10^k
    static const std::uint64_t kPow5[] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
                                          48828125, 244140625, 1220703125};
    for (int k = -e; k > 0; k -= 13) times(kPow5[k < 13 ? k : 13]);
    point = static_cast<std::size_t>(-e);
  }
  while (digits.size() <= point) digits.push_back(0);  // at least one digit before the point
  std::size_t last = 0;                                 // the fraction's last non-zero digit
  while (last < point && digits[last] == 0) ++last;
  for (std::size_t k = digits.size(); k-- > point;) out += static_cast<char>('0' + digits[k]);
  out += '.';
  if (last == point) out += '0';
  for (std::size_t k = point; k-- > last;) out += static_cast<char>('0' + digits[k]);
}

void write_value(const json& v, JsonWriter& w, std::string& scratch) {
  switch (v.type()) {
    case json::value_t::object:
      w.begin_object();
      for (auto it = v.begin(); it != v.end(); ++it) {
        w.key(it.key());
        write_value(it.value(), w, scratch);
      }
      w.end_object();
      break;
    case json::value_t::array:
      w.begin_array();
      for (const json& x : v) write_value(x, w, scratch);
      w.end_array();
      break;
    case json::value_t::string: w.string(v.get_ref<const std::string&>()); break;
    case json::value_t::boolean: w.boolean(v.get<bool>()); break;
    case json::value_t::number_integer: w.number(v.get<std::int64_t>()); break;
    case json::value_t::number_unsigned: w.raw(std::to_string(v.get<std::uint64_t>())); break;
    case json::value_t::number_float:
      scratch.clear();
      write_double(v.get<double>(), scratch);
      w.raw(scratch);
      break;
    default: w.null(); break;  // null, discarded, binary
  }
}

}  // namespace

json read_json(std::string_view text, std::string& error) { return Reader(text).document(error); }

std::string write_json(const json& value) {
  JsonWriter w;
  std::string scratch;
  write_value(value, w, scratch);
  return w.take();
}

}  // namespace carnet
