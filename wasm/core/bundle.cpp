// Bundle reading with validation that names what is wrong, and writing.
#include "bundle.hpp"

#include <algorithm>
#include <set>

#include "json_text.hpp"
#include "text.hpp"

namespace carnet {

using nlohmann::json;

const Article* Bundle::find_article(std::string_view slug) const {
  const auto& position = index().position;
  const auto it = position.find(std::string(slug));
  return it == position.end() ? nullptr : &articles[it->second];
}

std::optional<ArticleCard> Bundle::find_card(std::string_view slug) const {
  if (const Article* a = find_article(slug)) return ArticleCard{a->title, a->date, a->lang};
  const auto it = cards.find(std::string(slug));
  if (it == cards.end()) return std::nullopt;
  return it->second;
}

const std::string& BundleIndex::term(const std::string& name) {
  auto it = slug_of_name_.find(name);
  if (it == slug_of_name_.end()) it = slug_of_name_.emplace(name, term_slug(name)).first;
  return it->second;
}

void BundleIndex::add(const std::vector<Article>& articles, std::size_t from) {
  position.reserve(articles.size());
  for (std::size_t i = from; i < articles.size(); ++i) {
    const Article& a = articles[i];
    position.emplace(a.slug, i);  // the first of duplicate slugs wins, as before
    if (!a.category.empty()) {
      auto& t = categories[term(a.category)];
      if (t.name.empty()) t.name = a.category;
      t.items.push_back(i);
    }
    for (const auto& tag : a.tags) {
      auto& t = tags[term(tag)];
      if (t.name.empty()) t.name = tag;
      if (t.items.empty() || t.items.back() != i) t.items.push_back(i);  // a tag twice counts once
    }
    authors[a.author].push_back(i);
  }
}

const BundleIndex& Bundle::index() const {
  if (index_ && indexed_data_ == articles.data() && indexed_size_ == articles.size()) return *index_;
  index_ = std::make_shared<BundleIndex>();
  index_->add(articles, 0);
  indexed_data_ = articles.data();
  indexed_size_ = articles.size();
  return *index_;
}

void Bundle::index_appended() const {
  if (!index_ || indexed_size_ > articles.size()) return;  // built on first use, from scratch
  if (index_.use_count() > 1) index_ = std::make_shared<BundleIndex>(*index_);  // a copy's too
  index_->add(articles, indexed_size_);
  indexed_data_ = articles.data();
  indexed_size_ = articles.size();
}

const Author* Bundle::find_author(std::string_view id) const {
  auto it = authors.find(std::string(id));
  return it == authors.end() ? nullptr : &it->second;
}

std::string term_slug(std::string_view name) {
  std::string slug = slugify(name);
  if (!slug.empty() || trim(name).empty()) return slug;
  // Names with no Latin letter or digit ("日本", "🎉") still need a stable ASCII route.
  static const char hex[] = "0123456789abcdef";
  slug = "x-";
  for (const char c : trim(name).substr(0, 32)) {
    slug += hex[static_cast<unsigned char>(c) >> 4];
    slug += hex[static_cast<unsigned char>(c) & 0xF];
  }
  return slug;
}

void sort_articles(std::vector<Article>& articles) {
  std::stable_sort(articles.begin(), articles.end(), [](const Article& a, const Article& b) {
    const auto ka = std::make_tuple(a.date.year, a.date.month, a.date.day);
    const auto kb = std::make_tuple(b.date.year, b.date.month, b.date.day);
    if (ka != kb) return ka > kb;
    if (a.title != b.title) return a.title < b.title;
    return a.slug < b.slug;
  });
}

namespace {

// The first validation problem of one entry, "" while there is none. Every check records
// into it and later ones keep the first, so an entry is read straight through and checked
// once by its caller: errors are values (the wasm build has no C++ exceptions).
struct Problem {
  std::string reason;
  void fail(std::string why) {
    if (reason.empty()) reason = std::move(why);
  }
  explicit operator bool() const { return !reason.empty(); }
};

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "a list";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

// Short, safe echo of a bad value for messages.
std::string echo(const json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : write_json(v);
  s = repair_utf8(s);
  if (s.size() > 60) s = truncate_words(s, 50);
  return s;
}

const json* field(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::string optional_string(const json& obj, const char* name, Problem& p) {
  const json* v = field(obj, name);
  if (!v) return {};
  if (!v->is_string()) {
    p.fail(std::string("field '") + name + "' must be a string, not " + type_name(*v));
    return {};
  }
  return v->get<std::string>();
}

std::string required_string(const json& obj, const char* name, Problem& p) {
  const json* v = field(obj, name);
  if (!v) {
    p.fail(std::string("field '") + name + "' is missing");
    return {};
  }
  std::string s = optional_string(obj, name, p);
  if (v->is_string() && trim(s).empty()) p.fail(std::string("field '") + name + "' is empty");
  return s;
}

bool is_safe_slug(std::string_view s) {
  if (s.empty() || s.size() > kMaxSlugLength) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  }) && s.find("..") == std::string_view::npos;
}

Author parse_author(const json& j, Problem& p) {
  Author a;
  if (!j.is_object()) {
    p.fail("must be an object, not " + type_name(j));
    return a;
  }
  a.id = required_string(j, "id", p);
  a.name = required_string(j, "name", p);
  a.avatar = optional_string(j, "avatar", p);
  a.bio = optional_string(j, "bio", p);
  if (const json* links = field(j, "links")) {
    if (!links->is_array()) {
      p.fail("field 'links' must be a list, not " + type_name(*links));
    } else {
      for (const auto& l : *links) {
        if (!l.is_object()) {
          p.fail("field 'links' must hold objects with 'label' and 'url'");
          break;
        }
        std::string label = required_string(l, "label", p);
        a.links.push_back({std::move(label), required_string(l, "url", p)});
      }
    }
  }
  return a;
}

// Field `key` of `j` as a list of strings (`what` names them in errors); absent: empty. A
// value that is not a list, or an entry that is not a string, is a problem; the strings
// before that entry are kept.
std::vector<std::string> string_list(const json& j, const char* key, const char* what, Problem& p) {
  std::vector<std::string> out;
  const json* list = field(j, key);
  if (!list) return out;
  const std::string intro = std::string("field '") + key + "' must be a list of " + what;
  if (!list->is_array()) {
    p.fail(intro + ", not " + type_name(*list));
    return out;
  }
  for (const auto& v : *list) {
    if (!v.is_string()) {
      p.fail(intro + ", but holds " + type_name(v));
      break;
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Article parse_article(const json& j, const std::string& default_lang, Problem& p) {
  Article a;
  if (!j.is_object()) {
    p.fail("must be an object, not " + type_name(j));
    return a;
  }
  a.slug = required_string(j, "slug", p);
  if (!is_safe_slug(a.slug)) p.fail("field 'slug' must be lower-case letters, digits, '-', '_' or '.' (got '" + echo(a.slug) + "')");
  a.title = required_string(j, "title", p);
  const std::string date = required_string(j, "date", p);
  auto d = parse_date(date);
  if (!d) p.fail("field 'date' must be a real date written YYYY-MM-DD (got '" + echo(date) + "')");
  else a.date = *d;
  a.author = required_string(j, "author", p);
  a.category = optional_string(j, "category", p);
  for (auto& t : string_list(j, "tags", "strings", p))
    if (!trim(t).empty()) a.tags.push_back(std::move(t));
  a.lang = optional_string(j, "lang", p);
  if (a.lang.empty()) a.lang = default_lang;
  a.summary = optional_string(j, "summary", p);
  a.source = optional_string(j, "source", p);
  if (const json* o = field(j, "original")) {
    if (!o->is_object()) {
      p.fail("field 'original' must be an object with 'name' and 'url', not " + type_name(*o));
    } else {
      std::string name = optional_string(*o, "name", p);
      Original orig{std::move(name), required_string(*o, "url", p)};
      if (orig.name.empty()) orig.name = orig.url;
      a.original = orig;
    }
  }
  a.related = string_list(j, "related", "slugs", p);
  if (const json* w = field(j, "words")) {
    if (!w->is_number_unsigned()) p.fail("field 'words' must be a whole number, not " + (w->is_number() ? echo(*w) : type_name(*w)));
    else a.words = w->get<std::size_t>();
  }
  return a;
}

// `images`: {"assets/a.png": [width, height]}. A size the loader cannot vouch for is left
// out (the image is then shown without one), never the bundle.
void load_image_sizes(const json& root, const std::string& prefix, Bundle& b, std::vector<std::string>& warnings) {
  const json* images = field(root, "images");
  if (!images) return;
  if (!images->is_object()) {
    warnings.push_back(prefix + "field 'images' must be an object mapping image URLs to [width, height]; sizes ignored");
    return;
  }
  auto side = [](const json& v) {
    return v.is_number_integer() && v.get<long long>() >= 1 && v.get<long long>() <= kMaxImageSide;
  };
  for (auto it = images->begin(); it != images->end(); ++it) {
    const json& size = it.value();
    if (size.is_array() && size.size() == 2 && side(size[0]) && side(size[1]))
      b.image_sizes[it.key()] = {size[0].get<int>(), size[1].get<int>()};
    else
      warnings.push_back(prefix + "image '" + echo(it.key()) + "': size must be [width, height] in whole pixels from 1 to " +
                         std::to_string(kMaxImageSide) + ", not " + echo(size) + " (ignored)");
  }
}

std::string entry_name(const char* kind, std::size_t index, const json& j) {
  std::string s = std::string(kind) + " " + std::to_string(index + 1);
  const char* key = std::string_view(kind) == "author" ? "id" : "slug";
  if (j.is_object()) {
    auto it = j.find(key);
    if (it != j.end() && it->is_string()) s += " ('" + echo(*it) + "')";
  }
  return s;
}

}  // namespace

std::optional<Article> parse_article_record(const json& record, const std::string& default_lang,
                                            std::string& reason) {
  Problem p;
  Article a = parse_article(record, default_lang, p);
  if (p) {
    reason = p.reason;
    return std::nullopt;
  }
  return a;
}

std::string entry_label(const char* kind, std::size_t index, const json& entry) { return entry_name(kind, index, entry); }

json parse_json_text(std::string_view json_text, const std::string& prefix, std::string& error) {
  std::string why;
  json root = read_json(json_text, why);
  if (!why.empty()) error = prefix + "not valid JSON (" + why + ")";
  return root;
}

std::string format_of(const json& root) {
  const json* fmt = root.is_object() ? field(root, "format") : nullptr;
  return fmt && fmt->is_string() ? fmt->get<std::string>() : std::string();
}

bool check_header(const json& root, const std::string& prefix, std::string_view format, std::string& error) {
  if (!root.is_object()) {
    error = prefix + "not a Carnet bundle (the top level must be an object, not " + type_name(root) + ")";
    return false;
  }
  const json* fmt = field(root, "format");
  if (!fmt || !fmt->is_string() || fmt->get_ref<const std::string&>() != format) {
    error = prefix + "not a Carnet bundle (field 'format' must be \"" + std::string(format) + "\")";
    return false;
  }
  const json* version = field(root, "version");
  if (!version || !version->is_number_integer()) {
    error = prefix + "field 'version' must be a whole number";
    return false;
  }
  if (version->get<long long>() > kBundleVersion) {
    error = prefix + "schema version " + std::to_string(version->get<long long>()) +
            " is newer than this viewer understands (" + std::to_string(kBundleVersion) +
            "); reload the page to get the matching viewer";
    return false;
  }
  return true;
}

json parse_bundle_root(std::string_view json_text, const std::string& prefix, std::string_view format,
                       std::string& error) {
  json root = parse_json_text(json_text, prefix, error);
  if (root.is_discarded()) return nullptr;
  return check_header(root, prefix, format, error) ? root : json(nullptr);
}

bool load_site_and_authors(const json& root, const std::string& prefix, Bundle& b, BundleLoad& out) {
  Problem site_problem;
  const json* site = field(root, "site");
  if (!site || !site->is_object()) {
    site_problem.fail("field 'site' must be an object");
  } else {
    b.site.title = required_string(*site, "title", site_problem);
    b.site.description = optional_string(*site, "description", site_problem);
    b.site.lang = optional_string(*site, "lang", site_problem);
    if (b.site.lang.empty()) b.site.lang = "en";
    b.site.base_url = optional_string(*site, "base_url", site_problem);
    b.site.routing = optional_string(*site, "routing", site_problem) == "history" ? "history" : "hash";
    b.assets = optional_string(root, "assets", site_problem);
    if (b.assets.empty()) b.assets = "assets/";  // the documented default
  }
  if (site_problem) {
    out.error = prefix + "site: " + site_problem.reason;
    return false;
  }

  if (const json* authors = field(root, "authors")) {
    if (!authors->is_array()) {
      out.warnings.push_back(prefix + "field 'authors' must be a list; authors ignored");
    } else {
      for (std::size_t i = 0; i < authors->size(); ++i) {
        Problem p;
        Author a = parse_author((*authors)[i], p);
        if (!p && b.authors.count(a.id)) p.fail("duplicate author id '" + echo(a.id) + "'");
        if (p) out.skipped.push_back({prefix + entry_name("author", i, (*authors)[i]), p.reason});
        else b.authors.emplace(a.id, std::move(a));
      }
    }
  }
  load_image_sizes(root, prefix, b, out.warnings);
  return true;
}

BundleLoad load_bundle(std::string_view json_text, std::string_view name) {
  BundleLoad out;
  const json root = parse_json_text(json_text, std::string(name) + ": ", out.error);
  if (root.is_discarded()) return out;
  return load_bundle_json(root, name);
}

BundleLoad load_bundle_json(const json& root, std::string_view name) {
  BundleLoad out;
  const std::string prefix = std::string(name) + ": ";
  if (!check_header(root, prefix, kBundleFormat, out.error)) return out;
  Bundle b;
  if (!load_site_and_authors(root, prefix, b, out)) return out;

  const json* articles = field(root, "articles");
  if (!articles || !articles->is_array()) {
    out.error = prefix + "field 'articles' must be a list";
    return out;
  }
  const json* bodies = field(root, "bodies");
  if (bodies && !bodies->is_object()) {
    out.error = prefix + "field 'bodies' must be an object mapping slugs to Markdown";
    return out;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < articles->size(); ++i) {
    const json& j = (*articles)[i];
    Problem p;
    Article a = parse_article(j, b.site.lang, p);
    if (!p && seen.count(a.slug)) p.fail("another article already has slug '" + a.slug + "'");
    const json* body = !p && bodies ? field(*bodies, a.slug.c_str()) : nullptr;
    if (!p && !body) p.fail("no body in 'bodies'");
    if (!p && !body->is_string()) p.fail("its body must be a string, not " + type_name(*body));
    if (p) {
      out.skipped.push_back({prefix + entry_name("article", i, j), p.reason});
      continue;
    }
    if (!b.find_author(a.author))
      out.warnings.push_back(prefix + entry_name("article", i, j) + ": unknown author '" + echo(a.author) + "'");
    seen.insert(a.slug);
    b.bodies.emplace(a.slug, body->get<std::string>());
    b.articles.push_back(std::move(a));
  }
  sort_articles(b.articles);
  out.bundle = std::move(b);
  return out;
}

json bundle_to_json(const Bundle& b, std::string_view generator) {
  json site = {{"title", b.site.title}, {"description", b.site.description}, {"lang", b.site.lang}};
  if (!b.site.base_url.empty()) site["base_url"] = b.site.base_url;
  if (b.site.routing != "hash") site["routing"] = b.site.routing;
  json authors = json::array();
  for (const auto& [id, a] : b.authors) {
    json links = json::array();
    for (const auto& l : a.links) links.push_back({{"label", l.label}, {"url", l.url}});
    json ja = {{"id", a.id}, {"name", a.name}, {"links", links}, {"bio", a.bio}};
    if (!a.avatar.empty()) ja["avatar"] = a.avatar;
    authors.push_back(std::move(ja));
  }
  json articles = json::array();
  json bodies = json::object();
  for (const auto& a : b.articles) {
    json ja = {{"slug", a.slug}, {"title", a.title}, {"date", format_iso(a.date)}, {"author", a.author},
               {"tags", a.tags}, {"lang", a.lang}, {"summary", a.summary}, {"words", a.words}};
    if (!a.category.empty()) ja["category"] = a.category;
    if (a.original) ja["original"] = {{"name", a.original->name}, {"url", a.original->url}};
    if (!a.source.empty()) ja["source"] = a.source;
    if (!a.related.empty()) ja["related"] = a.related;
    articles.push_back(std::move(ja));
    auto body = b.bodies.find(a.slug);
    bodies[a.slug] = body == b.bodies.end() ? std::string() : body->second;
  }
  json out = {{"format", kBundleFormat}, {"version", kBundleVersion}, {"generator", generator},
              {"site", site},           {"assets", b.assets},         {"authors", authors},
              {"articles", articles},   {"bodies", bodies}};
  if (!b.image_sizes.empty()) {
    json images = json::object();
    for (const auto& entry : b.image_sizes) images[entry.first] = {entry.second.first, entry.second.second};
    out["images"] = std::move(images);
  }
  return out;
}

std::string list_key(std::string_view kind, std::string_view slug) {
  return std::string(kind) + ":" + std::string(slug);
}

}  // namespace carnet
