// Viewer: glue between bundle loading, routing and view models; all errors become JSON.
#include "viewer.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "i18n.hpp"
#include "json_text.hpp"
#include "page_html.hpp"
#include "router.hpp"
#include "text.hpp"
#include "views.hpp"

namespace carnet {

using nlohmann::json;

namespace {
// Invalid UTF-8 that slipped into a string never breaks the answer: it becomes U+FFFD.
std::string dump(const json& j) { return write_json(j); }

// Moves an article view's pieces (article.more, HTML strings) into `pieces`, leaving their count.
void take_pieces(json& view, std::vector<std::string>& pieces) {
  pieces.clear();
  const auto article = view.find("article");
  if (article == view.end() || !article->contains("more")) return;
  json& more = (*article)["more"];
  for (auto& p : more) pieces.push_back(std::move(p.get_ref<std::string&>()));
  more = pieces.size();
}
}  // namespace

std::string Viewer::load(std::string_view bundle_json) {
  BundleLoad result;
  json directory = {{"sharded", false}, {"complete", true}, {"meta", json::array()}, {"index", "search-index.bin"}};
  shards_.reset();
  where_files_.clear();
  where_tried_.clear();
  chunks_tried_.clear();
  chunk_bundles_.clear();
  lists_files_.clear();
  lists_tried_.clear();
  list_bundles_.clear();
  list_more_.clear();
  // One parse, then the format decides: a whole bundle, or a sharded site's boot file.
  const json root = parse_json_text(bundle_json, "bundle.json: ", result.error);
  if (root.is_discarded()) {
    // result.error says why
  } else if (format_of(root) == kBootFormat) {
    BootLoad boot = load_boot_json(root);
    result = std::move(boot.load);
    if (result.bundle) {
      shards_ = std::move(boot.progress);
      where_files_ = boot.directory.where;
      lists_files_ = boot.directory.lists;
      directory = {{"sharded", true},
                   {"complete", !result.bundle->partial()},
                   {"meta", boot.directory.meta},
                   {"index", boot.directory.index}};
    }
  } else {
    result = load_bundle_json(root);
  }
  json report = {{"ok", result.bundle.has_value()}, {"error", result.error}};
  report.update(directory);
  json skipped = json::array();
  for (const auto& s : result.skipped) skipped.push_back(s.message());
  report["skipped"] = skipped;
  report["warnings"] = result.warnings;
  if (result.bundle) {
    report["articles"] = result.bundle->articles.size();
    report["strings"] = ui_strings(result.bundle->site.lang);
    report["lang"] = ui_language(result.bundle->site.lang);
    report["routing"] = result.bundle->site.routing;
    bundle_ = std::move(result.bundle);
    error_.clear();
  } else {
    report["articles"] = 0;
    report["strings"] = ui_strings("en");
    error_ = result.error;
  }
  return dump(report);
}

std::string Viewer::add_meta(std::string_view part_json, std::string_view name) {
  if (!bundle_ || !shards_) return dump({{"ok", false}, {"error", "no sharded site loaded"}});
  std::vector<Skipped> skipped;
  const std::string error = load_meta_part(part_json, name, *bundle_, *shards_, skipped);
  json list = json::array();
  for (const auto& s : skipped) list.push_back(s.message());
  // Once every row is read, the site is whole: views stop answering "pending" for metadata
  // (skipped rows included, so a bad entry never leaves the site partial forever).
  if (shards_->rows >= bundle_->total) bundle_->total = 0;
  if (!bundle_->partial()) {
    chunk_bundles_.clear();
    list_bundles_.clear();
  }
  return dump({{"ok", error.empty()},
               {"error", error},
               {"skipped", list},
               {"complete", !bundle_->partial()},
               {"articles", bundle_->articles.size()}});
}

std::string Viewer::add_chunk(std::string_view chunk_json, std::string_view name) {
  if (!bundle_ || !shards_) return "no sharded site loaded";
  ChunkLoad chunk = load_chunk(chunk_json, name);
  if (!chunk.error.empty()) return chunk.error;
  std::size_t used = 0;
  if (bundle_->partial()) {
    chunks_tried_.emplace(name);
    std::vector<Skipped> skipped;  // the metadata part listing them reports them too
    if (std::optional<Bundle> own = chunk_bundle(chunk, name, *bundle_, skipped)) {
      used += own->bodies.size();
      if (chunk_bundles_.size() == kChunkBundlesKept) chunk_bundles_.erase(chunk_bundles_.begin());
      chunk_bundles_.push_back(std::move(*own));
    }
  }
  for (auto& [slug, card] : chunk.cards) bundle_->cards.emplace(slug, std::move(card));
  for (auto& a : bundle_->articles) {
    const auto where = shards_->chunk_of.find(a.slug);
    if (where == shards_->chunk_of.end() || where->second != name) continue;
    auto it = chunk.articles.find(a.slug);
    if (it == chunk.articles.end()) continue;
    take_chunk_article(std::move(it->second), a, *bundle_);
    ++used;
  }
  if (used == 0 && !chunk.articles.empty())
    return std::string(name) + ": holds none of the articles the site says it does";
  return {};
}

std::string Viewer::add_where(std::string_view where_json, std::string_view name) {
  if (!bundle_ || !shards_) return "no sharded site loaded";
  where_tried_.emplace(name);
  WhereLoad where = load_where(where_json, name);
  if (!where.error.empty()) return where.error;
  // Slugs whose metadata is loaded keep the chunk it names (the same, from the same build).
  for (auto& [slug, chunk] : where.chunk_of) shards_->chunk_of.emplace(slug, std::move(chunk));
  return {};
}

std::string Viewer::add_lists(std::string_view lists_json, std::string_view name) {
  if (!bundle_ || !shards_) return "no sharded site loaded";
  lists_tried_.emplace(name);
  ListsLoad lists = load_lists(lists_json, name);
  if (!lists.error.empty()) return lists.error;
  if (!bundle_->partial()) return {};
  for (auto& [key, list] : lists.lists) {
    if (!list.more.empty()) list_more_[key] = std::move(list.more);
    std::vector<Skipped> skipped;  // the metadata parts report them too
    // Its articles' chunks are known from now on (a click on one fetches it directly).
    std::optional<Bundle> own = list_bundle(list, key, name, *bundle_, shards_->chunk_of, skipped);
    if (!own) continue;
    if (list_bundles_.size() == kListBundlesKept) list_bundles_.erase(list_bundles_.begin());
    list_bundles_.push_back(std::move(*own));
  }
  return {};
}

json Viewer::route_view(const Route& route, const Links& links) const {
  json view = build_view(*bundle_, route, links, options_);
  if (!shards_ || view["kind"] != "pending" || view["needs"] != "meta") return view;
  if (route.kind == RouteKind::Category || route.kind == RouteKind::Tag || route.kind == RouteKind::Author) {
    // A list's pages: from its "lists" files, before the metadata parts.
    const std::string key = list_key(route_kind_name(route.kind), route.slug);
    for (auto it = list_bundles_.rbegin(); it != list_bundles_.rend(); ++it) {
      if (it->list_key != key) continue;
      json own = build_view(*it, route, links, options_);
      if (own["kind"] != "pending") return own;
    }
    if (std::string file = lists_file_for(route); !file.empty() && !lists_tried_.count(file)) {
      view["needs"] = "lists";
      view["lists"] = std::move(file);
    }
    return view;
  }
  if (route.kind != RouteKind::Post) return view;
  // An article whose metadata is still to come: from a chunk that holds it...
  for (auto it = chunk_bundles_.rbegin(); it != chunk_bundles_.rend(); ++it) {
    if (!it->bodies.count(route.slug)) continue;
    json own = build_view(*it, route, links, options_);
    if (own["kind"] != "pending") return own;
  }
  // ...which a metadata part or a "where" file names.
  if (const std::string chunk = chunk_of(route.slug); !chunk.empty()) {
    if (chunks_tried_.count(chunk)) return view;  // it came without that article's metadata
    view["needs"] = "chunk";
    view["chunk"] = chunk;
    return view;
  }
  if (!where_files_.empty()) {
    const std::string& file = where_files_[where_file_of(route.slug, where_files_.size())];
    if (!where_tried_.count(file)) {
      view["needs"] = "where";
      view["where"] = file;
    }
  }
  return view;
}

std::string Viewer::lists_file_for(const Route& route) const {
  const std::string key = list_key(route_kind_name(route.kind), route.slug);
  // The list's first file (the boot file's directory places it) holds its first pages and
  // names the files of the others.
  const std::size_t row = static_cast<std::size_t>(route.page - 1) * kPageSize;
  if (const auto more = list_more_.find(key); more != list_more_.end() && row >= more->second.front().from) {
    const auto block = std::upper_bound(more->second.begin(), more->second.end(), row,
                                        [](std::size_t r, const ListsLoad::Block& b) { return r < b.from; }) - 1;
    return block->file;
  }
  return lists_files_.empty() ? std::string() : lists_files_[list_file_of(key, lists_files_.size())];
}

std::string Viewer::lists_for(std::string_view route) const {
  if (!bundle_ || !shards_ || !bundle_->partial()) return {};
  const Route r = parse_route(route);
  if (r.kind != RouteKind::Category && r.kind != RouteKind::Tag && r.kind != RouteKind::Author) return {};
  for (const Bundle& b : list_bundles_)
    if (list_page_loaded(b, r)) return {};
  std::string file = lists_file_for(r);
  return lists_tried_.count(file) ? std::string() : file;
}

std::string Viewer::chunk_for(std::string_view route) const {
  if (!bundle_ || !shards_) return {};
  const Route r = parse_route(route);
  if (r.kind != RouteKind::Post || bundle_->bodies.count(r.slug)) return {};
  const auto it = shards_->chunk_of.find(r.slug);
  return it == shards_->chunk_of.end() ? std::string() : it->second;
}

std::string Viewer::chunk_of(std::string_view slug) const {
  if (!shards_) return {};
  const auto it = shards_->chunk_of.find(std::string(slug));
  return it == shards_->chunk_of.end() ? std::string() : it->second;
}

std::string Viewer::view(std::string_view hash) const {
  if (!bundle_) return dump({{"kind", "error"}, {"error", error_.empty() ? "no bundle loaded" : error_}});
  json view = route_view(parse_route(hash), Links{});
  take_pieces(view, pieces_);
  return dump(view);
}

void Viewer::set_ui_language(std::string_view lang) {
  options_.ui_lang = lang == "fr" || lang == "en" ? std::string(lang) : std::string();
}

std::string Viewer::piece(std::size_t index) const { return index < pieces_.size() ? pieces_[index] : std::string(); }

std::string Viewer::page(std::string_view route, const Links& links) const {
  json page;
  if (!bundle_) {
    const std::string title = ui_text("load_error", "en");
    const std::string error = error_.empty() ? "no bundle loaded" : error_;
    page = {{"kind", "error"}, {"error", error}, {"title", title}, {"lang", "en"}, {"strings", ui_strings("en")}};
    std::string html;
    render_error_html(title, error, html);
    page["html"] = std::move(html);
    return dump(page);
  }
  json view = route_view(parse_route(route), links);
  if (view["kind"] == "pending") {  // a sharded site: the shell fetches what is missing, then asks again
    if (view["needs"] == "chunk" && !view.contains("chunk")) view["chunk"] = chunk_for(route);
    return dump(view);
  }
  take_pieces(view, pieces_);  // a huge article: its first piece now, the others by piece()
  std::string html;
  render_main_html(view, html);
  std::string nav;
  render_nav_html(view, nav);
  // Only what the shell reads besides the HTML: the rest is in the HTML already.
  for (const char* key : {"kind", "route", "href", "title", "lang", "ui_lang", "language_switch", "anchor", "strings",
                          "site", "links", "search"})
    if (view.contains(key)) page[key] = view[key];
  if (view.contains("article"))
    page["article"] = {{"slug", view["article"]["slug"]}, {"more", view["article"]["more"]}};
  page["digest"] = fingerprint(html);  // a static page of this route shows the same (static_site.hpp)
  page["html"] = std::move(html);
  page["nav_html"] = std::move(nav);
  return dump(page);
}

std::string Viewer::canonical(std::string_view hash) { return format_route(parse_route(hash)); }

std::string Viewer::link(std::string_view route, const Links& links) { return format_link(parse_route(route), links); }

}  // namespace carnet
