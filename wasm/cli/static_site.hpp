// The static side of a built site: one HTML page per article and per list page (home pages,
// categories, tags, authors, archive), the search page, 404.html, the feeds and the sitemap.
// Pages are the app shell filled by the same renderer as the viewer (page_html.hpp), with
// clean links ("post/x/") that work with JavaScript off, head metadata for search engines,
// and what the viewer needs to take a page over. Native only (the CLI).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "build_cache.hpp"
#include "bundle.hpp"
#include "router.hpp"

namespace carnet {

// Every route that gets a static page, in a stable order: home pages, articles, categories,
// tags, authors (each with its pages), archive, search, and the 404 page.
std::vector<Route> static_routes(const Bundle& bundle);

// The file of a route's page, relative to the site root ("index.html", "post/x/index.html",
// "404.html"), or nullopt when its slug cannot be a folder name ("..", "a/b", "").
std::optional<std::string> page_file(const Route& route);

// Writes a file of the site (relative path, bytes); false stops the build.
using WriteFile = std::function<bool(const std::string& rel, const std::string& bytes)>;

struct StaticSite {
  std::string error;               // empty on success
  std::vector<std::string> pages;  // the HTML pages written, index.html and 404.html included
  std::vector<std::string> files;  // every file written (pages, feeds, sitemap)
  bool feeds = false;              // feed.xml, rss.xml and sitemap.xml (need the site's url)
  PageRecords records;             // every page with the key of what it was made from
};

// A rebuild's shortcut (build_cache.hpp). A page's key is `site_key` (a digest of the
// program, the app shell and every article's metadata: lists, links, neighbours and heads
// show those) and, for an article's page, the digest of its body. A page whose key matches
// the previous build's is not made again when `keep(file)` says the file is still there.
struct PageReuse {
  std::string site_key;
  const std::vector<std::string>* body_keys = nullptr;  // by article position
  const PageRecords* previous = nullptr;
  std::function<bool(const std::string& file)> keep;
};

// `shell_html`: the web app's index.html. Each page carries the route it shows and a
// digest of its <main> (data-carnet-route, data-carnet-digest): the viewer adopts the page
// as it is when its own rendering of that route has the same digest. A page's bytes depend
// only on what it shows, so a rebuild rewrites only the pages an edit touched.
// Pages are rendered on every core; `progress(done, total)` hears how far it got.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;
StaticSite write_static_site(const Bundle& bundle, std::string_view shell_html, const WriteFile& write,
                             const ProgressFn& progress = {}, const PageReuse* reuse = nullptr);

}  // namespace carnet
