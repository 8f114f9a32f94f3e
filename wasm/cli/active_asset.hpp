// Content files that a browser would run as a page with scripts. Every non-Markdown file of
// a content folder is published as-is under assets/, on the blog's own origin: an HTML page
// or an SVG drawing with a script there, once opened (a link in an article is enough), runs
// with the blog's cookies, storage and service worker. The CLI refuses to publish them.
#pragma once

#include <string>
#include <string_view>

namespace carnet {

// Whether active_asset_reason needs the file's bytes (an SVG) or its name alone.
bool asset_needs_bytes(std::string_view name);

// Why the file `name` (a path; only its extension matters) holding `bytes` must not be
// published, or "" when it may be. Refused: HTML/XHTML/XML/XSLT pages, JavaScript, web
// archives and compressed SVG by extension; SVG holding a script, an event-handler
// attribute, a javascript:/vbscript:/data:text/html URL, an iframe/embed/object, entity
// declarations or a stylesheet processing instruction, after XML character references are
// decoded. Drawings without any of these (shapes, text, styles, raster images) pass.
std::string active_asset_reason(std::string_view name, std::string_view bytes);

}  // namespace carnet
