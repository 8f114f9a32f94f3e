// Golomb-Rice coding of increasing document ids, the bulk of the search index. A gap g is
// written as g >> b in unary (that many 0 bits, then a 1) and its low b bits as they are,
// least significant bit first. With b chosen from the list's density (ids / universe) this
// comes within a few percent of the entropy of random gaps: a third smaller than byte
// varints, and gzip cannot squeeze varints down to it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace carnet {

// Zero bytes after the last coded byte, so a reader may always load 8 bytes at once.
constexpr std::size_t kRicePadding = 8;

// Low bits per gap for `count` ids below `universe`: about log2(mean gap * ln 2), the
// optimum for geometrically distributed gaps.
inline int rice_parameter(std::uint32_t universe, std::uint32_t count) {
  if (count == 0) return 0;
  const std::uint64_t scaled_mean = std::uint64_t{universe} * 69 / (std::uint64_t{count} * 100);
  int b = 0;
  while (b < 30 && (std::uint64_t{2} << b) <= scaled_mean) ++b;
  return b;
}

class RiceWriter {
 public:
  // Appends the ids of one list (increasing, all below the universe its `b` was chosen for).
  template <typename Ids>
  void list(const Ids& ids, int b) {
    bool first = true;
    std::uint32_t prev = 0;
    for (std::uint32_t id : ids) {
      gap(first ? id : id - prev - 1, b);
      prev = id;
      first = false;
    }
  }
  void gap(std::uint32_t value, int b) {
    for (std::uint32_t q = value >> b; q > 0;) {  // unary part: q zero bits then a one
      const std::uint32_t n = q < 32 ? q : 32;
      bits(0, static_cast<int>(n));
      q -= n;
    }
    bits(1, 1);
    bits(value & ((std::uint64_t{1} << b) - 1), b);
  }
  std::uint64_t bit_position() const { return out_.size() * 8 + static_cast<std::uint64_t>(fill_); }
  // The coded bytes, last byte completed with zeros, plus kRicePadding zero bytes.
  std::string finish() {
    if (fill_ > 0) out_ += static_cast<char>(acc_);
    out_.append(kRicePadding, '\0');
    acc_ = 0;
    fill_ = 0;
    return std::move(out_);
  }

 private:
  void bits(std::uint64_t v, int n) {
    acc_ |= v << fill_;
    fill_ += n;
    while (fill_ >= 8) {
      out_ += static_cast<char>(acc_ & 0xFF);
      acc_ >>= 8;
      fill_ -= 8;
    }
  }
  std::string out_;
  std::uint64_t acc_ = 0;
  int fill_ = 0;
};

// Decodes gaps from a padded buffer. next() trusts the data (the index was validated when it
// was loaded); next_checked() is the validating variant, bounded by `limit_bits`.
class RiceReader {
 public:
  RiceReader(const char* data, std::uint64_t bit_position) : data_(data), pos_(bit_position) {}

  std::uint32_t next(int b) {
    std::uint32_t q = 0;
    for (;;) {
      const std::uint64_t w = window() & kWindowMask;
      if (w) {
        const int zeros = __builtin_ctzll(w);
        q += static_cast<std::uint32_t>(zeros);
        pos_ += static_cast<std::uint64_t>(zeros) + 1;
        break;
      }
      q += kWindowBits;
      pos_ += kWindowBits;
    }
    const std::uint32_t low = static_cast<std::uint32_t>(window() & ((std::uint64_t{1} << b) - 1));
    pos_ += static_cast<std::uint64_t>(b);
    return (q << b) | low;
  }

  // False when the stream ends (at limit_bits) or the value does not fit 32 bits.
  bool next_checked(int b, std::uint64_t limit_bits, std::uint32_t& value) {
    std::uint64_t q = 0;
    for (;;) {
      if (pos_ >= limit_bits) return false;
      const std::uint64_t w = window() & kWindowMask;
      if (w) {
        const int zeros = __builtin_ctzll(w);
        q += static_cast<std::uint64_t>(zeros);
        pos_ += static_cast<std::uint64_t>(zeros) + 1;
        break;
      }
      q += kWindowBits;
      pos_ += kWindowBits;
      if (q > 0xFFFFFFFFu) return false;
    }
    if (pos_ + static_cast<std::uint64_t>(b) > limit_bits || (q << b) > 0xFFFFFFFFu) return false;
    value = static_cast<std::uint32_t>((q << b) | (window() & ((std::uint64_t{1} << b) - 1)));
    pos_ += static_cast<std::uint64_t>(b);
    return true;
  }

  std::uint64_t bit_position() const { return pos_; }

 private:
  static constexpr std::uint32_t kWindowBits = 56;  // bits always valid in window()
  static constexpr std::uint64_t kWindowMask = (std::uint64_t{1} << kWindowBits) - 1;
  std::uint64_t window() const {
    std::uint64_t w;
    std::memcpy(&w, data_ + (pos_ >> 3), sizeof w);  // little-endian on every target we build
    return w >> (pos_ & 7);
  }
  const char* data_;
  std::uint64_t pos_;
};

}  // namespace carnet
