// View models: everything the shell needs to paint one route, decided here (lists,
// pagination, article HTML, table of contents, neighbours, localized text) as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "router.hpp"

namespace carnet {

constexpr int kPageSize = 10;          // articles per list page
constexpr int kArchivePageSize = 100;  // articles per archive page (a line each)

// What the reader chose, beyond the route.
struct ViewOptions {
  // UI language ("fr", "en"); empty: the language of the content shown (the article's, or
  // the site's for lists).
  std::string ui_lang;
};

// Pages of `page_size` items that `items` fill (at least one: an empty list has its page).
int page_count(std::size_t items, int page_size);

// Whether `b` is a bundle of a run of one list (shards.hpp list_bundle) that holds the page
// `route` asks for, or knows that the list has no such page.
bool list_page_loaded(const Bundle& b, const Route& route);

// The view for `route`. Unknown slugs and out-of-range pages give the "notfound" view.
// Every href is written with `links` (hash routes by default, clean paths for static
// pages and history mode); the UI language follows `options`. Shape documented in
// docs/bundle-format.md ("View models"). A long article's HTML is article.html (its first
// piece) followed by the pieces of article.more: a writer of whole pages joins them.
nlohmann::json build_view(const Bundle& bundle, const Route& route, const Links& links = {},
                          const ViewOptions& options = {});

// Site-relative folder that an article's relative links and images resolve against.
std::string article_base_dir(const Bundle& bundle, const Article& article);

}  // namespace carnet
