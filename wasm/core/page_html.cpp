// Page views as HTML, one function per piece, mirroring the shapes of views.cpp. The
// markup and class names are the stylesheet's contract (web/css/style.css).
#include "page_html.hpp"

#include "text.hpp"

namespace carnet {

using nlohmann::json;

namespace {

// A string field, or "" when absent or not a string (view models are ours, but a renderer
// must never throw on a shape it did not expect).
std::string_view str(const json& j, const char* key) {
  if (!j.is_object()) return {};
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : std::string_view();
}

const json& field(const json& j, const char* key) {
  static const json null_value;
  if (!j.is_object()) return null_value;
  const auto it = j.find(key);
  return it == j.end() ? null_value : *it;
}

bool present(const json& j) { return !j.is_null() && !(j.is_array() && j.empty()); }

// Appends text, escaped.
void text(std::string& out, std::string_view s) { append_html_escaped(out, s); }

// Appends ` name="value"`, escaped.
void attr(std::string& out, const char* name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_html_escaped(out, value);
  out += '"';
}

// <a href="…" [rel="…"] [class="…"]>
void open_link(std::string& out, std::string_view href, const char* rel = nullptr, const char* cls = nullptr) {
  out += "<a";
  attr(out, "href", href);
  if (rel) attr(out, "rel", rel);
  if (cls) attr(out, "class", cls);
  out += '>';
}

void link(std::string& out, std::string_view href, std::string_view label, const char* rel = nullptr) {
  open_link(out, href, rel);
  text(out, label);
  out += "</a>";
}

void sep(std::string& out) { out += "<span class=\"sep\" aria-hidden=\"true\"> \xC2\xB7 </span>"; }

void time(std::string& out, std::string_view iso, std::string_view shown) {
  out += "<time";
  attr(out, "datetime", iso);
  out += '>';
  text(out, shown);
  out += "</time>";
}

void kicker(std::string& out, const json& category) {
  if (!present(category)) return;
  out += "<p class=\"kicker\">";
  link(out, str(category, "href"), str(category, "name"));
  out += "</p>";
}

void tag_list(std::string& out, const json& tags, std::string_view label) {
  if (!tags.is_array() || tags.empty()) return;
  out += "<ul class=\"tags\"";
  attr(out, "aria-label", label);
  out += '>';
  for (const auto& t : tags) {
    out += "<li>";
    link(out, str(t, "href"), str(t, "name"), "tag");
    out += "</li>";
  }
  out += "</ul>";
}

// "<time> · par <a>Auteur</a> · 5 min de lecture"
void meta_line(std::string& out, const json& item, const json& strings, const char* author_rel) {
  out += "<p class=\"meta\">";
  time(out, str(item, "date"), str(item, "date_text"));
  sep(out);
  text(out, str(strings, "by"));
  out += ' ';
  const json& author = field(item, "author");
  link(out, str(author, "href"), str(author, "name"), author_rel);
  sep(out);
  text(out, str(item, "reading_time"));
  out += "</p>";
}

void card(std::string& out, const json& item, const json& strings) {
  out += "<article class=\"card\"";
  if (!str(item, "lang").empty()) attr(out, "lang", str(item, "lang"));
  out += '>';
  kicker(out, field(item, "category"));
  out += "<h2 class=\"card-title\">";
  link(out, str(item, "href"), str(item, "title"));
  out += "</h2>";
  meta_line(out, item, strings, nullptr);
  if (!str(item, "summary").empty()) {
    out += "<p class=\"summary\">";
    text(out, str(item, "summary"));
    out += "</p>";
  }
  tag_list(out, field(item, "tags"), str(strings, "tags"));
  out += "</article>";
}

void author_card(std::string& out, const json& author, const json& strings) {
  out += "<aside class=\"author-card\"";
  attr(out, "aria-label", str(strings, "about_author"));
  out += '>';
  if (!str(author, "avatar").empty()) {
    out += "<img class=\"avatar\"";
    attr(out, "src", str(author, "avatar"));
    out += " alt=\"\" width=\"72\" height=\"72\" loading=\"lazy\">";
  }
  out += "<div class=\"author-text\"><h2 class=\"author-name\">";
  link(out, str(author, "href"), str(author, "name"));
  out += "</h2>";
  if (!str(author, "bio_html").empty()) {
    out += "<div class=\"author-bio\">";
    out += str(author, "bio_html");  // sanitised Markdown output (markdown.hpp)
    out += "</div>";
  }
  const json& links = field(author, "links");
  if (links.is_array() && !links.empty()) {
    out += "<ul class=\"author-links\"";
    attr(out, "aria-label", str(strings, "links"));
    out += '>';
    for (const auto& l : links) {
      out += "<li>";
      link(out, str(l, "url"), str(l, "label"), "me noopener noreferrer");
      out += "</li>";
    }
    out += "</ul>";
  }
  out += "</div></aside>";
}

void page_header(std::string& out, std::string_view heading, std::string_view count) {
  out += "<header class=\"page-header\"><h1 tabindex=\"-1\">";
  text(out, heading);
  out += "</h1><p class=\"count\">";
  text(out, count);
  out += "</p></header>";
}

void pagination(std::string& out, const json& list, const json& strings) {
  if (!field(list, "pages").is_number() || field(list, "pages").get<int>() <= 1) return;
  out += "<nav class=\"pagination\"";
  attr(out, "aria-label", str(strings, "pagination"));
  out += '>';
  const json& newer = field(list, "newer");
  if (present(newer)) {
    open_link(out, str(newer, "href"), "prev");
    out += "\xE2\x86\x90 ";  // "← "
    text(out, str(newer, "label"));
    out += "</a>";
  } else {
    out += "<span></span>";
  }
  out += "<span class=\"page-text\">";
  text(out, str(list, "page_text"));
  out += "</span>";
  const json& older = field(list, "older");
  if (present(older)) {
    open_link(out, str(older, "href"), "next");
    text(out, str(older, "label"));
    out += " \xE2\x86\x92</a>";  // " →"
  } else {
    out += "<span></span>";
  }
  out += "</nav>";
}

void list_view(std::string& out, const json& view) {
  const json& list = field(view, "list");
  const json& strings = field(view, "strings");
  page_header(out, str(list, "heading"), str(list, "count_text"));
  if (present(field(list, "author"))) author_card(out, field(list, "author"), strings);
  const json& items = field(list, "items");
  if (!items.is_array() || items.empty()) {
    out += "<p class=\"empty\">";
    text(out, str(list, "empty_text"));
    out += "</p>";
  } else {
    out += "<div class=\"cards\">";
    for (const auto& item : items) card(out, item, strings);
    out += "</div>";
  }
  pagination(out, list, strings);
}

void archive_view(std::string& out, const json& view) {
  const json& archive = field(view, "archive");
  page_header(out, str(archive, "heading"), str(archive, "count_text"));
  const json& years = field(archive, "years");
  if (!years.is_array()) return;
  for (const auto& y : years) {
    const std::string year = field(y, "year").is_number() ? std::to_string(field(y, "year").get<int>()) : "";
    out += "<section class=\"archive-year\"";
    attr(out, "aria-labelledby", "carnet-year-" + year);
    out += "><h2";
    attr(out, "id", "carnet-year-" + year);
    out += '>';
    text(out, year);
    out += " <small>(";
    text(out, str(y, "count_text"));
    out += ")</small></h2>";
    const json& months = field(y, "months");
    for (const auto& m : months.is_array() ? months : json::array()) {
      out += "<section class=\"archive-month\"><h3>";
      text(out, str(m, "label"));
      out += "</h3><ul>";
      const json& items = field(m, "items");
      for (const auto& it : items.is_array() ? items : json::array()) {
        out += "<li>";
        time(out, str(it, "date"), str(it, "date_text"));
        out += ' ';
        link(out, str(it, "href"), str(it, "title"));
        out += "</li>";
      }
      out += "</ul></section>";
    }
    out += "</section>";
  }
  pagination(out, archive, field(view, "strings"));
}

// Level-3 entries nest under the level-2 entry before them; other levels are not listed.
void toc_list(std::string& out, const json& toc) {
  out += "<ol>";
  bool open_item = false;  // an <li> of the top list is open
  bool open_sub = false;   // ...and it holds an open <ol>
  for (const auto& t : toc) {
    const int level = field(t, "level").is_number() ? field(t, "level").get<int>() : 0;
    if (level < 2 || level > 3) continue;
    if (level == 3 && open_item) {
      if (!open_sub) out += "<ol>";
      open_sub = true;
      out += "<li>";
      link(out, str(t, "href"), str(t, "text"));
      out += "</li>";
      continue;
    }
    if (open_sub) out += "</ol>";
    if (open_item) out += "</li>";
    open_sub = false;
    out += "<li>";
    link(out, str(t, "href"), str(t, "text"));
    open_item = true;
  }
  if (open_sub) out += "</ol>";
  if (open_item) out += "</li>";
  out += "</ol>";
}

void neighbour(std::string& out, const json& n, const char* rel, const char* cls, bool arrow_first) {
  if (!present(n)) {
    out += "<span></span>";
    return;
  }
  open_link(out, str(n, "href"), rel, cls);
  out += "<span class=\"label\">";
  if (arrow_first) out += "\xE2\x86\x90 ";
  text(out, str(n, "label"));
  if (!arrow_first) out += " \xE2\x86\x92";
  out += "</span><span class=\"title\">";
  text(out, str(n, "title"));
  out += "</span></a>";
}

// "À lire aussi": the related articles closing an article (views.cpp "related").
void related_list(std::string& out, const json& related, const json& strings) {
  if (!related.is_array() || related.empty()) return;
  out += "<section class=\"related\" aria-labelledby=\"carnet-related-title\"><h2 id=\"carnet-related-title\">";
  text(out, str(strings, "related"));
  out += "</h2><ul>";
  for (const auto& r : related) {
    out += "<li";
    if (!str(r, "lang").empty()) attr(out, "lang", str(r, "lang"));
    out += '>';
    link(out, str(r, "href"), str(r, "title"));
    out += " <span class=\"meta\">";
    time(out, str(r, "date"), str(r, "date_text"));
    out += "</span></li>";
  }
  out += "</ul></section>";
}

void article_view(std::string& out, const json& view) {
  const json& a = field(view, "article");
  const json& strings = field(view, "strings");
  out += "<article class=\"post\"";
  if (!str(a, "lang").empty()) attr(out, "lang", str(a, "lang"));
  out += "><header class=\"post-header\">";
  kicker(out, field(a, "category"));
  out += "<h1 tabindex=\"-1\">";
  text(out, str(a, "title"));
  out += "</h1>";
  meta_line(out, a, strings, "author");
  const json& original = field(a, "original");
  if (present(original)) {
    out += "<p class=\"original\">";
    text(out, str(original, "label"));
    out += ' ';
    link(out, str(original, "url"), str(original, "name"), "noopener noreferrer");
    out += "</p>";
  }
  tag_list(out, field(a, "tags"), str(strings, "tags"));
  out += "</header>";

  std::size_t listed = 0;
  const json& toc = field(a, "toc");
  for (const auto& t : toc.is_array() ? toc : json::array()) {
    const int level = field(t, "level").is_number() ? field(t, "level").get<int>() : 0;
    listed += level >= 2 && level <= 3;
  }
  if (listed > 1) {
    out += "<nav class=\"toc\" aria-labelledby=\"carnet-toc-title\"><h2 id=\"carnet-toc-title\">";
    text(out, str(strings, "toc"));
    out += "</h2>";
    toc_list(out, toc);
    out += "</nav>";
  }
  out += "<div class=\"post-body\">";
  out += str(a, "html");  // sanitised Markdown output (markdown.hpp)
  // A huge article comes in pieces (views.cpp "more"): the viewer asks for the others as the
  // reader scrolls (the view then holds their number); a static page shows them all.
  const json& more = field(a, "more");
  if (more.is_array())
    for (const auto& piece : more)
      if (piece.is_string()) out += piece.get_ref<const std::string&>();
  out += "</div>";
  related_list(out, field(a, "related"), strings);
  author_card(out, field(a, "author"), strings);
  const json& older = field(a, "older");
  const json& newer = field(a, "newer");
  if (present(older) || present(newer)) {
    out += "<nav class=\"article-nav\"";
    attr(out, "aria-label", str(strings, "article_nav"));
    out += '>';
    neighbour(out, older, "prev", "older", true);
    neighbour(out, newer, "next", "newer", false);
    out += "</nav>";
  }
  out += "</article>";
}

void not_found_view(std::string& out, const json& view) {
  const json& nf = field(view, "notfound");
  out += "<section class=\"not-found\"><h1 tabindex=\"-1\">";
  text(out, str(nf, "heading"));
  out += "</h1><p>";
  text(out, str(nf, "text"));
  out += "</p><p>";
  const json& home = field(nf, "home");
  open_link(out, str(home, "href"), nullptr, "button");
  text(out, str(home, "label"));
  out += "</a></p></section>";
}

// The search page's frame; the shell paints results and facets into it (search.js).
void search_view(std::string& out, const json& view) {
  const json& search = field(view, "search");
  const json& strings = field(view, "strings");
  out += "<section class=\"search-page\"><h1 tabindex=\"-1\">";
  text(out, str(search, "heading"));
  out += "</h1><p class=\"search-status\" id=\"carnet-search-status\">";
  text(out, str(strings, "search_loading"));
  out += "</p><noscript><p class=\"load-error\">";
  text(out, str(strings, "search_needs_js"));
  out += "</p></noscript><div class=\"search-layout\">"
         "<div class=\"search-results\" id=\"carnet-search-results\"></div>"
         "<aside class=\"facets\" id=\"carnet-facets\"";
  attr(out, "aria-label", str(strings, "filters"));
  out += "></aside></div></section>";
}

}  // namespace

void render_error_html(std::string_view title, std::string_view message, std::string& out) {
  out += "<section class=\"load-error\" role=\"alert\"><h1 tabindex=\"-1\">";
  text(out, title);
  out += "</h1><p>";
  text(out, message);
  out += "</p></section>";
}

void render_main_html(const json& view, std::string& out) {
  const std::string_view kind = str(view, "kind");
  if (kind == "list") list_view(out, view);
  else if (kind == "article") article_view(out, view);
  else if (kind == "archive") archive_view(out, view);
  else if (kind == "search") search_view(out, view);
  else if (kind == "notfound") not_found_view(out, view);
  else render_error_html(str(view, "title").empty() ? "Carnet" : str(view, "title"), str(view, "error"), out);
}

void render_nav_html(const json& view, std::string& out) {
  const json& strings = field(view, "strings");
  const json& links = field(view, "links");
  const std::string_view current = str(view, "href");
  auto item = [&](std::string_view href, std::string_view label) {
    out += "<li><a";
    attr(out, "href", href);
    if (href == current) out += " aria-current=\"page\"";
    out += '>';
    text(out, label);
    out += "</a></li>";
  };
  out += "<ul>";
  item(str(links, "home"), str(strings, "home"));
  const json& categories = field(view, "categories");
  for (const auto& c : categories.is_array() ? categories : json::array()) item(str(c, "href"), str(c, "name"));
  item(str(links, "archive"), str(strings, "archive"));
  out += "</ul>";
}

}  // namespace carnet
