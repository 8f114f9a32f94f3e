// The site's feeds: Atom (feed.xml, full article HTML) and RSS 2.0 (rss.xml, summaries),
// newest articles first, every text XML-escaped. Both need the site's public URL. Native only.
#pragma once

#include <cstddef>
#include <string>

#include "bundle.hpp"

namespace carnet {

constexpr std::size_t kFeedEntries = 20;
constexpr const char* kAtomFile = "feed.xml";
constexpr const char* kRssFile = "rss.xml";

// Atom 1.0: dates RFC 3339, content as HTML with xml:base = the site URL (links in articles
// are relative to the site root). `bundle.site.base_url` must be set.
std::string atom_feed(const Bundle& bundle, std::size_t entries = kFeedEntries);

// RSS 2.0: dates RFC 822 ("Thu, 14 Mar 2024 00:00:00 +0000"), the summary as description.
std::string rss_feed(const Bundle& bundle, std::size_t entries = kFeedEntries);

// "2024-03-14T00:00:00Z" and "Thu, 14 Mar 2024 00:00:00 +0000" (articles carry a day only).
std::string format_rfc3339(const Date& d);
std::string format_rfc822(const Date& d);

}  // namespace carnet
