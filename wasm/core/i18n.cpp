// The UI string tables.
#include "i18n.hpp"

#include <algorithm>
#include <cstring>

namespace carnet {

namespace {
struct Entry {
  const char* key;
  const char* fr;
  const char* en;
};

// "\u00A0" is a no-break space: French puts one before : ; ! ? and inside « ».
const Entry kStrings[] = {
    {"home", "Accueil", "Home"},
    {"archive", "Archives", "Archive"},
    {"category", "Catégorie", "Category"},
    {"tag", "Étiquette", "Tag"},
    {"author", "Auteur", "Author"},
    {"posts_by", "Articles de", "Posts by"},
    {"by", "par", "by"},
    {"published_on", "Publié le", "Published on"},
    {"originally_published", "Publié initialement sur", "Originally published on"},
    {"toc", "Sommaire", "Contents"},
    {"previous_article", "Article précédent", "Previous article"},
    {"next_article", "Article suivant", "Next article"},
    {"newer", "Plus récents", "Newer"},
    {"older", "Plus anciens", "Older"},
    {"page", "Page", "Page"},
    {"of", "sur", "of"},
    {"pagination", "Pagination", "Pagination"},
    {"tags", "Étiquettes", "Tags"},
    {"not_found", "Page introuvable", "Page not found"},
    {"not_found_text", "Cette adresse ne correspond à aucune page de ce blog.",
     "This address does not match any page of this blog."},
    {"back_home", "Retour à l’accueil", "Back to the home page"},
    {"no_articles", "Aucun article pour l’instant.", "No articles yet."},
    {"skip_link", "Aller au contenu", "Skip to content"},
    {"main_nav", "Navigation principale", "Main navigation"},
    {"loading", "Chargement…", "Loading…"},
    {"skipped_title", "Certains articles n’ont pas pu être affichés\u00A0:",
     "Some articles could not be shown:"},
    {"load_error", "Le blog n’a pas pu être chargé", "The blog could not be loaded"},
    {"blocked_urls", "lien(s) dangereux neutralisé(s)", "unsafe link(s) neutralised"},
    {"links", "Liens", "Links"},
    {"about_author", "À propos de l’auteur", "About the author"},
    {"article_nav", "Articles voisins", "Nearby articles"},
    {"search", "Recherche", "Search"},
    {"search_label", "Rechercher dans le blog", "Search the blog"},
    {"search_placeholder", "Rechercher…", "Search…"},
    {"search_button", "Rechercher", "Search"},
    {"search_loading", "Chargement de l’index de recherche…", "Loading the search index…"},
    {"search_needs_js", "La recherche a besoin de JavaScript.", "Search needs JavaScript."},
    {"search_unavailable", "La recherche est indisponible :", "Search is unavailable:"},
    {"no_results", "Aucun résultat.", "No results."},
    {"did_you_mean", "Vouliez-vous dire", "Did you mean"},
    {"question_mark", "\u00A0?", "?"},
    {"partial_results", "Aucun article ne contient tous ces mots ; voici ceux qui en contiennent le plus.",
     "No article contains all these words; here are those with the most."},
    {"filters", "Filtres", "Filters"},
    {"facet_category", "Catégories", "Categories"},
    {"facet_tag", "Étiquettes", "Tags"},
    {"facet_author", "Auteurs", "Authors"},
    {"facet_lang", "Langues", "Languages"},
    {"facet_year", "Années", "Years"},
    {"sort_by", "Trier par", "Sort by"},
    {"sort_relevance", "pertinence", "relevance"},
    {"sort_date", "date", "date"},
    {"date_from", "Depuis le", "From"},
    {"date_to", "Jusqu’au", "To"},
    {"apply", "Appliquer", "Apply"},
    {"clear_filters", "Effacer les filtres", "Clear filters"},
    {"all_articles", "Tous les articles", "All articles"},
    {"update_available", "De nouveaux articles sont disponibles.", "New articles are available."},
    {"update_reload", "Recharger", "Reload"},
    {"article_unavailable", "Cet article n’a pas pu être chargé", "This article could not be loaded"},
    {"offline_all", "Tout rendre disponible hors ligne", "Make everything available offline"},
    {"offline_progress", "Téléchargement pour la lecture hors ligne :", "Downloading for offline reading:"},
    {"offline_done", "Tout le blog est disponible hors ligne.", "Everything is available offline."},
    {"offline_failed", "Le téléchargement hors ligne a échoué :", "The offline download failed:"},
    {"related", "À lire aussi", "Related articles"},
    {"theme_dark", "Thème sombre", "Dark theme"},
    {"copy_link", "Copier le lien vers cette section", "Copy the link to this section"},
    {"link_copied", "Lien copié dans le presse-papiers", "Link copied to the clipboard"},
    {"link_copy_failed", "Le lien n’a pas pu être copié", "The link could not be copied"},
    {"reader_settings", "Préférences de lecture", "Reading preferences"},
    // The switch offers the other language (see language_switch).
    {"switch_language", "Afficher l’interface en anglais", "Show the interface in French"},
};
}  // namespace

std::string ui_language(std::string_view lang) {
  return lang.size() >= 2 && (lang[0] == 'f' || lang[0] == 'F') && (lang[1] == 'r' || lang[1] == 'R') &&
                 (lang.size() == 2 || lang[2] == '-' || lang[2] == '_')
             ? "fr"
             : "en";
}

std::string ui_text(std::string_view key, std::string_view lang) {
  const bool fr = ui_language(lang) == "fr";
  for (const auto& e : kStrings)
    if (key == e.key) return fr ? e.fr : e.en;
  return std::string(key);
}

bool is_singular(std::size_t n, std::string_view lang) { return ui_language(lang) == "fr" ? n <= 1 : n == 1; }

std::string count_articles(std::size_t n, std::string_view lang) {
  return std::to_string(n) + (is_singular(n, lang) ? " article" : " articles");
}

std::string count_results(std::size_t n, std::string_view lang) {
  const bool fr = ui_language(lang) == "fr";
  const bool one = is_singular(n, lang);
  return std::to_string(n) + (fr ? (one ? " résultat" : " résultats") : (one ? " result" : " results"));
}

std::string reading_time(std::size_t words, std::string_view lang) {
  const std::size_t minutes = std::max<std::size_t>(1, (words + 115) / 230);
  if (ui_language(lang) != "fr") return std::to_string(minutes) + " min read";
  return std::to_string(minutes) + (is_singular(minutes, lang) ? " minute de lecture" : " minutes de lecture");
}

std::string labelled(std::string_view key, std::string_view value, std::string_view lang) {
  const bool fr = ui_language(lang) == "fr";
  return ui_text(key, lang) + (fr ? "\u00A0: " : ": ") + std::string(value);
}

std::string quoted(std::string_view text, std::string_view lang) {
  if (ui_language(lang) == "fr") return "\u00AB\u00A0" + std::string(text) + "\u00A0\u00BB";
  return "\u201C" + std::string(text) + "\u201D";
}

nlohmann::json language_switch(std::string_view ui_lang, bool chosen) {
  const bool fr = ui_language(ui_lang) == "fr";
  return {{"current", fr ? "fr" : "en"},
          {"chosen", chosen},
          {"target", fr ? "en" : "fr"},
          {"target_name", fr ? "English" : "Français"},
          {"label", ui_text("switch_language", ui_lang)}};
}

nlohmann::json ui_strings(std::string_view lang) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& e : kStrings) j[e.key] = ui_text(e.key, lang);
  return j;
}

}  // namespace carnet
