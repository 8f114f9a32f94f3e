// Sharded sites: writing the boot file, metadata parts and chunks, and reading them back
// with the same validation as bundle.json (bundle.cpp's record checks).
#include "shards.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_set>

#include "date.hpp"
#include "json_text.hpp"
#include "string_ids.hpp"
#include "text.hpp"

namespace carnet {

using nlohmann::json;

namespace {

std::string dump(const json& j) { return write_json(j); }

// Interns strings into a per-file dictionary: columns hold small numbers instead of names.
class Dict {
 public:
  std::size_t id(const std::string& s) {
    const auto [it, fresh] = ids_.emplace(s, list_.size());
    if (fresh) list_.push_back(s);
    return it->second;
  }
  const json& list() const { return list_; }

 private:
  std::map<std::string, std::size_t> ids_;
  json list_ = json::array();
};

struct ChunkSpan {
  std::string name;
  std::size_t first = 0;  // row of its first article
  std::size_t count = 0;
};

// The metadata of rows [from, to) as columns plus their dictionaries, and the chunks that
// hold those rows.
// The columns of the articles at `positions`, in that order ("articles" and "dict").
void put_rows(json& out, const Bundle& b, const std::vector<std::size_t>& positions) {
  Dict authors, categories, tags, langs;
  json slug = json::array(), title = json::array(), date = json::array(), author = json::array(),
       category = json::array(), tag = json::array(), lang = json::array(), summary = json::array(),
       words = json::array();
  for (const std::size_t i : positions) {
    const Article& a = b.articles[i];
    slug.push_back(a.slug);
    title.push_back(a.title);
    date.push_back(format_iso(a.date));
    author.push_back(authors.id(a.author));
    category.push_back(categories.id(a.category));
    json t = json::array();
    for (const auto& name : a.tags) t.push_back(tags.id(name));
    tag.push_back(std::move(t));
    lang.push_back(langs.id(a.lang));
    summary.push_back(a.summary);
    words.push_back(a.words);
  }
  out["articles"] = {{"slug", slug},         {"title", title}, {"date", date},       {"author", author},
                     {"category", category}, {"tags", tag},    {"lang", lang},       {"summary", summary},
                     {"words", words}};
  out["dict"] = {{"author", authors.list()}, {"category", categories.list()}, {"tag", tags.list()},
                 {"lang", langs.list()}};
}

void put_columns(json& out, const Bundle& b, std::size_t from, std::size_t to, const std::vector<ChunkSpan>& chunks) {
  std::vector<std::size_t> positions;
  for (std::size_t i = from; i < to; ++i) positions.push_back(i);
  out["first"] = from;
  put_rows(out, b, positions);
  json list = json::array();
  for (const auto& c : chunks)
    if (c.first < to && c.first + c.count > from) list.push_back({c.name, c.first, c.count});
  out["chunks"] = list;
}

const json* field(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

// Reads the columns of a boot file or metadata part into `b`: rows already loaded (the boot
// file's head, repeated in the first part) are passed over.
// `own_chunk`: the rows of a chunk itself (chunk_bundle), all in that chunk; otherwise the
// root's "chunks" list says where each row's body is.
std::string read_columns(const json& root, const std::string& prefix, Bundle& b, ShardProgress& progress,
                         std::vector<Skipped>& skipped, const std::string* own_chunk = nullptr) {
  const json* first_v = field(root, "first");
  const json* cols = field(root, "articles");
  const json* dict = field(root, "dict");
  if (!first_v || !first_v->is_number_unsigned()) return prefix + "field 'first' must be a whole number";
  if (!cols || !cols->is_object()) return prefix + "field 'articles' must be an object of columns";
  if (!dict || !dict->is_object()) return prefix + "field 'dict' must be an object of lists";
  const std::size_t first = first_v->get<std::size_t>();
  if (first > progress.rows)
    return prefix + "starts at article " + std::to_string(first + 1) + " but only " + std::to_string(progress.rows) +
           " are loaded (parts out of order)";
  static const char* kColumns[] = {"slug", "title", "date", "author", "category", "tags", "lang", "summary", "words"};
  std::size_t rows = 0;
  for (const char* name : kColumns) {
    const json* c = field(*cols, name);
    if (!c || !c->is_array()) return prefix + "column '" + name + "' must be a list";
    if (name == kColumns[0]) rows = c->size();
    else if (c->size() != rows) return prefix + "column '" + name + "' has " + std::to_string(c->size()) +
                                       " entries, not " + std::to_string(rows);
  }
  static const char* kDicts[] = {"author", "category", "tag", "lang"};
  for (const char* name : kDicts) {
    const json* d = field(*dict, name);
    if (!d || !d->is_array()) return prefix + "dictionary '" + name + "' must be a list";
  }
  // A dictionary entry, or the number itself when it is not a valid index (then validation
  // names the field).
  auto lookup = [&](const char* name, const json& v) -> json {
    const json& d = (*dict)[name];
    if (v.is_number_unsigned() && v.get<std::size_t>() < d.size()) return d[v.get<std::size_t>()];
    return v;
  };
  std::map<std::size_t, std::string> chunk_at;  // first row -> chunk, for the rows read below
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  if (const json* chunks = field(root, "chunks")) {
    if (!chunks->is_array()) return prefix + "field 'chunks' must be a list";
    for (const auto& c : *chunks) {
      if (!c.is_array() || c.size() != 3 || !c[0].is_string() || !c[1].is_number_unsigned() || !c[2].is_number_unsigned())
        return prefix + "field 'chunks' must hold [file, first article, count] entries";
      chunk_at[c[1].get<std::size_t>()] = c[0].get<std::string>();
      spans.emplace_back(c[1].get<std::size_t>(), c[2].get<std::size_t>());
    }
  }
  std::sort(spans.begin(), spans.end());
  auto chunk_of_row = [&](std::size_t row) -> std::string {
    if (own_chunk) return *own_chunk;
    // Spans starting at or before the row, the last first: in a well-formed part the first
    // one tried holds it.
    for (auto k = std::upper_bound(spans.begin(), spans.end(), std::make_pair(row, ~std::size_t{0}));
         k != spans.begin();) {
      --k;
      if (row < k->first + k->second) return chunk_at[k->first];
    }
    return {};
  };
  // Slugs already taken: the articles loaded before (the bundle's index, extended part by
  // part rather than rebuilt) and this part's.
  const auto& loaded = b.index().position;
  // Room for the whole site at the first part, so no article is moved again as parts come;
  // `total` comes from the boot file, so at most 32 parts like this one are believed.
  const std::size_t passed = progress.rows - first;
  const std::size_t room = std::min(b.total, b.articles.size() + (rows > passed ? rows - passed : 0) * 32);
  if (b.articles.capacity() < room) b.articles.reserve(room);
  std::unordered_set<std::string> seen;
  for (std::size_t r = progress.rows - first; r < rows; ++r) {
    json record = {{"slug", (*cols)["slug"][r]},       {"title", (*cols)["title"][r]},
                   {"date", (*cols)["date"][r]},       {"author", lookup("author", (*cols)["author"][r])},
                   {"summary", (*cols)["summary"][r]}, {"words", (*cols)["words"][r]},
                   {"lang", lookup("lang", (*cols)["lang"][r])}};
    const json category = lookup("category", (*cols)["category"][r]);
    if (!(category.is_string() && category.get<std::string>().empty())) record["category"] = category;
    const json& tag_ids = (*cols)["tags"][r];
    if (tag_ids.is_array()) {
      json tags = json::array();
      for (const auto& t : tag_ids) tags.push_back(lookup("tag", t));
      record["tags"] = tags;
    } else {
      record["tags"] = tag_ids;
    }
    const std::size_t row = first + r;
    ++progress.rows;
    std::string reason;
    std::optional<Article> a = parse_article_record(record, b.site.lang, reason);
    if (a && (loaded.count(a->slug) || seen.count(a->slug)))
      reason = "another article already has slug '" + a->slug + "'";
    if (!a || !reason.empty()) {
      skipped.push_back({prefix + entry_label("article", row, record), reason});
      continue;
    }
    const std::string chunk = chunk_of_row(row);
    if (chunk.empty()) {
      skipped.push_back({prefix + entry_label("article", row, record), "no chunk holds its body"});
      continue;
    }
    progress.chunk_of[a->slug] = chunk;
    seen.insert(a->slug);
    b.articles.push_back(std::move(*a));
  }
  b.index_appended();
  return {};
}

}  // namespace

bool should_shard(const Bundle& bundle, Sharding mode) {
  if (mode != Sharding::Auto) return mode == Sharding::Always;
  if (bundle.articles.size() >= kShardMinArticles) return true;
  std::size_t bytes = 0;
  for (const auto& [slug, body] : bundle.bodies) bytes += body.size();
  return bytes >= kShardMinBodyBytes;
}

std::string hashed_name(std::string_view stem, std::string_view ext, std::string_view bytes) {
  return std::string(stem) + "-" + fingerprint(bytes) + "." + std::string(ext);
}

ShardedSite shard_bundle(const Bundle& b, std::string_view generator, std::string_view index_file,
                         const ForEachIndex& for_each) {
  ShardedSite out;
  const std::size_t n = b.articles.size();
  b.index();  // built here, once: the tasks below only read it
  // Chunks: runs of articles in date order, closed by size, count, or a part boundary (so a
  // part's chunks hold exactly its articles). Cut first, then written on every core.
  std::vector<ChunkSpan> spans;
  const auto body_of = [&](const Article& a) -> const std::string* {
    const auto body = b.bodies.find(a.slug);
    return body == b.bodies.end() ? nullptr : &body->second;
  };
  std::size_t bytes = 0;
  for (std::size_t i = 0, first = 0; i < n; ++i) {
    const std::string* body = body_of(b.articles[i]);
    bytes += body ? body->size() : 0;
    const bool part_end = (i + 1) % kMetaPartArticles == 0;
    if (bytes >= kChunkBodyBytes || i + 1 - first >= kChunkMaxArticles || part_end || i + 1 == n) {
      spans.push_back({std::string(), first, i + 1 - first});
      first = i + 1;
      bytes = 0;
    }
  }
  out.chunks.resize(spans.size());
  each_index(spans.size(), [&](std::size_t k) {
    const std::size_t first = spans[k].first, end = first + spans[k].count;
    json articles = json::array();
    for (std::size_t i = first; i < end; ++i) {
      const Article& a = b.articles[i];
      const std::string* body = body_of(a);
      json entry = {{"slug", a.slug}, {"body", body ? *body : std::string()}};
      if (!a.source.empty()) entry["source"] = a.source;
      if (a.original) entry["original"] = {{"name", a.original->name}, {"url", a.original->url}};
      json related = json::array();
      for (const auto& slug : a.related)
        if (const Article* r = b.find_article(slug))
          related.push_back({r->slug, r->title, format_iso(r->date), r->lang});
      if (!related.empty()) entry["related"] = std::move(related);
      articles.push_back(std::move(entry));
    }
    // Its articles' metadata and their neighbours': an article's page from this file alone.
    json rows;
    put_columns(rows, b, first == 0 ? 0 : first - 1, std::min(n, end + 1), {});
    rows.erase("chunks");
    std::string text =
        dump({{"format", kChunkFormat}, {"version", kBundleVersion}, {"articles", std::move(articles)}, {"rows", std::move(rows)}});
    spans[k].name = hashed_name("chunk", "json", text);
    out.chunks[k] = {spans[k].name, std::move(text)};
  }, for_each);

  // "where" files: each article's chunk by slug, the slugs spread by a hash.
  const std::size_t where_count = std::max<std::size_t>(1, (n + kWhereSlugs - 1) / kWhereSlugs);
  std::vector<json> where(where_count, json::object());
  for (const auto& span : spans)
    for (std::size_t i = span.first; i < span.first + span.count; ++i) {
      const std::string& slug = b.articles[i].slug;
      where[where_file_of(slug, where_count)][slug] = span.name;
    }
  // Each file named after its bytes, and the names in order for the boot file's directory.
  const auto publish = [](std::vector<SiteFile>& files, json& names, const char* stem, std::string text) {
    files.push_back({hashed_name(stem, "json", text), std::move(text)});
    names.push_back(files.back().name);
  };
  json where_names = json::array();
  for (auto& slugs : where)
    publish(out.where, where_names, "where",
            dump({{"format", kWhereFormat}, {"version", kBundleVersion}, {"slugs", std::move(slugs)}}));

  // "lists" files: the length and first kListRows articles of every category, tag and
  // author list (the views' own grouping, BundleIndex), the lists spread by a hash of their
  // key; a longer list's later rows in files of its own, kListBlockRows rows each.
  const BundleIndex& index = b.index();
  std::map<std::string, const std::vector<std::size_t>*> lists;  // key -> the list's positions
  for (const auto& [slug, term] : index.categories) lists[list_key("category", slug)] = &term.items;
  for (const auto& [slug, term] : index.tags) lists[list_key("tag", slug)] = &term.items;
  for (const auto& [id, items] : index.authors) lists[list_key("author", id)] = &items;
  // The rows [from, from + count) of a list: "from" places them in the list; "first" and the
  // chunk runs ([file, first row, count]) count rows in this entry, as in a metadata part.
  const auto list_entry = [&](const std::vector<std::size_t>& items, std::size_t from, std::size_t count) {
    const std::vector<std::size_t> rows(items.begin() + from, items.begin() + std::min(items.size(), from + count));
    json entry = {{"total", items.size()}, {"from", from}, {"first", 0}};
    put_rows(entry, b, rows);
    json chunks = json::array();
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto span = std::upper_bound(spans.begin(), spans.end(), rows[r],
                                         [](std::size_t p, const ChunkSpan& c) { return p < c.first; }) - 1;
      if (!chunks.empty() && chunks.back()[0] == span->name && chunks.back()[1].get<std::size_t>() + chunks.back()[2].get<std::size_t>() == r)
        chunks.back()[2] = chunks.back()[2].get<std::size_t>() + 1;
      else
        chunks.push_back({span->name, r, 1});
    }
    entry["chunks"] = std::move(chunks);
    return entry;
  };
  const auto lists_text = [](json entries) {
    return dump({{"format", kListsFormat}, {"version", kBundleVersion}, {"lists", std::move(entries)}});
  };
  const std::size_t list_count = std::max<std::size_t>(1, (lists.size() + kListsPerFile - 1) / kListsPerFile);
  // Each list's entries on every core, then gathered in key order.
  const std::vector<std::pair<std::string, const std::vector<std::size_t>*>> by_key(lists.begin(), lists.end());
  std::vector<json> first_entries(by_key.size());
  std::vector<std::vector<SiteFile>> blocks(by_key.size());
  each_index(by_key.size(), [&](std::size_t l) {
    const std::vector<std::size_t>& items = *by_key[l].second;
    json entry = list_entry(items, 0, kListRows);
    json more = json::array();
    for (std::size_t from = kListRows; from < items.size(); from += kListBlockRows) {
      std::string text = lists_text({{by_key[l].first, list_entry(items, from, kListBlockRows)}});
      blocks[l].push_back({hashed_name("lists", "json", text), std::move(text)});
      more.push_back({blocks[l].back().name, from});
    }
    if (!more.empty()) entry["more"] = std::move(more);
    first_entries[l] = std::move(entry);
  }, for_each);
  std::vector<json> list_files(list_count, json::object());
  for (std::size_t l = 0; l < by_key.size(); ++l) {
    for (auto& f : blocks[l]) out.list_rows.push_back(std::move(f));  // not in the boot file: each list's first file names its own
    list_files[list_file_of(by_key[l].first, list_count)][by_key[l].first] = std::move(first_entries[l]);
  }
  json list_names = json::array();  // the boot file's directory: the first files, by list_file_of
  for (auto& entries : list_files) publish(out.lists, list_names, "lists", lists_text(std::move(entries)));

  std::vector<std::string> meta_texts((n + kMetaPartArticles - 1) / kMetaPartArticles);
  each_index(meta_texts.size(), [&](std::size_t k) {
    json part = {{"format", kMetaFormat}, {"version", kBundleVersion}};
    put_columns(part, b, k * kMetaPartArticles, std::min(n, (k + 1) * kMetaPartArticles), spans);
    meta_texts[k] = dump(part);
  }, for_each);
  json meta_names = json::array();
  for (auto& text : meta_texts) publish(out.meta, meta_names, "meta", std::move(text));

  // The boot file: the bundle's site and authors, the newest articles, what every view
  // needs about the whole site, and the directory.
  Bundle head;
  head.site = b.site;
  head.assets = b.assets;
  head.authors = b.authors;
  head.image_sizes = b.image_sizes;
  json boot = bundle_to_json(head, generator);
  boot["format"] = kBootFormat;
  boot.erase("articles");
  boot.erase("bodies");
  boot["count"] = n;
  json cats = json::array();  // as the views count them, in slug order
  for (const auto& [slug, term] : index.categories) cats.push_back({term.name, term.items.size()});
  boot["categories"] = cats;
  json years = json::array();  // the archive's year headings, newest first
  for (const Article& a : b.articles) {
    if (years.empty() || years.back()[0] != a.date.year) years.push_back({a.date.year, 0});
    years.back()[1] = years.back()[1].get<std::size_t>() + 1;
  }
  boot["years"] = years;
  put_columns(boot, b, 0, std::min(n, kBootArticles), spans);
  boot["meta"] = meta_names;
  boot["where"] = where_names;
  boot["lists"] = list_names;
  boot["index"] = index_file;
  out.boot = dump(boot);
  return out;
}

namespace {
// A directory list the viewer can do without ("where", "lists": an older build has none):
// empty when absent or when an entry is not a name, since a list with a bad entry cannot
// place its keys; what it leads to is then found through the metadata parts.
std::vector<std::string> optional_file_names(const json& root, const char* name) {
  std::vector<std::string> names;
  const json* list = field(root, name);
  if (!list || !list->is_array()) return names;
  for (const auto& f : *list)
    if (f.is_string()) names.push_back(f.get<std::string>());
  if (names.size() != list->size()) names.clear();
  return names;
}
}  // namespace

BootLoad load_boot(std::string_view json_text, std::string_view name) {
  BootLoad out;
  const json root = parse_json_text(json_text, std::string(name) + ": ", out.load.error);
  if (root.is_discarded()) return out;
  return load_boot_json(root, name);
}

BootLoad load_boot_json(const json& root, std::string_view name) {
  BootLoad out;
  BundleLoad& load = out.load;
  const std::string prefix = std::string(name) + ": ";
  if (!check_header(root, prefix, kBootFormat, load.error)) return out;
  Bundle b;
  if (!load_site_and_authors(root, prefix, b, load)) return out;
  const json* count = field(root, "count");
  const json* cats = field(root, "categories");
  const json* meta = field(root, "meta");
  const json* index = field(root, "index");
  if (!count || !count->is_number_unsigned()) {
    load.error = prefix + "field 'count' must be a whole number";
    return out;
  }
  if (!meta || !meta->is_array()) {
    load.error = prefix + "field 'meta' must be a list of file names";
    return out;
  }
  for (const auto& m : *meta) {
    if (!m.is_string()) {
      load.error = prefix + "field 'meta' must be a list of file names";
      return out;
    }
    out.directory.meta.push_back(m.get<std::string>());
  }
  if (index && index->is_string()) out.directory.index = index->get<std::string>();
  out.directory.where = optional_file_names(root, "where");
  out.directory.lists = optional_file_names(root, "lists");
  if (cats && cats->is_array()) {
    for (const auto& c : *cats)
      if (c.is_array() && c.size() == 2 && c[0].is_string() && c[1].is_number_unsigned())
        b.category_counts.emplace_back(c[0].get<std::string>(), c[1].get<std::size_t>());
  }
  // The archive's year counts: without them (an older build, or unusable), the archive waits
  // for every metadata part.
  if (const json* years = field(root, "years"); years && years->is_array()) {
    for (const auto& y : *years) {
      if (!y.is_array() || y.size() != 2 || !y[0].is_number_integer() || !y[1].is_number_unsigned()) {
        b.year_counts.clear();
        break;
      }
      b.year_counts.emplace_back(y[0].get<int>(), y[1].get<std::size_t>());
    }
  }
  const std::string error = read_columns(root, prefix, b, out.progress, load.skipped);
  if (!error.empty()) {
    load.error = error;
    return out;
  }
  for (const auto& a : b.articles)
    if (!b.find_author(a.author))
      load.warnings.push_back(prefix + "article '" + a.slug + "': unknown author '" + a.author + "'");
  b.total = count->get<std::size_t>();
  b.bodies_on_demand = true;
  load.bundle = std::move(b);
  return out;
}

std::string load_meta_part(std::string_view json_text, std::string_view name, Bundle& bundle, ShardProgress& progress,
                           std::vector<Skipped>& skipped) {
  const std::string prefix = std::string(name) + ": ";
  std::string error;
  const json root = parse_bundle_root(json_text, prefix, kMetaFormat, error);
  if (root.is_null()) return error;
  return read_columns(root, prefix, bundle, progress, skipped);
}

ChunkLoad load_chunk(std::string_view json_text, std::string_view name) {
  ChunkLoad out;
  const std::string prefix = std::string(name) + ": ";
  const json root = parse_bundle_root(json_text, prefix, kChunkFormat, out.error);
  if (root.is_null()) return out;
  const json* articles = field(root, "articles");
  if (!articles || !articles->is_array()) {
    out.error = prefix + "field 'articles' must be a list";
    return out;
  }
  for (const auto& a : *articles) {
    const json* slug = a.is_object() ? field(a, "slug") : nullptr;
    const json* body = a.is_object() ? field(a, "body") : nullptr;
    if (!slug || !slug->is_string() || !body || !body->is_string()) {
      out.error = prefix + "every entry of 'articles' must have a string 'slug' and 'body'";
      out.articles.clear();
      return out;
    }
    ChunkArticle c;
    c.body = body->get<std::string>();
    if (const json* s = field(a, "source"); s && s->is_string()) c.source = s->get<std::string>();
    if (const json* o = field(a, "original"); o && o->is_object()) {
      const json* url = field(*o, "url");
      const json* label = field(*o, "name");
      if (url && url->is_string())
        c.original = Original{label && label->is_string() ? label->get<std::string>() : url->get<std::string>(),
                              url->get<std::string>()};
    }
    if (const json* related = field(a, "related"); related && related->is_array()) {
      // [slug, title, date, lang] each; a malformed card is left out (its link only).
      for (const auto& r : *related) {
        if (!r.is_array() || r.size() != 4 || !r[0].is_string() || !r[1].is_string() || !r[2].is_string() ||
            !r[3].is_string())
          continue;
        const std::optional<Date> date = parse_date(r[2].get_ref<const std::string&>());
        if (!date) continue;
        c.related.push_back(r[0].get<std::string>());
        out.cards[r[0].get<std::string>()] = ArticleCard{r[1].get<std::string>(), *date, r[3].get<std::string>()};
      }
    }
    out.articles[slug->get<std::string>()] = std::move(c);
  }
  if (const json* rows = field(root, "rows"); rows && rows->is_object()) out.rows = *rows;
  return out;
}

namespace {
// A small bundle of some of the site's articles, shown before the metadata parts list them:
// the site's settings, authors and image sizes; bodies come with chunks.
Bundle provisional_bundle(const Bundle& site) {
  Bundle b;
  b.site = site.site;
  b.assets = site.assets;
  b.authors = site.authors;
  b.image_sizes = site.image_sizes;
  b.bodies_on_demand = true;
  return b;
}
}  // namespace

std::optional<Bundle> chunk_bundle(ChunkLoad& chunk, std::string_view name, const Bundle& site,
                                   std::vector<Skipped>& skipped) {
  if (!chunk.rows.is_object()) return std::nullopt;
  Bundle b = provisional_bundle(site);
  const json* first = field(chunk.rows, "first");
  ShardProgress progress;
  progress.rows = first && first->is_number_unsigned() ? first->get<std::size_t>() : 0;
  b.first_row = progress.rows;
  const std::string file(name);
  if (!read_columns(chunk.rows, file + ": ", b, progress, skipped, &file).empty()) return std::nullopt;
  // The whole site's counts (the navigation), as the site's own bundle while it loads.
  b.total = std::max(site.total, b.first_row + b.articles.size());
  b.category_counts = site.category_counts;
  for (Article& a : b.articles) {
    const auto it = chunk.articles.find(a.slug);
    if (it != chunk.articles.end()) take_chunk_article(it->second, a, b);  // else a neighbour: title and link only
  }
  b.cards = chunk.cards;
  return b;
}

void take_chunk_article(ChunkArticle c, Article& a, Bundle& b) {
  b.bodies[a.slug] = std::move(c.body);
  a.source = std::move(c.source);
  a.original = std::move(c.original);
  a.related = std::move(c.related);
}

std::size_t list_file_of(std::string_view key, std::size_t count) { return where_file_of(key, count); }

ListsLoad load_lists(std::string_view json_text, std::string_view name) {
  ListsLoad out;
  const std::string prefix = std::string(name) + ": ";
  json root = parse_bundle_root(json_text, prefix, kListsFormat, out.error);
  if (root.is_null()) return out;
  const auto lists = root.find("lists");
  if (lists == root.end() || !lists->is_object()) {
    out.error = prefix + "field 'lists' must be an object of list key: list";
    return out;
  }
  // A list whose entry is malformed is left out: its pages wait for the metadata parts. So
  // do its later pages when the names of their files are unusable.
  for (auto it = lists->begin(); it != lists->end(); ++it) {
    const json* total = it->is_object() ? field(*it, "total") : nullptr;
    const json* from = it->is_object() ? field(*it, "from") : nullptr;
    if (!total || !total->is_number_unsigned() || (from && !from->is_number_unsigned())) continue;
    const std::uint64_t n = total->get<std::uint64_t>(), first = from ? from->get<std::uint64_t>() : 0;
    if (n > kMaxListLength || first > n) continue;
    ListsLoad::List list;
    list.total = static_cast<std::size_t>(n);
    list.from = static_cast<std::size_t>(first);
    if (const json* more = field(*it, "more"); more && more->is_array()) {
      for (const auto& m : *more) {
        const bool ok = m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_number_unsigned() &&
                        is_plain_file_name(m[0].get_ref<const std::string&>()) &&
                        m[1].get<std::uint64_t>() < list.total &&
                        (list.more.empty() || m[1].get<std::uint64_t>() > list.more.back().from);
        if (!ok) {
          list.more.clear();
          break;
        }
        list.more.push_back({m[0].get<std::string>(), m[1].get<std::size_t>()});
      }
    }
    list.rows = std::move(*it);  // moved: no copy of the rows
    out.lists.emplace(it.key(), std::move(list));
  }
  return out;
}

std::optional<Bundle> list_bundle(const ListsLoad::List& list, std::string_view key, std::string_view name,
                                  const Bundle& site, std::unordered_map<std::string, std::string>& chunk_of,
                                  std::vector<Skipped>& skipped) {
  Bundle b = provisional_bundle(site);
  ShardProgress progress;
  if (!read_columns(list.rows, std::string(name) + ": list '" + std::string(key) + "': ", b, progress, skipped).empty())
    return std::nullopt;
  // The whole site's counts (the navigation), as the site's own bundle while it loads.
  b.total = std::max(site.total, b.articles.size() + 1);
  b.category_counts = site.category_counts;
  b.list_key = std::string(key);
  b.list_first = list.from;
  b.list_total = std::max(list.total, list.from + b.articles.size());
  for (auto& [slug, chunk] : progress.chunk_of) chunk_of.emplace(slug, std::move(chunk));
  return b;
}

std::size_t where_file_of(std::string_view slug, std::size_t count) {
  return count == 0 ? 0 : static_cast<std::size_t>(string_hash(slug) % count);
}

WhereLoad load_where(std::string_view json_text, std::string_view name) {
  WhereLoad out;
  const std::string prefix = std::string(name) + ": ";
  const json root = parse_bundle_root(json_text, prefix, kWhereFormat, out.error);
  if (root.is_null()) return out;
  const json* slugs = field(root, "slugs");
  if (!slugs || !slugs->is_object()) {
    out.error = prefix + "field 'slugs' must be an object of slug: chunk file";
    return out;
  }
  for (const auto& [slug, chunk] : slugs->items())
    if (chunk.is_string()) out.chunk_of.emplace(slug, chunk.get<std::string>());
  return out;
}

}  // namespace carnet
