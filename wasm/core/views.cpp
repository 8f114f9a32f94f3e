// View-model builders, one per route kind.
#include "views.hpp"

#include <algorithm>
#include <map>

#include "date.hpp"
#include "i18n.hpp"
#include "markdown.hpp"
#include "text.hpp"
#include "typography.hpp"

namespace carnet {

using nlohmann::json;

namespace {

const char* const kTitleSeparator = " \xE2\x80\x94 ";  // " — "
constexpr std::size_t kPieceBytes = 128 * 1024;  // article HTML painted at a time (see "more")
constexpr std::size_t kMaxTocEntries = 300;

// What every builder needs: the bundle, how links are written (hash or clean paths), and
// what the reader chose.
struct Ctx {
  const Bundle& b;
  const Links& links;
  const ViewOptions& options;

  std::string href(const Route& route) const { return format_link(route, links); }
  std::string href(RouteKind kind, std::string_view slug = {}, int page = 1) const {
    return href(Route{kind, std::string(slug), page, {}});
  }
  // For Markdown's own "#/…" links: kept as written in plain hash style.
  const Links* markdown_links() const {
    return links.style == LinkStyle::Hash && links.prefix.empty() ? nullptr : &links;
  }
  json term_link(RouteKind kind, const std::string& name) const {
    if (name.empty()) return nullptr;
    return {{"name", name}, {"href", href(kind, term_slug(name))}};
  }
};

// Text as the reader sees it: French spacing for French text.
std::string typeset(const std::string& text, const std::string& lang) {
  return wants_french_spacing(lang) ? french_spacing(text) : text;
}

std::string safe_or_empty(std::string_view url, UrlContext ctx) {
  auto u = safe_url(url, ctx);
  return u ? *u : std::string();
}

json author_card(const Ctx& c, const std::string& id, bool with_bio) {
  const Bundle& b = c.b;
  const Author* a = b.find_author(id);
  json card = {{"id", id}, {"name", a ? a->name : id}, {"href", c.href(RouteKind::Author, id)}};
  if (!a || !with_bio) return card;
  card["avatar"] = safe_or_empty(a->avatar, UrlContext::Image);
  std::string bio;
  MarkdownOptions opts;
  opts.base_dir = b.assets + "authors/";
  opts.image_sizes = &b.image_sizes;
  opts.route_links = c.markdown_links();
  render_markdown(a->bio, opts, bio);
  card["bio_html"] = bio;
  json links = json::array();
  for (const auto& l : a->links)
    if (auto u = safe_url(l.url, UrlContext::Link)) links.push_back({{"label", l.label}, {"url", *u}});
  card["links"] = links;
  return card;
}

json card(const Ctx& c, const Article& a, std::string_view ui_lang) {
  json tags = json::array();
  for (const auto& t : a.tags) tags.push_back(c.term_link(RouteKind::Tag, t));
  return {{"slug", a.slug},
          {"href", c.href(RouteKind::Post, a.slug)},
          {"title", typeset(a.title, a.lang)},
          {"date", format_iso(a.date)},
          {"date_text", format_long(a.date, ui_lang)},
          {"summary", typeset(a.summary, a.lang)},
          {"lang", a.lang},
          {"author", author_card(c, a.author, false)},
          {"category", c.term_link(RouteKind::Category, a.category)},
          {"tags", tags},
          {"reading_time", reading_time(a.words, ui_lang)}};
}

json categories(const Ctx& c) {
  const Bundle& b = c.b;
  if (b.partial()) {  // a sharded site still loading: the counts of the whole site, from its boot file
    json out = json::array();
    for (const auto& [name, count] : b.category_counts)
      out.push_back({{"name", name}, {"href", c.href(RouteKind::Category, term_slug(name))}, {"count", count}});
    return out;
  }
  json out = json::array();
  for (const auto& [slug, term] : b.index().categories)
    out.push_back({{"name", term.name}, {"href", c.href(RouteKind::Category, slug)}, {"count", term.items.size()}});
  return out;
}

// The languages of one page: its content's (the document's lang) and its UI's (the
// content's, unless the reader chose one).
struct Langs {
  std::string content;
  std::string ui;
  bool chosen = false;
};

Langs page_langs(const Ctx& c, const std::string& content_lang) {
  const std::string& chosen = c.options.ui_lang;
  return {content_lang, ui_language(chosen.empty() ? content_lang : chosen), !chosen.empty()};
}

json base_view(const Ctx& c, const char* kind, const Route& route, const Langs& langs,
               const std::string& title) {
  const Bundle& b = c.b;
  const std::string doc_title = title.empty() ? b.site.title : title + kTitleSeparator + b.site.title;
  return {{"kind", kind},
          {"route", format_route(route)},  // the route's identity, whatever the link style
          {"href", c.href(route)},
          {"links", {{"home", c.href(RouteKind::Home)},
                     {"archive", c.href(RouteKind::Archive)},
                     {"search", c.href(RouteKind::Search)}}},
          {"lang", langs.content},
          {"ui_lang", langs.ui},
          {"language_switch", language_switch(langs.ui, langs.chosen)},
          {"title", doc_title},
          {"strings", ui_strings(langs.ui)},
          {"site", {{"title", b.site.title}, {"description", b.site.description}, {"lang", b.site.lang}}},
          {"categories", categories(c)}};
}

json not_found_view(const Ctx& c) {
  const Langs langs = page_langs(c, c.b.site.lang);
  const std::string& lang = langs.ui;
  json v = base_view(c, "notfound", Route{RouteKind::NotFound, {}, 1, {}}, langs, ui_text("not_found", lang));
  v["notfound"] = {{"heading", ui_text("not_found", lang)},
                   {"text", ui_text("not_found_text", lang)},
                   {"home", {{"href", c.href(RouteKind::Home)}, {"label", ui_text("back_home", lang)}}}};
  return v;
}

// A view that needs what a sharded site has not loaded yet (shards.hpp): `needs` is "meta"
// (the metadata of every article) or "chunk" (the body of article `slug`).
json pending_view(const Route& route, const char* needs, const std::string& slug = {}) {
  return {{"kind", "pending"}, {"route", format_route(route)}, {"needs", needs}, {"slug", slug}};
}

// The articles of a list, newest first: every article, or those at `positions`. Only the
// page shown is looked at, so a page of a 100,000-article list costs what a page of 10 does.
// In a bundle of a run of a list (list_bundle), item i of the list is the run's i - first.
struct ListItems {
  const Bundle& b;
  const std::vector<std::size_t>* positions;  // null: every article
  std::size_t first = 0;                      // the list's items before the bundle's
  std::size_t size() const { return first + (positions ? positions->size() : b.articles.size()); }
  const Article& operator[](std::size_t i) const { return b.articles[positions ? (*positions)[i - first] : i - first]; }
};

// The title of page `route.page`: `title_base`, then "Page N" past the first.
std::string paged_title(const std::string& title_base, const Route& route, const std::string& lang) {
  if (route.page <= 1) return title_base;
  const std::string p = ui_text("page", lang) + " " + std::to_string(route.page);
  return title_base.empty() ? p : title_base + kTitleSeparator + p;
}

// The fields the pagination of page `route.page` of `pages` shows: page, pages, page_text,
// and the newer and older pages' links.
void put_pagination(json& out, const Ctx& c, const Route& route, int pages, const std::string& lang) {
  auto page_link = [&](int p, const char* label) -> json {
    if (p < 1 || p > pages) return nullptr;
    Route r = route;
    r.page = p;
    return {{"href", c.href(r)}, {"label", ui_text(label, lang)}};
  };
  out["page"] = route.page;
  out["pages"] = pages;
  out["page_text"] = ui_text("page", lang) + " " + std::to_string(route.page) + " " + ui_text("of", lang) + " " +
                     std::to_string(pages);
  out["newer"] = page_link(route.page - 1, "newer");
  out["older"] = page_link(route.page + 1, "older");
}

// A paginated list of `items` under `heading`; `total` (when more than items.size()) is the
// length of the whole list while only its first page is loaded.
json list_view(const Ctx& c, const Route& route, const ListItems& items, const std::string& heading,
               const std::string& title_base, std::size_t total = 0) {
  const Bundle& b = c.b;
  const Langs langs = page_langs(c, b.site.lang);
  const std::string& lang = langs.ui;
  total = std::max(total, items.size());
  const int pages = page_count(total, kPageSize);
  if (route.page > pages) return not_found_view(c);
  json v = base_view(c, "list", route, langs, paged_title(title_base, route, lang));
  json cards = json::array();
  const std::size_t from = static_cast<std::size_t>(route.page - 1) * kPageSize;
  for (std::size_t i = std::max(from, items.first); i < items.size() && i < from + kPageSize; ++i)
    cards.push_back(card(c, items[i], lang));
  json list = {{"type", route_kind_name(route.kind)},
               {"heading", heading},
               {"count_text", count_articles(total, lang)},
               {"items", cards},
               {"empty_text", ui_text("no_articles", lang)}};
  put_pagination(list, c, route, pages, lang);
  v["list"] = std::move(list);
  return v;
}

json home_view(const Ctx& c, const Route& route) {
  if (c.b.partial() && static_cast<std::size_t>(route.page) * kPageSize > c.b.articles.size())
    return pending_view(route, "meta");
  return list_view(c, route, ListItems{c.b, nullptr}, c.b.site.title, "", c.b.total);
}

json term_view(const Ctx& c, const Route& route) {
  const Bundle& b = c.b;
  const BundleIndex& idx = b.index();
  const BundleIndex::Term* term = nullptr;
  if (route.kind == RouteKind::Category) {
    const auto it = idx.categories.find(route.slug);
    if (it != idx.categories.end()) term = &it->second;
  } else {
    const auto it = idx.tags.find(route.slug);
    if (it != idx.tags.end()) term = &it->second;
  }
  if (!term || term->items.empty()) return not_found_view(c);
  const std::string heading =
      labelled(route.kind == RouteKind::Category ? "category" : "tag", term->name, page_langs(c, b.site.lang).ui);
  return list_view(c, route, ListItems{b, &term->items, b.list_first}, heading, heading, b.list_total);
}

json author_view(const Ctx& c, const Route& route) {
  const Bundle& b = c.b;
  static const std::vector<std::size_t> kNone;
  const auto by_author = b.index().authors.find(route.slug);
  const ListItems items{b, by_author == b.index().authors.end() ? &kNone : &by_author->second, b.list_first};
  const Author* author = b.find_author(route.slug);
  if (!author && items.size() == 0) return not_found_view(c);
  const std::string name = author ? author->name : route.slug;
  const std::string heading = ui_text("posts_by", page_langs(c, b.site.lang).ui) + " " + name;
  json v = list_view(c, route, items, heading, name, b.list_total);
  if (v["kind"] == "list") v["list"]["author"] = author_card(c, route.slug, true);
  return v;
}

// By year then month, newest first, kArchivePageSize articles a page; a year's count is
// the whole year's, also on a page that shows part of it.
json archive_view(const Ctx& c, const Route& route) {
  const Bundle& b = c.b;
  const Langs langs = page_langs(c, b.site.lang);
  const std::string& lang = langs.ui;
  const std::size_t total = std::max(b.total, b.articles.size());  // a sharded site still loading: its boot count
  const int pages = page_count(total, kArchivePageSize);
  if (route.page > pages) return not_found_view(c);
  json v = base_view(c, "archive", route, langs, paged_title(ui_text("archive", lang), route, lang));
  const std::size_t from = static_cast<std::size_t>(route.page - 1) * kArchivePageSize;
  const std::size_t to = std::min(b.articles.size(), from + kArchivePageSize);
  json years = json::array();
  for (std::size_t i = from; i < to; ++i) {  // newest first, so years and months come out in order
    const Article& a = b.articles[i];
    if (years.empty() || years.back()["year"] != a.date.year) {
      std::size_t count = 0;  // the whole year's: the articles around this page too
      if (b.partial()) {
        for (const auto& [year, n] : b.year_counts)
          if (year == a.date.year) count = n;
      } else {
        for (std::size_t k = i; k < b.articles.size() && b.articles[k].date.year == a.date.year; ++k) ++count;
        for (std::size_t k = i; k > 0 && b.articles[k - 1].date.year == a.date.year; --k) ++count;
      }
      years.push_back({{"year", a.date.year},
                       {"months", json::array()},
                       {"count", count},
                       {"count_text", count_articles(count, lang)}});
    }
    json& months = years.back()["months"];
    if (months.empty() || months.back()["month"] != a.date.month)
      months.push_back({{"month", a.date.month}, {"label", format_month(a.date.year, a.date.month, lang)},
                        {"items", json::array()}});
    months.back()["items"].push_back({{"title", typeset(a.title, a.lang)},
                                      {"href", c.href(RouteKind::Post, a.slug)},
                                      {"date", format_iso(a.date)},
                                      {"date_text", format_long(a.date, lang)}});
  }
  json archive = {{"heading", ui_text("archive", lang)},
                  {"count_text", count_articles(total, lang)},
                  {"years", years}};
  put_pagination(archive, c, route, pages, lang);
  v["archive"] = std::move(archive);
  return v;
}

// The search page's frame: the query as understood, labels, and links that do not depend on
// results. The results themselves come from the search worker (search.hpp).
json search_view(const Ctx& c, const Route& route) {
  const Bundle& b = c.b;
  const Langs langs = page_langs(c, b.site.lang);
  const std::string& lang = langs.ui;
  const SearchQuery& q = route.search;
  const std::string heading = ui_text("search", lang);
  const std::string words = truncate_words(q.q, 80);
  const std::string title = words.empty() ? heading : quoted(words, lang) + kTitleSeparator + heading;
  json v = base_view(c, "search", route, langs, title);
  SearchQuery cleared;
  cleared.q = q.q;
  cleared.sort = q.sort;
  v["search"] = {{"heading", heading},
                 {"query_string", format_search_query(q)},
                 {"q", q.q},
                 {"categories", q.categories},
                 {"tags", q.tags},
                 {"authors", q.authors},
                 {"langs", q.langs},
                 {"from", q.from ? format_iso(*q.from) : ""},
                 {"to", q.to ? format_iso(*q.to) : ""},
                 {"sort", q.sort == SearchQuery::Sort::Date ? "date" : "relevance"},
                 {"has_filters", !q.categories.empty() || !q.tags.empty() || !q.authors.empty() ||
                                     !q.langs.empty() || q.from || q.to},
                 {"clear_href", c.href(Route{RouteKind::Search, {}, 1, {}, cleared})}};
  return v;
}

json article_view(const Ctx& c, const Route& route) {
  const Bundle& b = c.b;
  const auto found = b.index().position.find(route.slug);
  const std::size_t index = found == b.index().position.end() ? b.articles.size() : found->second;
  // Still loading: an unknown slug may come with the rest of the metadata, and the older
  // neighbour of the last article loaded is not known yet.
  if (b.partial() && (index == b.articles.size() || (index + 1 == b.articles.size() && b.more_after())))
    return pending_view(route, "meta");
  if (index == b.articles.size()) return not_found_view(c);
  const Article& a = b.articles[index];
  const auto body = b.bodies.find(a.slug);
  if (body == b.bodies.end() && b.bodies_on_demand) return pending_view(route, "chunk", a.slug);
  const Langs langs = page_langs(c, a.lang.empty() ? b.site.lang : a.lang);
  const std::string& lang = langs.ui;
  Route canonical{RouteKind::Post, a.slug, 1, {}};
  const std::string title = typeset(a.title, a.lang);
  json v = base_view(c, "article", canonical, langs, title);

  std::string html;
  MarkdownOptions opts;
  opts.base_dir = article_base_dir(b, a);
  opts.image_sizes = &b.image_sizes;
  opts.anchor_route = c.href(canonical);
  opts.route_links = c.markdown_links();
  opts.break_every = kPieceBytes;
  const MarkdownResult md = render_markdown(body == b.bodies.end() ? std::string_view() : body->second, opts, html);
  // A huge article is shown a piece at a time (web/js/pieces.js): its first piece now, the
  // others as the reader scrolls. Pieces are whole top-level blocks.
  json more = json::array();
  if (!md.breaks.empty() && md.breaks.front() < html.size()) {
    for (std::size_t i = 0; i < md.breaks.size(); ++i) {
      const std::size_t end = i + 1 < md.breaks.size() ? md.breaks[i + 1] : html.size();
      if (end > md.breaks[i]) more.push_back(html.substr(md.breaks[i], end - md.breaks[i]));
    }
    html.resize(md.breaks.front());
  }
  // French spacing piece by piece: pieces are whole blocks, so no <code> spans two of them.
  if (wants_french_spacing(a.lang)) {
    html = french_spacing_html(html);
    for (auto& piece : more) piece = french_spacing_html(piece.get<std::string>());
  }

  // A table of contents past a few hundred entries helps nobody and costs a long layout.
  json toc = json::array();
  for (const auto& t : md.toc) {
    if (toc.size() == kMaxTocEntries) break;
    toc.push_back({{"level", t.level}, {"id", t.id}, {"text", typeset(t.text, a.lang)},
                   {"href", c.href(Route{RouteKind::Post, a.slug, 1, t.id})}});
  }
  auto neighbour = [&](std::size_t i, const char* label) -> json {
    if (i >= b.articles.size()) return nullptr;
    return {{"title", typeset(b.articles[i].title, b.articles[i].lang)}, {"href", c.href(RouteKind::Post, b.articles[i].slug)},
            {"label", ui_text(label, lang)}};
  };
  json tags = json::array();
  for (const auto& t : a.tags) tags.push_back(c.term_link(RouteKind::Tag, t));
  json related = json::array();
  for (const auto& slug : a.related) {
    const std::optional<ArticleCard> r = b.find_card(slug);  // a hand-edited bundle may name a missing one
    if (!r || slug == a.slug) continue;
    related.push_back({{"title", typeset(r->title, r->lang)},
                       {"href", c.href(RouteKind::Post, slug)},
                       {"date", format_iso(r->date)},
                       {"date_text", format_long(r->date, lang)},
                       {"lang", r->lang}});
  }
  json original = nullptr;
  if (a.original) {
    if (auto u = safe_url(a.original->url, UrlContext::Link))
      original = {{"name", a.original->name}, {"url", *u}, {"label", ui_text("originally_published", lang)}};
  }
  v["article"] = {{"slug", a.slug},
                  {"title", title},
                  {"date", format_iso(a.date)},
                  {"date_text", format_long(a.date, lang)},
                  {"lang", a.lang},
                  {"author", author_card(c, a.author, true)},
                  {"category", c.term_link(RouteKind::Category, a.category)},
                  {"tags", tags},
                  {"reading_time", reading_time(md.words, lang)},
                  {"original", original},
                  {"html", std::move(html)},
                  {"more", std::move(more)},
                  {"toc", toc},
                  {"blocked_urls", md.blocked_urls},
                  {"related", related},
                  {"older", neighbour(index + 1, "previous_article")},
                  {"newer", index > 0 ? neighbour(index - 1, "next_article") : json(nullptr)}};
  v["anchor"] = route.anchor;
  return v;
}

}  // namespace

int page_count(std::size_t items, int page_size) {
  return std::max(1, static_cast<int>((items + page_size - 1) / page_size));
}

bool list_page_loaded(const Bundle& b, const Route& route) {
  if (b.list_key.empty() || route.kind == RouteKind::Archive ||
      b.list_key != list_key(route_kind_name(route.kind), route.slug))
    return false;
  const std::size_t from = static_cast<std::size_t>(route.page - 1) * kPageSize;
  const std::size_t end = b.list_first + b.articles.size();
  if (from >= b.list_total) return true;  // past the list's end: "not found"
  return from >= b.list_first && (from + kPageSize <= end || end >= b.list_total);
}

std::string article_base_dir(const Bundle& b, const Article& a) {
  const auto slash = a.source.rfind('/');
  return b.assets + (slash == std::string::npos ? std::string() : a.source.substr(0, slash + 1));
}

json build_view(const Bundle& b, const Route& route, const Links& links, const ViewOptions& options) {
  const Ctx c{b, links, options};
  // Lists of a category, tag or author need every article's metadata (or a bundle of their
  // own, list_bundle); a page of the archive, its articles and the boot file's year counts.
  const bool whole_list = route.kind == RouteKind::Category || route.kind == RouteKind::Tag ||
                          route.kind == RouteKind::Author;
  if (b.partial() && whole_list && !list_page_loaded(b, route)) return pending_view(route, "meta");
  if (b.partial() && route.kind == RouteKind::Archive) {
    const std::size_t from = static_cast<std::size_t>(route.page - 1) * kArchivePageSize;
    const std::size_t to = std::min(b.total, from + kArchivePageSize);
    if (b.year_counts.empty() || (from < b.total && b.articles.size() < to)) return pending_view(route, "meta");
  }
  switch (route.kind) {
    case RouteKind::Home: return home_view(c, route);
    case RouteKind::Post: return article_view(c, route);
    case RouteKind::Category:
    case RouteKind::Tag: return term_view(c, route);
    case RouteKind::Author: return author_view(c, route);
    case RouteKind::Archive: return archive_view(c, route);
    case RouteKind::Search: return search_view(c, route);
    case RouteKind::NotFound: break;
  }
  return not_found_view(c);
}

}  // namespace carnet
