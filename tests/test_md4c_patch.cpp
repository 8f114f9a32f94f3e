// Our patch to md4c (wasm/md4c/md4c-0.5.3-speed.patch) is for speed only: the patched
// parser must call back exactly as the pristine one (unpacked from the same verified
// tarball, its md_parse renamed carnet_pristine_md_parse) on md4c's own test examples, our
// fixtures and documents made of the pieces the patch looks at (dots, colons, "www",
// "http", line ends), under several parser flag sets.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_files.hpp"

extern "C" {
#include "md4c.h"
int carnet_pristine_md_parse(const MD_CHAR* text, MD_SIZE size, const MD_PARSER* parser, void* userdata);
}

namespace {

// Every callback with every detail md4c.h gives, as one string per parse.
struct Trace {
  std::string s;
  void add(const char* kind, int type) {
    s += kind;
    s += std::to_string(type);
    s += ' ';
  }
  void attribute(const MD_ATTRIBUTE& a) {
    s += '{';
    if (a.text) s.append(a.text, a.size);
    for (unsigned i = 0; a.substr_offsets && a.substr_offsets[i] < a.size; ++i)
      s += std::to_string(a.substr_types[i]) + '@' + std::to_string(a.substr_offsets[i]) + ',';
    s += '}';
  }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* u) {
  auto& t = *static_cast<Trace*>(u);
  t.add("B", type);
  const auto number = [&t](long long n) { t.s += std::to_string(n) + ','; };
  switch (type) {
    case MD_BLOCK_H: number(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level); break;
    case MD_BLOCK_CODE: {
      const auto& d = *static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
      t.attribute(d.info);
      t.attribute(d.lang);
      number(d.fence_char);
      break;
    }
    case MD_BLOCK_UL: {
      const auto& d = *static_cast<MD_BLOCK_UL_DETAIL*>(detail);
      number(d.is_tight);
      number(d.mark);
      break;
    }
    case MD_BLOCK_OL: {
      const auto& d = *static_cast<MD_BLOCK_OL_DETAIL*>(detail);
      number(d.start);
      number(d.is_tight);
      number(d.mark_delimiter);
      break;
    }
    case MD_BLOCK_LI: {
      const auto& d = *static_cast<MD_BLOCK_LI_DETAIL*>(detail);
      number(d.is_task);
      if (d.is_task) {
        number(d.task_mark);
        number(d.task_mark_offset);
      }
      break;
    }
    case MD_BLOCK_TABLE: {
      const auto& d = *static_cast<MD_BLOCK_TABLE_DETAIL*>(detail);
      number(d.col_count);
      number(d.head_row_count);
      number(d.body_row_count);
      break;
    }
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: number(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align); break;
    default: break;
  }
  return 0;
}
int leave_block(MD_BLOCKTYPE type, void*, void* u) {
  static_cast<Trace*>(u)->add("b", type);
  return 0;
}
int enter_span(MD_SPANTYPE type, void* detail, void* u) {
  auto& t = *static_cast<Trace*>(u);
  t.add("S", type);
  if (type == MD_SPAN_A) {
    t.attribute(static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
    t.attribute(static_cast<MD_SPAN_A_DETAIL*>(detail)->title);
    t.s += std::to_string(static_cast<MD_SPAN_A_DETAIL*>(detail)->is_autolink);
  }
  if (type == MD_SPAN_IMG) {
    t.attribute(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src);
    t.attribute(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->title);
  }
  if (type == MD_SPAN_WIKILINK) t.attribute(static_cast<MD_SPAN_WIKILINK_DETAIL*>(detail)->target);
  return 0;
}
int leave_span(MD_SPANTYPE type, void*, void* u) {
  static_cast<Trace*>(u)->add("s", type);
  return 0;
}
int text(MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE size, void* u) {
  auto& t = *static_cast<Trace*>(u);
  t.add("T", type);
  t.s.append(s, size);
  t.s += '\x01';
  return 0;
}

std::string trace(int (*parse)(const MD_CHAR*, MD_SIZE, const MD_PARSER*, void*), const std::string& doc,
                  unsigned flags) {
  MD_PARSER parser{};
  parser.flags = flags;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  Trace t;
  const int result = parse(doc.data(), static_cast<MD_SIZE>(doc.size()), &parser, &t);
  return std::to_string(result) + ':' + t.s;
}

// The flag sets that matter: Carnet's two (GitHub with and without raw HTML), none, all.
constexpr unsigned kFlagSets[] = {MD_DIALECT_GITHUB, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0, 0xFFFFu};

// The inputs of md4c's test files (test/*.txt), between "```` example" and ".", with → as a tab.
std::vector<std::string> md4c_examples() {
  std::vector<std::string> docs;
  for (const auto& entry : std::filesystem::directory_iterator(CARNET_MD4C_PRISTINE_DIR "/test")) {
    if (entry.path().extension() != ".txt") continue;
    const std::string file = carnet_test::read(entry.path());
    const std::string open = "```````````````````````````````` example\n";
    for (std::size_t at = file.find(open); at != std::string::npos; at = file.find(open, at)) {
      at += open.size();
      const std::size_t end = file.find("\n.\n", at - 1);
      if (end == std::string::npos) break;
      std::string doc = file.substr(at, end + 1 - at);
      for (std::size_t tab; (tab = doc.find("\xE2\x86\x92")) != std::string::npos;) doc.replace(tab, 3, "\t");
      docs.push_back(doc);
      at = end;
    }
  }
  return docs;
}

void check_same(const std::string& name, const std::string& doc) {
  for (const unsigned flags : kFlagSets) {
    INFO(name << " with flags 0x" << std::hex << flags);
    CHECK(trace(md_parse, doc, flags) == trace(carnet_pristine_md_parse, doc, flags));
  }
}

}  // namespace

TEST_CASE("patched md4c parses md4c's own test examples as the pristine md4c", "[md4c]") {
  const auto docs = md4c_examples();
  REQUIRE(docs.size() > 750);  // 800 in md4c 0.5.3, 652 of them in spec.txt
  for (std::size_t i = 0; i < docs.size(); ++i) check_same("example " + std::to_string(i), docs[i]);
}

TEST_CASE("patched md4c parses our Markdown fixtures as the pristine md4c", "[md4c]") {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(CARNET_FIXTURES)) {
    if (entry.path().extension() != ".md") continue;
    check_same(entry.path().string(), carnet_test::read(entry.path()));
    ++n;
  }
  CHECK(n > 20);
}

TEST_CASE("patched md4c parses autolink and line-end soup as the pristine md4c", "[md4c]") {
  // Pieces around what the patch changes: '.' after "www" or not, ':' after http/https/ftp
  // or not, at line starts and ends; every kind of line end at every offset modulo 8.
  const std::vector<std::string> pieces = {
      "w", "ww", "www", "www.", "W", "WWW.", ".", "..", "http", "https", "ftp", "HTTP", ":", "//", "p", "s",
      " ", "\n", "\r\n", "\r", "\n\n", "a", "\xC3\xA9", "\xE2\x80\x99", "*", "_", "[", "](", ")", "`", "|", "-",
      "<", ">", "@", "!", "~", "x.y", "http://a.b/c", "www.ex.com", "ftp://h", "mailto:a@b.c", "    ", "# ",
      "> ", "1. ", "\t", "\\", "&amp;", "&", ";", "\xC2\xA0", "\0"};
  std::mt19937 rng(12345);
  for (int i = 0; i < 4000; ++i) {
    std::string doc;
    const int n = 1 + static_cast<int>(rng() % 300);
    for (int k = 0; k < n; ++k) doc += pieces[rng() % pieces.size()];
    check_same("soup " + std::to_string(i), doc);
  }
}
