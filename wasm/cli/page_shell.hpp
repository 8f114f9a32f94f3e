// The app shell (the web app's index.html) as a template for static pages: every page of a
// built site is that same file (same CSS, scripts, manifest, CSP) with its own title, head
// metadata, navigation and <main> filled in, so the viewer can take any of them over.
// Native only (the CLI).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carnet {

// What one page puts into the shell. Texts are plain (escaped here); *_html and `head` are
// HTML, inserted as given.
struct ShellFill {
  std::string lang;           // <html lang>
  std::string html_data;      // extra attributes of <html>, e.g. ` data-carnet-route="#/"` (HTML)
  std::string base;           // <base href>: the site root seen from this page ("../../", "/blog/")
  std::string title;          // <title>
  std::string head;           // inserted before </head> (HTML)
  std::string skip_href;      // the skip link (#carnet-skip)
  std::string skip_text;
  std::string home_href;      // the site title link (#carnet-site-title)
  std::string site_title;
  std::string nav_label;      // #carnet-nav's aria-label
  std::string nav_html;       // #carnet-nav's children
  std::string search_label;   // #carnet-q-label
  std::string search_placeholder;  // #carnet-q's placeholder
  std::string main_html;      // #carnet-main's children
  std::string footer;         // #carnet-footer
};

class PageShell {
 public:
  // Parses the shell once. Returns nullopt and sets `error` when an element the pages need
  // is missing ("index.html: no element with id 'carnet-main'").
  static std::optional<PageShell> parse(std::string_view html, std::string& error);

  // The page: the shell with every slot filled.
  std::string fill(const ShellFill& page) const;

  enum class Slot {
    Lang, HtmlData, Base, Title, Head, SkipHref, SkipText, HomeHref, SiteTitle, NavLabel, Nav,
    SearchLabel, SearchPlaceholder, Main, Footer
  };

 private:
  struct Piece {
    std::string literal;  // written as is, then the slot (if any)
    std::optional<Slot> slot;
    std::string after;    // written after the slot (closing quote of an inserted attribute)
  };
  std::vector<Piece> pieces_;
};

}  // namespace carnet
