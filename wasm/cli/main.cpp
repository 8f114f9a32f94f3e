// carnet-build: content folder in, static site out. Prints compiler-style diagnostics;
// exits 1 when any article had an error (the others are still published), 2 on misuse.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "content.hpp"
#include "search_index.hpp"
#include "site_writer.hpp"

namespace fs = std::filesystem;

namespace {
// `carnet-build --index BUNDLE OUT`: the search index of an existing bundle.json (used by
// the benchmarks, which generate bundles directly).
int index_only(const char* bundle_path, const char* out_path) {
  std::ifstream in(bundle_path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "carnet-build: error: cannot read %s\n", bundle_path);
    return 1;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  carnet::BundleLoad b = carnet::load_bundle(ss.str(), bundle_path);
  if (!b.bundle) {
    std::fprintf(stderr, "carnet-build: error: %s\n", b.error.c_str());
    return 1;
  }
  const std::string index = carnet::build_search_index(*b.bundle).serialize();
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out.write(index.data(), static_cast<std::streamsize>(index.size()))) {
    std::fprintf(stderr, "carnet-build: error: cannot write %s\n", out_path);
    return 1;
  }
  std::fprintf(stderr, "indexed %zu article(s) into %s (%zu bytes)\n", b.bundle->articles.size(), out_path, index.size());
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--index") == 0) return index_only(argv[2], argv[3]);
  fs::path app_dir;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--app") == 0 && i + 1 < argc) {
      app_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::puts("usage: carnet-build --app APP_DIR [CONTENT_DIR] [OUT_DIR]\n       carnet-build --index BUNDLE_JSON OUT_FILE");
      return 0;
    } else {
      positional.push_back(argv[i]);
    }
  }
  if (app_dir.empty() || positional.size() > 2) {
    std::fputs("usage: carnet-build --app APP_DIR [CONTENT_DIR] [OUT_DIR]\n", stderr);
    return 2;
  }
  const fs::path content_dir = positional.size() > 0 ? positional[0] : "content";
  const fs::path out_dir = positional.size() > 1 ? positional[1] : "dist";

  const bool color = isatty(fileno(stderr));
  carnet::ContentLoad content = carnet::load_content(content_dir);
  int errors = 0;
  int warnings = 0;
  for (const auto& d : content.diagnostics) {
    const bool is_error = d.severity == carnet::Diagnostic::Severity::Error;
    (is_error ? errors : warnings)++;
    std::string text = d.format();
    if (color) {
      const char* word = is_error ? ": error: " : ": warning: ";
      const auto at = text.find(word);
      if (at != std::string::npos)
        text.replace(at, std::strlen(word), is_error ? ": \033[1;31merror:\033[0m " : ": \033[1;35mwarning:\033[0m ");
    }
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  if (!fs::is_directory(content_dir)) return 1;

  const carnet::WriteResult w = carnet::write_site(content, content_dir, app_dir, out_dir);
  if (!w.error.empty()) {
    std::fprintf(stderr, "carnet-build: error: %s\n", w.error.c_str());
    return 1;
  }
  std::fprintf(stderr, "built %zu article(s) by %zu author(s) into %s (%zu file(s) updated, bundle %zu KB, %zu static page(s)%s)",
               content.bundle.articles.size(), content.bundle.authors.size(), out_dir.generic_string().c_str(),
               w.files_written, (w.bundle_bytes + 1023) / 1024, w.pages, w.feeds ? ", feeds, sitemap" : "");
  if (content.drafts) std::fprintf(stderr, ", %d draft(s) left out", content.drafts);
  if (content.skipped) std::fprintf(stderr, ", %d article(s) left out because of errors", content.skipped);
  std::fprintf(stderr, "; %d error(s), %d warning(s)\n", errors, warnings);
  return errors > 0 ? 1 : 0;
}
