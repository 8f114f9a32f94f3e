// Static pages, feeds and sitemap of a built site.
#include "static_site.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "feed.hpp"
#include "parallel.hpp"
#include "page_html.hpp"
#include "page_meta.hpp"
#include "page_shell.hpp"
#include "sitemap.hpp"
#include "json_text.hpp"
#include "text.hpp"
#include "views.hpp"

namespace carnet {

using nlohmann::json;

namespace {

const Links kPathLinks{LinkStyle::Path, {}};

void add_list(std::vector<Route>& out, RouteKind kind, const std::string& slug, std::size_t items,
              int page_size = kPageSize) {
  for (int p = 1; p <= page_count(items, page_size); ++p) out.push_back(Route{kind, slug, p, {}});
}

// A slug usable as one folder name.
bool folder_safe(const std::string& s) {
  return !s.empty() && s != "." && s != ".." && s.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

// The site root seen from a page file: "./", "../", "../../"...
std::string relative_root(const std::string& file) {
  std::string up;
  for (const char c : file)
    if (c == '/') up += "../";
  return up.empty() ? "./" : up;
}

// The path part of the site URL ("https://example.org/blog/" -> "/blog/"): 404.html is
// served at any unknown address, so its links must not depend on where it is shown.
std::string url_path(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t slash = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

// The newest date a list page shows (its first card), for the sitemap.
Date newest_on_page(const json& view) {
  const json& items = view["list"]["items"];
  if (!items.is_array() || items.empty()) return {};
  return parse_date(json_string(items[0], "date")).value_or(Date{});
}

}  // namespace

std::vector<Route> static_routes(const Bundle& b) {
  std::vector<Route> out;
  add_list(out, RouteKind::Home, {}, b.articles.size());
  for (const auto& a : b.articles) out.push_back(Route{RouteKind::Post, a.slug});
  std::map<std::string, std::size_t> categories;
  std::map<std::string, std::size_t> tags;
  std::map<std::string, std::size_t> authors;
  for (const auto& [id, author] : b.authors) authors[id];
  for (const auto& a : b.articles) {
    if (!a.category.empty()) ++categories[term_slug(a.category)];
    for (const auto& t : a.tags) ++tags[term_slug(t)];
    ++authors[a.author];
  }
  for (const auto& [slug, n] : categories) add_list(out, RouteKind::Category, slug, n);
  for (const auto& [slug, n] : tags) add_list(out, RouteKind::Tag, slug, n);
  for (const auto& [id, n] : authors) add_list(out, RouteKind::Author, id, n);
  add_list(out, RouteKind::Archive, {}, b.articles.size(), kArchivePageSize);
  out.push_back(Route{RouteKind::Search});
  out.push_back(Route{RouteKind::NotFound});
  return out;
}

std::optional<std::string> page_file(const Route& r) {
  if (r.kind == RouteKind::NotFound) return std::string("404.html");
  if ((r.kind == RouteKind::Post || r.kind == RouteKind::Category || r.kind == RouteKind::Tag ||
       r.kind == RouteKind::Author) && !folder_safe(r.slug))
    return std::nullopt;
  Route plain = r;
  plain.anchor.clear();
  plain.search = {};
  const std::string link = format_link(plain, kPathLinks);
  return link == "./" ? std::string("index.html") : percent_decode(link) + "index.html";
}

StaticSite write_static_site(const Bundle& b, std::string_view shell_html, const WriteFile& write,
                             const ProgressFn& progress, const PageReuse* reuse) {
  StaticSite out;
  std::string error;
  const auto shell = PageShell::parse(shell_html, error);
  if (!shell) {
    out.error = error;
    return out;
  }
  const Site& site = b.site;
  const bool has_url = !site.base_url.empty();
  out.feeds = has_url;
  std::vector<SitemapEntry> sitemap;

  // Pages are rendered on every core, a batch at a time (bounded memory), and written in
  // route order, so the output and its order do not depend on threads.
  struct Page {
    std::string file;
    std::string html;
    std::optional<SitemapEntry> sitemap;
    std::string key;
    bool reusable = false;  // the previous build made this file from the same sources
  };
  // The key of what a page is made from (PageReuse).
  auto key_of = [&](const Route& route) {
    if (!reuse) return std::string();
    if (route.kind != RouteKind::Post || !reuse->body_keys) return reuse->site_key;
    const auto& positions = b.index().position;
    const auto at = positions.find(route.slug);
    return fingerprint(reuse->site_key + (at == positions.end() ? std::string() : (*reuse->body_keys)[at->second]));
  };
  auto render = [&](const Route& route, bool may_reuse) -> std::optional<Page> {
    const auto file = page_file(route);
    if (!file) return std::nullopt;
    std::string key = key_of(route);
    if (may_reuse && reuse && reuse->previous) {
      const auto before = reuse->previous->find(*file);
      if (before != reuse->previous->end() && before->second.key == key)
        return Page{*file, {}, before->second.sitemap, std::move(key), true};
    }
    const json view = build_view(b, route, kPathLinks);
    const std::string kind = json_string(view, "kind");
    if (kind == "notfound" && route.kind != RouteKind::NotFound) return std::nullopt;  // nothing to show there
    const bool not_found = route.kind == RouteKind::NotFound;
    const std::string path = json_string(view, "href");
    const json& strings = view["strings"];

    ShellFill page;
    page.lang = json_string(view, "lang");
    render_main_html(view, page.main_html);
    // What the viewer needs to take this page over: the route it shows, the routing mode,
    // and a digest of <main> (the viewer renders the same route and compares).
    page.html_data = " data-carnet-route=\"" + html_escape(json_string(view, "route")) + "\" data-carnet-routing=\"" +
                     html_escape(site.routing) + "\" data-carnet-digest=\"" + fingerprint(page.main_html) + "\"";
    page.base = not_found && has_url ? url_path(site.base_url) : relative_root(*file);
    page.title = json_string(view, "title");
    PageMetaInput meta;
    meta.bundle = &b;
    meta.view = &view;
    meta.article = route.kind == RouteKind::Post ? b.find_article(route.slug) : nullptr;
    meta.path = path;
    meta.feeds = has_url;
    meta.noindex = not_found || route.kind == RouteKind::Search;
    page.head = page_meta_html(meta);
    page.skip_href = (not_found ? std::string() : path) + "#carnet-main";
    page.skip_text = json_string(strings, "skip_link");
    page.home_href = json_string(view["links"], "home");
    page.site_title = site.title;
    page.nav_label = json_string(strings, "main_nav");
    render_nav_html(view, page.nav_html);
    page.search_label = json_string(strings, "search_label");
    page.search_placeholder = json_string(strings, "search_placeholder");
    page.footer = site.description;
    Page out_page{*file, shell->fill(page), std::nullopt, std::move(key), false};
    if (has_url && !meta.noindex) {
      Date lastmod;
      if (meta.article) lastmod = meta.article->date;
      else if (kind == "list") lastmod = newest_on_page(view);
      else if (!b.articles.empty()) lastmod = b.articles[0].date;
      out_page.sitemap = SitemapEntry{path, lastmod};
    }
    return out_page;
  };

  const std::vector<Route> routes = static_routes(b);
  if (progress) progress(0, routes.size());
  b.index();  // built once here: the threads below only read it
  constexpr std::size_t kBatch = 256;
  std::vector<std::optional<Page>> batch;
  for (std::size_t from = 0; from < routes.size(); from += kBatch) {
    const std::size_t n = std::min(kBatch, routes.size() - from);
    batch.assign(n, std::nullopt);
    parallel_for(n, [&](std::size_t i) { batch[i] = render(routes[from + i], true); });
    for (std::size_t i = 0; i < n; ++i) {
      auto& p = batch[i];
      if (!p) continue;
      // Not kept (its file is gone, or it is one the service worker needs the bytes of):
      // made after all.
      if (p->reusable && !(reuse->keep && reuse->keep(p->file))) p = render(routes[from + i], false);
      if (!p) continue;
      if (!p->reusable && !write(p->file, p->html)) return out;
      out.records[p->file] = PageRecord{p->key, p->sitemap};
      out.pages.push_back(p->file);
      out.files.push_back(p->file);
      if (p->sitemap) sitemap.push_back(*p->sitemap);
    }
    if (progress) progress(from + n, routes.size());
  }

  if (!has_url) return out;
  const std::pair<const char*, std::string> extras[] = {
      {kAtomFile, atom_feed(b)}, {kRssFile, rss_feed(b)}, {kSitemapFile, sitemap_xml(site, sitemap)}};
  for (const auto& [name, bytes] : extras) {
    if (!write(name, bytes)) return out;
    out.files.push_back(name);
  }
  return out;
}

}  // namespace carnet
