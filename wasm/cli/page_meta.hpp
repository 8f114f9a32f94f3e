// What a static page says about itself in <head>, for search engines and link previews:
// meta description, canonical link, Open Graph, JSON-LD `Article`, feed links. Native only.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bundle.hpp"

namespace carnet {

struct PageMetaInput {
  const Bundle* bundle = nullptr;
  const nlohmann::json* view = nullptr;  // build_view with path links
  const Article* article = nullptr;      // for article pages
  std::string path;                      // the page's own link from the site root ("post/x/")
  bool feeds = false;                    // feed.xml and rss.xml are written
  bool noindex = false;                  // 404 and search pages
};

// The page's absolute URL (site url + path), or "" when the site has no `url`.
std::string absolute_url(const Site& site, std::string_view path);

// Where the page's canonical link points: the article's original URL when it was first
// published elsewhere, else the page's own absolute URL ("" when unknown).
std::string canonical_url(const Site& site, const Article* article, std::string_view path);

// The JSON-LD `Article` object for an article page.
nlohmann::json article_json_ld(const Bundle& bundle, const Article& article, std::string_view path);

// JSON for a <script type="application/ld+json"> element: '<', '>' and '&' as \u escapes,
// so no text in it ("</script>", "<!--") can end or change the element.
std::string script_safe_json(const nlohmann::json& value);

// The HTML inserted before </head>.
std::string page_meta_html(const PageMetaInput& in);

}  // namespace carnet
