// What a rebuild into the same output folder may reuse from the previous one, in
// `<out>/.carnet-cache.json`: the key of what the search index and each static page were
// made from. A page or index whose key is unchanged is kept as it is on disk instead of being
// made again. And, in `<out>/.carnet-cache/`, the search index's segments, so that an
// edited article costs the index one segment. Keys cover the program itself (its
// executable's bytes), so a new Carnet remakes everything. Neither is part of the site
// (never precached, never linked).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "search_index.hpp"
#include "sitemap.hpp"

namespace carnet {

constexpr const char* kBuildCacheFile = ".carnet-cache.json";

struct PageRecord {
  std::string key;                      // what the page was made from (static_site.cpp)
  std::optional<SitemapEntry> sitemap;  // its sitemap entry, if it has one
};
using PageRecords = std::map<std::string, PageRecord>;  // by file ("post/x/index.html")

struct BuildCache {
  std::string index_key;   // what the search index was made from
  std::string index_file;  // and where it is ("search-index.bin", "search-index-<hash>.bin")
  std::vector<std::string> index_parts;  // a sharded index's part files ("search-part-<hash>.bin")
  PageRecords pages;
};

// The previous build's cache, and the file removed: a build that stops halfway must not
// leave a cache vouching for files it has since changed. Empty when there is none, or it
// is unreadable or from another cache format.
BuildCache take_build_cache(const std::filesystem::path& out_dir);

// Written once the whole build has succeeded.
bool save_build_cache(const std::filesystem::path& out_dir, const BuildCache& cache);

// A digest of the running program (its executable), so caches do not outlive it.
const std::string& program_digest();

// Digests of a bundle for the keys: `metadata` covers everything but the bodies (what lists,
// links and page heads may show); `bodies[i]` is the body of article i; `all` is both.
struct SourceDigests {
  std::string metadata;
  std::vector<std::string> bodies;
  std::string all;
};
SourceDigests digest_sources(const Bundle& bundle);

// Where a build keeps the search index's segments for the next one: `<out>/.carnet-cache/`,
// one file per segment, named by the digest of what it was made from.
constexpr const char* kSegmentCacheDir = ".carnet-cache";

// The blog's search index, from its segments (search_segments.hpp): those an earlier build
// into `out_dir` made from the same articles (the same slugs, titles, languages, summaries,
// categories, tags and bodies, by the same program) are read back, the others are made on
// every core and kept. Segment files no longer used are removed. The index is the same as
// build_search_index(bundle).
SearchIndex build_search_index_reusing(const Bundle& bundle, const SourceDigests& digests,
                                       const std::filesystem::path& out_dir);

}  // namespace carnet
