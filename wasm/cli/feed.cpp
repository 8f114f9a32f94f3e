// Atom and RSS writers. Article HTML comes from the same view models as the pages.
#include "feed.hpp"

#include <algorithm>

#include "page_meta.hpp"
#include "router.hpp"
#include "text.hpp"
#include "views.hpp"

namespace carnet {

namespace {

const Links kPathLinks{LinkStyle::Path, {}};

void xml(std::string& out, std::string_view s) { append_xml_escaped(out, s); }

// <tag>text</tag>
void element(std::string& out, const char* tag, std::string_view text) {
  out += '<';
  out += tag;
  out += '>';
  xml(out, text);
  out += "</";
  out += tag;
  out += ">\n";
}

std::string post_url(const Bundle& b, const Article& a) {
  return absolute_url(b.site, format_link(Route{RouteKind::Post, a.slug}, kPathLinks));
}

// Days since 1970-01-01 (proleptic Gregorian), for the day of the week.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::string format_rfc3339(const Date& d) { return format_iso(d) + "T00:00:00Z"; }

std::string format_rfc822(const Date& d) {
  static const char* const kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const long days = days_from_civil(d.year, d.month, d.day);
  const long weekday = ((days % 7) + 7) % 7;
  const std::string day = (d.day < 10 ? "0" : "") + std::to_string(d.day);
  const std::string year = format_iso(d).substr(0, 4);
  return std::string(kDays[weekday]) + ", " + day + " " + kMonths[(d.month + 11) % 12] + " " + year + " 00:00:00 +0000";
}

std::string atom_feed(const Bundle& b, std::size_t entries) {
  const Site& site = b.site;
  const std::size_t n = std::min(entries, b.articles.size());
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"";
  xml(out, site.lang);
  out += "\">\n";
  element(out, "title", site.title);
  if (!site.description.empty()) element(out, "subtitle", site.description);
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"";
  xml(out, site.base_url + kAtomFile);
  out += "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"";
  xml(out, site.base_url);
  out += "\"/>\n";
  element(out, "id", site.base_url);
  element(out, "updated", n ? format_rfc3339(b.articles[0].date) : "1970-01-01T00:00:00Z");
  element(out, "generator", "Carnet");
  for (std::size_t i = 0; i < n; ++i) {
    const Article& a = b.articles[i];
    const std::string url = post_url(b, a);
    out += "<entry xml:lang=\"";
    xml(out, a.lang);
    out += "\">\n";
    element(out, "title", a.title);
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"";
    xml(out, url);
    out += "\"/>\n";
    element(out, "id", url);
    element(out, "published", format_rfc3339(a.date));
    element(out, "updated", format_rfc3339(a.date));
    out += "<author>\n";
    element(out, "name", b.author_name(a));
    element(out, "uri", absolute_url(site, format_link(Route{RouteKind::Author, a.author}, kPathLinks)));
    out += "</author>\n";
    auto category = [&](const std::string& name) {
      out += "<category term=\"";
      xml(out, term_slug(name));
      out += "\" label=\"";
      xml(out, name);
      out += "\"/>\n";
    };
    if (!a.category.empty()) category(a.category);
    for (const auto& t : a.tags) category(t);
    if (!a.summary.empty()) element(out, "summary", a.summary);
    // The article as its page shows it; its links are relative to the site root.
    const nlohmann::json view = build_view(b, Route{RouteKind::Post, a.slug}, kPathLinks);
    out += "<content type=\"html\" xml:base=\"";
    xml(out, site.base_url);
    out += "\">";
    xml(out, view["article"]["html"].get<std::string>());
    for (const auto& piece : view["article"]["more"]) xml(out, piece.get<std::string>());  // a huge article's other pieces
    out += "</content>\n</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string rss_feed(const Bundle& b, std::size_t entries) {
  const Site& site = b.site;
  const std::size_t n = std::min(entries, b.articles.size());
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
      "<channel>\n";
  element(out, "title", site.title);
  element(out, "link", site.base_url);
  element(out, "description", site.description.empty() ? site.title : site.description);
  element(out, "language", site.lang);
  out += "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"";
  xml(out, site.base_url + kRssFile);
  out += "\"/>\n";
  if (n) element(out, "lastBuildDate", format_rfc822(b.articles[0].date));
  element(out, "generator", "Carnet");
  for (std::size_t i = 0; i < n; ++i) {
    const Article& a = b.articles[i];
    const std::string url = post_url(b, a);
    out += "<item>\n";
    element(out, "title", a.title);
    element(out, "link", url);
    out += "<guid isPermaLink=\"true\">";
    xml(out, url);
    out += "</guid>\n";
    element(out, "pubDate", format_rfc822(a.date));
    element(out, "dc:creator", b.author_name(a));
    if (!a.category.empty()) element(out, "category", a.category);
    for (const auto& t : a.tags) element(out, "category", t);
    element(out, "description", a.summary);
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

}  // namespace carnet
