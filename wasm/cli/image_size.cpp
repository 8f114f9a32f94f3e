// Image headers read with every offset checked against the bytes at hand: a truncated or
// hostile file gives no size, never a read past its end.
#include "image_size.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "file_io.hpp"

namespace carnet {

namespace {

// Enough for a JPEG's frame header behind its EXIF, ICC profile and XMP segments (each at
// most 64 KiB); PNG, GIF and WebP need their first 30 bytes.
constexpr std::size_t kRasterHeaderBytes = 1u << 20;

bool has(std::string_view b, std::size_t pos, std::size_t n) { return pos <= b.size() && n <= b.size() - pos; }
bool starts_at(std::string_view b, std::size_t pos, std::string_view what) {
  return has(b, pos, what.size()) && b.substr(pos, what.size()) == what;
}

// Unchecked reads: callers check has() first.
std::uint32_t byte(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }
std::uint32_t be16(std::string_view b, std::size_t i) { return byte(b, i) << 8 | byte(b, i + 1); }
std::uint32_t le16(std::string_view b, std::size_t i) { return byte(b, i) | byte(b, i + 1) << 8; }
std::uint32_t le24(std::string_view b, std::size_t i) { return le16(b, i) | byte(b, i + 2) << 16; }
std::uint32_t be32(std::string_view b, std::size_t i) { return be16(b, i) << 16 | be16(b, i + 2); }
std::uint32_t le32(std::string_view b, std::size_t i) { return le16(b, i) | le16(b, i + 2) << 16; }

constexpr int kStretchedSvgWidth = 4096;  // wider than any column (see svg_size)

std::optional<ImageSize> sized(std::uint64_t width, std::uint64_t height) {
  if (width < 1 || height < 1 || width > kMaxImageSide || height > kMaxImageSide) return std::nullopt;
  return ImageSize{static_cast<int>(width), static_cast<int>(height)};
}

std::optional<ImageSize> png_size(std::string_view b) {
  // The signature, then the first chunk, which must be IHDR: length, type, width, height.
  if (!starts_at(b, 12, "IHDR") || !has(b, 16, 8)) return std::nullopt;
  return sized(be32(b, 16), be32(b, 20));
}

std::optional<ImageSize> gif_size(std::string_view b) {
  if (!has(b, 6, 4)) return std::nullopt;
  return sized(le16(b, 6), le16(b, 8));
}

std::optional<ImageSize> webp_size(std::string_view b) {
  constexpr std::size_t p = 20;  // the first chunk's payload, after "RIFF" size "WEBP" and its header
  if (starts_at(b, 12, "VP8 ") && has(b, p, 10)) {
    // A key frame (bit 0 of its tag clear), its start code, then 14-bit width and height.
    if ((byte(b, p) & 1) != 0 || !starts_at(b, p + 3, std::string_view("\x9d\x01\x2a", 3))) return std::nullopt;
    return sized(le16(b, p + 6) & 0x3FFF, le16(b, p + 8) & 0x3FFF);
  }
  if (starts_at(b, 12, "VP8L") && has(b, p, 5)) {
    if (byte(b, p) != 0x2F) return std::nullopt;
    const std::uint32_t bits = le32(b, p + 1);  // width - 1 and height - 1, 14 bits each
    return sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (starts_at(b, 12, "VP8X") && has(b, p, 10)) return sized(le24(b, p + 4) + 1, le24(b, p + 7) + 1);
  return std::nullopt;
}

// Whether an APP1 segment's EXIF orientation (5 to 8) turns the picture a quarter turn.
bool exif_turns(std::string_view segment) {
  if (!starts_at(segment, 0, std::string_view("Exif\0\0", 6))) return false;
  const std::string_view t = segment.substr(6);  // the TIFF header: offsets count from here
  bool little = false;
  if (starts_at(t, 0, std::string_view("II*\0", 4))) little = true;
  else if (!starts_at(t, 0, std::string_view("MM\0*", 4))) return false;
  auto u16 = [&](std::size_t i) { return little ? le16(t, i) : be16(t, i); };
  if (!has(t, 4, 4)) return false;
  const std::size_t ifd = little ? le32(t, 4) : be32(t, 4);
  if (!has(t, ifd, 2)) return false;
  const std::size_t entries = u16(ifd);
  for (std::size_t k = 0; k < entries; ++k) {
    const std::size_t e = ifd + 2 + 12 * k;  // tag, type, count, value
    if (!has(t, e, 12)) return false;
    if (u16(e) != 0x0112) continue;
    const std::uint32_t orientation = u16(e + 8);
    return u16(e + 2) == 3 && orientation >= 5 && orientation <= 8;  // a SHORT
  }
  return false;
}

bool is_frame_header(std::uint32_t marker) {
  // SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range.
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

std::optional<ImageSize> jpeg_size(std::string_view b) {
  bool turned = false;
  for (std::size_t i = 2;;) {  // after SOI: segments, each a marker (FF xx) and most a length
    if (!has(b, i, 2) || byte(b, i) != 0xFF) return std::nullopt;
    while (has(b, i + 1, 1) && byte(b, i + 1) == 0xFF) ++i;  // fill bytes
    if (!has(b, i, 2)) return std::nullopt;
    const std::uint32_t marker = byte(b, i + 1);
    i += 2;
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;  // TEM, RSTn, SOI: no length
    if (marker == 0x00 || marker == 0xD9 || marker == 0xDA) return std::nullopt;  // no frame before the data
    if (!has(b, i, 2)) return std::nullopt;
    const std::size_t length = be16(b, i);
    if (length < 2 || !has(b, i, length)) return std::nullopt;
    const std::string_view segment = b.substr(i + 2, length - 2);
    if (marker == 0xE1) turned = turned || exif_turns(segment);
    if (is_frame_header(marker)) {
      if (!has(segment, 0, 5)) return std::nullopt;  // precision, height, width
      const std::uint32_t height = be16(segment, 1), width = be16(segment, 3);
      return turned ? sized(height, width) : sized(width, height);
    }
    i += length;
  }
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void skip_spaces(std::string_view s, std::size_t& i) {
  while (i < s.size() && is_xml_space(s[i])) ++i;
}

// A number as SVG writes them ("-12", "3.5", ".5e2") at `i`, which moves past it.
std::optional<double> read_number(std::string_view s, std::size_t& i) {
  double sign = 1;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) sign = s[i++] == '-' ? -1 : 1;
  double value = 0;
  bool digits = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true) value = value * 10 + (s[i] - '0');
  if (i < s.size() && s[i] == '.') {
    double scale = 0.1;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true, scale /= 10) value += (s[i] - '0') * scale;
  }
  if (!digits) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    int exp_sign = 1;
    if (j < s.size() && (s[j] == '-' || s[j] == '+')) exp_sign = s[j++] == '-' ? -1 : 1;
    int exponent = 0;
    bool exp_digits = false;
    for (; j < s.size() && s[j] >= '0' && s[j] <= '9'; ++j, exp_digits = true)
      if (exponent < 1000) exponent = exponent * 10 + (s[j] - '0');
    if (!exp_digits) return std::nullopt;
    for (int k = 0; k < exponent && value != 0 && value < 1e300; ++k) value = exp_sign > 0 ? value * 10 : value / 10;
    i = j;
  }
  return sign * value;
}

// A width or height attribute in CSS pixels, when positive and in px, without a unit, or in
// an absolute unit (Inkscape writes mm). Font-relative units and % give nothing.
std::optional<double> svg_length(std::string_view v) {
  std::size_t i = 0;
  skip_spaces(v, i);
  const std::optional<double> n = read_number(v, i);
  std::size_t end = v.size();
  while (end > i && is_xml_space(v[end - 1])) --end;
  std::string unit(v.substr(std::min(i, end), end - std::min(i, end)));
  for (char& c : unit)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  static const std::pair<const char*, double> kUnits[] = {{"", 1},           {"px", 1},        {"in", 96},
                                                          {"cm", 96 / 2.54}, {"mm", 96 / 25.4}, {"q", 96 / 101.6},
                                                          {"pt", 96.0 / 72}, {"pc", 16}};
  if (!n || !(*n > 0)) return std::nullopt;
  for (const auto& u : kUnits)
    if (unit == u.first) return *n * u.second;
  return std::nullopt;
}

// A viewBox's width and height, when both are positive.
std::optional<std::pair<double, double>> svg_view_box(std::string_view v) {
  double numbers[4];
  std::size_t i = 0;
  for (int k = 0; k < 4; ++k) {  // separated by spaces, a comma, or both
    skip_spaces(v, i);
    if (k > 0 && i < v.size() && v[i] == ',') {
      ++i;
      skip_spaces(v, i);
    }
    const std::optional<double> n = read_number(v, i);
    if (!n) return std::nullopt;
    numbers[k] = *n;
  }
  skip_spaces(v, i);
  if (i != v.size() || !(numbers[2] > 0) || !(numbers[3] > 0)) return std::nullopt;
  return std::make_pair(numbers[2], numbers[3]);
}

std::uint64_t whole_pixels(double v) {
  return v >= 0.5 && v < kMaxImageSide + 1 ? static_cast<std::uint64_t>(v + 0.5) : 0;
}

std::optional<ImageSize> svg_size(std::string_view s) {
  std::size_t i = starts_at(s, 0, "\xEF\xBB\xBF") ? 3 : 0;
  // The prolog: XML declaration, processing instructions, comments, the doctype.
  for (;;) {
    skip_spaces(s, i);
    std::size_t end = std::string_view::npos;
    if (starts_at(s, i, "<?")) {
      end = s.find("?>", i + 2);
      if (end != std::string_view::npos) end += 2;
    } else if (starts_at(s, i, "<!--")) {
      end = s.find("-->", i + 4);
      if (end != std::string_view::npos) end += 3;
    } else if (starts_at(s, i, "<!")) {
      end = s.find_first_of("[>", i + 2);
      if (end != std::string_view::npos && s[end] == '[') end = s.find("]", end);
      if (end != std::string_view::npos) end = s.find('>', end);
      if (end != std::string_view::npos) end += 1;
    } else {
      break;
    }
    if (end == std::string_view::npos) return std::nullopt;
    i = end;
  }
  if (!starts_at(s, i, "<svg")) return std::nullopt;
  i += 4;
  if (i >= s.size() || !(is_xml_space(s[i]) || s[i] == '>' || s[i] == '/')) return std::nullopt;

  std::optional<double> width, height;
  std::optional<std::pair<double, double>> view_box;
  for (;;) {
    skip_spaces(s, i);
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '>' || s[i] == '/') break;
    const std::size_t name_start = i;
    while (i < s.size() && !is_xml_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
    const std::string_view name = s.substr(name_start, i - name_start);
    skip_spaces(s, i);
    if (i >= s.size() || s[i] != '=') return std::nullopt;
    ++i;
    skip_spaces(s, i);
    if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return std::nullopt;
    const std::size_t close = s.find(s[i], i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view value = s.substr(i + 1, close - i - 1);
    i = close + 1;
    if (name == "width") width = svg_length(value);
    else if (name == "height") height = svg_length(value);
    else if (name == "viewBox") view_box = svg_view_box(value);
  }
  if (width && height) return sized(whole_pixels(*width), whole_pixels(*height));
  if (!view_box) return std::nullopt;
  const auto [box_width, box_height] = *view_box;
  if (width) return sized(whole_pixels(*width), whole_pixels(*width * box_height / box_width));
  if (height) return sized(whole_pixels(*height * box_width / box_height), whole_pixels(*height));
  // Only a viewBox (or relative sides): no size of its own, and a browser stretches such an
  // image to the column. Its ratio at a width no column reaches, which the pages' CSS
  // (`max-width: 100%; height: auto`) brings down to the column: the same look, its place kept.
  return sized(kStretchedSvgWidth, whole_pixels(kStretchedSvgWidth * box_height / box_width));
}

}  // namespace

std::size_t image_bytes_needed(std::string_view name) {
  const std::string ext = file_extension(name);
  if (ext == "svg") return std::string::npos;
  for (const char* raster : {"png", "gif", "jpg", "jpeg", "webp"})
    if (ext == raster) return kRasterHeaderBytes;
  return 0;
}

std::optional<ImageSize> image_size(std::string_view bytes) {
  if (starts_at(bytes, 0, "\x89PNG\r\n\x1a\n")) return png_size(bytes);
  if (starts_at(bytes, 0, "GIF87a") || starts_at(bytes, 0, "GIF89a")) return gif_size(bytes);
  if (starts_at(bytes, 0, "\xFF\xD8\xFF")) return jpeg_size(bytes);
  if (starts_at(bytes, 0, "RIFF") && starts_at(bytes, 8, "WEBP")) return webp_size(bytes);
  return svg_size(bytes);
}

}  // namespace carnet
