// The viewer's state machine behind the JS shell: load a bundle, answer views. JSON text
// in, JSON text out, so the wasm boundary stays coarse (see wasm/bindings/bindings.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "router.hpp"
#include "shards.hpp"
#include "views.hpp"

namespace carnet {

class Viewer {
 public:
  // Loads (or replaces) the bundle. Returns the load report:
  // {"ok": bool, "error": "...", "skipped": ["article 3 ('x'): field 'date' ..."],
  //  "warnings": [...], "articles": N, "strings": {...UI strings of the site language},
  //  "lang": "fr", "routing": "hash" | "history"}
  // A sharded site's boot file (shards.hpp) loads the same way; its report also says
  // "sharded": true, "complete" (false while metadata parts are to come), "meta" (their
  // files, to load in order with add_meta) and "index" (the search index file).
  std::string load(std::string_view bundle_json);

  // A sharded site's metadata part, after the boot file: {"ok", "error", "skipped",
  // "complete", "articles"}.
  std::string add_meta(std::string_view part_json, std::string_view name);

  // A sharded site's content chunk `name`: the bodies of the articles it holds. Returns ""
  // or the error (the article that needed it says so; the rest of the blog is unaffected).
  // While metadata parts are still to come, the chunk's own metadata shows its articles.
  std::string add_chunk(std::string_view chunk_json, std::string_view name);

  // A sharded site's "where" file `name` (slug -> chunk): an article not loaded yet is then
  // fetched by its chunk instead of after every metadata part before it. Returns "" or the
  // error; either way the file is not asked for again (articles it lists wait for the
  // metadata instead).
  std::string add_where(std::string_view where_json, std::string_view name);

  // A sharded site's "lists" file `name`: pages of the category, tag and author lists it
  // holds (their first ones, or a later run of one list's), shown before the metadata parts.
  // Returns "" or the error; either way the file is not asked for again (its pages then wait
  // for the metadata).
  std::string add_lists(std::string_view lists_json, std::string_view name);

  // The chunk a route needs and has not been loaded ("" for any other route): for prefetching.
  std::string chunk_for(std::string_view route) const;
  // The same for the "lists" file a page of a category, tag or author list needs.
  std::string lists_for(std::string_view route) const;
  // The chunk holding an article's body, loaded or not ("" when unknown yet): search
  // snippets.
  std::string chunk_of(std::string_view slug) const;

  // The view model for a location hash ("#/post/hello"), as JSON text. Before a successful
  // load: {"kind": "error", ...}. A huge article's HTML comes in pieces (views.hpp): the view
  // holds the first, and article.more the number of the others, kept here for piece().
  std::string view(std::string_view hash) const;

  // A page for a route (a location hash, or a path from the site root: "/post/x/"), as
  // JSON text: the view's small fields (kind, route, href, title, lang, ui_lang,
  // language_switch, anchor, strings, site, links, search; article.slug) plus "html" (the children of <main>, page_html.hpp),
  // "nav_html" and "digest" (fingerprint of "html", as on static pages); a huge
  // article's "html" is its first piece, article.more the number of the others (piece()).
  // Every link is written with `links`. Before a successful load: the "error" page. A
  // sharded site answers {"kind": "pending", "route", "needs": "meta"} while the view needs
  // metadata still to come, {"kind": "pending", "needs": "chunk", "chunk": file} for an
  // article whose chunk is not loaded, {"kind": "pending", "needs": "where", "where":
  // file} for an article not loaded yet whose chunk that "where" file names, or {"kind":
  // "pending", "needs": "lists", "lists": file} for the first pages of a category, tag or
  // author list.
  std::string page(std::string_view route, const Links& links) const;

  // Piece `index` (from 0) of the last article view's HTML after its first; "" past the end.
  // The shell asks for each as it paints it, so megabytes of HTML never go through JSON.
  std::string piece(std::size_t index) const;

  // The UI language the reader chose ("fr", "en"), or "" to follow the content's language.
  // Anything else is taken as "". Applies to the next view().
  void set_ui_language(std::string_view lang);

  // The canonical hash of a location hash: the shell replaces the URL with it.
  static std::string canonical(std::string_view hash);

  // The link to a route (hash or path, see `page`) in a given link style.
  static std::string link(std::string_view route, const Links& links);

  bool loaded() const { return bundle_.has_value(); }

 private:
  // The view of a route; on a sharded site still loading, an article not loaded yet is
  // shown from its chunk's own bundle, or asks for the files that lead there.
  nlohmann::json route_view(const Route& route, const Links& links) const;
  // The "lists" file holding the rows of a list page (tried or not; "" when none does).
  std::string lists_file_for(const Route& route) const;

  static constexpr std::size_t kChunkBundlesKept = 8;
  static constexpr std::size_t kListBundlesKept = 64;

  std::optional<Bundle> bundle_;
  std::optional<ShardProgress> shards_;  // a sharded site: what is loaded so far
  std::vector<std::string> where_files_;          // the boot file's "where" list
  std::unordered_set<std::string> where_tried_;   // "where" files added (usable or not)
  std::unordered_set<std::string> chunks_tried_;  // chunks added while metadata was to come
  std::vector<Bundle> chunk_bundles_;             // the last few of them as bundles of their own
                                                  // (chunk_bundle), newest last
  std::vector<std::string> lists_files_;          // the boot file's "lists" list
  std::unordered_set<std::string> lists_tried_;   // "lists" files added (usable or not)
  std::vector<Bundle> list_bundles_;              // lists of those files (list_bundle), newest last
  std::unordered_map<std::string, std::vector<ListsLoad::Block>> list_more_;  // list key -> files of its later rows
  std::string error_;
  mutable std::vector<std::string> pieces_;  // of the last view (a cache: view() stays const)

  ViewOptions options_;
};

}  // namespace carnet
