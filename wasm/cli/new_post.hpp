// `carnet new "Titre de l’article"`: a new post with its front matter filled in (title,
// slug, today's date, the site's default author and language). Native only (the CLI).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "date.hpp"

namespace carnet {

struct NewPost {
  std::string error;              // non-empty: nothing was written
  std::filesystem::path path;     // the file written
  std::string slug;
  std::string note;               // something the author should know (which author was picked)
};

// The front matter + empty body of a new post (exposed for tests).
std::string new_post_text(std::string_view title, std::string_view slug, const Date& date,
                          std::string_view author, std::string_view lang);

// Writes <content_dir>/posts/<slug>.md. Refuses when that file exists or another article
// already has the slug; never overwrites anything.
NewPost create_post(const std::filesystem::path& content_dir, std::string_view title, const Date& today);

}  // namespace carnet
