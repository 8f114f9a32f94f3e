// Unit tests for shards.hpp: a bundle split into boot file, metadata parts and chunks, read
// back by the Viewer piece by piece (views answer "pending" until what they need is there).
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "shards.hpp"
#include "viewer.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

// `n` articles, one a day (newest: article-0), each with a body of `body_bytes` bytes.
Bundle make_bundle(std::size_t n, std::size_t body_bytes = 100) {
  Bundle b;
  b.site.title = "Carnet";
  b.site.lang = "fr";
  b.authors["camille"] = Author{"camille", "Camille Durand", "", {}, ""};
  for (std::size_t i = 0; i < n; ++i) {
    Article a;
    a.slug = "article-" + std::to_string(i);
    a.title = "Titre " + std::to_string(i);
    const int d = static_cast<int>(n - i);  // newest first: article-0 is the latest
    a.date = Date{1800 + d / 336, 1 + d / 28 % 12, 1 + d % 28};
    a.author = "camille";
    a.category = i % 2 ? "Réseaux sociaux" : "Stratégie";
    a.tags = {"tag-" + std::to_string(i % 3)};
    a.lang = i % 4 ? "fr" : "en";
    a.summary = "Résumé " + std::to_string(i);
    a.source = "posts/" + a.slug + ".md";
    if (i == 1) a.original = Original{"Ailleurs", "https://example.org/x"};
    a.words = 100 + i;
    b.articles.push_back(a);
    b.bodies[a.slug] = "# " + a.title + "\n\n" + std::string(body_bytes, 'x') + "\n";
  }
  sort_articles(b.articles);
  return b;
}


json parse(const std::string& s) { return json::parse(s); }

// Loads every metadata part of `site` into `v`; returns the last report.
json add_all_meta(Viewer& v, const ShardedSite& site) {
  json last;
  for (const auto& f : site.meta) last = parse(v.add_meta(f.bytes, f.name));
  return last;
}

// `route` on a sharded site's viewer `v` is the page of kind `kind` the whole bundle's
// viewer gives, in hash and path link styles.
void same_page_as_whole_site(const Viewer& v, const Viewer& whole, const std::string& route, const char* kind) {
  for (const Links& links : {Links{}, Links{LinkStyle::Path, "../../"}}) {
    const json got = parse(v.page(route, links));
    const json want = parse(whole.page(route, links));
    REQUIRE(got["kind"] == kind);
    CHECK(got["html"] == want["html"]);
    CHECK(got["nav_html"] == want["nav_html"]);
    CHECK(got["digest"] == want["digest"]);
    CHECK(got["title"] == want["title"]);
  }
}

const SiteFile* file_named(const std::vector<SiteFile>& files, const std::string& name) {
  for (const auto& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("The sharding threshold is automatic: many articles or many body bytes", "[shards]") {
  CHECK_FALSE(should_shard(make_bundle(10), Sharding::Auto));
  CHECK(should_shard(make_bundle(10), Sharding::Always));
  CHECK_FALSE(should_shard(make_bundle(kShardMinArticles), Sharding::Never));
  CHECK(should_shard(make_bundle(kShardMinArticles), Sharding::Auto));
  CHECK(should_shard(make_bundle(20, kShardMinBodyBytes / 20 + 1), Sharding::Auto));
}

TEST_CASE("Every shard file is named after its content", "[shards]") {
  const Bundle b = make_bundle(600, 2000);
  const ShardedSite s = shard_bundle(b, "test", "search-index-0.bin");
  REQUIRE(s.chunks.size() > 1);
  REQUIRE(s.meta.size() == 1);
  for (const auto& f : s.chunks) CHECK(f.name == hashed_name("chunk", "json", f.bytes));
  for (const auto& f : s.meta) CHECK(f.name == hashed_name("meta", "json", f.bytes));
  // Same bundle, same files.
  const ShardedSite again = shard_bundle(b, "test", "search-index-0.bin");
  CHECK(again.boot == s.boot);
  CHECK(again.chunks.size() == s.chunks.size());
  // One body changed: its chunk changes, then the metadata part naming it, then the boot
  // file naming that part; every other chunk and part keeps its name.
  const Bundle two = make_bundle(kMetaPartArticles + 500);
  const ShardedSite t = shard_bundle(two, "test", "i.bin");
  REQUIRE(t.meta.size() == 2);
  Bundle edited = two;
  edited.bodies["article-5100"] += "more";
  const ShardedSite e = shard_bundle(edited, "test", "i.bin");
  std::size_t changed = 0;
  for (const auto& f : e.chunks) changed += file_named(t.chunks, f.name) == nullptr;
  CHECK(changed == 1);
  CHECK(e.meta[0].name == t.meta[0].name);
  CHECK(e.meta[1].name != t.meta[1].name);
  // The boot file stays small however long the blog is.
  const ShardedSite big = shard_bundle(make_bundle(12000), "test", "i.bin");
  CHECK(big.meta.size() == 3);
  CHECK(big.boot.size() < 8000);
}

TEST_CASE("A sharded site loads its boot file, then metadata parts, then chunks", "[shards][viewer]") {
  const Bundle b = make_bundle(12000);
  const ShardedSite s = shard_bundle(b, "test", "search-index-abc.bin");
  Viewer v;
  const json report = parse(v.load(s.boot));
  REQUIRE(report["ok"] == true);
  CHECK(report["sharded"] == true);
  CHECK(report["complete"] == false);
  CHECK(report["index"] == "search-index-abc.bin");
  CHECK(report["meta"].size() == 3);
  CHECK(report["articles"] == kBootArticles);

  // The home page is painted from the boot file alone, with the whole site's counts.
  const json home = parse(v.page("#/", Links{}));
  REQUIRE(home["kind"] == "list");
  CHECK(home["html"].get<std::string>().find("12000 articles") != std::string::npos);
  CHECK(home["html"].get<std::string>().find("Titre 0") != std::string::npos);
  const json categories = parse(v.view("#/"))["categories"];  // counts of the whole site
  REQUIRE(categories.size() == 2);
  CHECK(categories[0]["count"] == 6000);
  CHECK(categories[0]["href"] == "#/category/reseaux-sociaux");
  // What needs the rest of the metadata says so; the first pages of a category, tag or
  // author list need their "lists" file.
  for (const char* route : {"#/page/2", "#/archive"}) {
    const json p = parse(v.page(route, Links{}));
    CHECK(p["kind"] == "pending");
    CHECK(p["needs"] == "meta");
  }
  for (const char* route : {"#/category/strategie", "#/tag/tag-1", "#/author/camille"}) {
    const json p = parse(v.page(route, Links{}));
    CHECK(p["kind"] == "pending");
    CHECK(p["needs"] == "lists");
    CHECK(p["lists"].get<std::string>().rfind("lists-", 0) == 0);
  }
  // An article not loaded yet is looked up in its "where" file; the last article of the boot
  // file (its older neighbour is not known yet) is shown from its chunk.
  for (const char* route : {"#/post/article-500", "#/post/nope"}) {
    const json p = parse(v.page(route, Links{}));
    CHECK(p["kind"] == "pending");
    CHECK(p["needs"] == "where");
    CHECK(p["where"].get<std::string>().rfind("where-", 0) == 0);
  }
  CHECK(parse(v.page("#/post/article-10", Links{}))["needs"] == "chunk");
  // An article of the home page needs its chunk, which the boot file names.
  const json pending = parse(v.page("#/post/article-3", Links{}));
  REQUIRE(pending["kind"] == "pending");
  CHECK(pending["needs"] == "chunk");
  const std::string chunk = pending["chunk"];
  CHECK(v.chunk_for("#/post/article-3") == chunk);
  CHECK(v.chunk_for("#/") == "");
  const SiteFile* f = file_named(s.chunks, chunk);
  REQUIRE(f);
  CHECK(v.add_chunk(f->bytes, f->name) == "");
  CHECK(v.chunk_for("#/post/article-3") == "");
  const json article = parse(v.page("#/post/article-3", Links{}));
  REQUIRE(article["kind"] == "article");
  CHECK(article["html"].get<std::string>().find("Titre 3") != std::string::npos);
  // The chunk brought source and original too.
  const json one = parse(v.view("#/post/article-1"));
  CHECK(one["article"]["original"]["url"] == "https://example.org/x");

  // Then the metadata: every view is answerable.
  const json last = add_all_meta(v, s);
  CHECK(last["ok"] == true);
  CHECK(last["complete"] == true);
  CHECK(last["articles"] == 12000);
  CHECK(parse(v.page("#/page/2", Links{}))["kind"] == "list");
  CHECK(parse(v.page("#/archive", Links{}))["kind"] == "archive");
  CHECK(parse(v.page("#/category/strategie", Links{}))["kind"] == "list");
  CHECK(parse(v.page("#/post/nope", Links{}))["kind"] == "notfound");
  const json old = parse(v.page("#/post/article-11999", Links{}));
  REQUIRE(old["kind"] == "pending");
  const SiteFile* last_chunk = file_named(s.chunks, old["chunk"]);
  REQUIRE(last_chunk);
  CHECK(last_chunk == &s.chunks.back());
  CHECK(v.add_chunk(last_chunk->bytes, last_chunk->name) == "");
  CHECK(parse(v.page("#/post/article-11999", Links{}))["kind"] == "article");
}

TEST_CASE("An old article of a sharded site comes from its where file and chunk, as the whole site shows it",
          "[shards][viewer]") {
  Bundle b = make_bundle(12000);
  const std::size_t n = b.articles.size();
  for (std::size_t i = 0; i < n; ++i)  // related articles far away, in other parts and chunks
    b.articles[i].related = {b.articles[(i + 4999) % n].slug, b.articles[(i * 7 + 3) % n].slug};
  const ShardedSite s = shard_bundle(b, "test", "i.bin");
  CHECK(s.where.size() == 12);
  for (const auto& f : s.where) CHECK(f.name == hashed_name("where", "json", f.bytes));
  Viewer whole;
  REQUIRE(parse(whole.load(bundle_to_json(b, "test").dump()))["ok"] == true);
  // Inside a chunk, first and last of a chunk (neighbours in the next ones), first and last
  // of a metadata part, the oldest article (no older neighbour).
  for (const char* slug : {"article-500", "article-199", "article-200", "article-4999", "article-5000",
                           "article-11000", "article-11999"}) {
    CAPTURE(slug);
    const std::string route = std::string("#/post/") + slug;
    Viewer v;
    REQUIRE(parse(v.load(s.boot))["ok"] == true);
    const json where = parse(v.page(route, Links{}));
    REQUIRE(where["needs"] == "where");
    const SiteFile* w = file_named(s.where, where["where"]);
    REQUIRE(w);
    CHECK(v.add_where(w->bytes, w->name) == "");
    const json chunk = parse(v.page(route, Links{}));
    REQUIRE(chunk["needs"] == "chunk");
    CHECK(v.chunk_for(route) == chunk["chunk"]);
    const SiteFile* c = file_named(s.chunks, chunk["chunk"]);
    REQUIRE(c);
    CHECK(v.add_chunk(c->bytes, c->name) == "");
    same_page_as_whole_site(v, whole, route, "article");
    CHECK(parse(v.page(route, Links{}))["html"].get<std::string>().find("related") != std::string::npos);
    // The rest of the site still waits for the metadata; once it is in, the article is the
    // same again.
    CHECK(parse(v.page("#/archive", Links{}))["needs"] == "meta");
    add_all_meta(v, s);
    const json after = parse(v.page(route, Links{}));
    if (after["kind"] == "pending") CHECK(v.add_chunk(c->bytes, c->name) == "");
    CHECK(parse(v.page(route, Links{}))["digest"] == parse(whole.page(route, Links{}))["digest"]);
  }
}

TEST_CASE("The first pages of a category, tag or author list come from its lists file, as the whole site shows them",
          "[shards][viewer]") {
  Bundle b = make_bundle(12000);
  b.articles[7].tags.push_back("Rare étiquette");  // a list shorter than its file's rows
  b.articles[9000].tags.push_back("Rare étiquette");
  const ShardedSite s = shard_bundle(b, "test", "i.bin");
  CHECK_FALSE(s.lists.empty());
  for (const auto& f : s.lists) CHECK(f.name == hashed_name("lists", "json", f.bytes));
  for (const auto& f : s.list_rows) CHECK(f.name == hashed_name("lists", "json", f.bytes));
  Viewer whole;
  REQUIRE(parse(whole.load(bundle_to_json(b, "test").dump()))["ok"] == true);
  for (const char* route : {"#/category/strategie", "#/category/reseaux-sociaux/page/2", "#/tag/tag-1",
                            "#/tag/tag-2/page/2", "#/author/camille", "#/tag/rare-etiquette"}) {
    CAPTURE(route);
    Viewer v;
    REQUIRE(parse(v.load(s.boot))["ok"] == true);
    const json pending = parse(v.page(route, Links{}));
    REQUIRE(pending["needs"] == "lists");
    const SiteFile* f = file_named(s.lists, pending["lists"]);
    REQUIRE(f);
    CHECK(v.add_lists(f->bytes, f->name) == "");
    same_page_as_whole_site(v, whole, route, "list");
    // Its articles' chunks are known: a click on one fetches it directly.
    const std::string first_slug = parse(v.view(route))["list"]["items"][0]["slug"];
    CHECK_FALSE(v.chunk_of(first_slug).empty());
  }
  // A list's later pages: its first file names the files of its later rows, kListBlockRows
  // each; a page is one of them more, and shows as the whole site's. Past the last page: not
  // found, without the metadata.
  for (const char* route : {"#/category/strategie/page/3", "#/category/strategie/page/22", "#/category/strategie/page/23",
                            "#/category/strategie/page/600", "#/tag/tag-1/page/400", "#/author/camille/page/1200"}) {
    CAPTURE(route);
    Viewer v;
    REQUIRE(parse(v.load(s.boot))["ok"] == true);
    const std::string first = parse(v.page(route, Links{}))["lists"];
    REQUIRE(file_named(s.lists, first));
    CHECK(v.add_lists(file_named(s.lists, first)->bytes, first) == "");
    const json pending = parse(v.page(route, Links{}));
    REQUIRE(pending["needs"] == "lists");
    const std::string later = pending["lists"];
    CHECK(later != first);
    CHECK(v.lists_for(route) == later);  // what the shell prefetches for a link to it
    const SiteFile* f = file_named(s.list_rows, later);
    REQUIRE(f);
    CHECK(json::parse(f->bytes)["lists"].size() == 1);  // that list's rows only
    CHECK(v.add_lists(f->bytes, f->name) == "");
    CHECK(v.lists_for(route) == "");
    same_page_as_whole_site(v, whole, route, "list");
  }
  Viewer v;
  REQUIRE(parse(v.load(s.boot))["ok"] == true);
  const SiteFile* f = file_named(s.lists, parse(v.page("#/category/strategie/page/3", Links{}))["lists"]);
  REQUIRE(f);
  CHECK(v.add_lists(f->bytes, f->name) == "");
  CHECK(parse(v.page("#/category/strategie/page/2", Links{}))["kind"] == "list");
  CHECK(parse(v.page("#/category/strategie/page/601", Links{}))["kind"] == "notfound");
  // The archive, and a list the site does not have, wait for the metadata; that list is
  // "not found" once the metadata is in.
  CHECK(parse(v.page("#/archive", Links{}))["needs"] == "meta");
  const json nope = parse(v.page("#/tag/nope", Links{}));
  if (nope["needs"] == "lists") {
    const std::string name = nope["lists"];
    CHECK(v.add_lists(file_named(s.lists, name)->bytes, name) == "");
  }
  CHECK(parse(v.page("#/tag/nope", Links{}))["needs"] == "meta");
  add_all_meta(v, s);
  CHECK(parse(v.page("#/tag/nope", Links{}))["kind"] == "notfound");
  CHECK(parse(v.page("#/category/strategie/page/3", Links{}))["digest"] ==
        parse(whole.page("#/category/strategie/page/3", Links{}))["digest"]);
  same_page_as_whole_site(v, whole, "#/archive/page/2", "archive");
  // A first file whose names of later files are not plain file names: those pages wait for
  // the metadata, the first ones still come from it.
  {
    Viewer w;
    REQUIRE(parse(w.load(s.boot))["ok"] == true);
    const std::string name = parse(w.page("#/category/strategie/page/3", Links{}))["lists"];
    json bad = json::parse(file_named(s.lists, name)->bytes);
    bad["lists"]["category:strategie"]["more"][0][0] = "../elsewhere.json";
    CHECK(w.add_lists(bad.dump(), name) == "");
    CHECK(parse(w.page("#/category/strategie/page/3", Links{}))["needs"] == "meta");
    CHECK(parse(w.page("#/category/strategie/page/2", Links{}))["kind"] == "list");
  }
  // A lists file that cannot be used: its lists wait for the metadata.
  Viewer u;
  REQUIRE(parse(u.load(s.boot))["ok"] == true);
  const std::string file = parse(u.page("#/tag/tag-1", Links{}))["lists"];
  CHECK(u.add_lists("", file).rfind(file + ": not valid JSON (", 0) == 0);
  CHECK(parse(u.page("#/tag/tag-1", Links{}))["needs"] == "meta");
  // A boot file of an older build, without "lists": the metadata, as before.
  json boot = json::parse(s.boot);
  boot.erase("lists");
  Viewer old;
  REQUIRE(parse(old.load(boot.dump()))["ok"] == true);
  CHECK(parse(old.page("#/tag/tag-1", Links{}))["needs"] == "meta");
}

TEST_CASE("A lists file's entries that cannot be believed are left out, and their later pages wait for the metadata",
          "[shards]") {
  const auto load = [](const std::string& entry) {
    return load_lists(R"({"format": "carnet-lists", "version": 1, "lists": {"tag:x": )" + entry + "}}", "l.json");
  };
  const std::string rows = R"("first": 0, "articles": {}, "dict": {})";
  ListsLoad ok = load(R"({"total": 500, )" + rows + R"(, "more": [["lists-a.json", 20], ["lists-b.json", 220]]})");
  REQUIRE(ok.error.empty());
  REQUIRE(ok.lists.count("tag:x"));
  CHECK(ok.lists["tag:x"].from == 0);
  REQUIRE(ok.lists["tag:x"].more.size() == 2);
  CHECK(ok.lists["tag:x"].more[1].file == "lists-b.json");
  CHECK(ok.lists["tag:x"].more[1].from == 220);
  // A list starting past its end, or longer than any list can be: left out.
  CHECK(load(R"({"total": 5, "from": 6, )" + rows + "}").lists.empty());
  CHECK(load(R"({"total": 18446744073709551615, )" + rows + "}").lists.empty());
  CHECK(load(R"({"total": 5, "from": -1, )" + rows + "}").lists.empty());
  // Names of later files that are paths, rows out of order or past the end: none is used.
  for (const char* more : {R"([["../lists-a.json", 20]])", R"([["https://evil.example/x.json", 20]])",
                           R"([["lists-a.json", 220], ["lists-b.json", 20]])", R"([["lists-a.json", 500]])",
                           R"([["lists-a.json"]])", R"("lists-a.json")"}) {
    CAPTURE(more);
    ListsLoad l = load(R"({"total": 500, )" + rows + R"(, "more": )" + more + "}");
    REQUIRE(l.lists.count("tag:x"));
    CHECK(l.lists["tag:x"].more.empty());
  }
}

TEST_CASE("Without a usable where file, an old article waits for the metadata", "[shards][viewer]") {
  const Bundle b = make_bundle(12000);
  const ShardedSite s = shard_bundle(b, "test", "i.bin");
  Viewer v;
  REQUIRE(parse(v.load(s.boot))["ok"] == true);
  const json where = parse(v.page("#/post/article-500", Links{}));
  REQUIRE(where["needs"] == "where");
  const std::string file = where["where"];
  CHECK(v.add_where("", file).rfind(file + ": not valid JSON (", 0) == 0);  // a failed fetch
  CHECK(parse(v.page("#/post/article-500", Links{}))["needs"] == "meta");
  // A slug its where file does not list: the metadata will say whether it exists.
  Viewer u;
  REQUIRE(parse(u.load(s.boot))["ok"] == true);
  const json nope = parse(u.page("#/post/nope", Links{}));
  REQUIRE(nope["needs"] == "where");
  const SiteFile* w = file_named(s.where, nope["where"]);
  REQUIRE(w);
  CHECK(u.add_where(w->bytes, w->name) == "");
  CHECK(parse(u.page("#/post/nope", Links{}))["needs"] == "meta");
  add_all_meta(u, s);
  CHECK(parse(u.page("#/post/nope", Links{}))["kind"] == "notfound");
  // A boot file of an older build, without "where": the metadata, as before.
  json boot = json::parse(s.boot);
  boot.erase("where");
  Viewer old;
  REQUIRE(parse(old.load(boot.dump()))["ok"] == true);
  CHECK(parse(old.page("#/post/article-500", Links{}))["needs"] == "meta");
  // A chunk without its rows (an older build): the article waits for the metadata.
  Viewer x;
  REQUIRE(parse(x.load(s.boot))["ok"] == true);
  const SiteFile* w2 = file_named(s.where, parse(x.page("#/post/article-500", Links{}))["where"]);
  REQUIRE(w2);
  x.add_where(w2->bytes, w2->name);
  const std::string chunk_name = parse(x.page("#/post/article-500", Links{}))["chunk"];
  json chunk = json::parse(file_named(s.chunks, chunk_name)->bytes);
  chunk.erase("rows");
  CHECK(x.add_chunk(chunk.dump(), chunk_name) == chunk_name + ": holds none of the articles the site says it does");
  CHECK(parse(x.page("#/post/article-500", Links{}))["needs"] == "meta");
}

TEST_CASE("A page of the archive needs the metadata parts up to its articles, as the whole site shows it",
          "[shards][viewer]") {
  const Bundle b = make_bundle(12000);  // metadata parts of 5,000 articles: 50 archive pages each
  const ShardedSite s = shard_bundle(b, "test", "i.bin");
  REQUIRE(s.meta.size() == 3);
  Viewer whole;
  REQUIRE(parse(whole.load(bundle_to_json(b, "test").dump()))["ok"] == true);
  Viewer v;
  REQUIRE(parse(v.load(s.boot))["ok"] == true);
  CHECK(parse(v.page("#/archive", Links{}))["needs"] == "meta");
  CHECK(parse(v.page("#/archive/page/121", Links{}))["kind"] == "notfound");  // 12,000 articles: 120 pages
  CHECK(parse(v.add_meta(s.meta[0].bytes, s.meta[0].name))["ok"] == true);
  // Its years counted whole from the boot file, while the site is still loading.
  same_page_as_whole_site(v, whole, "#/archive", "archive");
  same_page_as_whole_site(v, whole, "#/archive/page/50", "archive");
  CHECK(parse(v.page("#/archive/page/51", Links{}))["needs"] == "meta");
  CHECK(parse(v.add_meta(s.meta[1].bytes, s.meta[1].name))["ok"] == true);
  same_page_as_whole_site(v, whole, "#/archive/page/100", "archive");
  CHECK(parse(v.page("#/archive/page/120", Links{}))["needs"] == "meta");
  CHECK(parse(v.add_meta(s.meta[2].bytes, s.meta[2].name))["complete"] == true);
  same_page_as_whole_site(v, whole, "#/archive/page/120", "archive");
  // A boot file without usable year counts (an older build): the archive waits for them all.
  json boot = json::parse(s.boot);
  boot["years"] = json::array({json::array({"2024", 3})});
  Viewer old;
  REQUIRE(parse(old.load(boot.dump()))["ok"] == true);
  CHECK(parse(old.add_meta(s.meta[0].bytes, s.meta[0].name))["ok"] == true);
  CHECK(parse(old.page("#/archive", Links{}))["needs"] == "meta");
}

TEST_CASE("A sharded site's boot file carries the image sizes: its pages are the bundle's", "[shards][viewer][images]") {
  Bundle b = make_bundle(30);
  b.bodies["article-3"] += "\n![Chart](chart.svg) ![Other](other.png)\n";
  b.image_sizes["assets/posts/chart.svg"] = {400, 260};
  const ShardedSite s = shard_bundle(b, "test", "search-index-abc.bin");
  CHECK(parse(s.boot)["images"] == json{{"assets/posts/chart.svg", {400, 260}}});
  const BootLoad boot = load_boot(s.boot);
  REQUIRE(boot.load.bundle);
  CHECK(boot.load.bundle->image_sizes == b.image_sizes);

  Viewer sharded;
  REQUIRE(parse(sharded.load(s.boot))["ok"] == true);
  const SiteFile* f = file_named(s.chunks, sharded.chunk_for("#/post/article-3"));
  REQUIRE(f);
  CHECK(sharded.add_chunk(f->bytes, f->name) == "");
  Viewer whole;
  REQUIRE(parse(whole.load(bundle_to_json(b, "test").dump()))["ok"] == true);
  const std::string html = parse(sharded.page("#/post/article-3", Links{}))["html"];
  CHECK(html == parse(whole.page("#/post/article-3", Links{}))["html"].get<std::string>());
  CHECK(html.find("src=\"assets/posts/chart.svg\" width=\"400\" height=\"260\" alt=\"Chart\"") != std::string::npos);
  CHECK(html.find("src=\"assets/posts/other.png\" alt=\"Other\"") != std::string::npos);
}

TEST_CASE("Broken shard files are errors for what needs them, never for the whole blog", "[shards][viewer]") {
  const Bundle b = make_bundle(30);
  const ShardedSite s = shard_bundle(b, "test", "i.bin");
  Viewer v;
  REQUIRE(parse(v.load(s.boot))["ok"] == true);
  const std::string chunk = parse(v.page("#/post/article-2", Links{}))["chunk"];
  CHECK(v.add_chunk("{not json", chunk).rfind(chunk + ": not valid JSON (", 0) == 0);
  CHECK(v.add_chunk(R"({"format":"carnet-bundle","version":1})", chunk) ==
        chunk + ": not a Carnet bundle (field 'format' must be \"carnet-chunk\")");
  CHECK(v.add_chunk(R"({"format":"carnet-chunk","version":1,"articles":[{"slug":"article-2"}]})", chunk) ==
        chunk + ": every entry of 'articles' must have a string 'slug' and 'body'");
  // A chunk that holds other articles than the boot file says is refused.
  CHECK(v.add_chunk(R"({"format":"carnet-chunk","version":1,"articles":[{"slug":"intrus","body":"x"}]})", chunk) ==
        chunk + ": holds none of the articles the site says it does");
  CHECK(parse(v.page("#/post/article-2", Links{}))["kind"] == "pending");
  CHECK(parse(v.page("#/", Links{}))["kind"] == "list");  // the blog is still there

  // A metadata part with a bad entry: that entry is skipped, the site completes.
  json part = json::parse(s.meta[0].bytes);
  part["articles"]["date"][20] = "2024-13-45";
  const json r = parse(v.add_meta(part.dump(), s.meta[0].name));
  CHECK(r["ok"] == true);
  CHECK(r["complete"] == true);
  REQUIRE(r["skipped"].size() == 1);
  CHECK(r["skipped"][0].get<std::string>().find("field 'date' must be a real date") != std::string::npos);
  CHECK(r["articles"] == 29);
  // Columns of different lengths: the part is unusable, said with its name.
  Viewer w;
  REQUIRE(parse(w.load(s.boot))["ok"] == true);
  json bad = json::parse(s.meta[0].bytes);
  bad["articles"]["title"].erase(0);
  const json br = parse(w.add_meta(bad.dump(), "meta-x.json"));
  CHECK(br["ok"] == false);
  CHECK(br["error"] == "meta-x.json: column 'title' has 29 entries, not 30");
  CHECK(br["complete"] == false);
}

TEST_CASE("A boot file with a newer version or a broken directory is refused with a message", "[shards]") {
  const ShardedSite s = shard_bundle(make_bundle(30), "test", "i.bin");
  json boot = json::parse(s.boot);
  boot["version"] = 99;
  Viewer v;
  CHECK(parse(v.load(boot.dump()))["error"] ==
        "bundle.json: schema version 99 is newer than this viewer understands (1); reload the page to get the "
        "matching viewer");
  boot = json::parse(s.boot);
  boot["meta"] = "meta.json";
  CHECK(parse(v.load(boot.dump()))["error"] == "bundle.json: field 'meta' must be a list of file names");
  // A whole bundle still loads as before.
  CHECK(parse(v.load(bundle_to_json(make_bundle(3), "test").dump()))["sharded"] == false);
}
