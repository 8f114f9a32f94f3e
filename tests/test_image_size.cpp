// Tests image_size (wasm/cli/image_size.cpp): the intrinsic size of PNG, GIF, JPEG, WebP and
// SVG files from their headers, and no size for anything cut short, hostile or unbelievable.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "image_size.hpp"

using carnet::image_bytes_needed;
using carnet::image_size;
using carnet::ImageSize;

namespace {

std::string be16(std::uint32_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v)}; }
std::string be32(std::uint32_t v) { return be16(v >> 16) + be16(v & 0xFFFF); }
std::string le16(std::uint32_t v) { return {static_cast<char>(v), static_cast<char>(v >> 8)}; }
std::string le24(std::uint32_t v) { return le16(v & 0xFFFF) + std::string(1, static_cast<char>(v >> 16)); }
std::string le32(std::uint32_t v) { return le16(v & 0xFFFF) + le16(v >> 16); }

std::string png(std::uint32_t w, std::uint32_t h) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\0\0\0", 5) +
         be32(0x12345678) + be32(0) + "IEND" + be32(0xAE426082);
}

std::string gif(std::uint32_t w, std::uint32_t h) {
  return "GIF89a" + le16(w) + le16(h) + std::string("\xF7\0\0", 3) + std::string(24, '\0') + ";";
}

// A JPEG segment: marker, length (which counts itself), payload.
std::string segment(unsigned marker, const std::string& payload) {
  return std::string{'\xFF', static_cast<char>(marker)} + be16(static_cast<std::uint32_t>(payload.size() + 2)) + payload;
}

// An EXIF APP1 payload with one IFD0 entry: the orientation tag, in either byte order.
std::string exif(unsigned orientation, bool little) {
  auto u16 = [little](std::uint32_t v) { return little ? le16(v) : be16(v); };
  auto u32 = [little](std::uint32_t v) { return little ? le32(v) : be32(v); };
  std::string tiff = little ? std::string("II*\0", 4) : std::string("MM\0*", 4);
  tiff += u32(8);  // IFD0 right after the header
  tiff += u16(2);  // two entries: ImageDescription, then Orientation
  tiff += u16(0x010E) + u16(2) + u32(4) + u32(0);
  tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0);
  tiff += u32(0);  // no next IFD
  return std::string("Exif\0\0", 6) + tiff;
}

// SOI, APP0 (JFIF), `extra` segments, DQT, DHT (whose bytes look like a frame header), the
// frame header (SOFn), DHT, SOS and a little scan data.
std::string jpeg(std::uint32_t w, std::uint32_t h, const std::string& extra = {}, unsigned sof = 0xC0) {
  const std::string frame = std::string("\x08", 1) + be16(h) + be16(w) + std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  return std::string("\xFF\xD8", 2) + segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14)) + extra +
         segment(0xDB, std::string(65, '\x01')) + segment(0xC4, std::string("\x00\x08\x07\x06\x05", 5) + std::string(12, '\x02')) +
         segment(sof, frame) + segment(0xC4, std::string(20, '\x03')) + segment(0xDA, std::string(10, '\0')) +
         std::string("\x12\x34\xFF\x00\x56", 5) + "\xFF\xD9";
}

std::string riff(const std::string& chunk, const std::string& payload) {
  const std::string body = "WEBP" + chunk + le32(static_cast<std::uint32_t>(payload.size())) + payload;
  return "RIFF" + le32(static_cast<std::uint32_t>(body.size())) + body;
}

std::string webp_lossy(std::uint32_t w, std::uint32_t h) {
  return riff("VP8 ", std::string("\x50\x02\x00\x9d\x01\x2a", 6) + le16(w) + le16(h) + std::string(16, '\x11'));
}

std::string webp_lossless(std::uint32_t w, std::uint32_t h) {
  return riff("VP8L", "\x2F" + le32((w - 1) | (h - 1) << 14) + std::string(16, '\x22'));
}

std::string webp_extended(std::uint32_t w, std::uint32_t h) {
  return riff("VP8X", std::string("\x10\0\0\0", 4) + le24(w - 1) + le24(h - 1)) + "ALPH" + le32(4) + "abcd";
}

bool is(const std::optional<ImageSize>& s, int w, int h) { return s && s->width == w && s->height == h; }

// A deterministic byte generator for the garbage tests.
struct Lcg {
  std::uint32_t state = 12345;
  std::uint32_t next() { return state = state * 1664525u + 1013904223u; }
};

}  // namespace

TEST_CASE("image size: PNG, GIF and WebP headers", "[image_size]") {
  CHECK(is(image_size(png(640, 480)), 640, 480));
  CHECK(is(image_size(png(1, 100000)), 1, 100000));
  CHECK(is(image_size(gif(16, 9)), 16, 9));
  CHECK(is(image_size("GIF87a" + le16(300) + le16(200) + std::string(10, '\0')), 300, 200));
  CHECK(is(image_size(webp_lossy(550, 368)), 550, 368));
  CHECK(is(image_size(webp_lossy(0x4000 | 0x8000 | 1024, 768)), 1024, 768));  // top 2 bits: scaling, not size
  CHECK(is(image_size(webp_lossless(386, 395)), 386, 395));
  CHECK(is(image_size(webp_lossless(16384, 1)), 16384, 1));
  CHECK(is(image_size(webp_extended(65536, 3)), 65536, 3));
}

TEST_CASE("image size: JPEG frame headers behind other segments", "[image_size]") {
  CHECK(is(image_size(jpeg(1200, 800)), 1200, 800));
  SECTION("progressive and other frame kinds") {
    for (unsigned sof : {0xC1u, 0xC2u, 0xC3u, 0xC5u, 0xC6u, 0xC7u, 0xC9u, 0xCAu, 0xCBu, 0xCDu, 0xCEu, 0xCFu}) {
      INFO(sof);
      CHECK(is(image_size(jpeg(31, 17, {}, sof)), 31, 17));
    }
  }
  SECTION("DHT, DAC, comments, APPn and fill bytes are passed over") {
    const std::string extra = segment(0xCC, "\x01\x02") + segment(0xFE, "made \xFF\xC0 by hand") +
                              segment(0xED, std::string(60000, 'x')) + "\xFF\xFF" +
                              segment(0xE2, std::string(300, '\xC0'));
    CHECK(is(image_size(jpeg(4000, 3000, extra)), 4000, 3000));
  }
  SECTION("EXIF orientation 5 to 8 is a quarter turn: width and height swap") {
    for (const bool little : {true, false}) {
      for (unsigned o = 1; o <= 8; ++o) {
        INFO("orientation " << o << (little ? " II" : " MM"));
        const auto s = image_size(jpeg(4000, 3000, segment(0xE1, exif(o, little))));
        CHECK((o >= 5 ? is(s, 3000, 4000) : is(s, 4000, 3000)));
      }
    }
    // An XMP APP1 is not EXIF; an EXIF block pointing outside itself is ignored.
    CHECK(is(image_size(jpeg(40, 30, segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x/>"))), 40, 30));
    std::string bad = exif(6, true);
    bad[10] = '\x7F';  // IFD0 offset far past the segment
    CHECK(is(image_size(jpeg(40, 30, segment(0xE1, bad))), 40, 30));
  }
  SECTION("no frame header before the scan, or a height given later (DNL): no size") {
    const std::string no_frame = std::string("\xFF\xD8", 2) + segment(0xDB, std::string(65, '\x01')) +
                                 segment(0xDA, std::string(10, '\0')) + "\xFF\xD9";
    CHECK_FALSE(image_size(no_frame));
    CHECK_FALSE(image_size(jpeg(100, 0)));
    CHECK_FALSE(image_size(std::string("\xFF\xD8\xFF\xD9", 4)));
  }
  SECTION("bytes where a marker should be: no size") {
    std::string s = jpeg(100, 50);
    s.insert(2, "junk");
    CHECK_FALSE(image_size(s));
  }
}

TEST_CASE("image size: SVG root element", "[image_size]") {
  struct Case {
    const char* svg;
    int width, height;
  };
  const Case cases[] = {
      {"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"260\" viewBox=\"0 0 40 26\"/>", 400, 260},
      {"<svg width='400px' height = ' 260px '></svg>", 400, 260},
      {"<svg width=\"100.4\" height=\"99.6\"></svg>", 100, 100},
      // Only a viewBox: its ratio at 4096 px wide (browsers stretch it to the column; the
      // CSS brings 4096 down to the column).
      {"<svg viewBox=\"0 0 640 360\"></svg>", 4096, 2304},
      {"<svg viewBox=\"-10,-10, 320,200\"></svg>", 4096, 2560},
      {"<svg viewBox=\"0 0 2e2 1E2\"></svg>", 4096, 2048},
      // One side given: the other from the viewBox's ratio.
      {"<svg width=\"800\" viewBox=\"0 0 400 100\"></svg>", 800, 200},
      {"<svg height=\"50\" viewBox=\"0 0 400 100\"></svg>", 200, 50},
      // Absolute units are CSS pixels at 96 per inch, as browsers size them.
      {"<svg width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\"></svg>", 794, 1123},
      {"<svg width=\"72pt\" height=\"1in\"></svg>", 96, 96},
      {"<svg width=\"2.54CM\" height=\" 6pc \"></svg>", 96, 96},
      // Relative units (or no unit a browser reads) fall back to the viewBox.
      {"<svg width=\"100%\" height=\"100%\" viewBox=\"0 0 64 48\"></svg>", 4096, 3072},
      {"<svg width=\"10em\" height=\"5ex\" viewBox=\"0 0 64 48\"></svg>", 4096, 3072},
      {"<svg width=\"10 px\" height=\"5pxx\" viewBox=\"0 0 64 48\"></svg>", 4096, 3072},
  };
  for (const Case& c : cases) {
    INFO(c.svg);
    CHECK(is(image_size(c.svg), c.width, c.height));
  }
  SECTION("the prolog: BOM, XML declaration, comments, doctype") {
    const std::string prolog =
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <svg width=\"1\" height=\"1\"> -->\n"
        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [ <!ENTITY a \"b\"> ]>\n";
    CHECK(is(image_size(prolog + "<svg\n  width=\"12\"\n  height=\"34\">\n</svg>"), 12, 34));
  }
  SECTION("nothing to go by: no size") {
    for (const char* svg : {"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"5\" height=\"5\"/></svg>",
                            "<svg width=\"100%\" height=\"50%\"></svg>", "<svg width=\"300\"></svg>",
                            "<svg viewBox=\"0 0 0 10\"></svg>", "<svg viewBox=\"0 0 -5 10\"></svg>",
                            "<svg viewBox=\"0 0 10\"></svg>", "<svg width=\"-3\" height=\"4\"></svg>",
                            "<svgfoo width=\"3\" height=\"4\"></svgfoo>",
                            "<html><svg width=\"3\" height=\"4\"></svg></html>", "<svg width=\"3\" height=\"4",
                            "<!-- never closed <svg width=\"3\" height=\"4\"></svg>", "plain text", ""}) {
      INFO(svg);
      CHECK_FALSE(image_size(svg));
    }
  }
}

TEST_CASE("image size: sizes outside 1..100000 pixels are not believed", "[image_size]") {
  CHECK(is(image_size(png(100000, 100000)), 100000, 100000));
  const std::string unbelievable[] = {
      png(100001, 10),
      png(10, 0x7FFFFFFF),
      png(0xFFFFFFFF, 0xFFFFFFFF),
      png(0, 10),
      gif(0, 10),
      webp_extended(200000, 10),
      "<svg width=\"1e9\" height=\"2\"></svg>",
      "<svg width=\"1e999999\" height=\"2\"></svg>",
      "<svg width=\"0.2\" height=\"2\"></svg>",
      "<svg width=\"1\" viewBox=\"0 0 0.000001 1000\"></svg>",
      "<svg viewBox=\"0 0 100001 5\"></svg>",
  };
  for (const std::string& bytes : unbelievable) {
    INFO(bytes);
    CHECK_FALSE(image_size(bytes));
  }
}

TEST_CASE("image size: cut short anywhere, no size and no read past the end", "[image_size]") {
  // The shortest prefix that still holds the size, per format (a JPEG: up to the end of its
  // frame header segment, marker and 17 bytes).
  const std::string turned = jpeg(1200, 800, segment(0xE1, exif(6, false)));
  const std::pair<std::string, std::size_t> samples[] = {
      {png(640, 480), 24},
      {gif(16, 9), 10},
      {turned, turned.find(std::string("\xFF\xC0", 2)) + 19},
      {webp_lossy(550, 368), 30},
      {webp_lossless(386, 395), 25},
      {webp_extended(64, 32), 30},
  };
  for (const auto& sample : samples) {
    const std::string& bytes = sample.first;
    const auto whole = image_size(bytes);
    REQUIRE(whole);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      // A copy of exactly n bytes, so a sanitizer sees any read past them.
      const std::string prefix = bytes.substr(0, n);
      const auto s = image_size(prefix);
      INFO("prefix of " << n << " bytes");
      if (n < sample.second) CHECK_FALSE(s);
      else CHECK(is(s, whole->width, whole->height));
    }
  }
}

TEST_CASE("image size: garbage and mutated headers never crash and give believable sizes", "[image_size]") {
  Lcg rng;
  const std::string seeds[] = {png(640, 480), gif(16, 9), jpeg(1200, 800, segment(0xE1, exif(6, true))),
                               webp_lossy(550, 368), webp_lossless(386, 395), webp_extended(64, 32),
                               "<svg width=\"4\" height=\"3\" viewBox=\"0 0 4 3\"></svg>"};
  for (int round = 0; round < 20000; ++round) {
    std::string bytes;
    if (round % 4 == 0) {  // pure noise, sometimes behind a real signature
      bytes.resize(rng.next() % 64);
      for (char& c : bytes) c = static_cast<char>(rng.next() >> 24);
      if (round % 8 == 0) bytes = seeds[rng.next() % 7].substr(0, 12) + bytes;
    } else {  // a real header with a few bytes changed and maybe cut
      bytes = seeds[rng.next() % 7];
      for (int k = 0; k < 1 + round % 3; ++k) bytes[rng.next() % bytes.size()] = static_cast<char>(rng.next() >> 24);
      bytes.resize(rng.next() % (bytes.size() + 1));
    }
    const auto s = image_size(bytes);
    if (s) {
      CHECK(s->width >= 1);
      CHECK(s->height >= 1);
      CHECK(s->width <= carnet::kMaxImageSide);
      CHECK(s->height <= carnet::kMaxImageSide);
    }
  }
}

TEST_CASE("image size: which files are read, and how much of them", "[image_size]") {
  CHECK(image_bytes_needed("images/photo.JPG") > 0);
  CHECK(image_bytes_needed("images/photo.jpeg") == image_bytes_needed("a.png"));
  CHECK(image_bytes_needed("a.gif") > 0);
  CHECK(image_bytes_needed("a.webp") > 0);
  CHECK(image_bytes_needed("drawing.Svg") == std::string::npos);  // the root tag may follow a long comment
  for (const char* name : {"doc.pdf", "notes.txt", "png", "images/", "archive.svgz", "x.png.zip"}) {
    INFO(name);
    CHECK(image_bytes_needed(name) == 0);
  }
}
