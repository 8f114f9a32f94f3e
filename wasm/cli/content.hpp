// Reads a content folder (site.yml, authors/, posts/**) into a Bundle, validating every
// field. Problems come back as diagnostics naming file, line and field; a broken article
// is left out, never the whole site. Native only (the CLI).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bundle.hpp"

namespace carnet {

struct Diagnostic {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  std::string file;     // path as given on the command line + relative path
  int line = 0;         // 1-based; 0 when no line applies
  std::string field;    // front matter field, or empty
  std::string message;
  std::string excerpt;  // the offending source line, when known (leading spaces removed)
  int caret = 0;        // 1-based column in `excerpt` where the problem starts; 0: none
  int caret_width = 0;  // in characters

  // "content/posts/a.md:3: error: field 'date': ... " followed by the excerpt and a caret
  // under the offending part, like a compiler.
  std::string format() const;
};

struct ContentLoad {
  Bundle bundle;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> assets;  // content-relative paths of files to publish as-is
  int drafts = 0;                   // articles left out because `draft: true`
  int skipped = 0;                  // articles left out because of errors
  std::string default_author;       // site.yml's `author`: the id articles without one get

  bool has_errors() const;
};

ContentLoad load_content(const std::filesystem::path& content_dir);

// What the build prints of `diagnostics`, in order: every error, and a file's first
// `max_warnings` warnings, then one line for the rest ("file: N more warning(s) not
// shown"). Old posts imported from another tool can hold thousands of dead links.
struct DiagnosticLine {
  const Diagnostic* diagnostic = nullptr;  // or, when null, `summary`
  std::string summary;
};
std::vector<DiagnosticLine> diagnostics_to_print(const std::vector<Diagnostic>& diagnostics, std::size_t max_warnings);

}  // namespace carnet
