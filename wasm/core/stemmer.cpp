// Snowball glue: the generated C stemmers from the pinned Snowball source.
#include "stemmer.hpp"

extern "C" {
#include "api.h"
#include "stem_UTF_8_english.h"
#include "stem_UTF_8_french.h"
}

namespace carnet {

struct Stemmer::Impl {
  SN_env* env = nullptr;
  int (*stem)(SN_env*) = nullptr;
  void (*close)(SN_env*) = nullptr;
  ~Impl() {
    if (env) close(env);
  }
};

Stemmer::Stemmer(std::string_view lang) : impl_(std::make_unique<Impl>()) {
  const std::string_view base = lang.substr(0, 2);
  if (base == "fr" && (lang.size() == 2 || lang[2] == '-' || lang[2] == '_')) {
    language_ = "fr";
    impl_->env = french_UTF_8_create_env();
    impl_->stem = french_UTF_8_stem;
    impl_->close = french_UTF_8_close_env;
  } else if (base == "en" && (lang.size() == 2 || lang[2] == '-' || lang[2] == '_')) {
    language_ = "en";
    impl_->env = english_UTF_8_create_env();
    impl_->stem = english_UTF_8_stem;
    impl_->close = english_UTF_8_close_env;
  }
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string Stemmer::stem(std::string_view word) const {
  if (!impl_ || !impl_->env || word.empty() || word.size() > 256) return std::string(word);
  if (SN_set_current(impl_->env, static_cast<int>(word.size()), reinterpret_cast<const symbol*>(word.data())) != 0)
    return std::string(word);
  if (impl_->stem(impl_->env) < 0) return std::string(word);
  return std::string(reinterpret_cast<const char*>(impl_->env->p), static_cast<std::size_t>(impl_->env->l));
}

}  // namespace carnet
