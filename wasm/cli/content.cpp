// Content folder loading and validation.
#include "content.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <unordered_map>

#include "active_asset.hpp"
#include "file_io.hpp"
#include "frontmatter.hpp"
#include "image_size.hpp"
#include "markdown.hpp"
#include "parallel.hpp"
#include "related.hpp"
#include "text.hpp"

namespace fs = std::filesystem;

namespace carnet {

std::string Diagnostic::format() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  s += severity == Severity::Error ? ": error: " : ": warning: ";
  if (!field.empty()) s += "field '" + field + "': ";
  s += message;
  if (excerpt.empty()) return s;
  const std::string number = std::to_string(line);
  s += "\n  " + number + " | " + excerpt;
  if (caret > 0) {
    s += "\n  " + std::string(number.size(), ' ') + " | " + std::string(static_cast<std::size_t>(caret - 1), ' ') + "^";
    if (caret_width > 1) s += std::string(static_cast<std::size_t>(caret_width - 1), '~');
  }
  return s;
}

bool ContentLoad::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
}

std::vector<DiagnosticLine> diagnostics_to_print(const std::vector<Diagnostic>& diagnostics, std::size_t max_warnings) {
  std::vector<DiagnosticLine> lines;
  std::unordered_map<std::string_view, std::size_t> warnings;  // per file
  std::vector<std::string_view> files;                          // in order of appearance
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Diagnostic::Severity::Error) {
      lines.push_back({&d, {}});
      continue;
    }
    const auto [it, added] = warnings.try_emplace(d.file, 0);
    if (added) files.push_back(d.file);
    if (++it->second <= max_warnings) lines.push_back({&d, {}});
  }
  for (const std::string_view file : files)
    if (const std::size_t count = warnings[file]; count > max_warnings)
      lines.push_back({nullptr, std::string(file) + ": " + std::to_string(count - max_warnings) + " more warning(s) not shown"});
  return lines;
}

namespace {

constexpr std::size_t kSummaryChars = 220;

std::string generic(const fs::path& p) { return p.generic_string(); }

bool is_markdown(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".md" || ext == ".markdown";
}

bool is_hidden(const fs::path& rel) {
  for (const auto& part : rel)
    if (!part.empty() && part.string()[0] == '.' && part != "." && part != "..") return true;
  return false;
}

// One file being read: knows its display name and lines, and records diagnostics.
class FileContext {
 public:
  FileContext(ContentLoad& load, std::string display, const std::string& text)
      : load_(load), display_(std::move(display)) {
    std::string normalized = normalize_newlines(text);
    std::size_t start = 0;
    while (start <= normalized.size()) {
      auto eol = normalized.find('\n', start);
      if (eol == std::string::npos) eol = normalized.size();
      lines_.push_back(normalized.substr(start, eol - start));
      start = eol + 1;
    }
  }

  // What the caret of a field's message points at: its value, or its name.
  enum class Caret { Value, Key };

  void report(Diagnostic::Severity sev, int line, std::string field, std::string message, Caret at = Caret::Value) {
    Diagnostic d{sev, display_, line, std::move(field), std::move(message), {}};
    if (line > 0 && static_cast<std::size_t>(line) <= lines_.size()) {
      d.excerpt = repair_utf8(std::string(trim(lines_[line - 1])).substr(0, 160));
      point_at_field(d, at);
    }
    if (sev == Diagnostic::Severity::Error) ++errors;
    load_.diagnostics.push_back(std::move(d));
  }

  // A problem at byte `column` (1-based) of `line`, `bytes` long: a Markdown link or image.
  void report_at(Diagnostic::Severity sev, int line, std::size_t column, std::size_t bytes, std::string message) {
    Diagnostic d{sev, display_, line, {}, std::move(message), {}};
    if (line > 0 && static_cast<std::size_t>(line) <= lines_.size()) {
      const std::string& text = lines_[line - 1];
      const std::size_t first = text.find_first_not_of(" \t");
      const std::size_t lead = first == std::string::npos ? text.size() : first;
      d.excerpt = repair_utf8(std::string(trim(text)).substr(0, 160));
      if (column > lead && column - lead <= d.excerpt.size()) {
        const std::size_t from = column - 1 - lead;
        d.caret = static_cast<int>(code_points(std::string_view(d.excerpt).substr(0, from))) + 1;
        d.caret_width = static_cast<int>(std::max<std::size_t>(1, code_points(std::string_view(d.excerpt).substr(from, bytes))));
      }
    }
    if (sev == Diagnostic::Severity::Error) ++errors;
    load_.diagnostics.push_back(std::move(d));
  }
  void warn_at(int line, std::size_t column, std::size_t bytes, std::string message) {
    report_at(Diagnostic::Severity::Warning, line, column, bytes, std::move(message));
  }
  void error(int line, std::string field, std::string message) {
    report(Diagnostic::Severity::Error, line, std::move(field), std::move(message));
  }
  void warn(int line, std::string field, std::string message, Caret at = Caret::Value) {
    report(Diagnostic::Severity::Warning, line, std::move(field), std::move(message), at);
  }

  int errors = 0;

 private:
  static std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  }

  // "date: 2024-13-45" under field 'date': the caret spans the value (up to a comment), or
  // the name when asked or when the value is on the next lines.
  static void point_at_field(Diagnostic& d, Caret at) {
    if (d.field.empty()) return;
    const std::string key = d.field.substr(d.field.rfind('.') == std::string::npos ? 0 : d.field.rfind('.') + 1);
    std::string_view e = d.excerpt;
    if (e.substr(0, 2) == "- ") e.remove_prefix(2);
    const std::size_t offset = d.excerpt.size() - e.size();
    if (e.substr(0, key.size()) != key || e.substr(key.size(), 1) != ":") return;
    std::size_t from = key.size() + 1;
    while (from < e.size() && e[from] == ' ') ++from;
    std::size_t to = e.find(" #", from);
    if (to == std::string_view::npos) to = e.size();
    while (to > from && e[to - 1] == ' ') --to;
    if (at == Caret::Key || to == from) {
      from = 0;
      to = key.size();
    }
    d.caret = static_cast<int>(code_points(std::string_view(d.excerpt).substr(0, offset + from))) + 1;
    d.caret_width = static_cast<int>(code_points(e.substr(from, to - from)));
  }

  ContentLoad& load_;
  std::string display_;
  std::vector<std::string> lines_;
};

// Typed access to front matter fields with line-aware messages.
class Fields {
 public:
  Fields(const FrontMatter& fm, FileContext& ctx) : fm_(fm), ctx_(ctx) {}

  // The field's node, or nullopt when absent or null ("field:" with no value).
  std::optional<YAML::Node> get(const char* name) const {
    const YAML::Node n = fm_.data[name];
    if (!n || n.IsNull()) return std::nullopt;
    return n;
  }
  int line(const char* name) const {
    const auto n = get(name);
    return n ? fm_.line_of(*n) : 0;
  }

  // A scalar string; reports and returns nullopt when present but not a scalar.
  std::optional<std::string> string(const char* name, bool required) const {
    const auto node = get(name);
    if (!node) {
      if (required) ctx_.error(fm_.present ? fm_.yaml_first_line - 1 : 0, name, "is required but missing");
      return std::nullopt;
    }
    const YAML::Node& n = *node;
    if (!n.IsScalar()) {
      ctx_.error(fm_.line_of(n), name, "must be a single value (text), not a list or a mapping");
      return std::nullopt;
    }
    std::string s = n.Scalar();
    if (!is_valid_utf8(s)) {
      ctx_.warn(fm_.line_of(n), name, "is not valid UTF-8; invalid bytes were replaced");
      s = repair_utf8(s);
    }
    if (required && trim(s).empty()) {
      ctx_.error(fm_.line_of(n), name, "is required but empty");
      return std::nullopt;
    }
    return std::string(trim(s));
  }

  void warn_unknown(std::initializer_list<const char*> known) const {
    for (const auto& kv : fm_.data) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
        ctx_.warn(fm_.line_of(kv.first), key, "unknown field (ignored)", FileContext::Caret::Key);
    }
  }

 private:
  const FrontMatter& fm_;
  FileContext& ctx_;
};

bool is_http_url(std::string_view u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

// "javascript:x", "data:...": a colon before any / ? # (a relative path has none).
bool has_scheme(std::string_view u) {
  const std::size_t colon = u.find(':');
  return colon != std::string_view::npos && colon < u.find_first_of("/?#");
}

// What the builder can tell an author about an article's links and images, on their line:
// images and files that are not in the content folder, images without alt text, links to
// Markdown files (not published), and targets the viewer neutralises.
void check_references(std::string_view body, int body_first_line, const fs::path& file, const std::string& display,
                      FileContext& ctx) {
  for (const MarkdownReference& r : markdown_references(body)) {
    const int line = r.line ? body_first_line + static_cast<int>(r.line) - 1 : 0;
    const std::string what = std::string(r.image ? "image '" : "link '") + r.target + "'";
    auto warn = [&](const std::string& message) { ctx.warn_at(line, r.column, r.target.size(), message); };
    if (r.image && !r.has_text)
      warn(what + " has no alt text: describe what it shows, for readers who cannot see it");
    if (!safe_url(r.target, r.image ? UrlContext::Image : UrlContext::Link)) {
      warn(what + " is not allowed (unsafe scheme): it is " + (r.image ? "not shown" : "shown as plain text"));
      continue;
    }
    if (r.target.empty() || r.target[0] == '#' || r.target[0] == '/' || has_scheme(r.target)) continue;
    std::string path = r.target.substr(0, r.target.find_first_of("?#"));
    path = percent_decode(path);
    if (path.empty()) continue;
    const fs::path local = (file.parent_path() / path).lexically_normal();
    const std::string shown = (fs::path(display).parent_path() / path).lexically_normal().generic_string();
    std::error_code ec;
    if (!fs::exists(local, ec)) {
      warn(what + " not found: there is no " + shown);
    } else if (!r.image && is_markdown(local)) {
      warn(what + " is a Markdown file, which is not published: link to the article's address (#/post/<slug>)");
    }
  }
}

// A URL in front matter: absolute http(s) URLs are kept; relative ones are resolved from
// the file's folder into the published assets folder.
std::string resolve_asset(const std::string& url, const fs::path& file_rel_dir, const std::string& assets) {
  if (url.empty() || is_http_url(url) || url[0] == '/' || url.rfind("data:", 0) == 0) return url;
  const fs::path joined = (file_rel_dir / url).lexically_normal();
  std::string s = generic(joined);
  while (s.rfind("../", 0) == 0) s = s.substr(3);
  return assets + s;
}

void load_site(const fs::path& dir, const std::string& display_dir, ContentLoad& load) {
  const fs::path path = dir / "site.yml";
  Site& site = load.bundle.site;
  site.title = dir.filename().string().empty() ? "Carnet" : dir.filename().string();
  std::string text;
  if (!read_file(path, text)) {
    load.diagnostics.push_back({Diagnostic::Severity::Warning, display_dir + "site.yml", 0, {},
                                "missing: using the folder name as the title and English as the language", {}});
    return;
  }
  FileContext ctx(load, display_dir + "site.yml", text);
  FrontMatter fm;
  fm.present = true;
  fm.yaml_first_line = 1;
  try {
    YAML::Node n = YAML::Load(normalize_newlines(text));
    if (!n.IsNull() && !n.IsMap()) {
      ctx.error(1, {}, "must be a YAML mapping of 'field: value' lines");
      return;
    }
    if (n.IsMap()) fm.data = n;
  } catch (const YAML::Exception& e) {
    ctx.error(e.mark.line >= 0 ? e.mark.line + 1 : 0, {}, "not valid YAML: " + e.msg);
    return;
  }
  Fields f(fm, ctx);
  if (auto t = f.string("title", true)) site.title = *t;
  if (auto d = f.string("description", false)) site.description = *d;
  if (auto l = f.string("lang", false)) site.lang = *l;
  else ctx.warn(0, "lang", "missing: articles without 'lang' are taken as English ('en')");
  // `url`, the public address (older spelling: `base_url`): canonical links, feeds, sitemap.
  const char* url_field = f.get("url") || !f.get("base_url") ? "url" : "base_url";
  if (f.get("url") && f.get("base_url"))
    ctx.warn(f.line("base_url"), "base_url", "ignored: 'url' is set (base_url is its older spelling)");
  if (auto u = f.string(url_field, false)) {
    const std::size_t host = u->find("://") + 3;
    if (!is_http_url(*u) || host >= u->size() || (*u)[host] == '/' || u->find_first_of("?# \t\"<>") != std::string::npos)
      ctx.error(f.line(url_field), url_field,
                "must be the site's public address starting with http:// or https://, without ?query or #fragment "
                "(got '" + *u + "')");
    else
      site.base_url = u->back() == '/' ? *u : *u + "/";
  } else {
    ctx.warn(0, "url", "missing: without the site's public address, pages have no canonical link or og:url, "
                       "feed.xml, rss.xml and sitemap.xml are not written, and 404.html only works at the site's "
                       "top level; add e.g. url: \"https://example.org/blog/\"");
  }
  if (auto r = f.string("routing", false)) {
    if (*r == "hash" || *r == "history") site.routing = *r;
    else ctx.error(f.line("routing"), "routing", "must be 'hash' (#/post/x, the default) or 'history' (clean URLs) (got '" + *r + "')");
  }
  if (auto a = f.string("author", false)) {
    const std::string id = slugify(*a);
    if (!fs::is_regular_file(dir / "authors" / (id + ".md")))
      ctx.error(f.line("author"), "author", "no author '" + *a + "': expected a file authors/" + id + ".md");
    else
      load.default_author = id;
  }
  f.warn_unknown({"title", "description", "lang", "url", "base_url", "routing", "author"});
}

void load_author(const fs::path& file, const fs::path& rel, const std::string& display, ContentLoad& load) {
  std::string text;
  FileContext ctx(load, display, read_file(file, text) ? text : std::string());
  const FrontMatter fm = parse_front_matter(text);
  if (!fm.error.empty()) {
    ctx.error(fm.error_line, {}, fm.error);
    return;
  }
  Fields f(fm, ctx);
  Author a;
  a.id = rel.stem().string();
  auto name = f.string("name", true);
  if (!name) return;
  a.name = *name;
  if (auto av = f.string("avatar", false)) {
    // A relative path, an http(s) URL or a raster data: image; any other scheme is refused
    // (the viewer would drop it too, and as a path it would name a file that is not there).
    if (has_scheme(*av) && !is_http_url(*av) && !safe_url(*av, UrlContext::Image))
      ctx.warn(f.line("avatar"), "avatar", "'" + *av + "' is not an image URL (ignored)");
    else
      a.avatar = resolve_asset(*av, rel.parent_path(), load.bundle.assets);
  }
  if (const auto links_node = f.get("links")) {
    const YAML::Node& links = *links_node;
    auto bad = [&] { ctx.warn(fm.line_of(links), "links", "expected a list of {label, url} (ignored)"); };
    if (links.IsMap()) {  // label: url
      for (const auto& kv : links)
        if (kv.first.IsScalar() && kv.second.IsScalar()) a.links.push_back({kv.first.Scalar(), kv.second.Scalar()});
    } else if (links.IsSequence()) {
      for (const auto& l : links) {
        if (l.IsScalar()) {
          a.links.push_back({l.Scalar(), l.Scalar()});
        } else if (l.IsMap() && l["url"] && l["url"].IsScalar()) {
          const YAML::Node label = l["label"] ? l["label"] : l["name"];
          a.links.push_back({label && label.IsScalar() ? label.Scalar() : l["url"].Scalar(), l["url"].Scalar()});
        } else {
          bad();
        }
      }
    } else {
      bad();
    }
  }
  // Links the viewer would not show (javascript:, data:..., or no URL at all: its bundle
  // loader refuses a blank one) are dropped here, with a word. A blank label is the URL.
  a.links.erase(std::remove_if(a.links.begin(), a.links.end(),
                               [&](Link& l) {
                                 if (trim(l.url).empty()) {
                                   ctx.warn(f.line("links"), "links", "a link without a URL (ignored)");
                                   return true;
                                 }
                                 if (!safe_url(l.url, UrlContext::Link)) {
                                   ctx.warn(f.line("links"), "links", "'" + l.url + "' is not a safe link URL (ignored)");
                                   return true;
                                 }
                                 if (trim(l.label).empty()) l.label = l.url;
                                 return false;
                               }),
                a.links.end());
  f.warn_unknown({"name", "avatar", "links"});
  a.bio = std::string(trim(fm.body));
  load.bundle.authors.emplace(a.id, std::move(a));
}

struct PostFile {
  fs::path path;
  fs::path rel;  // relative to the content folder
};

void load_post(const PostFile& pf, const std::string& display, ContentLoad& load,
               std::map<std::string, std::string>& slug_owner,
               std::map<std::string, std::pair<std::string, std::string>>& spellings) {
  std::string text;
  if (!read_file(pf.path, text)) {
    load.diagnostics.push_back({Diagnostic::Severity::Error, display, 0, {}, "cannot be read", {}});
    ++load.skipped;
    return;
  }
  FileContext ctx(load, display, text);
  const FrontMatter fm = parse_front_matter(text);
  if (!fm.error.empty()) {
    ctx.error(fm.error_line, {}, fm.error + " (article left out)");
    ++load.skipped;
    return;
  }
  if (!fm.present) {
    ctx.error(1, {}, "no front matter: the file must start with a '---' line, then 'title:', 'date:', 'author:' (article left out)");
    ++load.skipped;
    return;
  }
  Fields f(fm, ctx);
  if (const auto draft_node = f.get("draft")) {
    const YAML::Node& d = *draft_node;
    bool draft = false;
    if (!YAML::convert<bool>::decode(d, draft)) ctx.error(fm.line_of(d), "draft", "must be true or false");
    if (draft) {
      ++load.drafts;
      return;
    }
  }
  Article a;
  a.source = generic(pf.rel);
  auto title = f.string("title", true);
  auto date = f.string("date", true);
  auto author = f.string("author", load.default_author.empty());
  if ((!author || author->empty()) && !load.default_author.empty()) author = load.default_author;
  if (title) a.title = *title;
  if (date) {
    // A time after the day ("2024-03-14T09:30:00", "2024-03-14 09:30") is accepted and ignored.
    const std::string day = date->size() > 10 && ((*date)[10] == 'T' || (*date)[10] == ' ') ? date->substr(0, 10) : *date;
    if (auto d = parse_date(day)) a.date = *d;
    else ctx.error(f.line("date"), "date", "'" + *date + "' is not a real date written YYYY-MM-DD");
  }
  if (author) {
    // An author is named by id ("camille-durand"); a display name ("Camille Durand")
    // finds the same file through its slug.
    a.author = *author;
    if (!load.bundle.find_author(a.author) && load.bundle.find_author(slugify(a.author))) a.author = slugify(a.author);
    if (!load.bundle.find_author(a.author))
      ctx.error(f.line("author"), "author",
                "no author '" + a.author + "': expected a file authors/" + slugify(a.author) + ".md");
  }
  // Two spellings of one category or tag ("Marketing social", "marketing social") share a
  // page: say so, since only one spelling can be shown.
  auto check_spelling = [&](const char* field, const std::string& name) {
    auto [it, inserted] = spellings.emplace(std::string(field) + ":" + term_slug(name), std::make_pair(name, display));
    if (!inserted && it->second.first != name)
      ctx.warn(f.line(field), field, "'" + name + "' is written '" + it->second.first + "' in " + it->second.second +
                                        ": both are shown as one, under one spelling");
  };
  if (auto c = f.string("category", false)) {
    a.category = *c;
    if (!a.category.empty()) check_spelling("category", a.category);
    if (!a.category.empty() && term_slug(a.category).empty())
      ctx.error(f.line("category"), "category", "'" + a.category + "' has no letter or digit to make a URL from");
  }
  if (const auto tags_node = f.get("tags")) {
    const YAML::Node& tags = *tags_node;
    auto add = [&](std::string t) {
      t = repair_utf8(trim(t));
      if (t.empty()) return;
      if (term_slug(t).empty()) {
        ctx.warn(fm.line_of(tags), "tags", "'" + t + "' has no letter or digit to make a URL from (ignored)");
        return;
      }
      if (std::find(a.tags.begin(), a.tags.end(), t) == a.tags.end()) a.tags.push_back(t);
      check_spelling("tags", t);
    };
    if (tags.IsSequence()) {
      for (const auto& t : tags) {
        if (t.IsScalar()) add(t.Scalar());
        else ctx.error(fm.line_of(t), "tags", "each tag must be a single value (text)");
      }
    } else if (tags.IsScalar()) {  // "a, b, c"
      std::stringstream ss(tags.Scalar());
      for (std::string t; std::getline(ss, t, ',');) add(t);
    } else {
      ctx.error(fm.line_of(tags), "tags", "must be a list, e.g. [marketing, seo]");
    }
  }
  if (auto l = f.string("lang", false)) a.lang = *l;
  if (a.lang.empty()) a.lang = load.bundle.site.lang;
  if (auto s = f.string("summary", false)) a.summary = *s;
  if (a.summary.empty()) a.summary = truncate_words(first_paragraph_text(fm.body), kSummaryChars);

  // Slug: explicit, or the file name ("index.md" takes its folder's name).
  std::string wanted;
  int slug_line = 0;
  if (auto s = f.string("slug", false)) {
    wanted = *s;
    slug_line = f.line("slug");
  } else {
    wanted = pf.rel.stem() == "index" && pf.rel.has_parent_path() ? pf.rel.parent_path().filename().string()
                                                                   : pf.rel.stem().string();
  }
  a.slug = slugify(wanted);
  // The viewer refuses longer slugs: cut here, or the article would vanish from the site
  // (found by fuzzing the CLI against the bundle loader).
  const bool too_long = a.slug.size() > kMaxSlugLength;
  if (too_long) {
    a.slug.resize(kMaxSlugLength);
    while (!a.slug.empty() && a.slug.back() == '-') a.slug.pop_back();
  }
  if (a.slug.empty()) {
    ctx.error(slug_line, "slug", "'" + wanted + "' has no letter or digit to make a URL from");
  } else if (too_long) {
    ctx.warn(slug_line, "slug", "longer than " + std::to_string(kMaxSlugLength) + " characters: using '" + a.slug + "'");
  } else if (slug_line && a.slug != wanted) {
    ctx.warn(slug_line, "slug", "'" + wanted + "' is not URL-safe: using '" + a.slug + "'");
  }

  if (const auto original_node = f.get("original")) {
    const YAML::Node& o = *original_node;
    Original orig;
    if (o.IsScalar()) {
      orig.url = o.Scalar();
    } else if (o.IsMap()) {
      if (o["url"] && o["url"].IsScalar()) orig.url = std::string(trim(o["url"].Scalar()));
      if (o["name"] && o["name"].IsScalar()) orig.name = std::string(trim(o["name"].Scalar()));
    }
    if (orig.url.empty()) {
      ctx.error(fm.line_of(o), "original", "needs a 'url' (and a 'name'), e.g. {name: Mon blog, url: https://...}");
    } else if (!is_http_url(orig.url)) {
      ctx.error(fm.line_of(o.IsMap() ? o["url"] : o), "original.url",
                "must start with http:// or https:// (got '" + orig.url + "')");
    } else {
      if (orig.name.empty()) orig.name = orig.url;
      a.original = orig;
    }
  }
  f.warn_unknown({"title", "date", "author", "category", "tags", "lang", "summary", "slug", "original", "draft"});

  if (!a.slug.empty() && ctx.errors == 0) {
    auto [it, inserted] = slug_owner.emplace(a.slug, display);
    if (!inserted) ctx.error(slug_line, "slug", "'" + a.slug + "' is already used by " + it->second);
  }
  if (ctx.errors > 0) {
    ++load.skipped;
    return;
  }
  std::string body = fm.body;
  if (!is_valid_utf8(body)) {
    ctx.warn(fm.body_first_line, {}, "the text is not valid UTF-8: invalid bytes were replaced by \xEF\xBF\xBD");
    body = repair_utf8(body);
  }
  check_references(body, fm.body_first_line, pf.path, display, ctx);
  load.bundle.bodies.emplace(a.slug, std::move(body));
  load.bundle.articles.push_back(std::move(a));
}

// A file published as-is under assets/, unless a browser would run it as a page with
// scripts on the blog's origin (active_asset.hpp): that one is refused, by name. An image's
// size goes into the bundle (image_size.hpp).
void add_asset(const fs::path& file, const std::string& rel, const std::string& display_dir, ContentLoad& load) {
  const std::size_t image_bytes = image_bytes_needed(rel);
  const std::size_t wanted = asset_needs_bytes(rel) ? std::string::npos : image_bytes;
  std::string bytes;
  if (wanted > 0 && !read_file(file, bytes, wanted)) {
    load.diagnostics.push_back({Diagnostic::Severity::Error, display_dir + rel, 0, {}, "cannot be read", {}});
    return;
  }
  const std::string reason = active_asset_reason(rel, bytes);
  if (!reason.empty()) {
    load.diagnostics.push_back({Diagnostic::Severity::Error, display_dir + rel, 0, {},
                                reason + ": opened from the blog it would run on the blog's own origin (not published)",
                                {}});
    return;
  }
  load.assets.push_back(rel);
  if (image_bytes == 0) return;
  if (const std::optional<ImageSize> size = image_size(bytes))
    load.bundle.image_sizes[load.bundle.assets + rel] = {size->width, size->height};
}

}  // namespace

ContentLoad load_content(const fs::path& content_dir) {
  ContentLoad load;
  std::string display_dir = generic(content_dir);
  if (!display_dir.empty() && display_dir.back() != '/') display_dir += '/';
  if (!fs::is_directory(content_dir)) {
    load.diagnostics.push_back({Diagnostic::Severity::Error, generic(content_dir), 0, {}, "is not a folder", {}});
    return load;
  }
  load_site(content_dir, display_dir, load);

  std::vector<fs::path> author_files;
  std::vector<PostFile> post_files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(content_dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path rel = it->path().lexically_relative(content_dir);
    if (is_hidden(rel)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    const std::string top = rel.begin()->string();
    if (is_markdown(rel) && top == "authors" && std::distance(rel.begin(), rel.end()) == 2) {
      author_files.push_back(rel);
    } else if (is_markdown(rel) && top == "posts") {
      post_files.push_back({it->path(), rel});
    } else if (rel != "site.yml" && !is_markdown(rel)) {
      add_asset(it->path(), generic(rel), display_dir, load);
    }
  }
  std::sort(author_files.begin(), author_files.end());
  std::sort(post_files.begin(), post_files.end(), [](const PostFile& a, const PostFile& b) { return a.rel < b.rel; });
  std::sort(load.assets.begin(), load.assets.end());

  for (const auto& rel : author_files) load_author(content_dir / rel, rel, display_dir + generic(rel), load);
  if (post_files.empty())
    load.diagnostics.push_back({Diagnostic::Severity::Warning, display_dir + "posts/", 0, {},
                                "no Markdown articles found (expected posts/**/*.md)", {}});
  std::map<std::string, std::string> slug_owner;
  std::map<std::string, std::pair<std::string, std::string>> spellings;  // term slug -> (spelling, file)
  for (const auto& pf : post_files) load_post(pf, display_dir + generic(pf.rel), load, slug_owner, spellings);
  // Word counts (reading time) need the Markdown rendered: on every core.
  auto& articles = load.bundle.articles;
  const auto& bodies = load.bundle.bodies;
  parallel_for(articles.size(), [&](std::size_t i) {
    std::string scratch;  // the HTML is rendered in the browser; here only the word count is kept
    articles[i].words = render_markdown(bodies.at(articles[i].slug), MarkdownOptions{}, scratch).words;
  });
  sort_articles(load.bundle.articles);
  assign_related(load.bundle, kRelatedCount, parallel_for);
  return load;
}

}  // namespace carnet
