// Snowball stemmers (French, English) behind one small class. Other languages are not
// stemmed (the word is its own stem).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace carnet {

class Stemmer {
 public:
  // `lang`: "fr", "fr-CA", "en", "en-GB"...; anything else gives an identity stemmer.
  explicit Stemmer(std::string_view lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;

  // Stem of a lower-case UTF-8 word.
  std::string stem(std::string_view word) const;

  // "fr", "en" or "" (no stemmer).
  const std::string& language() const { return language_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string language_;
};

}  // namespace carnet
