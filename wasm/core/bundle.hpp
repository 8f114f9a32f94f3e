// The bundle: a site's metadata, authors, articles and Markdown bodies, as written by
// `carnet build` and read by the viewer. Format documented in docs/bundle-format.md.
#pragma once

#include <map>
#include <memory>
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
constexpr int kMaxImageSide = 100000;        // image sizes past this many pixels are not believed

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
  std::vector<std::string> related;  // slugs of related articles, best first (related.hpp)
};

// What a link to an article shows besides its slug (its "related" list): a sharded site's
// chunk carries these for the related articles of its own, wherever their metadata is.
struct ArticleCard {
  std::string title;
  Date date;
  std::string lang;
};

struct Site {
  std::string title;
  std::string description;
  std::string lang = "en";
  std::string base_url;            // the public URL (site.yml `url`), ending in '/', or empty
  std::string routing = "hash";    // "hash" (#/post/x) or "history" (clean URLs, pushState)
};

// Lookups derived from a bundle's article list, so a view costs the same with 100 or 100,000
// articles: position by slug, and the articles of each category, tag and author.
struct BundleIndex {
  struct Term {
    std::string name;                // the first spelling seen ("Réseaux sociaux")
    std::vector<std::size_t> items;  // positions in `articles`, newest first
  };
  std::unordered_map<std::string, std::size_t> position;  // slug -> position
  std::map<std::string, Term> categories;                  // by term slug, in slug order
  std::unordered_map<std::string, Term> tags;              // by term slug
  std::unordered_map<std::string, std::vector<std::size_t>> authors;  // by author id

  // Indexes articles[from...] (positions from `from` on).
  void add(const std::vector<Article>& articles, std::size_t from);

 private:
  std::unordered_map<std::string, std::string> slug_of_name_;  // term_slug, once per spelling
  const std::string& term(const std::string& name);
};

struct Bundle {
  Site site;
  std::string assets = "assets/";  // where the content folder's own files were copied
  std::map<std::string, Author> authors;
  std::vector<Article> articles;  // newest first (see sort_articles)
  std::unordered_map<std::string, std::string> bodies;  // slug -> Markdown
  // Intrinsic (width, height) of the site's own images by published URL
  // ("assets/images/a.png"): written on their <img> so the page keeps their place while
  // they load (MarkdownOptions::image_sizes).
  std::map<std::string, std::pair<int, int>> image_sizes;

  // A sharded site while it loads (shards.hpp): `articles` may hold only the newest ones and
  // bodies arrive chunk by chunk; views answer what they can and are "pending" otherwise.
  std::size_t total = 0;         // articles of the whole site, when more than `articles`
  std::vector<std::pair<std::string, std::size_t>> category_counts;  // (name, count), while partial
  std::vector<std::pair<int, std::size_t>> year_counts;  // (year, articles), newest first, while partial
  bool bodies_on_demand = false;  // a missing body means "not fetched yet", not "empty"
  std::unordered_map<std::string, ArticleCard> cards;  // related articles named by loaded chunks
  std::size_t first_row = 0;      // position of articles[0] in the whole site (chunk_bundle)
  // A bundle of a run of one list's articles (shards.hpp list_bundle): the list's key
  // (list_key), whole length and the position of articles[0] in it; the pages it covers show
  // as the whole site's would.
  std::string list_key;
  std::size_t list_total = 0;
  std::size_t list_first = 0;
  bool partial() const { return total > articles.size(); }
  // Whether articles older than the loaded ones are still to come.
  bool more_after() const { return total > first_row + articles.size(); }

  const Article* find_article(std::string_view slug) const;
  // The card of a related article: from its metadata, or else from a loaded chunk.
  std::optional<ArticleCard> find_card(std::string_view slug) const;
  const Author* find_author(std::string_view id) const;
  // The name `a`'s author goes by: the author file's name, else the id as written.
  const std::string& author_name(const Article& a) const {
    const Author* author = find_author(a.author);
    return author ? author->name : a.author;
  }

  // The lookups of the current article list, built on first use and again whenever the list
  // grows or moves (a sharded site's metadata parts). Not thread-safe on first use: callers
  // that share a bundle between threads call it once first.
  const BundleIndex& index() const;
  // Articles were appended to `articles` and nothing before them changed (a sharded site's
  // metadata part): the index, if built, takes the new ones in instead of starting over.
  void index_appended() const;

 private:
  mutable std::shared_ptr<BundleIndex> index_;  // shared by copies of the bundle: never changed while shared
  mutable const Article* indexed_data_ = nullptr;
  mutable std::size_t indexed_size_ = 0;
 public:
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

// The same from a parsed document (a viewer that parsed it to look at its format).
BundleLoad load_bundle_json(const nlohmann::json& root, std::string_view name = "bundle.json");

// A list's key: "category:<slug>", "tag:<slug>" or "author:<id>" (its route's kind name and
// slug).
std::string list_key(std::string_view kind, std::string_view slug);

// Pieces of load_bundle that sharded sites reuse (shards.cpp). `prefix` starts every message
// ("bundle.json: ").
// Parsed JSON, or a discarded value with `error` set.
nlohmann::json parse_json_text(std::string_view json_text, const std::string& prefix, std::string& error);
// The string in a document's "format" field, or "".
std::string format_of(const nlohmann::json& root);
// Checks an object's format and version; false with `error` set when unusable.
bool check_header(const nlohmann::json& root, const std::string& prefix, std::string_view format, std::string& error);
// The top-level object of a file in `format`, after checking format and version; null and
// `error` set when unusable.
nlohmann::json parse_bundle_root(std::string_view json_text, const std::string& prefix, std::string_view format,
                                 std::string& error);
// `site`, `assets`, `authors` and `images` of a root into `b`; false (out.error set) when
// unusable. Bad authors are skipped and bad image sizes ignored, with a message each.
bool load_site_and_authors(const nlohmann::json& root, const std::string& prefix, Bundle& b, BundleLoad& out);
// One `articles[]` record, validated; empty with `reason` when it must be skipped.
std::optional<Article> parse_article_record(const nlohmann::json& record, const std::string& default_lang,
                                            std::string& reason);
// "article 3 ('hello')" for messages.
std::string entry_label(const char* kind, std::size_t index, const nlohmann::json& entry);

// Serialises a bundle (the CLI writes this; load_bundle reads it back).
nlohmann::json bundle_to_json(const Bundle& bundle, std::string_view generator);

// Newest first; same day: by title, then slug, so the order is stable across builds.
void sort_articles(std::vector<Article>& articles);

// Category and tag slugs used in routes ("Réseaux sociaux" -> "reseaux-sociaux").
std::string term_slug(std::string_view name);

}  // namespace carnet
