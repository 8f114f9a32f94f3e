#include "file_io.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>

namespace carnet {

bool read_file(const std::filesystem::path& path, std::string& out, std::size_t max_bytes) {
  out.clear();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) out.reserve(std::min(static_cast<std::size_t>(size), max_bytes));
  char buffer[1 << 16];
  for (std::size_t n; out.size() < max_bytes &&
                      (n = std::fread(buffer, 1, std::min(sizeof buffer, max_bytes - out.size()), f.get())) > 0;)
    out.append(buffer, n);
  if (std::ferror(f.get())) {
    out.clear();
    return false;
  }
  return true;
}

namespace {

// `path`'s modification time moved to the second after `previous`'s, unless it is later
// already. Best effort: a file system that refuses keeps the time it has.
void date_after(const std::filesystem::path& path, std::filesystem::file_time_type previous) {
  namespace fs = std::filesystem;
  using std::chrono::seconds;
  const auto second = [](fs::file_time_type t) { return std::chrono::floor<seconds>(t.time_since_epoch()); };
  std::error_code ec;
  const fs::file_time_type now = fs::last_write_time(path, ec);
  if (ec || second(now) > second(previous)) return;
  fs::last_write_time(path, fs::file_time_type(std::chrono::duration_cast<fs::file_time_type::duration>(second(previous) + seconds(1))), ec);
}

}  // namespace

bool write_file(const std::filesystem::path& path, std::string_view bytes, std::error_code& ec) {
  ec.clear();
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return false;
  }
  std::error_code no_previous;  // set when there is no file to replace
  const std::filesystem::file_time_type previous = std::filesystem::last_write_time(path, no_previous);
  std::filesystem::rename(tmp, path, ec);
  if (!ec && !no_previous) date_after(path, previous);
  return !ec;
}

std::string file_extension(std::string_view name) {
  const std::size_t slash = name.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const std::size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos) return {};
  std::string ext(base.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return ext;
}

}  // namespace carnet
