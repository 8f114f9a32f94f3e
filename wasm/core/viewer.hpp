// The viewer's state machine behind the JS shell: load a bundle, answer views. JSON text
// in, JSON text out, so the wasm boundary stays coarse (see wasm/bindings/bindings.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bundle.hpp"

namespace carnet {

class Viewer {
 public:
  // Loads (or replaces) the bundle. Returns the load report:
  // {"ok": bool, "error": "...", "skipped": ["article 3 ('x'): field 'date' ..."],
  //  "warnings": [...], "articles": N, "strings": {...UI strings of the site language}}
  std::string load(std::string_view bundle_json);

  // The view model for a location hash ("#/post/hello"), as JSON text. Before a successful
  // load: {"kind": "error", ...}.
  std::string view(std::string_view hash) const;

  // The canonical hash of a location hash: the shell replaces the URL with it.
  static std::string canonical(std::string_view hash);

  bool loaded() const { return bundle_.has_value(); }

 private:
  std::optional<Bundle> bundle_;
  std::string error_;
};

}  // namespace carnet
