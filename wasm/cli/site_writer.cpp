// Site output. Files whose bytes did not change are left untouched, so a rebuild only
// rewrites what changed (and hosts/browsers keep their caches).
#include "site_writer.hpp"

#include "search_index.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace carnet {

namespace {

constexpr const char* kGenerator = "carnet 0.1.0";

bool same_bytes(const fs::path& p, const std::string& bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec) || fs::file_size(p, ec) != bytes.size()) return false;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str() == bytes;
}

bool write_if_changed(const fs::path& p, const std::string& bytes, WriteResult& r) {
  if (same_bytes(p, bytes)) return true;
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      r.error = "cannot write " + p.generic_string();
      return false;
    }
  }
  fs::rename(tmp, p, ec);  // atomic: a reader never sees half a file
  if (ec) {
    r.error = "cannot write " + p.generic_string() + ": " + ec.message();
    return false;
  }
  ++r.files_written;
  return true;
}

bool copy_if_changed(const fs::path& from, const fs::path& to, WriteResult& r) {
  std::ifstream in(from, std::ios::binary);
  if (!in) {
    r.error = "cannot read " + from.generic_string();
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return write_if_changed(to, ss.str(), r);
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

}  // namespace

WriteResult write_site(const ContentLoad& content, const fs::path& content_dir, const fs::path& app_dir,
                       const fs::path& out_dir) {
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
  // The app.
  for (auto it = fs::recursive_directory_iterator(app_dir); it != fs::recursive_directory_iterator(); ++it) {
    if (!it->is_regular_file()) continue;
    if (!copy_if_changed(it->path(), out_dir / it->path().lexically_relative(app_dir), r)) return r;
  }
  // The content's own files (images...), under assets/; stale ones from earlier builds go.
  const fs::path assets = out_dir / content.bundle.assets;
  std::vector<fs::path> keep;
  for (const auto& rel : content.assets) {
    if (!copy_if_changed(content_dir / rel, assets / rel, r)) return r;
    keep.push_back((assets / rel).lexically_normal());
  }
  if (fs::is_directory(assets)) {
    std::vector<fs::path> stale;
    for (auto it = fs::recursive_directory_iterator(assets); it != fs::recursive_directory_iterator(); ++it)
      if (it->is_regular_file() && std::find(keep.begin(), keep.end(), it->path().lexically_normal()) == keep.end())
        stale.push_back(it->path());
    for (const auto& p : stale) fs::remove(p, ec);
  }
  const std::string bundle = bundle_to_json(content.bundle, kGenerator).dump(-1, ' ', false,
                                                                          nlohmann::json::error_handler_t::replace);
  r.bundle_bytes = bundle.size();
  if (!write_if_changed(out_dir / "bundle.json", bundle, r)) return r;
  // The search index, built here once so browsers only load it.
  const std::string index = build_search_index(content.bundle).serialize();
  r.index_bytes = index.size();
  write_if_changed(out_dir / kSearchIndexFile, index, r);
  return r;
}

}  // namespace carnet
