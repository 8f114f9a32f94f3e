// The sitemap writer.
#include "sitemap.hpp"

#include "page_meta.hpp"
#include "text.hpp"

namespace carnet {

std::string sitemap_xml(const Site& site, const std::vector<SitemapEntry>& entries) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& e : entries) {
    out += "<url><loc>";
    append_xml_escaped(out, absolute_url(site, e.path));
    out += "</loc>";
    if (e.lastmod.year > 0) out += "<lastmod>" + format_iso(e.lastmod) + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

}  // namespace carnet
