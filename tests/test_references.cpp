// Unit tests for the builder's checks of links and images (markdown_references and the
// diagnostics load_content writes from them), and for the caret under the offending part.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "content.hpp"
#include "markdown.hpp"
#include "test_files.hpp"

using namespace carnet;
namespace fs = std::filesystem;
using carnet_test::write;

namespace {

// The caret line under a source line numbered `number`: "    |     ^~~~".
std::string caret(const std::string& number, int column, int width) {
  return std::string(2 + number.size(), ' ') + " | " + std::string(static_cast<std::size_t>(column - 1), ' ') + "^" +
         std::string(static_cast<std::size_t>(width - 1), '~');
}

std::vector<std::string> formatted(const ContentLoad& load) {
  std::vector<std::string> out;
  for (const auto& d : load.diagnostics) out.push_back(d.format());
  return out;
}

}  // namespace

TEST_CASE("markdown_references: every link and image with its line and column", "[markdown][references]") {
  const auto refs = markdown_references(
      "Intro [site](https://example.org) and <https://auto.example>.\n"
      "\n"
      "  ![Un sch\xC3\xA9ma](img/a.png \"titre\") ![](b.png)\n"
      "[ref][r] [\xC3\xA9t\xC3\xA9](caf&eacute;.md)\n"
      "\n"
      "[r]: other.pdf\n");
  REQUIRE(refs.size() == 5);
  CHECK_FALSE(refs[0].image);
  CHECK(refs[0].target == "https://example.org");
  CHECK(refs[0].has_text);
  CHECK(refs[0].line == 1);
  CHECK(refs[0].column == 14);
  CHECK(refs[1].image);
  CHECK(refs[1].target == "img/a.png");
  CHECK(refs[1].has_text);
  CHECK(refs[1].line == 3);
  CHECK(refs[1].column == 17);
  CHECK(refs[2].target == "b.png");
  CHECK_FALSE(refs[2].has_text);
  CHECK(refs[2].column == 40);
  CHECK(refs[3].target == "other.pdf");  // a reference: its target is not on this line
  CHECK(refs[3].line != 4);
  CHECK(refs[4].target == "caf\xC3\xA9.md");  // entities decoded
  CHECK(refs[4].line == 4);    // from the link's text: the decoded target is not in the text
  CHECK(refs[4].column == 0);  // so no caret
  CHECK(markdown_references("").empty());
  CHECK(markdown_references("`[x](y)`\n\n```\n![a](b)\n```\n").empty());
}

TEST_CASE("markdown_references: lines and columns far down a long document", "[markdown][references]") {
  // A changelog's shape: thousands of lines, a link on most, some targets decoded (placed
  // by their text), a reference defined at the end.
  std::string md;
  std::vector<std::pair<std::size_t, std::size_t>> expected;  // line, column of each target
  for (std::size_t line = 1; line <= 3000; ++line) {
    if (line % 7 == 0) {
      md += "\n";  // a blank line: a new paragraph
      continue;
    }
    const std::string lead(line % 5, 'x');
    md += "- " + lead + " [v" + std::to_string(line) + "](v" + std::to_string(line) + ".md)";
    expected.emplace_back(line, 2 + lead.size() + 3 + std::to_string(line).size() + 2 + 1);  // "- ", lead, " [v", N, "](", then the target
    if (line % 11 == 0) {
      md += " [e](caf&eacute;" + std::to_string(line) + ")";
      expected.emplace_back(line, 0);  // decoded: the line of its text, no column
    }
    md += "\n";
  }
  md += "\nlast [ref][r]\n\n[r]: end.md\n";
  const auto refs = markdown_references(md);
  REQUIRE(refs.size() == expected.size() + 1);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("reference " << i << ": " << refs[i].target);
    CHECK(refs[i].line == expected[i].first);
    CHECK(refs[i].column == expected[i].second);
  }
  CHECK(refs.back().target == "end.md");
  CHECK(refs.back().line == 3004);  // where md4c points it: the definition's target
  CHECK(refs.back().column == 6);
}

TEST_CASE("content: links and images are checked, on their line, with a caret", "[content][references]") {
  const fs::path dir = fs::temp_directory_path() / "carnet-references";
  fs::remove_all(dir);
  write(dir / "site.yml", "title: T\nlang: fr\nurl: https://example.org/\n");
  write(dir / "authors" / "a.md", "---\nname: A\n---\n");
  write(dir / "images" / "ok.png", "png");
  write(dir / "posts" / "other.md", "---\ntitle: Other\ndate: 2024-01-01\nauthor: a\n---\nText.\n");
  write(dir / "posts" / "p.md",
        "---\ntitle: P\ndate: 2024-01-02\nauthor: a\n---\n"
        "Fine: ![Un graphique](../images/ok.png) [doc](../images/ok.png#x) [web](https://x.example) [top](#intro)\n"
        "\n"
        "![](../images/ok.png) and ![Absent](../images/absent.png)\n"
        "See [the other one](other.md) or [a PDF](files/report%202024.pdf).\n"
        "\n"
        "  - [click](javascript:alert(1))\n");
  const ContentLoad load = load_content(dir);
  CHECK_FALSE(load.has_errors());
  const std::string p = (dir / "posts" / "p.md").generic_string();
  const std::string images = (dir / "images").generic_string();
  const std::string line8 = "![](../images/ok.png) and ![Absent](../images/absent.png)";
  const std::string line9 = "See [the other one](other.md) or [a PDF](files/report%202024.pdf).";
  CHECK(formatted(load) == std::vector<std::string>{
    p + ":8: warning: image '../images/ok.png' has no alt text: describe what it shows, for readers who cannot see it\n"
        "  8 | " + line8 + "\n" + caret("8", 5, 16),
    p + ":8: warning: image '../images/absent.png' not found: there is no " + images + "/absent.png\n"
        "  8 | " + line8 + "\n" + caret("8", 37, 20),
    p + ":9: warning: link 'other.md' is a Markdown file, which is not published: link to the article's address (#/post/<slug>)\n"
        "  9 | " + line9 + "\n" + caret("9", 21, 8),
    p + ":9: warning: link 'files/report%202024.pdf' not found: there is no " + (dir / "posts").generic_string() +
        "/files/report 2024.pdf\n"
        "  9 | " + line9 + "\n" + caret("9", 42, 23),
    p + ":11: warning: link 'javascript:alert(1)' is not allowed (unsafe scheme): it is shown as plain text\n"
        "  11 | - [click](javascript:alert(1))\n" + caret("11", 11, 19),
  });
  // Warnings only: the article is published.
  CHECK(load.bundle.find_article("p"));
}

TEST_CASE("diagnostics_to_print: every error, a file's first warnings, then a count", "[content][references]") {
  using Severity = Diagnostic::Severity;
  std::vector<Diagnostic> all;
  for (int i = 0; i < 25; ++i) all.push_back({Severity::Warning, "posts/old.md", i + 1, {}, "dead link " + std::to_string(i), {}});
  all.push_back({Severity::Error, "posts/old.md", 30, "date", "impossible date", {}});
  all.push_back({Severity::Warning, "posts/new.md", 2, {}, "one warning", {}});
  for (int i = 0; i < 3; ++i) all.push_back({Severity::Warning, "posts/old.md", 40 + i, {}, "late " + std::to_string(i), {}});
  const auto lines = diagnostics_to_print(all, 20);
  REQUIRE(lines.size() == 20 + 1 + 1 + 1);
  for (int i = 0; i < 20; ++i) CHECK(lines[i].diagnostic == &all[i]);  // in order
  CHECK(lines[20].diagnostic == &all[25]);  // an error is always printed
  CHECK(lines[21].diagnostic == &all[26]);  // another file has its own count
  CHECK(lines[22].diagnostic == nullptr);
  CHECK(lines[22].summary == "posts/old.md: 8 more warning(s) not shown");
  CHECK(diagnostics_to_print(all, 100).size() == all.size());  // under the cap: all, no summary
}

TEST_CASE("Diagnostic::format: the caret counts characters, not bytes", "[content][references]") {
  Diagnostic d{Diagnostic::Severity::Error, "f.md", 12, "tags", "x", "tags: [\xC3\xA9t\xC3\xA9, x]", 8, 4};
  CHECK(d.format() == "f.md:12: error: field 'tags': x\n  12 | tags: [\xC3\xA9t\xC3\xA9, x]\n     |        ^~~~");
  d.caret = 0;
  CHECK(d.format() == "f.md:12: error: field 'tags': x\n  12 | tags: [\xC3\xA9t\xC3\xA9, x]");
}
