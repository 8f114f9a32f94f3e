// The bundle: a site's metadata, authors, articles and Markdown bodies, as written by
// `carnet build` and read by the viewer. Format documented in docs/bundle-format.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "date.hpp"

namespace carnet {

constexpr int kBundleVersion = 1;
constexpr const char* kBundleFormat = "carnet-bundle";
constexpr std::size_t kMaxSlugLength = 200;  // load_bundle refuses longer article slugs

struct Link {
  std::string label;
  std::string url;
};

struct Author {
  std::string id;
  std::string name;
  std::string avatar;  // site-relative URL, or empty
  std::vector<Link> links;
  std::string bio;     // Markdown
};

struct Original {
  std::string name;
  std::string url;
};

struct Article {
  std::string slug;
  std::string title;
  Date date;
  std::string author;    // author id
  std::string category;  // display name, may be empty
  std::vector<std::string> tags;
  std::string lang;
  std::string summary;   // plain text
  std::optional<Original> original;
  std::string source;    // path of the Markdown file inside the content folder
  std::size_t words = 0;
};

struct Site {
  std::string title;
  std::string description;
  std::string lang = "en";
  std::string base_url;            // the public URL (site.yml `url`), ending in '/', or empty
  std::string routing = "hash";    // "hash" (#/post/x) or "history" (clean URLs, pushState)
};

struct Bundle {
  Site site;
  std::string assets = "assets/";  // where the content folder's own files were copied
  std::map<std::string, Author> authors;
  std::vector<Article> articles;  // newest first (see sort_articles)
  std::unordered_map<std::string, std::string> bodies;  // slug -> Markdown

  const Article* find_article(std::string_view slug) const;
  const Author* find_author(std::string_view id) const;
};

// Why one article (or author) of a bundle was left out.
struct Skipped {
  std::string what;    // "article 3 ('hello')"
  std::string reason;  // "field 'date' must be YYYY-MM-DD (got '2024-13-45')"
  std::string message() const { return what + ": " + reason; }
};

struct BundleLoad {
  std::optional<Bundle> bundle;  // empty when the bundle as a whole is unusable
  std::string error;             // why, when `bundle` is empty
  std::vector<Skipped> skipped;  // entries left out of an otherwise usable bundle
  std::vector<std::string> warnings;
};

// Parses and validates a bundle. Never throws; `name` prefixes every message.
BundleLoad load_bundle(std::string_view json_text, std::string_view name = "bundle.json");

// Serialises a bundle (the CLI writes this; load_bundle reads it back).
nlohmann::json bundle_to_json(const Bundle& bundle, std::string_view generator);

// Newest first; same day: by title, then slug, so the order is stable across builds.
void sort_articles(std::vector<Article>& articles);

// Category and tag slugs used in routes ("Réseaux sociaux" -> "reseaux-sociaux").
std::string term_slug(std::string_view name);

}  // namespace carnet
