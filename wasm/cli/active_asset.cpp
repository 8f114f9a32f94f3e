// Content files that a browser would run as a page with scripts (see active_asset.hpp).
#include "active_asset.hpp"

#include <cstring>

#include "file_io.hpp"
#include "text.hpp"

namespace carnet {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool is_one_of(char c, const char* chars) { return c != '\0' && std::strchr(chars, c) != nullptr; }

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Lower-cased text with XML character references (&#106; &#x6A;) decoded, since the XML
// parser decodes them before an attribute value means anything.
std::string decoded_lower(std::string_view bytes) {
  const std::string s = lower_ascii(bytes);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&' && i + 2 < s.size() && s[i + 1] == '#') {
      const bool hex = s[i + 2] == 'x';
      std::size_t j = i + (hex ? 3 : 2);
      char32_t cp = 0;
      const std::size_t digits_from = j;
      while (j < s.size() && (hex ? is_hex(s[j]) : (s[j] >= '0' && s[j] <= '9')) && cp <= 0x10FFFF) {
        const char c = s[j++];
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
      }
      if (j > digits_from && cp <= 0x10FFFF) {
        if (j < s.size() && s[j] == ';') ++j;
        std::string decoded;
        append_utf8(decoded, cp);
        out += lower_ascii(decoded);
        i = j - 1;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The first event-handler attribute ("onload=", "ev:onclick =") in lower-cased markup.
std::string event_attribute(const std::string& s) {
  for (std::size_t i = s.find("on"); i != std::string::npos; i = s.find("on", i + 1)) {
    if (i == 0 || !is_one_of(s[i - 1], " \t\r\n/\"':")) continue;
    std::size_t j = i + 2;
    while (j < s.size() && s[j] >= 'a' && s[j] <= 'z') ++j;
    if (j == i + 2) continue;
    std::size_t k = j;
    while (k < s.size() && is_one_of(s[k], " \t\r\n")) ++k;
    if (k < s.size() && s[k] == '=') return s.substr(i, j - i);
  }
  return {};
}

std::string svg_reason(std::string_view bytes) {
  const std::string text = decoded_lower(bytes);
  // URLs are judged the way browsers read them: controls and spaces inside do not count.
  std::string squeezed;
  squeezed.reserve(text.size());
  for (const char c : text)
    if (static_cast<unsigned char>(c) > 0x20) squeezed += c;
  for (const char* tag : {"<script", "<iframe", "<embed", "<object", "<handler", "<!entity",
                          "<?xml-stylesheet"}) {
    if (text.find(tag) != std::string::npos) return std::string("an SVG holding ") + tag + (tag[1] == '?' ? "?>" : ">");
  }
  for (const char* scheme : {"javascript:", "vbscript:", "data:text/html", "data:application/xhtml"}) {
    if (squeezed.find(scheme) != std::string::npos) return std::string("an SVG with a '") + scheme + "' URL";
  }
  const std::string handler = event_attribute(text);
  if (!handler.empty()) return "an SVG with an event-handler attribute '" + handler + "'";
  return {};
}

}  // namespace

bool asset_needs_bytes(std::string_view name) { return file_extension(name) == "svg"; }

std::string active_asset_reason(std::string_view name, std::string_view bytes) {
  const std::string ext = file_extension(name);
  for (const char* page : {"html", "htm", "shtml", "xhtml", "xht", "xml", "xsl", "xslt", "mht", "mhtml"})
    if (ext == page) return "a ." + ext + " file is a page that can run scripts";
  for (const char* script : {"js", "mjs", "cjs"})
    if (ext == script) return "a ." + ext + " file is a script";
  if (ext == "svgz") return "a compressed SVG cannot be checked for scripts (publish it as .svg)";
  if (ext == "svg") return svg_reason(bytes);
  return {};
}

}  // namespace carnet
