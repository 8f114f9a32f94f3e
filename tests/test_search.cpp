// Tests the search engine (wasm/core/search.hpp, search_index.hpp, search_query.hpp) on a
// small known corpus: French/English matching, ranking, filters, facets, hostile queries.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "search.hpp"
#include "search_index.hpp"
#include "search_query.hpp"

using nlohmann::json;

namespace {

struct Doc {
  const char* slug;
  const char* lang;
  const char* title;
  const char* category;
  std::vector<std::string> tags;
  const char* author;
  const char* date;
  const char* body;
};

const std::vector<Doc> kDocs = {
    {"pub-reseaux", "fr", "Publicité et réseaux sociaux", "Stratégie", {"publicité", "réseaux sociaux"}, "camille",
     "2023-01-10", "La publicité sur les réseaux sociaux demande une stratégie claire. Les annonceurs achètent des campagnes."},
    {"pub-deguisees", "fr", "Les publicités déguisées", "Stratégie", {"influence"}, "camille", "2024-02-11",
     "Les publicités déguisées sont interdites. L’équipe juridique veille. Un avis a été publié hier."},
    {"calendrier", "fr", "Calendrier éditorial", "Organisation", {"planification"}, "sam", "2024-05-05",
     "Un calendrier aide l'équipe à publier régulièrement, chaque mardi."},
    {"running", "en", "Running a community", "Community", {"community", "moderation"}, "sam", "2023-07-07",
     "Community managers run events. Running a forum takes patience."},
    {"campaigns", "en", "Campaign analytics", "Analytics", {"analytics"}, "sam", "2025-01-01",
     "Measure each campaign. Campaigns with UTM parameters are easier to track."},
    {"strategie", "fr", "Stratégie", "Stratégie", {}, "camille", "2022-03-03", "Un texte court sur la méthode."},
    {"newsletter", "fr", "Newsletter et e-mail", "Organisation", {"newsletter"}, "camille", "2024-09-09",
     "L’e-mail reste efficace. Une newsletter par e-mail chaque semaine. <script>alert(1)</script>"},
    {"listening", "en", "Social listening basics", "Analytics", {"analytics", "community"}, "sam", "2022-11-11",
     "Social listening means reading what people say. Listening socially is different from social selling."},
    {"moderation", "fr", "Modération des commentaires", "Community", {"moderation", "communauté"}, "camille",
     "2025-03-03", "La modération protège la communauté. Modérer demande du temps et une stratégie."},
    {"accessibilite", "fr", "Accessibilité", "Organisation", {"accessibilité"}, "camille", "2021-06-06",
     "Les textes alternatifs rendent les images accessibles, une stratégie gagnante."},
};

carnet::Bundle corpus() {
  carnet::Bundle b;
  b.site.title = "Test";
  b.site.lang = "fr";
  b.authors["camille"] = carnet::Author{"camille", "Camille Durand", "", {}, ""};
  b.authors["sam"] = carnet::Author{"sam", "Sam Taylor", "", {}, ""};
  for (const auto& d : kDocs) {
    carnet::Article a;
    a.slug = d.slug;
    a.title = d.title;
    a.date = *carnet::parse_date(d.date);
    a.author = d.author;
    a.category = d.category;
    a.tags = d.tags;
    a.lang = d.lang;
    b.articles.push_back(a);
    b.bodies[d.slug] = d.body;
  }
  carnet::sort_articles(b.articles);
  return b;
}

// The engine as the browser gets it: built, serialised, loaded back.
carnet::SearchEngine& engine() {
  static carnet::SearchEngine* e = [] {
    const carnet::Bundle b = corpus();
    std::string error;
    auto loaded = carnet::SearchIndex::load(carnet::build_search_index(b).serialize(), error);
    INFO(error);
    REQUIRE(loaded);
    auto* eng = new carnet::SearchEngine(std::move(*loaded));
    eng->set_bodies(b.bodies);
    return eng;
  }();
  return *e;
}

json run(const std::string& query_string, std::size_t limit = 10) {
  return engine().search(carnet::parse_search_query(query_string), limit, "fr");
}

std::vector<std::string> slugs(const json& r) {
  std::vector<std::string> out;
  for (const auto& h : r["hits"]) out.push_back(h["slug"]);
  return out;
}

std::string q(const std::string& words) { return "q=" + words; }

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

int facet_count(const json& r, const char* facet, const std::string& value) {
  for (const auto& e : r["facets"][facet])
    if (e["value"] == value) return e["count"];
  return 0;
}

}  // namespace

TEST_CASE("search: accented and unaccented queries give the same results in the same order", "[search]") {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"publicité", "publicite"},     {"équipe", "equipe"},       {"stratégie", "strategie"},
      {"modération", "moderation"},   {"réseaux", "reseaux"},     {"accessibilité", "accessibilite"},
      {"publicités déguisées", "publicites deguisees"}, {"ÉQUIPE", "equipe"},
  };
  for (const auto& [accented, plain] : pairs) {
    INFO(accented << " / " << plain);
    const auto a = slugs(run(q(accented + " ")));
    const auto b = slugs(run(q(plain + " ")));
    CHECK_FALSE(a.empty());
    CHECK(a == b);
  }
}

TEST_CASE("search: singular, plural and verb forms find each other", "[search]") {
  // French
  CHECK(contains(slugs(run(q("publicités "))), "pub-reseaux"));   // has only "publicité"
  CHECK(contains(slugs(run(q("publicité "))), "pub-deguisees"));  // has only "publicités"
  CHECK(contains(slugs(run(q("publier "))), "pub-deguisees"));    // has "publié"
  CHECK(contains(slugs(run(q("publié "))), "calendrier"));        // has "publier"
  CHECK(contains(slugs(run(q("commentaire "))), "moderation"));   // has "commentaires"
  // English
  CHECK(contains(slugs(run(q("campaigns "))), "campaigns"));
  const auto run_hits = slugs(run(q("run ")));
  CHECK(contains(run_hits, "running"));
  CHECK(contains(slugs(run(q("parameter "))), "campaigns"));
  // An exact form ranks above a stemmed one.
  const auto pub = run(q("publicités "));
  REQUIRE(pub["hits"].size() >= 2);
  CHECK(pub["hits"][0]["slug"] == "pub-deguisees");
  CHECK(pub["hits"][0]["tier"] == "exact");
  CHECK(pub["hits"][1]["tier"] == "stem");
}

TEST_CASE("search: French elisions are stripped in text and queries", "[search]") {
  const auto plain = slugs(run(q("équipe ")));
  CHECK(contains(plain, "pub-deguisees"));  // "L’équipe"
  CHECK(contains(plain, "calendrier"));     // "l'équipe"
  CHECK(slugs(run(q("l’équipe "))) == plain);
  CHECK(slugs(run(q("l'equipe "))) == plain);
  CHECK(contains(slugs(run(q("e-mail "))), "newsletter"));
  CHECK(contains(slugs(run(q("email "))), "newsletter"));
  CHECK(contains(slugs(run(q("mail "))), "newsletter"));
}

TEST_CASE("search: one typo finds its word, ranked as a typo", "[search]") {
  const auto r = run(q("calendrer "));  // one letter missing
  REQUIRE_FALSE(r["hits"].empty());
  CHECK(r["hits"][0]["slug"] == "calendrier");
  CHECK(r["hits"][0]["tier"] == "typo");
  CHECK(slugs(run(q("moderatoin ")))[0] == "moderation");  // transposition
  CHECK(slugs(run(q("campaing ")))[0] == "campaigns");     // transposition, 8 letters
  CHECK(slugs(run(q("calendirre "))).front() == "calendrier");  // two edits in a 10-letter word
  CHECK(run(q("cat "))["total"] == 0);                      // 3 letters: no typo budget
}

TEST_CASE("search: the last word matches as a prefix while typing", "[search]") {
  const auto r = run(q("calend"));
  REQUIRE(r["total"] == 1);
  CHECK(r["hits"][0]["slug"] == "calendrier");
  CHECK(r["hits"][0]["tier"] == "prefix");
  CHECK(run(q("calend "))["total"] == 0);  // a finished word is not a prefix
  CHECK(slugs(run(q("social list"))) == std::vector<std::string>{"listening"});
}

TEST_CASE("search: an article whose title is the query comes first", "[search]") {
  const auto r = run(q("stratégie "));
  REQUIRE(r["total"].get<int>() >= 4);
  CHECK(r["hits"][0]["slug"] == "strategie");
  CHECK(slugs(run(q("Calendrier éditorial")))[0] == "calendrier");
}

TEST_CASE("search: quoted phrases match in order", "[search]") {
  CHECK(slugs(run(q("\"social listening\""))) == std::vector<std::string>{"listening"});
  CHECK(run(q("\"listening social\""))["total"] == 0);
  CHECK(run(q("\"social selling\""))["total"] == 1);
}

TEST_CASE("search: filters combine with each other and with the query", "[search]") {
  CHECK(slugs(run("category=strategie")) == std::vector<std::string>{"pub-deguisees", "pub-reseaux", "strategie"});
  CHECK(slugs(run("tag=analytics")) == std::vector<std::string>{"campaigns", "listening"});
  CHECK(slugs(run("tag=analytics&tag=community")) == std::vector<std::string>{"listening"});
  CHECK(slugs(run("author=sam&lang=en")) == std::vector<std::string>{"campaigns", "running", "listening"});
  CHECK(slugs(run("from=2024-01-01&to=2024-12-31")) ==
        std::vector<std::string>{"newsletter", "calendrier", "pub-deguisees"});
  CHECK(slugs(run("q=community&lang=en")) == std::vector<std::string>{"running", "listening"});
  CHECK(slugs(run("q=strategie&category=strategie&sort=date")) ==
        std::vector<std::string>{"pub-deguisees", "pub-reseaux", "strategie"});
  CHECK(run("category=strategie&category=analytics")["total"] == 5);  // any of the categories
  CHECK(run("tag=unknown-tag")["total"] == 0);
  CHECK(run("from=2030-01-01")["total"] == 0);
}

TEST_CASE("search: facet counts are exact for the current query and filters", "[search]") {
  const auto all = run("");
  CHECK(all["total"] == 10);
  CHECK(facet_count(all, "category", "strategie") == 3);
  CHECK(facet_count(all, "category", "organisation") == 3);
  CHECK(facet_count(all, "category", "community") == 2);
  CHECK(facet_count(all, "category", "analytics") == 2);
  CHECK(facet_count(all, "lang", "fr") == 7);
  CHECK(facet_count(all, "lang", "en") == 3);
  CHECK(facet_count(all, "author", "camille") == 6);
  CHECK(facet_count(all, "author", "sam") == 4);
  CHECK(facet_count(all, "year", "2024") == 3);
  CHECK(facet_count(all, "year", "2021") == 1);
  CHECK(facet_count(all, "tag", "analytics") == 2);

  const auto filtered = run("q=strategie&lang=fr");
  CHECK(filtered["total"] == facet_count(filtered, "lang", "fr"));
  CHECK(facet_count(filtered, "lang", "en") == 0);
  // Every facet value links to the search with that value toggled.
  for (const auto& e : filtered["facets"]["lang"])
    if (e["value"] == "fr") CHECK(e["href"] == "#/search?q=strategie");
  for (const auto& e : all["facets"]["category"])
    if (e["value"] == "analytics") CHECK(e["href"] == "#/search?category=analytics");
}

TEST_CASE("search: gibberish returns nothing; a near miss suggests the closest word", "[search]") {
  const auto none = run(q("zzqxwv "));
  CHECK(none["total"] == 0);
  CHECK(none["hits"].empty());
  CHECK(none["suggestions"].empty());
  const auto near = run(q("kalandrie "));
  CHECK(near["total"] == 0);
  REQUIRE(near["suggestions"].size() == 1);
  CHECK(near["suggestions"][0]["q"] == "calendrier");
  CHECK(near["suggestions"][0]["href"] == "#/search?q=calendrier");
}

TEST_CASE("search: snippets highlight matched words and stay escaped", "[search]") {
  const auto r = run(q("newsletter "));
  REQUIRE(r["total"] == 1);
  const std::string snippet = r["hits"][0]["snippet_html"];
  CHECK(snippet.find("<mark>newsletter</mark>") != std::string::npos);
  CHECK(snippet.find("&lt;script&gt;") != std::string::npos);
  CHECK(snippet.find("<script") == std::string::npos);
  CHECK(r["hits"][0]["title_html"] == "<mark>Newsletter</mark> et e-mail");
  const auto m = run(q("e-mail "));
  CHECK(std::string(m["hits"][0]["snippet_html"]).find("<mark>e-mail</mark>") != std::string::npos);
}

TEST_CASE("search: bodies added later (a sharded site's chunks) give their hits snippets", "[search]") {
  const carnet::Bundle b = corpus();
  std::string error;
  auto loaded = carnet::SearchIndex::load(carnet::build_search_index(b).serialize(), error);
  REQUIRE(loaded);
  carnet::SearchEngine bare(std::move(*loaded));  // as a sharded site starts: no bodies
  const auto query = carnet::parse_search_query(q("newsletter "));
  const auto before = bare.search(query, 10, "fr");
  REQUIRE(before["total"] == 1);
  CHECK(before["hits"][0]["body"] == false);
  CHECK(before["hits"][0]["snippet_html"] == "");
  const std::string slug = before["hits"][0]["slug"];
  // A chunk holding other articles, and one nobody knows, change nothing for this hit.
  CHECK(bare.add_bodies({{"no-such-article", "newsletter"}}) == 0);
  std::vector<std::pair<std::string, std::string>> others;
  for (const auto& [other, body] : b.bodies)
    if (other != slug) others.emplace_back(other, body);
  CHECK(bare.add_bodies(others) == others.size());
  CHECK(bare.search(query, 10, "fr")["hits"][0]["body"] == false);
  // Its own body: the same hit, now with the snippet the whole bundle gives.
  CHECK(bare.add_bodies({{slug, b.bodies.at(slug)}}) == 1);
  const auto after = bare.search(query, 10, "fr");
  CHECK(after["hits"][0]["body"] == true);
  CHECK(after["hits"][0]["snippet_html"] == run(q("newsletter "))["hits"][0]["snippet_html"]);
  CHECK(std::string(after["hits"][0]["snippet_html"]).find("<mark>newsletter</mark>") != std::string::npos);
}

TEST_CASE("search: hostile queries return cleanly", "[search]") {
  const std::vector<std::string> hostile = {
      q(std::string(100000, 'a')),
      q(std::string(5000, '"')),
      "q=!!!%3F%3F%3F...",
      "q=%FF%FE%00%C3",
      "q=%22%22%22",
      "q=" + std::string(2000, '%'),
      "category=&tag=&from=2024-13-45&to=nope&sort=weird",
      std::string(10000, '&'),
      "q=a+b+c+d+e+f+g+h+i+j+k+l+m+n+o+p+q+r+s+t+u+v+w+x+y+z",
  };
  for (const auto& h : hostile) {
    json r;
    REQUIRE_NOTHROW(r = run(h));
    CHECK(r["total"].is_number());
    CHECK_NOTHROW(r.dump(-1, ' ', false, json::error_handler_t::strict));
  }
}

TEST_CASE("search: query strings parse and format canonically", "[search]") {
  const auto s = carnet::parse_search_query("q=r%C3%A9seaux+sociaux&tag=a&tag=b&category=x&from=2024-01-01&sort=date");
  CHECK(s.q == "réseaux sociaux");
  CHECK(s.tags == std::vector<std::string>{"a", "b"});
  CHECK(s.from->year == 2024);
  CHECK(s.sort == carnet::SearchQuery::Sort::Date);
  CHECK(carnet::format_search_query(s) == "q=r%C3%A9seaux+sociaux&category=x&tag=a&tag=b&from=2024-01-01&sort=date");
  CHECK(carnet::parse_search_query(carnet::format_search_query(s)) == s);
  CHECK(carnet::parse_search_query("from=2024-02-30").from == std::nullopt);
}

TEST_CASE("search index: a corrupted or truncated file is refused with a message", "[search]") {
  const std::string bytes = carnet::build_search_index(corpus()).serialize();
  std::string error;
  REQUIRE(carnet::SearchIndex::load(bytes, error));
  CHECK_FALSE(carnet::SearchIndex::load("", error));
  CHECK(error == "search index: not a Carnet search index");
  for (std::size_t cut = 4; cut < bytes.size(); cut += 7) {
    error.clear();
    CHECK_FALSE(carnet::SearchIndex::load(std::string_view(bytes).substr(0, cut), error));
    CHECK_FALSE(error.empty());
  }
  // Flipped bytes: refused or loaded, never a crash; a loaded one still answers queries.
  for (std::size_t at = 4; at < bytes.size(); at += 13) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    auto idx = carnet::SearchIndex::load(bad, error);
    if (idx) {
      carnet::SearchEngine e(std::move(*idx));
      CHECK_NOTHROW(e.search(carnet::parse_search_query("q=strategie"), 10, "fr"));
    }
  }
}

namespace {
// Optimal string alignment distance, the plain way, as the reference.
int osa(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}
}  // namespace

TEST_CASE("search: the pruned vocabulary walk finds exactly the words within reach", "[search]") {
  carnet::SearchIndex idx;
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  std::set<std::string> vocab;
  while (vocab.size() < 3000) {
    std::string w;
    const std::size_t len = 2 + next() % 9;
    for (std::size_t i = 0; i < len; ++i) w += static_cast<char>('a' + (next() >> 16) % 6);
    vocab.insert(w);
  }
  idx.words.assign(vocab.begin(), vocab.end());
  idx.finish_loading();
  for (const std::string q : {"abcd", "fedcba", "aaaa", "abcdefab", "ba", "eeeeeeeeee"}) {
    for (int k = 1; k <= 3; ++k) {
      std::map<std::uint32_t, int> found;
      carnet::for_each_word_within(idx, q, k, [&](std::uint32_t w, int d) { found[w] = d; });
      std::map<std::uint32_t, int> expected;
      for (std::uint32_t w = 0; w < idx.words.size(); ++w)
        if (const int d = osa(idx.words[w], q); d <= k) expected[w] = d;
      INFO(q << " within " << k);
      CHECK(found == expected);
    }
  }
}

namespace {

// A sharded site's index: the head file and its part files (by name), small parts so that
// queries need several.
struct ShardedIndex {
  std::string head;
  std::map<std::string, std::string> parts;
};

ShardedIndex sharded_index(std::size_t part_bytes) {
  carnet::SearchIndex idx = carnet::build_search_index(corpus());
  ShardedIndex out;
  int n = 0;
  for (auto& [name, bytes] : idx.split_postings(part_bytes, [&](const std::string&) { return "part-" + std::to_string(n++) + ".bin"; }))
    out.parts.emplace(name, bytes);
  out.head = idx.serialize();
  return out;
}

}  // namespace

TEST_CASE("search index: a sharded index answers like the single file, fetching only the parts a query needs", "[search]") {
  const ShardedIndex files = sharded_index(64);
  REQUIRE(files.parts.size() > 5);
  std::string error;
  auto head = carnet::SearchIndex::load(files.head, error);
  INFO(error);
  REQUIRE(head);
  CHECK(head->parts() == files.parts.size());
  for (std::size_t k = 0; k < head->parts(); ++k) CHECK_FALSE(head->part_loaded(k));
  CHECK(files.head.size() < carnet::build_search_index(corpus()).serialize().size());
  carnet::SearchEngine e(std::move(*head));
  e.set_bodies(corpus().bodies);

  // A query over missing parts answers with their names, nothing else.
  const auto query = carnet::parse_search_query(q("publicité"));
  json r = e.search(query, 10, "fr");
  REQUIRE(r.contains("needs"));
  CHECK(r.size() == 1);
  std::vector<std::string> needed = r["needs"];
  REQUIRE_FALSE(needed.empty());
  CHECK(needed.size() < files.parts.size());
  for (const auto& name : needed) {
    REQUIRE(files.parts.count(name));
    // The engine's index is const from outside: parts come through add_part on the engine.
    CHECK(e.add_part(files.parts.at(name), error));
    CHECK(e.add_part(files.parts.at(name), error));  // twice is harmless
  }
  r = e.search(query, 10, "fr");
  CHECK_FALSE(r.contains("needs"));
  CHECK(r == run(q("publicité")));

  // Every query gives exactly the single file's answer once its parts are in.
  for (const std::string& query_string :
       {q("publicite"), q("strat"), q("campaign"), q("strategei"), q("zzzz"), q("%22r%C3%A9seaux+sociaux%22"),
        std::string("category=strategie"), q("community&lang=en&sort=date"), q("l%E2%80%99%C3%A9quipe"), q("moderer communaute")}) {
    INFO(query_string);
    const auto parsed = carnet::parse_search_query(query_string);
    json got = e.search(parsed, 10, "fr");
    for (int round = 0; round < 2 && got.contains("needs"); ++round) {
      for (const auto& name : got["needs"]) CHECK(e.add_part(files.parts.at(name.get<std::string>()), error));
      got = e.search(parsed, 10, "fr");
    }
    CHECK(got == run(query_string));
  }
}

TEST_CASE("search index: a bad part file is refused and leaves the index as it was", "[search]") {
  const ShardedIndex files = sharded_index(64);
  const ShardedIndex other = sharded_index(200);  // the same words, cut elsewhere
  std::string error;
  auto head = carnet::SearchIndex::load(files.head, error);
  REQUIRE(head);
  const std::string& part = files.parts.at("part-1.bin");
  CHECK_FALSE(head->add_part("", error));
  CHECK(error == "search index part: not a Carnet search index part");
  CHECK_FALSE(head->add_part(files.head, error));  // a head is not a part
  for (std::size_t cut = 4; cut < part.size(); ++cut) {
    error.clear();
    CHECK_FALSE(head->add_part(std::string_view(part).substr(0, cut), error));
    CHECK_FALSE(error.empty());
  }
  CHECK_FALSE(head->add_part(part + "x", error));
  CHECK(error.find("trailing bytes") != std::string::npos);
  // A part of another cut of the index: refused unless it covers exactly one of this head's.
  for (const auto& [name, bytes] : other.parts) {
    (void)name;
    error.clear();
    if (!head->add_part(bytes, error)) CHECK(error.find("not a part of this index") != std::string::npos);
  }
  // Flipped bytes: refused or loaded, never a crash.
  for (std::size_t at = 4; at < part.size(); ++at) {
    auto fresh = carnet::SearchIndex::load(files.head, error);
    std::string bad = part;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    (void)fresh->add_part(bad, error);
    carnet::SearchEngine e(std::move(*fresh));
    CHECK_NOTHROW(e.search(carnet::parse_search_query("q=strategie"), 10, "fr"));
  }
  for (std::size_t k = 0; k < head->parts(); ++k) CHECK_FALSE(head->part_loaded(k));
  CHECK(head->add_part(part, error));
  CHECK(head->part_loaded(1));
  // A head naming a part with a path is refused (names are files beside the head).
  std::string bad_head = files.head;
  const auto at = bad_head.find("part-2.bin");
  REQUIRE(at != std::string::npos);
  bad_head.replace(at, 10, "../x/2.bin");
  CHECK_FALSE(carnet::SearchIndex::load(bad_head, error));
  CHECK(error.find("bad postings part name") != std::string::npos);
}
