// One HTML renderer for page views: the viewer (in wasm) and the static pages (carnet-build)
// paint the same markup from the same view models (views.hpp). Every text and attribute is
// escaped here; the only HTML passed through is the core's own sanitised Markdown output.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace carnet {

// The children of <main> for a view of any kind (list, article, archive, search, notfound,
// error), appended to `out`. Links are the view's hrefs (see build_view's LinkStyle).
void render_main_html(const nlohmann::json& view, std::string& out);

// The site navigation: a <ul> of home, the categories and the archive, the current one
// marked with aria-current="page".
void render_nav_html(const nlohmann::json& view, std::string& out);

// The error panel shown when there is nothing else to show (same markup the shell uses
// when the core itself cannot load).
void render_error_html(std::string_view title, std::string_view message, std::string& out);

}  // namespace carnet
