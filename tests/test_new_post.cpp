// Unit tests for new_post.hpp (`carnet new`): slug, front matter, defaults, no overwrite;
// and site.yml's default author, which new posts and author-less articles use.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "content.hpp"
#include "frontmatter.hpp"
#include "new_post.hpp"
#include "test_files.hpp"

using namespace carnet;
namespace fs = std::filesystem;
using carnet_test::write;
using carnet_test::read;

namespace {

// A fresh content folder: site.yml (with `extra` lines), two authors, one post.
fs::path site(const std::string& name, const std::string& extra = "") {
  const fs::path dir = fs::temp_directory_path() / ("carnet-new-" + name);
  fs::remove_all(dir);
  write(dir / "site.yml", "title: Test\nlang: fr\nurl: https://example.org/\n" + extra);
  write(dir / "authors" / "alice.md", "---\nname: Alice\n---\n");
  write(dir / "authors" / "bob.md", "---\nname: Bob\n---\n");
  write(dir / "posts" / "2024" / "old" / "index.md",
        "---\ntitle: Old\ndate: 2024-01-02\nauthor: bob\nslug: deja-pris\n---\nText.\n");
  return dir;
}

const Date kToday{2025, 3, 14};

}  // namespace

TEST_CASE("new: the slug folds French accents, the front matter is filled in", "[new]") {
  const fs::path dir = site("basic", "author: bob\n");
  const NewPost p = create_post(dir, "  Titre de l\xE2\x80\x99" "article : \xC3\xA9t\xC3\xA9 \"chaud\" \\ ok  ", kToday);
  REQUIRE(p.error.empty());
  CHECK(p.slug == "titre-de-l-article-ete-chaud-ok");
  CHECK(p.path == dir / "posts" / "titre-de-l-article-ete-chaud-ok.md");
  CHECK(p.note.empty());
  const std::string text = read(p.path);
  CHECK(text ==
        "---\n"
        "title: \"Titre de l\xE2\x80\x99" "article : \xC3\xA9t\xC3\xA9 \\\"chaud\\\" \\\\ ok\"\n"
        "slug: titre-de-l-article-ete-chaud-ok\n"
        "date: 2025-03-14\n"
        "author: bob\n"
        "lang: fr\n"
        "category:\n"
        "tags: []\n"
        "draft: false\n"
        "---\n\n");
  // The file builds as written, title intact.
  const ContentLoad load = load_content(dir);
  CHECK_FALSE(load.has_errors());
  const Article* a = load.bundle.find_article(p.slug);
  REQUIRE(a);
  CHECK(a->title == "Titre de l\xE2\x80\x99" "article : \xC3\xA9t\xC3\xA9 \"chaud\" \\ ok");
  CHECK(a->author == "bob");
  CHECK(a->lang == "fr");
  CHECK(a->date == kToday);
}

TEST_CASE("new: never overwrites, never reuses a slug", "[new]") {
  const fs::path dir = site("refuse", "author: alice\n");
  const NewPost first = create_post(dir, "Mon billet", kToday);
  REQUIRE(first.error.empty());
  write(first.path, "mine\n");
  const NewPost again = create_post(dir, "Mon   billet !", kToday);
  CHECK(again.error == (dir / "posts" / "mon-billet.md").generic_string() +
                           " already exists: it was left as it is (choose another title)");
  CHECK(read(first.path) == "mine\n");

  const NewPost taken = create_post(dir, "D\xC3\xA9j\xC3\xA0 pris", kToday);
  CHECK(taken.error == "the slug 'deja-pris' is already used by posts/2024/old/index.md (choose another title)");
  CHECK_FALSE(fs::exists(dir / "posts" / "deja-pris.md"));
}

TEST_CASE("new: titles that make no file name, missing folders, no authors", "[new]") {
  const fs::path dir = site("bad");
  CHECK(create_post(dir, "   ", kToday).error.find("the title is empty") == 0);
  CHECK(create_post(dir, "\xF0\x9F\x8E\x89 !", kToday).error ==
        "'\xF0\x9F\x8E\x89 !' has no letter or digit to make a file name and URL from");
  CHECK(create_post(dir / "nope", "x", kToday).error == (dir / "nope").generic_string() + ": no such content folder");
  fs::remove_all(dir / "authors");
  CHECK(create_post(dir, "Sans auteur", kToday).error.find("no author yet") == 0);
  CHECK_FALSE(fs::exists(dir / "posts" / "sans-auteur.md"));
}

TEST_CASE("new: without a default author, the first one is used and the author told", "[new]") {
  const fs::path dir = site("no-default");
  const NewPost p = create_post(dir, "Hello", kToday);
  REQUIRE(p.error.empty());
  CHECK(p.note == "site.yml names no default 'author:': using 'alice' (change it in the file if needed)");
  CHECK(read(p.path).find("\nauthor: alice\n") != std::string::npos);
}

TEST_CASE("content: site.yml's author is the default of articles that name none", "[content][new]") {
  const fs::path dir = site("default-author", "author: Bob\n");  // a display name finds bob.md
  write(dir / "posts" / "sans.md", "---\ntitle: Sans auteur\ndate: 2024-02-02\n---\nTexte.\n");
  write(dir / "posts" / "vide.md", "---\ntitle: Vide\ndate: 2024-02-03\nauthor:\n---\nTexte.\n");
  const ContentLoad load = load_content(dir);
  CHECK_FALSE(load.has_errors());
  CHECK(load.default_author == "bob");
  REQUIRE(load.bundle.find_article("sans"));
  CHECK(load.bundle.find_article("sans")->author == "bob");
  CHECK(load.bundle.find_article("vide")->author == "bob");

  const fs::path bad = site("bad-default", "author: personne\n");
  const ContentLoad broken = load_content(bad);
  REQUIRE(broken.diagnostics.size() == 1);
  CHECK(broken.diagnostics[0].format() ==
        (bad / "site.yml").generic_string() +
            ":4: error: field 'author': no author 'personne': expected a file authors/personne.md\n  4 | author: personne\n"
            "    |         ^~~~~~~~");
}
