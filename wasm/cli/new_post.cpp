// New posts: slug from the title (accents folded), defaults from the content folder.
#include "new_post.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "content.hpp"
#include "text.hpp"

namespace fs = std::filesystem;

namespace carnet {

namespace {

// A YAML double-quoted scalar: backslash and quote escaped, control characters dropped.
std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string new_post_text(std::string_view title, std::string_view slug, const Date& date,
                          std::string_view author, std::string_view lang) {
  std::string s = "---\n";
  s += "title: " + yaml_quoted(title) + "\n";
  s += "slug: " + std::string(slug) + "\n";
  s += "date: " + format_iso(date) + "\n";
  s += "author: " + std::string(author) + "\n";
  s += "lang: " + std::string(lang) + "\n";
  s += "category:\n";
  s += "tags: []\n";
  s += "draft: false\n";
  s += "---\n\n";
  return s;
}

NewPost create_post(const fs::path& content_dir, std::string_view title_in, const Date& today) {
  NewPost out;
  const std::string title(trim(repair_utf8(title_in)));
  if (title.empty()) {
    out.error = "the title is empty: try ./carnet new \"Titre de l\xE2\x80\x99" "article\"";
    return out;
  }
  if (!fs::is_directory(content_dir)) {
    out.error = content_dir.generic_string() + ": no such content folder";
    return out;
  }
  out.slug = slugify(title);
  if (out.slug.size() > kMaxSlugLength) {
    out.slug.resize(kMaxSlugLength);
    while (!out.slug.empty() && out.slug.back() == '-') out.slug.pop_back();
  }
  if (out.slug.empty()) {
    out.error = "'" + title + "' has no letter or digit to make a file name and URL from";
    return out;
  }
  out.path = content_dir / "posts" / (out.slug + ".md");
  std::error_code ec;
  if (fs::exists(out.path, ec)) {
    out.error = out.path.generic_string() + " already exists: it was left as it is (choose another title)";
    return out;
  }

  // The folder as the build sees it: default author and language, and the slugs in use.
  const ContentLoad content = load_content(content_dir);
  for (const auto& a : content.bundle.articles) {
    if (a.slug == out.slug) {
      out.error = "the slug '" + out.slug + "' is already used by " + a.source + " (choose another title)";
      return out;
    }
  }
  std::string author = content.default_author;
  if (author.empty() && !content.bundle.authors.empty()) {
    author = content.bundle.authors.begin()->first;
    if (content.bundle.authors.size() > 1)
      out.note = "site.yml names no default 'author:': using '" + author + "' (change it in the file if needed)";
  }
  if (author.empty()) {
    out.error = "no author yet: add one first, e.g. " + (content_dir / "authors" / "your-name.md").generic_string() +
                " with a line 'name: Your Name' in its front matter";
    return out;
  }
  fs::create_directories(out.path.parent_path(), ec);
  // "x": fails if the file appeared meanwhile, so nothing is ever overwritten.
  std::FILE* file = std::fopen(out.path.c_str(), "wbx");
  if (!file) {
    out.error = out.path.generic_string() + ": cannot be created (" + std::strerror(errno) + ")";
    return out;
  }
  const std::string text = new_post_text(title, out.slug, today, author, content.bundle.site.lang);
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (std::fclose(file) != 0 || !written) out.error = out.path.generic_string() + ": could not be written";
  return out;
}

}  // namespace carnet
