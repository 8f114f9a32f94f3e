// Site output. Files whose bytes did not change are left untouched, so a rebuild only
// rewrites what changed (and hosts/browsers keep their caches).
#include "site_writer.hpp"

#include "build_cache.hpp"
#include "feed.hpp"
#include "file_io.hpp"
#include "parallel.hpp"
#include "progress.hpp"
#include "search_index.hpp"
#include "sitemap.hpp"
#include "static_site.hpp"
#include "text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>

namespace fs = std::filesystem;

namespace carnet {

namespace {

constexpr const char* kGenerator = "carnet 0.1.0";

// Everything one build publishes: files are written only when their bytes changed, and
// every published file is remembered (with a fingerprint) for the service worker, which
// precaches those marked so.
class SiteOutput {
 public:
  SiteOutput(fs::path root, WriteResult& r) : root_(std::move(root)), r_(r) {}

  // How the service worker treats a file: cached on install; cached when first fetched and
  // by "make everything available offline" (a sharded site's chunks); cached when first
  // fetched only (a shortcut that the precached metadata makes unneeded offline); or not.
  enum class Cache { Precache, Lazy, WhenFetched, None };

  bool write(const std::string& rel, const std::string& bytes, Cache cache = Cache::Precache) {
    written_.insert(rel);
    if (cache == Cache::Precache) published_.emplace_back(rel, fingerprint(bytes));
    if (cache == Cache::Lazy || cache == Cache::WhenFetched) on_demand_.push_back(rel);
    if (cache == Cache::Lazy) offline_.push_back(rel);
    const fs::path p = root_ / rel;
    std::error_code ec;
    std::string on_disk;
    if (fs::is_regular_file(p, ec) && fs::file_size(p, ec) == bytes.size() && read_file(p, on_disk) && on_disk == bytes)
      return true;
    fs::create_directories(p.parent_path(), ec);
    if (!write_file(p, bytes, ec)) {
      r_.error = "cannot write " + p.generic_string() + (ec ? ": " + ec.message() : std::string());
      return false;
    }
    ++r_.files_written;
    return true;
  }

  bool copy(const fs::path& from, const std::string& rel) {
    std::string bytes;
    if (!read_file(from, bytes)) {
      r_.error = "cannot read " + from.generic_string();
      return false;
    }
    return write(rel, bytes);
  }

  // Keeps a file of the previous build as it is (a page whose sources did not change),
  // if it is still there. Not for files the service worker precaches (it needs their bytes).
  bool keep(const std::string& rel) {
    std::error_code ec;
    if (!fs::is_regular_file(root_ / rel, ec)) return false;
    written_.insert(rel);
    return true;
  }

  bool was_written(const std::string& rel) const { return written_.count(rel) > 0; }

  // {"version": fingerprint of everything, "files": [relative URLs to precache],
  // "lazy": [relative URLs cached when asked for], "offline": [those of "lazy" that "make
  // everything available offline" fetches]} for sw.js.
  nlohmann::json manifest() const {
    auto sorted = published_;
    std::sort(sorted.begin(), sorted.end());
    std::string all;
    nlohmann::json files = nlohmann::json::array();
    for (const auto& [rel, hash] : sorted) {
      all += rel + ":" + hash + "\n";
      files.push_back(rel);
    }
    auto lazy = on_demand_;
    std::sort(lazy.begin(), lazy.end());
    for (const auto& rel : lazy) all += rel + "\n";  // hashed names: the name is the content
    auto offline = offline_;
    std::sort(offline.begin(), offline.end());
    return {{"version", fingerprint(all)}, {"files", files}, {"lazy", lazy}, {"offline", offline}};
  }

 private:
  fs::path root_;
  WriteResult& r_;
  std::vector<std::pair<std::string, std::string>> published_;
  std::vector<std::string> on_demand_;
  std::vector<std::string> offline_;
  std::set<std::string> written_;
};

// The folders whose static pages Carnet writes (and may remove).
constexpr const char* kPageFolders[] = {"page", "post", "category", "tag", "author", "archive", "search"};

// Whether `rel` is a static page Carnet could have written: "<one of kPageFolders>/.../index.html",
// nothing but plain names in between.
bool is_page_file(const std::string& rel) {
  const fs::path p(rel);
  if (p.is_absolute() || p.filename() != "index.html") return false;
  auto part = p.begin();
  if (std::find_if(std::begin(kPageFolders), std::end(kPageFolders), [&](const char* f) { return *part == f; }) ==
      std::end(kPageFolders))
    return false;
  for (; part != p.end(); ++part)
    if (*part == ".." || *part == "." || part->empty()) return false;
  return true;
}

// Static pages and feeds of earlier builds that this one did not write (an article deleted
// or turned into a draft, the url removed from site.yml) are removed: only files Carnet
// writes, in folders it owns. The previous build's cache lists its pages (`previous`): those
// this build did not write are the stale ones. Without a cache, the page folders are walked
// (3 s at 100,000 articles).
void remove_stale_pages(const fs::path& out_dir, const SiteOutput& site, const PageRecords& previous) {
  std::error_code ec;
  for (const char* name : {kAtomFile, kRssFile, kSitemapFile})
    if (!site.was_written(name)) fs::remove(out_dir / name, ec);
  if (!previous.empty()) {
    for (const auto& entry : previous) {
      const std::string& rel = entry.first;
      if (site.was_written(rel) || !is_page_file(rel)) continue;
      fs::remove(out_dir / rel, ec);
      // Its folders, left empty, go too.
      for (fs::path dir = fs::path(rel).parent_path(); !dir.empty() && fs::is_empty(out_dir / dir, ec);
           dir = dir.parent_path())
        fs::remove(out_dir / dir, ec);
    }
    return;
  }
  for (const char* dir : kPageFolders) {
    const fs::path top = out_dir / dir;
    if (!fs::is_directory(top, ec)) continue;
    std::vector<fs::path> stale;
    std::vector<fs::path> folders;
    for (auto it = fs::recursive_directory_iterator(top, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_directory()) folders.push_back(it->path());
      else if (it->path().filename() == "index.html" &&
               !site.was_written(it->path().lexically_relative(out_dir).generic_string()))
        stale.push_back(it->path());
    }
    for (const auto& p : stale) fs::remove(p, ec);
    // Deepest first: a folder left empty by the removals goes too.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it)
      if (fs::is_empty(*it, ec)) fs::remove(*it, ec);
    if (fs::is_empty(top, ec)) fs::remove(top, ec);
  }
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Content-hashed files of a sharded site (chunk-*.json, meta-*.json, where-*.json,
// lists-*.json, search-index-*.bin, search-part-*.bin)
// that this build did not write: earlier builds' versions go.
void remove_stale_shards(const fs::path& out_dir, const SiteOutput& site) {
  std::error_code ec;
  std::vector<fs::path> stale;
  for (auto it = fs::directory_iterator(out_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool hashed = (name.rfind("chunk-", 0) == 0 || name.rfind("meta-", 0) == 0 || name.rfind("where-", 0) == 0 ||
                         name.rfind("lists-", 0) == 0) &&
                        ends_with(name, ".json");
    const bool index = (name.rfind("search-index", 0) == 0 || name.rfind("search-part-", 0) == 0) && ends_with(name, ".bin");
    if ((hashed || index) && it->is_regular_file() && !site.was_written(name)) stale.push_back(it->path());
  }
  for (const auto& p : stale) fs::remove(p, ec);
}

// The web app manifest: installable, and relative start_url/scope so any sub-path works.
std::string web_manifest(const Site& site) {
  const std::string short_name = site.title.size() <= 12 ? site.title : truncate_words(site.title, 12);
  const nlohmann::json m = {
      {"name", site.title},
      {"short_name", short_name},
      {"description", site.description},
      {"lang", site.lang},
      {"start_url", "./"},
      {"scope", "./"},
      {"display", "standalone"},
      {"background_color", "#fdfcfa"},
      {"theme_color", "#0b5cad"},
      {"icons",
       {{{"src", "icons/icon-192.png"}, {"sizes", "192x192"}, {"type", "image/png"}, {"purpose", "any"}},
        {{"src", "icons/icon-512.png"}, {"sizes", "512x512"}, {"type", "image/png"}, {"purpose", "any"}},
        {{"src", "icons/maskable-512.png"}, {"sizes", "512x512"}, {"type", "image/png"}, {"purpose", "maskable"}}}}};
  return m.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_inside(const fs::path& child, const fs::path& parent) {
  // absolute() first: weakly_canonical leaves a relative path relative when its first
  // part does not exist yet ("dist"), which would never match an absolute parent.
  const auto c = fs::weakly_canonical(fs::absolute(child));
  const auto p = fs::weakly_canonical(fs::absolute(parent));
  auto ci = c.begin();
  for (auto pi = p.begin(); pi != p.end(); ++pi, ++ci)
    if (ci == c.end() || *ci != *pi) return false;
  return true;
}

// The previous build's search index files, to reuse as they are: the index (single file
// or head) and its part files. False when one is missing.
bool read_index_files(const fs::path& out_dir, const BuildCache& previous, std::string& index,
                      std::vector<std::pair<std::string, std::string>>& parts) {
  if (previous.index_file.empty() || !read_file(out_dir / previous.index_file, index)) return false;
  parts.clear();
  for (const auto& name : previous.index_parts) {
    std::string bytes;
    if (!read_file(out_dir / name, bytes)) return false;
    parts.emplace_back(name, std::move(bytes));
  }
  return true;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> split_search_index(SearchIndex& index, std::size_t part_bytes) {
  return index.split_postings(part_bytes, [](const std::string& bytes) { return hashed_name("search-part", "bin", bytes); });
}

WriteResult write_site(const ContentLoad& content, const fs::path& content_dir, const fs::path& app_dir,
                       const fs::path& out_dir, const WriteOptions& options) {
  WriteResult r;
  if (is_inside(content_dir, out_dir) || is_inside(out_dir, content_dir)) {
    r.error = "the output folder " + out_dir.generic_string() + " must not contain or be inside the content folder";
    return r;
  }
  if (!fs::is_regular_file(app_dir / "index.html")) {
    r.error = "the web app is missing in " + app_dir.generic_string() + " (run ./carnet build)";
    return r;
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    r.error = "cannot create " + out_dir.generic_string() + ": " + ec.message();
    return r;
  }
  // What the previous build into this folder made, and from what (build_cache.hpp).
  const BuildCache previous = take_build_cache(out_dir);
  BuildCache next;
  SiteOutput site(out_dir, r);
  // The app (the service worker last: it lists everything else).
  for (auto it = fs::recursive_directory_iterator(app_dir); it != fs::recursive_directory_iterator(); ++it) {
    const std::string rel = it->path().lexically_relative(app_dir).generic_string();
    // index.html is the shell of every static page (the home page among them), below.
    if (!it->is_regular_file() || rel == kServiceWorkerFile || rel == "index.html") continue;
    if (!site.copy(it->path(), rel)) return r;
  }
  // The content's own files (images...), under assets/; stale ones from earlier builds go.
  const fs::path assets = out_dir / content.bundle.assets;
  std::vector<fs::path> keep;
  for (const auto& rel : content.assets) {
    if (!site.copy(content_dir / rel, content.bundle.assets + rel)) return r;
    keep.push_back((assets / rel).lexically_normal());
  }
  // Only a folder of its own is cleaned (never the site root: a bundle without "assets").
  const bool own_folder = !content.bundle.assets.empty() && content.bundle.assets.back() == '/' &&
                          content.bundle.assets.find("..") == std::string::npos;
  if (own_folder && fs::is_directory(assets)) {
    std::vector<fs::path> stale;
    for (auto it = fs::recursive_directory_iterator(assets); it != fs::recursive_directory_iterator(); ++it)
      if (it->is_regular_file() && std::find(keep.begin(), keep.end(), it->path().lexically_normal()) == keep.end())
        stale.push_back(it->path());
    for (const auto& p : stale) fs::remove(p, ec);
  }
  // The search index, built here once so browsers only load it.
  Progress quiet(false);
  Progress& progress = options.progress ? *options.progress : quiet;
  progress.stage("index", 1);
  const SourceDigests digests = digest_sources(content.bundle);
  r.sharded = should_shard(content.bundle, options.sharding);
  next.index_key = fingerprint(program_digest() + digests.all +
                               (r.sharded ? "parts of " + std::to_string(options.index_part_bytes) : "single"));
  // A large blog's index is a head file and postings parts the search worker fetches as
  // queries need them (docs/search-index-format.md).
  std::string index;
  std::vector<std::pair<std::string, std::string>> parts;
  if (previous.index_key != next.index_key || !read_index_files(out_dir, previous, index, parts)) {
    SearchIndex built = build_search_index_reusing(content.bundle, digests, out_dir);
    if (r.sharded)
      parts = split_search_index(built, options.index_part_bytes);
    index = built.serialize();
  }
  r.index_bytes = index.size();
  r.index_parts = parts.size();
  for (const auto& part : parts) {
    r.index_bytes += part.second.size();
    next.index_parts.push_back(part.first);
  }
  progress.step();
  if (r.sharded) {
    // A large blog: bundle.json is the small boot file; metadata parts and the index are
    // precached, chunks, "where" and "lists" files are fetched as articles and lists are
    // opened, and all but a long list's later rows on "make everything available offline"
    // (docs/bundle-format.md).
    const std::string index_file = hashed_name("search-index", "bin", index);
    next.index_file = index_file;
    if (!site.write(index_file, index)) return r;
    for (const auto& part : parts)
      if (!site.write(part.first, part.second)) return r;
    const ShardedSite shards = shard_bundle(content.bundle, kGenerator, index_file, parallel_for);
    for (const auto& f : shards.meta)
      if (!site.write(f.name, f.bytes)) return r;
    for (const auto& f : shards.chunks)
      if (!site.write(f.name, f.bytes, SiteOutput::Cache::Lazy)) return r;
    for (const auto& f : shards.where)
      if (!site.write(f.name, f.bytes, SiteOutput::Cache::Lazy)) return r;
    for (const auto& f : shards.lists)
      if (!site.write(f.name, f.bytes, SiteOutput::Cache::Lazy)) return r;
    for (const auto& f : shards.list_rows)
      if (!site.write(f.name, f.bytes, SiteOutput::Cache::WhenFetched)) return r;
    r.bundle_bytes = shards.boot.size();
    r.chunks = shards.chunks.size();
    r.meta_parts = shards.meta.size();
    if (!site.write("bundle.json", shards.boot)) return r;
  } else {
    const std::string bundle = bundle_to_json(content.bundle, kGenerator).dump(-1, ' ', false,
                                                                            nlohmann::json::error_handler_t::replace);
    r.bundle_bytes = bundle.size();
    if (!site.write("bundle.json", bundle)) return r;
    if (!site.write(kSearchIndexFile, index)) return r;
    next.index_file = kSearchIndexFile;
  }
  remove_stale_shards(out_dir, site);
  if (!site.write("manifest.webmanifest", web_manifest(content.bundle.site))) return r;
  // Static pages, feeds, sitemap. The service worker precaches the home page (the shell hash
  // routes and offline navigations are served from) and 404.html, not every page: the
  // viewer paints any route from the bundle, which is precached.
  std::size_t last_done = 0;
  std::string shell;
  read_file(app_dir / "index.html", shell);  // there: checked above
  PageReuse reuse;
  reuse.site_key = fingerprint(program_digest() + fingerprint(shell) + digests.metadata);
  reuse.body_keys = &digests.bodies;
  reuse.previous = &previous.pages;
  const auto precached = [](const std::string& rel) { return rel == "index.html" || rel == "404.html"; };
  reuse.keep = [&](const std::string& rel) { return !precached(rel) && site.keep(rel); };
  StaticSite pages = write_static_site(
      content.bundle, shell,
      [&](const std::string& rel, const std::string& bytes) { 
        return site.write(rel, bytes, precached(rel) ? SiteOutput::Cache::Precache : SiteOutput::Cache::None);
      },
      [&](std::size_t done, std::size_t total) {
        if (done == 0) progress.stage("pages", total);
        else progress.step(done - last_done);
        last_done = done;
      },
      &reuse);
  progress.clear();
  if (!r.error.empty()) return r;
  if (!pages.error.empty()) {
    r.error = pages.error;
    return r;
  }
  r.pages = pages.pages.size();
  r.feeds = pages.feeds;
  remove_stale_pages(out_dir, site, previous.pages);
  // The service worker carries this build's file list and version: any change to the site
  // changes sw.js, which is how browsers notice a new deploy.
  std::string sw;
  const bool ok = read_file(app_dir / kServiceWorkerFile, sw);
  const std::string marker = "/*CARNET_BUILD*/";
  const auto at = sw.find(marker);
  const auto end_at = ok && at != std::string::npos ? sw.find("/*END*/", at) : std::string::npos;
  if (end_at == std::string::npos) {
    r.error = "the web app has no " + std::string(kServiceWorkerFile) + " with a build marker";
    return r;
  }
  const nlohmann::json build = site.manifest();
  r.version = build["version"];
  sw.replace(at + marker.size(), end_at - at - marker.size(), " " + build.dump() + " ");
  if (!site.write(kServiceWorkerFile, sw)) return r;
  next.pages = std::move(pages.records);
  // Only now: a cache written earlier could vouch for a build that did not finish.
  if (!save_build_cache(out_dir, next)) r.error = "cannot write " + (out_dir / kBuildCacheFile).generic_string();
  return r;
}

}  // namespace carnet
