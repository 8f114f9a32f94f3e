#include "build_cache.hpp"

#include <cstdio>
#include <set>

#include "date.hpp"
#include "file_io.hpp"
#include "json_text.hpp"
#include "parallel.hpp"
#include "search_segments.hpp"
#include "text.hpp"

namespace fs = std::filesystem;

namespace carnet {

namespace {

constexpr const char* kFormat = "carnet-build-cache";
constexpr int kVersion = 1;

}  // namespace

BuildCache take_build_cache(const fs::path& out_dir) {
  BuildCache cache;
  const fs::path file = out_dir / kBuildCacheFile;
  std::string text;
  if (!read_file(file, text)) return cache;
  std::error_code ec;
  fs::remove(file, ec);
  std::string error;
  const nlohmann::json root = read_json(text, error);
  if (!error.empty() || json_string(root, "format") != kFormat || !root.contains("version") || root["version"] != kVersion)
    return cache;
  cache.index_key = json_string(root, "index_key");
  cache.index_file = json_string(root, "index_file");
  if (const auto parts = root.find("index_parts"); parts != root.end() && parts->is_array())
    for (const auto& part : *parts)
      if (part.is_string()) cache.index_parts.push_back(part.get<std::string>());
  const auto pages = root.find("pages");
  if (pages == root.end() || !pages->is_object()) return cache;
  for (const auto& [file_name, entry] : pages->items()) {
    // [key] or [key, sitemap path, lastmod "YYYY-MM-DD" or ""]
    if (!entry.is_array() || entry.empty() || !entry[0].is_string()) continue;
    PageRecord record{entry[0].get<std::string>(), std::nullopt};
    if (entry.size() == 3 && entry[1].is_string() && entry[2].is_string()) {
      const std::string lastmod = entry[2].get<std::string>();
      record.sitemap = SitemapEntry{entry[1].get<std::string>(), parse_date(lastmod).value_or(Date{})};
    }
    cache.pages.emplace(file_name, std::move(record));
  }
  return cache;
}

bool save_build_cache(const fs::path& out_dir, const BuildCache& cache) {
  nlohmann::json pages = nlohmann::json::object();
  for (const auto& [file_name, record] : cache.pages) {
    nlohmann::json entry = nlohmann::json::array({record.key});
    if (record.sitemap) {
      entry.push_back(record.sitemap->path);
      entry.push_back(record.sitemap->lastmod.year ? format_iso(record.sitemap->lastmod) : std::string());
    }
    pages[file_name] = std::move(entry);
  }
  const nlohmann::json root = {{"format", kFormat},         {"version", kVersion},
                               {"index_key", cache.index_key}, {"index_file", cache.index_file},
                               {"index_parts", cache.index_parts},
                               {"pages", std::move(pages)}};
  const std::string text = write_json(root);
  const fs::path file = out_dir / kBuildCacheFile;
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

const std::string& program_digest() {
  static const std::string digest = [] {
    std::string bytes;
    // Unreadable: a digest no build will ever match again, so nothing is reused.
    return read_file("/proc/self/exe", bytes) ? fingerprint(bytes) : std::string("unknown");
  }();
  return digest;
}

SourceDigests digest_sources(const Bundle& bundle) {
  SourceDigests out;
  Bundle meta;
  meta.site = bundle.site;
  meta.assets = bundle.assets;
  meta.authors = bundle.authors;
  meta.image_sizes = bundle.image_sizes;  // the pages' <img> carry them
  meta.articles = bundle.articles;
  out.metadata = fingerprint(write_json(bundle_to_json(meta, {})));
  out.bodies.resize(bundle.articles.size());
  parallel_for(bundle.articles.size(), [&](std::size_t i) {
    const auto body = bundle.bodies.find(bundle.articles[i].slug);
    out.bodies[i] = body == bundle.bodies.end() ? fingerprint({}) : fingerprint(body->second);
  });
  std::string all = out.metadata;
  for (const auto& b : out.bodies) all += b;
  out.all = fingerprint(all);
  return out;
}

namespace {

// What segment `articles`' index is made from, as one digest: each indexed field, length
// first (no separator can be confused with the text).
std::string segment_key(const Bundle& bundle, const SourceDigests& digests, const std::vector<std::uint32_t>& articles) {
  std::string source = program_digest();
  auto field = [&](const std::string& text) {
    source += std::to_string(text.size());
    source += ':';
    source += text;
  };
  for (const auto i : articles) {
    const Article& a = bundle.articles[i];
    for (const std::string* f : {&a.slug, &a.title, &a.lang, &a.summary, &a.category, &digests.bodies[i]}) field(*f);
    field(std::to_string(a.tags.size()));
    for (const auto& tag : a.tags) field(tag);
  }
  return fingerprint(source);
}

}  // namespace

SearchIndex build_search_index_reusing(const Bundle& bundle, const SourceDigests& digests, const fs::path& out_dir) {
  const fs::path dir = out_dir / kSegmentCacheDir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  const auto segments = index_segments(bundle);
  std::vector<std::string> files(segments.size());
  for (std::size_t k = 0; k < segments.size(); ++k)
    files[k] = "search-segment-" + segment_key(bundle, digests, segments[k]) + ".bin";
  SegmentStore store;
  store.find = [&](std::size_t k) -> std::optional<SearchIndex> {
    std::string bytes, error;
    if (!read_file(dir / files[k], bytes)) return std::nullopt;
    return SearchIndex::load(bytes, error);  // a damaged file: made again
  };
  store.made = [&](std::size_t k, const SearchIndex& segment) {
    std::error_code err;
    write_file(dir / files[k], segment.serialize(), err);  // not written: made again next time
  };
  SearchIndex index = build_search_index(bundle, segments, store, parallel_for);
  const std::set<std::string> used(files.begin(), files.end());
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (!used.count(entry.path().filename().string())) stale.push_back(entry.path());
  for (const auto& p : stale) fs::remove(p, ec);
  return index;
}

}  // namespace carnet
