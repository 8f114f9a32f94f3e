// French spacing, on plain text and on the text of HTML.
#include "typography.hpp"

#include <cstring>

#include "i18n.hpp"

namespace carnet {

namespace {

const char* const kNbsp = "\xC2\xA0";            // U+00A0
const char* const kNarrowNbsp = "\xE2\x80\xAF";  // U+202F
const std::string_view kOpenQuote = "\xC2\xAB";  // «
const std::string_view kCloseQuote = "\xC2\xBB";  // »

// Appends text[from, to) with French spacing.
void append_spaced(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == ':') {
        out += kNbsp;
        continue;
      }
      if (next == ';' || next == '!' || next == '?') {
        out += kNarrowNbsp;
        continue;
      }
      if (text.substr(i + 1, kCloseQuote.size()) == kCloseQuote) {
        out += kNbsp;
        continue;
      }
    }
    if (c == ' ' && i >= kOpenQuote.size() && text.substr(i - kOpenQuote.size(), kOpenQuote.size()) == kOpenQuote) {
      out += kNbsp;
      continue;
    }
    out += c;
  }
}

// Elements whose text is kept exactly as written.
bool is_verbatim(std::string_view name) {
  return name == "code" || name == "pre" || name == "kbd" || name == "samp";
}

}  // namespace

bool wants_french_spacing(std::string_view lang) { return ui_language(lang) == "fr"; }

std::string french_spacing(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  append_spaced(out, text);
  return out;
}

std::string french_spacing_html(std::string_view html) {
  std::string out;
  out.reserve(html.size() + html.size() / 16);
  int verbatim = 0;  // depth of <code>/<pre>/... around the current text
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    const std::size_t text_end = lt == std::string_view::npos ? html.size() : lt;
    if (verbatim > 0) out.append(html.substr(i, text_end - i));
    else append_spaced(out, html.substr(i, text_end - i));
    if (lt == std::string_view::npos) break;
    const std::size_t gt = html.find('>', lt);
    const std::size_t tag_end = gt == std::string_view::npos ? html.size() : gt + 1;
    const std::string_view tag = html.substr(lt, tag_end - lt);
    // Tag name: after "<" or "</", up to a space, "/" or ">".
    const bool closing = tag.size() > 1 && tag[1] == '/';
    std::size_t n = closing ? 2 : 1;
    std::size_t e = n;
    while (e < tag.size() && tag[e] != ' ' && tag[e] != '>' && tag[e] != '/' && tag[e] != '\n') ++e;
    if (is_verbatim(tag.substr(n, e - n))) verbatim += closing ? (verbatim > 0 ? -1 : 0) : 1;
    out.append(tag);
    i = tag_end;
  }
  return out;
}

}  // namespace carnet
