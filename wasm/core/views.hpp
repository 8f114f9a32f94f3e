// View models: everything the shell needs to paint one route, decided here (lists,
// pagination, article HTML, table of contents, neighbours, localized text) as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "router.hpp"

namespace carnet {

constexpr int kPageSize = 10;

// The view for `route`. Unknown slugs and out-of-range pages give the "notfound" view.
// Every href is written with `links` (hash routes by default, clean paths for static
// pages and history mode). Shape documented in docs/bundle-format.md ("View models").
nlohmann::json build_view(const Bundle& bundle, const Route& route, const Links& links = {});

// Site-relative folder that an article's relative links and images resolve against.
std::string article_base_dir(const Bundle& bundle, const Article& article);

}  // namespace carnet
