// Writes a built site: the web app, the content's own files under assets/, bundle.json, the
// search index, the web app manifest, the static pages, feeds and sitemap (static_site.hpp),
// and the service worker with this build's file list.
// Native only (the CLI).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "content.hpp"
#include "search_index.hpp"
#include "shards.hpp"

namespace carnet {

constexpr const char* kSearchIndexFile = "search-index.bin";
constexpr const char* kServiceWorkerFile = "sw.js";

struct WriteResult {
  std::string error;  // empty on success
  std::size_t files_written = 0;
  std::size_t bundle_bytes = 0;
  std::size_t index_bytes = 0;  // the search index, all its files
  std::size_t index_parts = 0;  // a sharded site's search index part files
  std::size_t pages = 0;   // static HTML pages (index.html and 404.html included)
  bool feeds = false;      // feed.xml, rss.xml and sitemap.xml were written (the site has a url)
  std::string version;  // fingerprint of every published file (the service worker's cache)
  bool sharded = false;       // written as a sharded site (shards.hpp): boot, parts, chunks
  std::size_t chunks = 0;     // content chunks written (sharded sites)
  std::size_t meta_parts = 0; // metadata parts written (sharded sites)
};

class Progress;

struct WriteOptions {
  Sharding sharding = Sharding::Auto;  // `carnet-build --shard auto|always|never`
  std::size_t index_part_bytes = kSearchPartBytes;  // a sharded index's parts (`--index-part-kb`)
  Progress* progress = nullptr;        // the terminal's progress bar (progress.hpp), or none
};

// A large site's search index split into its postings parts, each named
// `search-part-<hash>.bin` (file name, bytes); `index.serialize()` is then their head.
std::vector<std::pair<std::string, std::string>> split_search_index(SearchIndex& index, std::size_t part_bytes);

// `app_dir` holds index.html, js/, css/ and the wasm module (build/wasm/app).
WriteResult write_site(const ContentLoad& content, const std::filesystem::path& content_dir,
                       const std::filesystem::path& app_dir, const std::filesystem::path& out_dir,
                       const WriteOptions& options = {});

}  // namespace carnet
