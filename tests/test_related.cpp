// Unit tests for related.hpp: what makes articles related, the order, determinism, and how
// the related list reaches the bundle and the article view.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "page_html.hpp"
#include "related.hpp"
#include "router.hpp"
#include "views.hpp"

using namespace carnet;
using nlohmann::json;

namespace {

void add(Bundle& b, std::string slug, Date date, std::string category, std::vector<std::string> tags,
         std::string body, std::string lang = "fr") {
  Article a;
  a.slug = slug;
  a.title = "Titre " + slug;
  a.date = date;
  a.author = "cam";
  a.category = std::move(category);
  a.tags = std::move(tags);
  a.lang = std::move(lang);
  b.bodies[slug] = std::move(body);
  b.articles.push_back(std::move(a));
}

// Articles about newsletters, LinkedIn and gardening, in French and English.
Bundle corpus() {
  Bundle b;
  b.site = {"Carnet", "", "fr", ""};
  add(b, "newsletter-a", {2024, 5, 1}, "Emailing", {"newsletter", "abonnés"},
      "La newsletter fidélise les abonnés. Une bonne newsletter parle aux abonnés chaque semaine.");
  add(b, "newsletter-b", {2024, 4, 1}, "Emailing", {"newsletter"},
      "Segmenter sa newsletter : des abonnés plus fidèles, un taux d'ouverture meilleur.");
  add(b, "linkedin", {2024, 3, 1}, "Réseaux sociaux", {"LinkedIn"},
      "Publier sur LinkedIn pour les décideurs : carrousels, commentaires, rythme de publication.");
  add(b, "linkedin-carrousels", {2024, 2, 1}, "R\xC3\xA9seaux Sociaux", {"linkedin", "carrousels"},
      "Les carrousels LinkedIn : un format que les décideurs lisent jusqu'au bout.");
  add(b, "jardin", {2024, 1, 1}, "Jardin", {"tomates"},
      "Planter des tomates au printemps, arroser le soir, pailler le potager.");
  add(b, "garden", {2023, 12, 1}, "", {},
      "Growing tomatoes in spring: water in the evening and mulch the vegetable garden.", "en");
  add(b, "seul", {2023, 11, 1}, "", {}, "Rien à voir avec le reste.");
  sort_articles(b.articles);
  return b;
}

std::size_t index_of(const Bundle& b, const std::string& slug) {
  for (std::size_t i = 0; i < b.articles.size(); ++i)
    if (b.articles[i].slug == slug) return i;
  FAIL("no article " << slug);
  return 0;
}

std::vector<std::string> related_slugs(const Bundle& b, const RelatedIndex& r, const std::string& slug,
                                       std::size_t count = kRelatedCount) {
  std::vector<std::string> out;
  for (std::size_t j : r.related(index_of(b, slug), count)) out.push_back(b.articles[j].slug);
  return out;
}

}  // namespace

TEST_CASE("related: tags and categories compare by slug, vocabulary by stem", "[related]") {
  const Bundle b = corpus();
  const RelatedIndex r(b);
  const auto i = [&](const char* s) { return index_of(b, s); };

  const RelatedScore li = r.score(i("linkedin"), i("linkedin-carrousels"));
  CHECK(li.shared_tags == 1);     // "LinkedIn" and "linkedin"
  CHECK(li.same_category);        // "Réseaux sociaux" and "Réseaux Sociaux"
  CHECK(li.vocabulary > 0.1);     // décideurs, carrousels (carrousels ~ carrousel)
  CHECK(li.vocabulary <= 1.0 + 1e-9);

  const RelatedScore nl = r.score(i("newsletter-a"), i("newsletter-b"));
  CHECK(nl.shared_tags == 1);
  CHECK(nl.same_category);
  CHECK(nl.vocabulary > 0.1);     // newsletter, abonnés ~ abonnés, fidélise ~ fidèles

  const RelatedScore none = r.score(i("seul"), i("jardin"));
  CHECK(none.shared_tags == 0);
  CHECK_FALSE(none.same_category);
  CHECK(none.vocabulary == 0.0);
  CHECK(none.total() == 0.0);

  // Symmetric, and nothing is related to itself.
  CHECK(r.score(i("jardin"), i("newsletter-a")).total() == r.score(i("newsletter-a"), i("jardin")).total());
  CHECK(r.score(i("linkedin"), i("linkedin")).total() == 0.0);
  // No category on either side is not "the same category".
  CHECK_FALSE(r.score(i("garden"), i("seul")).same_category);
}

TEST_CASE("related: best first, unrelated articles left out", "[related]") {
  const Bundle b = corpus();
  const RelatedIndex r(b);
  CHECK(related_slugs(b, r, "linkedin") == std::vector<std::string>{"linkedin-carrousels"});
  CHECK(related_slugs(b, r, "newsletter-b") == std::vector<std::string>{"newsletter-a"});
  CHECK(related_slugs(b, r, "seul").empty());
  CHECK(related_slugs(b, r, "newsletter-a", 0).empty());
  // Every listed article scores at least the threshold, in non-increasing order.
  for (std::size_t a = 0; a < b.articles.size(); ++a) {
    double previous = 1e9;
    for (std::size_t j : r.related(a, 10)) {
      const double total = r.score(a, j).total();
      CHECK(total >= kRelatedMinScore);
      CHECK(total <= previous);
      previous = total;
      CHECK(j != a);
    }
  }
}

TEST_CASE("related: equal scores go to the newer article, then the slug", "[related]") {
  Bundle b;
  b.site = {"Carnet", "", "fr", ""};
  // Four articles that share only the tag "seo": every pair scores the same.
  add(b, "d", {2024, 1, 4}, "", {"seo"}, "alpha");
  add(b, "c", {2024, 1, 3}, "", {"seo"}, "beta");
  add(b, "b", {2024, 1, 2}, "", {"seo"}, "gamma");
  add(b, "a", {2024, 1, 2}, "", {"seo"}, "delta");
  sort_articles(b.articles);
  const RelatedIndex r(b);
  CHECK(related_slugs(b, r, "d") == std::vector<std::string>{"c", "a", "b"});  // same day: by title
  CHECK(related_slugs(b, r, "a") == std::vector<std::string>{"d", "c", "b"});
  CHECK(related_slugs(b, r, "a", 2) == std::vector<std::string>{"d", "c"});
}

TEST_CASE("related: the same bundle always gives the same lists, whatever the input order", "[related]") {
  Bundle one = corpus();
  Bundle two = corpus();
  std::reverse(two.articles.begin(), two.articles.end());
  sort_articles(two.articles);
  assign_related(one);
  assign_related(two);
  for (std::size_t i = 0; i < one.articles.size(); ++i) {
    CHECK(one.articles[i].slug == two.articles[i].slug);
    CHECK(one.articles[i].related == two.articles[i].related);
  }
}

TEST_CASE("related: stored in the bundle, shown at the end of the article view", "[related][views]") {
  Bundle b = corpus();
  assign_related(b);
  const std::string text = bundle_to_json(b, "test").dump();
  CHECK(text.find("\"related\":[\"linkedin-carrousels\"]") != std::string::npos);
  BundleLoad loaded = load_bundle(text);
  REQUIRE(loaded.bundle);
  CHECK(loaded.bundle->find_article("linkedin")->related == std::vector<std::string>{"linkedin-carrousels"});

  // A slug that no longer exists (a hand-edited bundle) is skipped, not shown broken.
  Bundle& lb = *loaded.bundle;
  for (auto& a : lb.articles)
    if (a.slug == "linkedin") a.related = {"gone", "linkedin-carrousels", "linkedin"};
  const json v = build_view(lb, parse_route("#/post/linkedin"));
  REQUIRE(v["article"]["related"].size() == 1);
  const json& item = v["article"]["related"][0];
  CHECK(item["title"] == "Titre linkedin-carrousels");
  CHECK(item["href"] == "#/post/linkedin-carrousels");
  CHECK(item["date"] == "2024-02-01");
  CHECK(item["date_text"] == "1er f\xC3\xA9vrier 2024");
  CHECK(item["lang"] == "fr");
  CHECK(v["strings"]["related"] == "\xC3\x80 lire aussi");
  CHECK(build_view(lb, parse_route("#/post/seul"))["article"]["related"].empty());

  // The page renderer closes the article with them, before the author card; titles escaped.
  for (auto& a : lb.articles)
    if (a.slug == "linkedin-carrousels") a.title = "<b>Carrousels</b> & co";
  std::string html;
  render_main_html(build_view(lb, parse_route("#/post/linkedin")), html);
  const std::string expected =
      "<section class=\"related\" aria-labelledby=\"carnet-related-title\"><h2 id=\"carnet-related-title\">"
      "\xC3\x80 lire aussi</h2><ul><li lang=\"fr\"><a href=\"#/post/linkedin-carrousels\">&lt;b&gt;Carrousels&lt;/b&gt; "
      "&amp; co</a> <span class=\"meta\"><time datetime=\"2024-02-01\">1er f\xC3\xA9vrier 2024</time></span></li></ul>"
      "</section>";
  const auto at = html.find(expected);
  CHECK(at != std::string::npos);
  CHECK(at < html.find("class=\"author-card\""));
  html.clear();
  render_main_html(build_view(lb, parse_route("#/post/seul")), html);
  CHECK(html.find("class=\"related\"") == std::string::npos);
}

TEST_CASE("related: a bundle whose 'related' is not a list of slugs skips that article", "[related][bundle]") {
  json j = json::parse(bundle_to_json(corpus(), "test").dump());
  j["articles"][0]["related"] = "linkedin";
  j["articles"][1]["related"] = json::array({1});
  const BundleLoad r = load_bundle(j.dump());
  REQUIRE(r.bundle);
  REQUIRE(r.skipped.size() == 2);
  CHECK(r.skipped[0].reason == "field 'related' must be a list of slugs, not a string");
  CHECK(r.skipped[1].reason == "field 'related' must be a list of slugs, but holds a number");
}

namespace {

// Every other article scored, the best `count` kept: the definition related() follows.
std::vector<std::size_t> brute_force(const Bundle& b, const RelatedIndex& r, std::size_t i, std::size_t count) {
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t j = 0; j < b.articles.size(); ++j) {
    const double total = r.score(i, j).total();
    if (j != i && total >= kRelatedMinScore) scored.emplace_back(total, j);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < std::min(count, scored.size()); ++k) out.push_back(scored[k].second);
  return out;
}

// A blog of `n` articles drawn from a few tags, categories and words.
Bundle random_blog(std::size_t n, std::size_t tag_count) {
  Bundle b;
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  const std::vector<std::string> words = {"newsletter", "abonnés", "linkedin", "carrousel", "tomates", "potager",
                                          "données", "tableau", "vidéo", "podcast", "budget", "campagne",
                                          "stratégie", "communauté", "modération", "influence"};
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> tags;
    for (int t = next() % 3; t >= 0; --t) tags.push_back("tag " + std::to_string(next() % tag_count));
    std::string body;
    for (int w = 0; w < 12; ++w) body += words[(next() >> 8) % words.size()] + (w % 5 == 4 ? ". " : " ");
    body += "mot" + std::to_string(next() % (n / 2 + 1));  // a rarer word, shared by a few
    add(b, "article-" + std::to_string(i), {2000 + static_cast<int>(i % 25), 1 + static_cast<int>(i % 12), 1},
        next() % 4 ? "Catégorie " + std::to_string(next() % 5) : "", tags, body);
  }
  sort_articles(b.articles);
  return b;
}

}  // namespace

TEST_CASE("related: the candidates from shared words, tags and category give every pair's best", "[related]") {
  // Every tag and category has fewer than kRelatedListCandidates articles: the same lists as
  // scoring every pair.
  const Bundle b = random_blog(400, 60);
  const RelatedIndex r(b);
  for (std::size_t i = 0; i < b.articles.size(); ++i) CHECK(r.related(i, 3) == brute_force(b, r, i, 3));
}

TEST_CASE("related: a tag of more than kRelatedListCandidates articles brings its newest, words bring any", "[related]") {
  Bundle b;
  const std::size_t n = kRelatedListCandidates + 200;
  for (std::size_t i = 0; i < n; ++i)
    add(b, "billet-" + std::to_string(i), {2024, 1, 1}, "", {"populaire"}, "Un texte sans rien de commun " + std::to_string(i));
  // The oldest article shares its words with one other old article, far past the newest 256.
  b.bodies["billet-" + std::to_string(n - 1)] = "Zorglub et bulgroz, encore zorglub.";
  b.bodies["billet-" + std::to_string(n - 2)] = "Zorglub, bulgroz.";
  sort_articles(b.articles);
  const RelatedIndex r(b);
  const std::size_t oldest = index_of(b, "billet-" + std::to_string(n - 1));
  const auto got = r.related(oldest, 3);
  REQUIRE(got.size() == 3);
  CHECK(b.articles[got[0]].slug == "billet-" + std::to_string(n - 2));  // shares the tag and words
  for (std::size_t k = 1; k < 3; ++k) CHECK(got[k] < kRelatedListCandidates);  // the tag's newest
  CHECK(got == brute_force(b, r, oldest, 3));  // here no better article lies past them
}
