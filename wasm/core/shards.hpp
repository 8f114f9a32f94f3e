// Sharded sites: a large blog published as a small boot file (bundle.json: site, authors,
// the newest articles' metadata, category counts, a directory of the other files), metadata
// parts (every article's metadata, in columns) and content chunks (bodies of many articles
// each), every file but the boot named after a hash of its bytes. Documented in
// docs/bundle-format.md ("Sharded sites"). Writer (the CLI) and reader (the viewer) both here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bundle.hpp"
#include "for_each.hpp"

namespace carnet {

constexpr const char* kBootFormat = "carnet-boot";
constexpr const char* kMetaFormat = "carnet-meta";
constexpr const char* kChunkFormat = "carnet-chunk";
constexpr const char* kWhereFormat = "carnet-where";
constexpr const char* kListsFormat = "carnet-lists";

// The automatic threshold: a blog is sharded when it has at least this many articles or
// this many bytes of Markdown bodies; smaller ones stay one bundle.json.
constexpr std::size_t kShardMinArticles = 1000;
constexpr std::size_t kShardMinBodyBytes = 4u << 20;  // 4 MiB
constexpr std::size_t kBootArticles = 11;             // the home page's 10 and the older neighbour of its last
constexpr std::size_t kMetaPartArticles = 5000;       // articles per metadata part
constexpr std::size_t kChunkBodyBytes = 128u << 10;   // a chunk closes past this many body bytes...
constexpr std::size_t kChunkMaxArticles = 200;        // ...or this many articles
constexpr std::size_t kWhereSlugs = 1000;             // slugs per "where" file (on average)
constexpr std::size_t kSearchPartBytes = 256u << 10;  // postings per search index part file
constexpr std::size_t kListRows = 20;                 // first articles of each category, tag, author list...
constexpr std::size_t kListsPerFile = 16;             // ...that many lists a "lists" file (on average)
constexpr std::size_t kListBlockRows = 200;           // the rest of a list: files of this many rows (20 pages)
constexpr std::size_t kMaxListLength = std::size_t{1} << 30;  // a longer list in a "lists" file is not believed

enum class Sharding { Auto, Always, Never };

// Whether `bundle` is published sharded.
bool should_shard(const Bundle& bundle, Sharding mode);

struct SiteFile {
  std::string name;  // "chunk-3f2a9c1b0d4e5f60.json"
  std::string bytes;
};

struct ShardedSite {
  std::string boot;              // the text of bundle.json
  std::vector<SiteFile> meta;    // metadata parts, newest articles first
  std::vector<SiteFile> chunks;  // content chunks, newest articles first
  std::vector<SiteFile> where;   // slug -> chunk directories, by where_file_of
  std::vector<SiteFile> lists;   // the first pages of every category, tag and author list, by list_file_of
  std::vector<SiteFile> list_rows;  // the later rows of each longer list, kListBlockRows a file
};

// `stem-<fingerprint of bytes>.ext`: a name that changes whenever the bytes do.
std::string hashed_name(std::string_view stem, std::string_view ext, std::string_view bytes);

// Splits a bundle (articles sorted newest first) into its boot file, metadata parts and
// chunks; `index_file` is the (hashed) name of the search index the boot file points to.
// Chunks, lists and parts are written through `for_each` (the files do not depend on it).
ShardedSite shard_bundle(const Bundle& bundle, std::string_view generator, std::string_view index_file,
                         const ForEachIndex& for_each = {});

// What the boot file says about the other files.
struct ShardDirectory {
  std::vector<std::string> meta;   // metadata parts to load after the first paint, in order
  std::string index;               // the search index file
  std::vector<std::string> where;  // the "where" files (may be empty: an older build)
  std::vector<std::string> lists;  // the "lists" files (may be empty: an older build)
};

// Which of `count` "where" files lists `slug` (the same on every platform).
std::size_t where_file_of(std::string_view slug, std::size_t count);

// Which of `count` "lists" files holds the list `key`.
std::size_t list_file_of(std::string_view key, std::size_t count);

// A "lists" file: per list key, the list's length and a run of its articles' rows (columns,
// as in a metadata part) from its row `from`. A list's first file holds its first kListRows
// rows and names the files of the later ones in `more`. Empty with `error` when unusable.
struct ListsLoad {
  struct Block {
    std::string file;
    std::size_t from = 0;  // the list's row the file starts at
  };
  struct List {
    std::size_t total = 0;
    std::size_t from = 0;
    std::vector<Block> more;  // by row
    nlohmann::json rows;
  };
  std::unordered_map<std::string, List> lists;
  std::string error;
};
ListsLoad load_lists(std::string_view json_text, std::string_view name);

// A run of one list's articles on their own, as a small bundle (`site`'s site, authors, images
// and counts): the pages it covers are the whole site's, before the metadata parts. Bad rows
// are skipped; nullopt when the rows are unusable. `chunk_of` gets each article's chunk.
std::optional<Bundle> list_bundle(const ListsLoad::List& list, std::string_view key, std::string_view name,
                                  const Bundle& site, std::unordered_map<std::string, std::string>& chunk_of,
                                  std::vector<Skipped>& skipped);

// A "where" file: slug -> the chunk holding that article (its body and metadata), so an
// article is found without the metadata parts before it. Empty with `error` when unusable.
struct WhereLoad {
  std::unordered_map<std::string, std::string> chunk_of;
  std::string error;
};
WhereLoad load_where(std::string_view json_text, std::string_view name);

// How far a viewer got: rows of metadata read (articles loaded or skipped), and the chunk
// holding each loaded article's body.
struct ShardProgress {
  std::size_t rows = 0;
  std::unordered_map<std::string, std::string> chunk_of;  // slug -> chunk file
};

struct BootLoad {
  BundleLoad load;  // the bundle of the newest articles (total and category counts set)
  ShardDirectory directory;
  ShardProgress progress;
};

// Reads a boot file. Never throws; `name` prefixes every message.
BootLoad load_boot(std::string_view json_text, std::string_view name = "bundle.json");
// The same from a parsed document (the viewer parses bundle.json once, then looks at its format).
BootLoad load_boot_json(const nlohmann::json& root, std::string_view name = "bundle.json");

// Appends a metadata part's articles to `bundle` (after the rows `progress` has read).
// Entries that fail validation are skipped (reported in `skipped`); returns "" or why the
// whole part is unusable.
std::string load_meta_part(std::string_view json_text, std::string_view name, Bundle& bundle,
                           ShardProgress& progress, std::vector<Skipped>& skipped);

// A chunk's articles: slug -> (body, source, original, related).
struct ChunkArticle {
  std::string body;
  std::string source;
  std::optional<Original> original;
  std::vector<std::string> related;  // slugs, best first
};
struct ChunkLoad {
  std::unordered_map<std::string, ChunkArticle> articles;
  std::unordered_map<std::string, ArticleCard> cards;  // the related articles they name
  nlohmann::json rows;  // the metadata of its articles and their two neighbours (null if absent)
  std::string error;    // set when the chunk is unusable
};
ChunkLoad load_chunk(std::string_view json_text, std::string_view name);

// Puts a chunk's article into `b`: its body, and its source, original and related slugs on
// `a` (one of b's articles).
void take_chunk_article(ChunkArticle c, Article& a, Bundle& b);

// A chunk on its own, as a small bundle: `site`'s site, authors and images, and the chunk's
// rows (its articles, then the newer and older neighbours around them, in order) with its
// bodies and related cards. Its articles' views are the whole site's, before the metadata
// parts that list them are loaded. Bad rows are skipped (`skipped`); empty when the chunk
// carries no metadata.
std::optional<Bundle> chunk_bundle(ChunkLoad& chunk, std::string_view name, const Bundle& site,
                                   std::vector<Skipped>& skipped);

}  // namespace carnet
