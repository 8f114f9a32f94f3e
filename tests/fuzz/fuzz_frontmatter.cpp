// Fuzz target: the CLI's front-matter parser, then a whole content folder holding the input
// as an article and as an author. Never a crash; whatever the CLI accepts, the viewer's
// bundle loader accepts whole.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bundle.hpp"
#include "content.hpp"
#include "frontmatter.hpp"
#include "fuzz_check.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void write(const fs::path& p, std::string_view text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// A content folder in RAM when possible, made once per process.
const fs::path& content_dir() {
  static const fs::path dir = [] {
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("carnet-fuzz-" + std::to_string(getpid()));
    fs::create_directories(d / "authors");
    fs::create_directories(d / "posts");
    write(d / "site.yml", "title: Fuzz\nlang: fr\n");
    write(d / "authors" / "camille.md", "---\nname: Camille Durand\n---\nBio.\n");
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(content_dir(), ec);
    });
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const carnet::FrontMatter fm = carnet::parse_front_matter(text);
  FUZZ_CHECK(fm.error.empty() || fm.error_line >= 0, fm.error);
  FUZZ_CHECK(fm.body.size() <= text.size(), fm.body);
  (void)carnet::normalize_newlines(text);

  const fs::path& dir = content_dir();
  write(dir / "posts" / "fuzz.md", text);
  write(dir / "authors" / "fuzz.md", text);
  const carnet::ContentLoad load = carnet::load_content(dir);
  for (const auto& d : load.diagnostics) (void)d.format();

  // What carnet-build writes (site_writer.cpp), the viewer must load with nothing skipped.
  const std::string bundle = carnet::bundle_to_json(load.bundle, "fuzz")
                                 .dump(-1, ' ', false, json::error_handler_t::replace);
  const carnet::BundleLoad back = carnet::load_bundle(bundle);
  FUZZ_CHECK(back.bundle.has_value(), back.error);
  FUZZ_CHECK(back.skipped.empty(), back.skipped[0].message());
  FUZZ_CHECK(back.bundle->articles.size() == load.bundle.articles.size(), bundle);
  return 0;
}
