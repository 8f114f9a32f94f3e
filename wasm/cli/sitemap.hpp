// sitemap.xml (sitemaps.org 0.9): the absolute URL of every article and list page, with the
// date of its newest article. Needs the site's public URL. Native only.
#pragma once

#include <string>
#include <vector>

#include "bundle.hpp"

namespace carnet {

constexpr const char* kSitemapFile = "sitemap.xml";

struct SitemapEntry {
  std::string path;  // from the site root: "./", "post/x/", "category/y/page/2/"
  Date lastmod;      // year 0: none
};

std::string sitemap_xml(const Site& site, const std::vector<SitemapEntry>& entries);

}  // namespace carnet
