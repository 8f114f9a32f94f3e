// carnet-build: content folder in, static site out. Prints compiler-style diagnostics;
// exits 1 when any article had an error (the others are still published), 2 on misuse.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <unistd.h>

#include <fstream>

#include "content.hpp"
#include "file_io.hpp"
#include "progress.hpp"
#include "new_post.hpp"
#include "parallel.hpp"
#include "search_index.hpp"
#include "site_writer.hpp"

namespace fs = std::filesystem;

namespace {

// Warnings printed per file (diagnostics_to_print); errors are all printed.
constexpr std::size_t kWarningsPerFile = 20;
bool write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return true;
  std::fprintf(stderr, "carnet-build: error: cannot write %s\n", path.generic_string().c_str());
  return false;
}

// A search index part size given in KB (1 to 1 GB), in bytes; nullopt when it is not one.
std::optional<std::size_t> part_bytes(const char* kb_text) {
  const long kb = std::strtol(kb_text, nullptr, 10);
  if (kb < 1 || kb > (1L << 20)) return std::nullopt;
  return static_cast<std::size_t>(kb) << 10;
}

// `carnet-build --index BUNDLE OUT [PART_KB]`: the search index of an existing bundle.json
// (used by the benchmarks, which generate bundles directly); with PART_KB, as a sharded site
// has it: OUT is the head, its part files are written beside it.
int index_only(const char* bundle_path, const char* out_path, const char* part_kb) {
  std::string text;
  if (!carnet::read_file(bundle_path, text)) {
    std::fprintf(stderr, "carnet-build: error: cannot read %s\n", bundle_path);
    return 1;
  }
  carnet::BundleLoad b = carnet::load_bundle(text, bundle_path);
  if (!b.bundle) {
    std::fprintf(stderr, "carnet-build: error: %s\n", b.error.c_str());
    return 1;
  }
  carnet::SearchIndex built = carnet::build_search_index(*b.bundle, carnet::parallel_for);
  std::size_t bytes = 0, parts = 0;
  if (part_kb) {
    const std::optional<std::size_t> size = part_bytes(part_kb);
    if (!size) {
      std::fprintf(stderr, "carnet-build: error: a part size in KB, 1 to 1048576 (got '%s')\n", part_kb);
      return 2;
    }
    const auto files = carnet::split_search_index(built, *size);
    for (const auto& [name, part] : files) {
      if (!write_bytes(fs::path(out_path).parent_path() / name, part)) return 1;
      bytes += part.size();
    }
    parts = files.size();
  }
  const std::string index = built.serialize();
  if (!write_bytes(out_path, index)) return 1;
  std::fprintf(stderr, "indexed %zu article(s) into %s (%zu bytes", b.bundle->articles.size(), out_path, index.size());
  if (part_kb) std::fprintf(stderr, ", and %zu part(s) of %zu bytes", parts, bytes);
  std::fprintf(stderr, ")\n");
  return 0;
}
// `--bundle FILE`: a bundle.json (e.g. the benchmarks' generated corpora) as the content.
carnet::ContentLoad load_bundle_file(const fs::path& file) {
  carnet::ContentLoad content;
  std::string text;
  carnet::BundleLoad b = carnet::read_file(file, text)
                             ? carnet::load_bundle(text, file.generic_string())
                             : carnet::BundleLoad{std::nullopt, file.generic_string() + ": cannot read", {}, {}};
  using Severity = carnet::Diagnostic::Severity;
  if (!b.bundle) {
    content.diagnostics.push_back({Severity::Error, file.generic_string(), 0, {}, b.error, {}});
    return content;
  }
  for (const auto& s : b.skipped) content.diagnostics.push_back({Severity::Error, s.what, 0, {}, s.reason, {}});
  for (const auto& w : b.warnings) content.diagnostics.push_back({Severity::Warning, file.generic_string(), 0, {}, w, {}});
  content.skipped = static_cast<int>(b.skipped.size());
  content.bundle = std::move(*b.bundle);
  return content;
}


// `carnet-build --new TITLE [CONTENT_DIR]`: writes posts/<slug>.md dated today.
int new_post(const char* title, const char* content_dir) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  const carnet::Date today{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
  const carnet::NewPost p = carnet::create_post(content_dir, title, today);
  if (!p.error.empty()) {
    std::fprintf(stderr, "carnet new: error: %s\n", p.error.c_str());
    return 1;
  }
  if (!p.note.empty()) std::fprintf(stderr, "carnet new: note: %s\n", p.note.c_str());
  std::printf("created %s (slug '%s', dated %s)\n", p.path.generic_string().c_str(), p.slug.c_str(),
              carnet::format_iso(today).c_str());
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  if ((argc == 4 || argc == 5) && std::strcmp(argv[1], "--index") == 0)
    return index_only(argv[2], argv[3], argc == 5 ? argv[4] : nullptr);
  if ((argc == 3 || argc == 4) && std::strcmp(argv[1], "--new") == 0)
    return new_post(argv[2], argc == 4 ? argv[3] : "content");
  fs::path app_dir;
  fs::path bundle_input;  // --bundle: publish an existing bundle.json instead of a content folder
  carnet::WriteOptions options;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--app") == 0 && i + 1 < argc) {
      app_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--bundle") == 0 && i + 1 < argc) {
      bundle_input = argv[++i];
    } else if (std::strcmp(argv[i], "--shard") == 0 && i + 1 < argc) {
      const std::string mode = argv[++i];
      if (mode == "auto") options.sharding = carnet::Sharding::Auto;
      else if (mode == "always") options.sharding = carnet::Sharding::Always;
      else if (mode == "never") options.sharding = carnet::Sharding::Never;
      else {
        std::fprintf(stderr, "carnet-build: error: --shard takes auto, always or never (got '%s')\n", mode.c_str());
        return 2;
      }
    } else if (std::strcmp(argv[i], "--index-part-kb") == 0 && i + 1 < argc) {
      const std::optional<std::size_t> size = part_bytes(argv[++i]);
      if (!size) {
        std::fprintf(stderr, "carnet-build: error: --index-part-kb takes a size in KB, 1 to 1048576 (got '%s')\n", argv[i]);
        return 2;
      }
      options.index_part_bytes = *size;
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::puts("usage: carnet-build --app APP_DIR [--shard auto|always|never] [--index-part-kb KB] [CONTENT_DIR | --bundle BUNDLE_JSON] [OUT_DIR]\n       carnet-build --index BUNDLE_JSON OUT_FILE [PART_KB]\n       carnet-build --new TITLE [CONTENT_DIR]");
      return 0;
    } else {
      positional.push_back(argv[i]);
    }
  }
  if (app_dir.empty() || positional.size() > 2) {
    std::fputs("usage: carnet-build --app APP_DIR [--shard auto|always|never] [--index-part-kb KB] [CONTENT_DIR | --bundle BUNDLE_JSON] [OUT_DIR]\n", stderr);
    return 2;
  }
  if (!bundle_input.empty() && positional.size() > 1) {
    std::fputs("carnet-build: error: --bundle replaces CONTENT_DIR: give only OUT_DIR\n", stderr);
    return 2;
  }
  const fs::path content_dir = !bundle_input.empty() ? fs::absolute(bundle_input).parent_path()
                               : positional.size() > 0 ? fs::path(positional[0]) : fs::path("content");
  const fs::path out_dir = !bundle_input.empty() ? (positional.empty() ? fs::path("dist") : fs::path(positional[0]))
                           : positional.size() > 1 ? fs::path(positional[1]) : fs::path("dist");

  const bool color = isatty(fileno(stderr));
  carnet::ContentLoad content = bundle_input.empty() ? carnet::load_content(content_dir) : load_bundle_file(bundle_input);
  int errors = 0;
  int warnings = 0;
  for (const auto& d : content.diagnostics) (d.severity == carnet::Diagnostic::Severity::Error ? errors : warnings)++;
  for (const auto& line : carnet::diagnostics_to_print(content.diagnostics, kWarningsPerFile)) {
    if (!line.diagnostic) {
      std::fprintf(stderr, "%s\n", line.summary.c_str());
      continue;
    }
    const carnet::Diagnostic& d = *line.diagnostic;
    const bool is_error = d.severity == carnet::Diagnostic::Severity::Error;
    std::string text = d.format();
    if (color) {
      const char* word = is_error ? ": error: " : ": warning: ";
      const auto at = text.find(word);
      if (at != std::string::npos)
        text.replace(at, std::strlen(word), is_error ? ": \033[1;31merror:\033[0m " : ": \033[1;35mwarning:\033[0m ");
    }
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  if (bundle_input.empty() ? !fs::is_directory(content_dir) : content.bundle.site.title.empty()) return 1;

  // A progress bar only for a person watching (stdout and stderr both a terminal).
  carnet::Progress progress(isatty(fileno(stderr)) && isatty(fileno(stdout)));
  options.progress = &progress;
  const carnet::WriteResult w = carnet::write_site(content, content_dir, app_dir, out_dir, options);
  progress.clear();
  if (!w.error.empty()) {
    std::fprintf(stderr, "carnet-build: error: %s\n", w.error.c_str());
    return 1;
  }
  std::fprintf(stderr, "built %zu article(s) by %zu author(s) into %s (%zu file(s) updated, %s %zu KB",
               content.bundle.articles.size(), content.bundle.authors.size(), out_dir.generic_string().c_str(),
               w.files_written, w.sharded ? "sharded: boot" : "bundle", (w.bundle_bytes + 1023) / 1024);
  if (w.sharded)
    std::fprintf(stderr, ", %zu metadata part(s), %zu chunk(s), search index in %zu part(s)", w.meta_parts, w.chunks,
                 w.index_parts);
  std::fprintf(stderr, ", %zu static page(s)%s)", w.pages, w.feeds ? ", feeds, sitemap" : "");
  if (content.drafts) std::fprintf(stderr, ", %d draft(s) left out", content.drafts);
  if (content.skipped) std::fprintf(stderr, ", %d article(s) left out because of errors", content.skipped);
  std::fprintf(stderr, "; %d error(s), %d warning(s)\n", errors, warnings);
  return errors > 0 ? 1 : 0;
}
