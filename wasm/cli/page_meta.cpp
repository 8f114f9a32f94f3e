// Head metadata of static pages. Every value is escaped for its attribute; JSON-LD is
// escaped for a script element.
#include "page_meta.hpp"

#include "date.hpp"
#include "markdown.hpp"
#include "router.hpp"
#include "json_text.hpp"
#include "text.hpp"

namespace carnet {

using nlohmann::json;

namespace {

void meta(std::string& out, const char* attr_name, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  out += "<meta ";
  out += attr_name;
  out += "=\"";
  append_html_escaped(out, key);
  out += "\" content=\"";
  append_html_escaped(out, value);
  out += "\">\n";
}

void link(std::string& out, std::string_view rel, std::string_view href, std::string_view type = {},
          std::string_view title = {}) {
  out += "<link rel=\"";
  append_html_escaped(out, rel);
  out += '"';
  if (!type.empty()) {
    out += " type=\"";
    append_html_escaped(out, type);
    out += '"';
  }
  if (!title.empty()) {
    out += " title=\"";
    append_html_escaped(out, title);
    out += '"';
  }
  out += " href=\"";
  append_html_escaped(out, href);
  out += "\">\n";
}

std::string description(const PageMetaInput& in) {
  const Site& site = in.bundle->site;
  if (in.article) return in.article->summary.empty() ? in.article->title : in.article->summary;
  const json& v = *in.view;
  const std::string kind = json_string(v, "kind");
  if (kind == "list") {
    const json& list = v["list"];
    if (json_string(list, "type") == "home") return site.description.empty() ? site.title : site.description;
    return json_string(list, "heading") + " (" + json_string(list, "count_text") + ")";
  }
  if (kind == "archive") return json_string(v["archive"], "heading") + " (" + json_string(v["archive"], "count_text") + ")";
  return site.description;
}

}  // namespace

std::string absolute_url(const Site& site, std::string_view path) {
  if (site.base_url.empty()) return {};
  if (path == "./") return site.base_url;
  return site.base_url + std::string(path);
}

std::string canonical_url(const Site& site, const Article* article, std::string_view path) {
  if (article && article->original) {
    if (auto u = safe_url(article->original->url, UrlContext::Link)) return *u;
  }
  return absolute_url(site, path);
}

json article_json_ld(const Bundle& b, const Article& a, std::string_view path) {
  json person = {{"@type", "Person"}, {"name", b.author_name(a)}};
  const std::string author_url = absolute_url(b.site, format_link(Route{RouteKind::Author, a.author}, {LinkStyle::Path, {}}));
  if (!author_url.empty()) person["url"] = author_url;
  json ld = {{"@context", "https://schema.org"},
             {"@type", "Article"},
             {"headline", a.title},
             {"datePublished", format_iso(a.date)},
             {"inLanguage", a.lang},
             {"author", person},
             {"publisher", {{"@type", "Organization"}, {"name", b.site.title}}}};
  if (!a.summary.empty()) ld["description"] = a.summary;
  if (!a.category.empty()) ld["articleSection"] = a.category;
  if (!a.tags.empty()) {
    std::string keywords;
    for (const auto& t : a.tags) keywords += (keywords.empty() ? "" : ", ") + t;
    ld["keywords"] = keywords;
  }
  const std::string own = absolute_url(b.site, path);
  if (!own.empty()) ld["url"] = own;
  const std::string canonical = canonical_url(b.site, &a, path);
  if (!canonical.empty()) ld["mainEntityOfPage"] = canonical;
  if (a.original && canonical != own) ld["isBasedOn"] = canonical;
  return ld;
}

std::string script_safe_json(const json& value) {
  const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    // Outside strings JSON has none of these characters, so escaping them everywhere is
    // escaping them inside strings, where \u003c means '<' to any JSON reader.
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

std::string page_meta_html(const PageMetaInput& in) {
  const Bundle& b = *in.bundle;
  const Site& site = b.site;
  const json& v = *in.view;
  std::string out;
  const std::string desc = truncate_words(description(in), 300);
  meta(out, "name", "description", desc);
  if (in.noindex) meta(out, "name", "robots", "noindex");
  const std::string canonical = in.noindex ? std::string() : canonical_url(site, in.article, in.path);
  if (!canonical.empty()) link(out, "canonical", canonical);
  if (in.feeds) {
    link(out, "alternate", "feed.xml", "application/atom+xml", site.title);
    link(out, "alternate", "rss.xml", "application/rss+xml", site.title);
  }
  // Open Graph (and the summary card Twitter-style readers fall back on).
  meta(out, "property", "og:type", in.article ? "article" : "website");
  meta(out, "property", "og:title", in.article ? in.article->title : json_string(v, "title"));
  meta(out, "property", "og:description", desc);
  meta(out, "property", "og:site_name", site.title);
  if (!in.noindex) meta(out, "property", "og:url", absolute_url(site, in.path));
  meta(out, "name", "twitter:card", "summary");
  if (in.article) {
    const Article& a = *in.article;
    meta(out, "property", "article:published_time", format_iso(a.date));
    meta(out, "property", "article:section", a.category);
    for (const auto& t : a.tags) meta(out, "property", "article:tag", t);
    out += "<script type=\"application/ld+json\">";
    out += script_safe_json(article_json_ld(b, a, in.path));
    out += "</script>\n";
  }
  return out;
}

}  // namespace carnet
