#include "file_io.hpp"

#include <cstdio>
#include <memory>

namespace carnet {

bool read_file(const std::filesystem::path& path, std::string& out) {
  out.clear();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) out.reserve(static_cast<std::size_t>(size));
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0;) out.append(buffer, n);
  if (std::ferror(f.get())) {
    out.clear();
    return false;
  }
  return true;
}

}  // namespace carnet
