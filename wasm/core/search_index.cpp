// Search index building, binary encoding and loading.
//
// Encoding: little-endian varints (LEB128) and length-prefixed UTF-8 strings. Sorted string
// lists are front-coded (shared-prefix length + suffix). A word's postings are its
// document ids, Rice-coded (rice.hpp), and one flags byte per posting: bit 0..2 = present in
// title/meta/summary, bits 3..7 = body tf (31 = escape, the real tf follows as a varint).
#include "search_index.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "markdown.hpp"
#include "rice.hpp"
#include "stemmer.hpp"
#include "string_ids.hpp"
#include "text.hpp"
#include "tokenize.hpp"

namespace carnet {

namespace {

constexpr char kMagic[4] = {'C', 'R', 'N', 'S'};

class Writer {
 public:
  void u(std::uint64_t v) {
    while (v >= 0x80) {
      out += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out += static_cast<char>(v);
  }
  void str(std::string_view s) {
    u(s.size());
    out.append(s);
  }
  // Front coding, in two columns (they compress better apart): every item's length shared
  // with the previous item, then every suffix, each ended by '\n' (never inside a word).
  void sorted_strings(const std::vector<std::string>& list) {
    u(list.size());
    std::string suffixes;
    std::string_view prev;
    for (const auto& s : list) {
      std::size_t shared = 0;
      while (shared < prev.size() && shared < s.size() && prev[shared] == s[shared]) ++shared;
      u(shared);
      suffixes.append(s, shared, std::string::npos);
      suffixes += '\n';
      prev = s;
    }
    str(suffixes);
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view d) : data(d) {}
  bool u(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= data.size()) return fail("truncated");
      const auto b = static_cast<unsigned char>(data[pos++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return true;
    }
    return fail("bad number");
  }
  bool u32(std::uint32_t& v, std::uint64_t max = 0xFFFFFFFFu) {
    std::uint64_t x;
    if (!u(x)) return false;
    if (x > max) return fail("value out of range");
    v = static_cast<std::uint32_t>(x);
    return true;
  }
  bool str(std::string& s) {
    std::uint64_t n;
    if (!u(n)) return false;
    if (n > data.size() - pos) return fail("truncated string");
    s.assign(data.substr(pos, n));
    pos += n;
    return true;
  }
  // A count of items that each take at least one byte: bounded by what is left.
  bool count(std::uint32_t& n) { return u32(n, data.size() - pos); }
  bool sorted_strings(std::vector<std::string>& list) {
    std::uint32_t n = 0;
    if (!count(n)) return false;
    std::vector<std::uint32_t> shared(n);
    for (auto& k : shared)
      if (!u32(k)) return false;
    std::string suffixes;
    if (!str(suffixes)) return false;
    list.resize(n);
    std::size_t at = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::size_t end = suffixes.find('\n', at);
      if (end == std::string::npos) return fail("truncated word list");
      if (i == 0 ? shared[i] != 0 : shared[i] > list[i - 1].size()) return fail("bad front coding");
      list[i].reserve(shared[i] + end - at);
      if (i) list[i].assign(list[i - 1], 0, shared[i]);
      list[i].append(suffixes, at, end - at);
      at = end + 1;
      if (i && list[i] <= list[i - 1]) return fail("strings not sorted");
    }
    if (at != suffixes.size()) return fail("trailing bytes in word list");
    return true;
  }
  bool fail(const char* why) {
    if (error.empty()) error = std::string(why) + " at byte " + std::to_string(pos);
    return false;
  }
  std::string_view data;
  std::size_t pos = 0;
  std::string error;
};

// A posting's flags byte, and its body frequency in `extras` when it does not fit.
void encode_flags(std::string& flags, Writer& extras, const Posting& p) {
  std::uint32_t f = (p.tf[kFieldTitle] ? 1u : 0u) | (p.tf[kFieldMeta] ? 2u : 0u) | (p.tf[kFieldSummary] ? 4u : 0u);
  const std::uint32_t body = p.tf[kFieldBody];
  f |= std::min<std::uint32_t>(body, 31) << 3;
  flags += static_cast<char>(f);
  if (body >= 31) extras.u(body);
}

// Spellings ("publicité" for the word "publicite") as accent patches on the folded word: per
// word u(2n) then n times (u bytes of the word to copy, u index of an accented character in
// a table written first); the character replaces the bytes it folds to. u(0): the spelling
// is the word; u(2L+1) then L bytes: a spelling that does not fold character by character.
// A third of the size of storing the spellings, even after gzip.
void write_spellings(Writer& w, const std::vector<std::string>& words, const std::vector<std::string>& spellings) {
  std::vector<std::string> table;
  std::unordered_map<std::string, std::uint32_t> table_ids;
  Writer body;
  std::string folded, ch;
  std::vector<std::pair<std::size_t, std::uint32_t>> patches;  // (bytes to copy, char)
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& d = spellings[i];
    if (d.empty()) {
      body.u(0);
      continue;
    }
    folded.clear();
    patches.clear();
    std::size_t copied = 0;  // bytes of the word covered by the previous patch's end
    for (std::size_t at = 0; at < d.size();) {
      const std::size_t from = at;
      next_code_point(d, at);
      ch.assign(d, from, at - from);
      const std::string f = fold(ch);
      if (f != ch) {
        auto [it, added] = table_ids.emplace(ch, static_cast<std::uint32_t>(table.size()));
        if (added) table.push_back(ch);
        patches.emplace_back(folded.size() - copied, it->second);
        copied = folded.size() + f.size();
      }
      folded += f;
    }
    if (folded != words[i]) {
      body.u(2 * std::uint64_t{d.size()} + 1);
      body.out += d;
      continue;
    }
    body.u(2 * std::uint64_t{patches.size()});
    for (const auto& [skip, id] : patches) {
      body.u(skip);
      body.u(id);
    }
  }
  w.u(table.size());
  for (const auto& c : table) w.str(c);
  w.out += body.out;
}

bool read_spellings(Reader& r, const std::vector<std::string>& words, std::vector<std::string>& spellings) {
  std::uint32_t n = 0;
  if (!r.count(n)) return false;
  std::vector<std::string> table(n), folded(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!r.str(table[i]) || table[i].empty()) return false;
    folded[i] = fold(table[i]);
  }
  spellings.assign(words.size(), std::string());
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::uint64_t v = 0;
    if (!r.u(v)) return false;
    const std::string& word = words[i];
    std::string& out = spellings[i];
    if (v % 2 == 1) {
      const std::uint64_t len = v / 2;
      if (len > r.data.size() - r.pos) return false;
      out.assign(r.data.substr(r.pos, len));
      r.pos += len;
      continue;
    }
    std::size_t at = 0;  // bytes of the word used so far
    for (std::uint64_t k = 0; k < v / 2; ++k) {
      std::uint32_t skip = 0, id = 0;
      if (!r.u32(skip, word.size() - at) || !r.u32(id) || id >= n) return false;
      out.append(word, at, skip);
      at += skip;
      if (word.compare(at, folded[id].size(), folded[id]) != 0) return false;  // not what the character folds to
      out += table[id];
      at += folded[id].size();
    }
    if (v > 0) out.append(word, at, std::string::npos);
  }
  return true;
}

// A part's columns: ids (without their padding), flags (one byte per posting: the count
// is known from doc_freq), extras.
void write_part_columns(Writer& w, std::string_view ids, std::string_view flags, std::string_view extras) {
  w.str(ids.substr(0, ids.size() >= kRicePadding ? ids.size() - kRicePadding : 0));
  w.out.append(flags);
  w.str(extras);
}

constexpr char kPartMagic[4] = {'C', 'R', 'N', 'P'};

// Encodes words' postings one after the other into a part's three columns, telling where
// each word's start.
class PartEncoder {
 public:
  // `each(fn)` calls fn(const Posting&) for the word's postings, in document order.
  template <typename Each>
  void add(int rice_bits, std::uint64_t& id_offset, std::uint32_t& flag_offset, std::uint32_t& extra_offset,
           Each&& each) {
    id_offset = ids_.bit_position();
    flag_offset = static_cast<std::uint32_t>(flags_.size());
    extra_offset = static_cast<std::uint32_t>(extras_.out.size());
    doc_ids_.clear();
    each([&](const Posting& p) {
      doc_ids_.push_back(p.doc);
      encode_flags(flags_, extras_, p);
    });
    ids_.list(doc_ids_, rice_bits);
  }
  void finish(std::string& ids, std::string& flags, std::string& extras) {
    ids = ids_.finish();
    flags = std::move(flags_);
    extras = std::move(extras_.out);
  }

 private:
  RiceWriter ids_;
  std::string flags_;
  Writer extras_;
  std::vector<std::uint32_t> doc_ids_;
};

}  // namespace

// ---------------------------------------------------------------- lookups

int SearchIndex::find_word(std::string_view folded) const {
  auto it = std::lower_bound(words.begin(), words.end(), folded,
                             [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
  return it != words.end() && *it == folded ? static_cast<int>(it - words.begin()) : -1;
}

std::pair<std::size_t, std::size_t> SearchIndex::prefix_range(std::string_view prefix) const {
  auto first = std::lower_bound(words.begin(), words.end(), prefix,
                                [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
  auto last = first;
  while (last != words.end() && std::string_view(*last).substr(0, prefix.size()) == prefix) ++last;
  return {static_cast<std::size_t>(first - words.begin()), static_cast<std::size_t>(last - words.begin())};
}

int SearchIndex::find_stem(std::size_t lang, std::string_view stem) const {
  const auto& stems = stem_tables[lang].stems;
  auto it = std::lower_bound(stems.begin(), stems.end(), stem,
                             [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
  return it != stems.end() && *it == stem ? static_cast<int>(it - stems.begin()) : -1;
}

// ---------------------------------------------------------------- serialization

std::string SearchIndex::serialize() const {
  Writer w;
  w.out.append(kMagic, 4);
  w.u(kSearchIndexVersion);
  w.u(langs.size());
  for (const auto& l : langs) w.str(l);
  for (const auto* list : {&authors, &categories, &tags}) {
    w.u(list->size());
    for (const auto& t : *list) {
      w.str(t.name);
      w.str(t.slug);
    }
  }
  // Documents, column by column (each compresses better alone). A slug is mostly its title
  // slugified: only the bytes it shares with that are counted, then its own rest.
  w.u(docs.size());
  std::string text;
  for (const auto& d : docs) {
    w.u(d.title.size());
    text += d.title;
  }
  w.str(text);
  text.clear();
  std::vector<std::size_t> rest;
  for (const auto& d : docs) {
    const std::string derived = slugify(d.title);
    std::size_t shared = 0;
    while (shared < d.slug.size() && shared < derived.size() && d.slug[shared] == derived[shared]) ++shared;
    w.u(shared);
    rest.push_back(d.slug.size() - shared);
    text.append(d.slug, shared, std::string::npos);
  }
  for (auto n : rest) w.u(n);
  w.str(text);
  for (const auto& d : docs) w.u(static_cast<std::uint64_t>(d.date.year) * 10000 + d.date.month * 100 + d.date.day);
  for (const auto& d : docs) w.u(d.lang);
  for (const auto& d : docs) w.u(d.author);
  for (const auto& d : docs) w.u(static_cast<std::uint64_t>(d.category + 1));
  for (const auto& d : docs) w.u(d.tags.size());
  for (const auto& d : docs)
    for (auto t : d.tags) w.u(t);
  for (int f = 0; f < kFieldCount; ++f)
    for (const auto& d : docs) w.u(d.length[f]);
  w.sorted_strings(words);
  write_spellings(w, words, display);
  // Postings: counts, the parts, then the inline parts' columns.
  for (auto df : doc_freq) w.u(df);
  w.u(parts_.size());
  for (const auto& part : parts_) {
    w.u(part.first_word);
    w.str(part.name);
  }
  for (const auto& part : parts_)
    if (part.name.empty()) write_part_columns(w, part.ids, part.flags, part.extras);
  for (const auto& t : stem_tables) {
    w.sorted_strings(t.stems);
    for (const auto& ws : t.stem_words) {
      w.u(ws.size());
      std::uint32_t prev = 0;
      for (auto id : ws) {
        w.u(id - prev);
        prev = id;
      }
    }
  }
  return w.out;
}

std::optional<SearchIndex> SearchIndex::load(std::string_view bytes, std::string& error) {
  Reader r(bytes);
  SearchIndex idx;
  auto fail = [&](std::string why) -> std::optional<SearchIndex> {
    error = "search index: " + (r.error.empty() ? why : r.error);
    return std::nullopt;
  };
  if (bytes.size() < 4 || bytes.substr(0, 4) != std::string_view(kMagic, 4)) return fail("not a Carnet search index");
  r.pos = 4;
  std::uint32_t version = 0;
  if (!r.u32(version)) return fail("truncated");
  if (version != kSearchIndexVersion)
    return fail("format version " + std::to_string(version) + " is not " + std::to_string(kSearchIndexVersion));
  std::uint32_t n = 0;
  if (!r.count(n)) return fail("");
  idx.langs.resize(n);
  for (auto& l : idx.langs)
    if (!r.str(l)) return fail("");
  for (auto* list : {&idx.authors, &idx.categories, &idx.tags}) {
    if (!r.count(n)) return fail("");
    list->resize(n);
    for (auto& t : *list)
      if (!r.str(t.name) || !r.str(t.slug)) return fail("");
  }
  if (!r.count(n)) return fail("");
  idx.docs.resize(n);
  if (n > 0 && (idx.langs.empty() || idx.authors.empty())) return fail("document without language or author table");
  // Strings: every length, then all the bytes; appended to what `field` already holds.
  const auto column = [&](std::string SearchDoc::*field) {
    std::vector<std::uint64_t> sizes(idx.docs.size());
    for (auto& size : sizes)
      if (!r.u(size)) return false;
    std::string all;
    if (!r.str(all)) return false;
    std::size_t at = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (sizes[i] > all.size() - at) return r.fail("bad string column");
      (idx.docs[i].*field).append(all, at, sizes[i]);
      at += sizes[i];
    }
    return at == all.size() || r.fail("bad string column");
  };
  if (!column(&SearchDoc::title)) return fail("");
  for (auto& d : idx.docs) {
    std::uint64_t shared = 0;
    if (!r.u(shared)) return fail("");
    const std::string derived = slugify(d.title);
    if (shared > derived.size()) return fail("bad slug");
    d.slug.assign(derived, 0, shared);
  }
  if (!column(&SearchDoc::slug)) return fail("");
  for (auto& d : idx.docs) {
    std::uint64_t date = 0;
    if (!r.u(date)) return fail("");
    d.date = Date{static_cast<int>(date / 10000 % 10000), static_cast<int>(date / 100 % 100), static_cast<int>(date % 100)};
    // YYYYMMDD as written by serialize(); anything larger overflowed date sorting (fuzzing).
    if (date > 99991231 || d.date.year < 1 || d.date.month < 1 || d.date.month > 12 || d.date.day < 1 || d.date.day > 31)
      return fail("bad document date");
  }
  for (auto& d : idx.docs)
    if (!r.u32(d.lang, idx.langs.size() - 1)) return fail("bad document language");
  for (auto& d : idx.docs)
    if (!r.u32(d.author, idx.authors.size() - 1)) return fail("bad document author");
  for (auto& d : idx.docs) {
    std::uint32_t cat = 0;
    if (!r.u32(cat, idx.categories.size())) return fail("bad document category");
    d.category = static_cast<std::int32_t>(cat) - 1;
  }
  for (auto& d : idx.docs) {
    std::uint32_t ntags = 0;
    if (!r.count(ntags)) return fail("");
    d.tags.resize(ntags);
  }
  for (auto& d : idx.docs)
    for (auto& t : d.tags)
      if (idx.tags.empty() || !r.u32(t, idx.tags.size() - 1)) return fail("bad tag id");
  for (int f = 0; f < kFieldCount; ++f)
    for (auto& d : idx.docs)
      if (!r.u32(d.length[f])) return fail("");
  if (!r.sorted_strings(idx.words)) return fail("");
  if (!read_spellings(r, idx.words, idx.display)) return fail("bad spelling");
  // Postings: counts, the parts (first word, file name or "" when inline), the inline
  // parts' columns.
  idx.doc_freq.assign(idx.words.size(), 0);
  for (auto& df : idx.doc_freq)
    if (!r.u32(df, idx.docs.size())) return fail("bad document count");
  std::uint32_t nparts = 0;
  if (!r.count(nparts) || nparts == 0) return fail("bad postings parts");
  idx.parts_.resize(nparts);
  for (std::uint32_t k = 0; k < nparts; ++k) {
    auto& part = idx.parts_[k];
    if (!r.u32(part.first_word) || !r.str(part.name)) return fail("bad postings parts");
    if (k == 0 ? part.first_word != 0 : part.first_word <= idx.parts_[k - 1].first_word || part.first_word >= idx.words.size())
      return fail("bad postings parts");
    // A file beside the head (an inline part has no name).
    if (!part.name.empty() && !is_plain_file_name(part.name)) return fail("bad postings part name");
  }
  idx.id_offset_.assign(idx.words.size(), 0);
  idx.flag_offset_.assign(idx.words.size(), 0);
  idx.extra_offset_.assign(idx.words.size(), 0);
  for (std::size_t k = 0; k < nparts; ++k) {
    if (!idx.parts_[k].name.empty()) continue;
    std::string why;
    if (!idx.read_part(k, bytes, r.pos, false, why)) {
      error = "search index: " + why;
      return std::nullopt;
    }
  }
  idx.stem_tables.resize(idx.langs.size());
  for (auto& t : idx.stem_tables) {
    if (!r.sorted_strings(t.stems)) return fail("");
    t.stem_words.resize(t.stems.size());
    for (std::size_t s = 0; s < t.stems.size(); ++s) {
      if (!r.count(n)) return fail("");
      std::uint32_t id = 0;
      for (std::uint32_t k = 0; k < n; ++k) {
        std::uint32_t delta;
        if (!r.u32(delta)) return fail("");
        id += delta;
        if (id >= idx.words.size() || (k > 0 && delta == 0)) return fail("bad word id in stems");
        t.stem_words[s].push_back(id);
      }
    }
  }
  if (r.pos != bytes.size()) return fail("trailing bytes");
  // Every text that reaches results (titles, slugs, facets, suggested words) is UTF-8 as the
  // builder wrote it: a damaged file must not put broken bytes into result HTML (fuzzing).
  const auto utf8 = [](const std::string& s) { return is_valid_utf8(s); };
  const auto term_utf8 = [](const Term& t) { return is_valid_utf8(t.name) && is_valid_utf8(t.slug); };
  const auto doc_utf8 = [](const SearchDoc& d) { return is_valid_utf8(d.slug) && is_valid_utf8(d.title); };
  if (!std::all_of(idx.langs.begin(), idx.langs.end(), utf8) || !std::all_of(idx.words.begin(), idx.words.end(), utf8) ||
      !std::all_of(idx.display.begin(), idx.display.end(), utf8) || !std::all_of(idx.docs.begin(), idx.docs.end(), doc_utf8) ||
      !std::all_of(idx.authors.begin(), idx.authors.end(), term_utf8) ||
      !std::all_of(idx.categories.begin(), idx.categories.end(), term_utf8) ||
      !std::all_of(idx.tags.begin(), idx.tags.end(), term_utf8))
    return fail("invalid UTF-8 in a text");
  idx.finish_loading();
  return idx;
}

bool SearchIndex::read_part(std::size_t k, std::string_view bytes, std::size_t& pos, bool to_end, std::string& error) {
  Reader r(bytes);
  r.pos = pos;
  Part& part = parts_[k];
  const std::size_t first = part.first_word, last = part_end(k);
  auto fail = [&](std::string why) {
    error = r.error.empty() ? why : r.error;
    return false;
  };
  std::uint64_t total = 0;
  for (std::size_t i = first; i < last; ++i) total += doc_freq[i];
  auto five_byte_u32 = [](Reader& rd, std::uint64_t& v) {
    const std::size_t before = rd.pos;
    return rd.u(v) && rd.pos - before <= 5 && v <= 0xFFFFFFFFu;
  };
  std::string ids, flags, extras_bytes;
  if (!r.str(ids)) return fail("");
  const std::uint64_t id_bits = std::uint64_t{ids.size()} * 8;
  ids.append(kRicePadding, '\0');
  if (total > bytes.size() - r.pos) return fail("truncated postings");
  flags.assign(bytes.substr(r.pos, total));
  r.pos += total;
  if (!r.str(extras_bytes)) return fail("");
  // Validated once here so that queries decode without checks (32-bit numbers of at most 5
  // bytes, ids in range).
  RiceReader reader(ids.data(), 0);
  Reader extras(extras_bytes);
  std::size_t flag_at = 0;
  for (std::size_t i = first; i < last; ++i) {
    id_offset_[i] = reader.bit_position();
    flag_offset_[i] = static_cast<std::uint32_t>(flag_at);
    extra_offset_[i] = static_cast<std::uint32_t>(extras.pos);
    const int b = rice_parameter(static_cast<std::uint32_t>(docs.size()), doc_freq[i]);
    std::uint64_t doc = 0;
    for (std::uint32_t n = 0; n < doc_freq[i]; ++n) {
      std::uint32_t gap = 0;
      if (!reader.next_checked(b, id_bits, gap)) return fail("bad postings for '" + words[i] + "'");
      doc = n == 0 ? gap : doc + 1 + gap;
      if (doc >= docs.size()) return fail("bad document id in postings");
      if ((static_cast<unsigned char>(flags[flag_at++]) >> 3) == 31) {
        std::uint64_t tf = 0;
        if (!five_byte_u32(extras, tf)) return fail("bad term frequency");
      }
    }
  }
  if ((reader.bit_position() + 7) / 8 * 8 != id_bits || extras.pos != extras_bytes.size())
    return fail("postings do not add up");
  if (to_end && r.pos != bytes.size()) return fail("trailing bytes");
  part.ids = std::move(ids);
  part.flags = std::move(flags);
  part.extras = std::move(extras_bytes);
  part.loaded = true;
  pos = r.pos;
  return true;
}

std::vector<std::pair<std::string, std::string>> SearchIndex::split_postings(
    std::size_t part_bytes, const std::function<std::string(const std::string&)>& name_of) {
  // Cut where a part's bytes (ids at about a byte per posting, flags a byte each) reach the
  // target; a word alone may exceed it.
  std::vector<std::uint32_t> firsts;
  std::size_t size = 0;
  for (std::uint32_t w = 0; w < words.size(); ++w) {
    const std::size_t bytes = 2 * std::size_t{doc_freq[w]} + 2;
    if (firsts.empty() || (size > 0 && size + bytes > part_bytes)) {
      firsts.push_back(w);
      size = 0;
    }
    size += bytes;
  }
  if (firsts.empty()) firsts.push_back(0);
  std::vector<Part> split(firsts.size());
  std::vector<std::pair<std::string, std::string>> files;
  const auto ndocs = static_cast<std::uint32_t>(docs.size());
  std::vector<std::uint64_t> id_offset(words.size());
  std::vector<std::uint32_t> flag_offset(words.size()), extra_offset(words.size());
  for (std::size_t k = 0; k < split.size(); ++k) {
    Part& part = split[k];
    part.first_word = firsts[k];
    const std::uint32_t last = k + 1 < firsts.size() ? firsts[k + 1] : static_cast<std::uint32_t>(words.size());
    PartEncoder encoder;
    for (std::uint32_t w = part.first_word; w < last; ++w)
      encoder.add(rice_parameter(ndocs, doc_freq[w]), id_offset[w], flag_offset[w], extra_offset[w],
                  [&](const auto& fn) { for_each_posting(w, fn); });
    encoder.finish(part.ids, part.flags, part.extras);
    part.loaded = true;
    Writer file;
    file.out.append(kPartMagic, 4);
    file.u(kSearchIndexVersion);
    file.u(part.first_word);
    file.u(last - part.first_word);
    write_part_columns(file, part.ids, part.flags, part.extras);
    part.name = name_of(file.out);
    files.emplace_back(part.name, std::move(file.out));
  }
  parts_ = std::move(split);
  id_offset_ = std::move(id_offset);
  flag_offset_ = std::move(flag_offset);
  extra_offset_ = std::move(extra_offset);
  return files;
}

bool SearchIndex::add_part(std::string_view bytes, std::string& error) {
  Reader r(bytes);
  auto fail = [&](const std::string& why) {
    error = "search index part: " + (r.error.empty() ? why : r.error);
    return false;
  };
  if (bytes.size() < 4 || bytes.substr(0, 4) != std::string_view(kPartMagic, 4)) return fail("not a Carnet search index part");
  r.pos = 4;
  std::uint32_t version = 0, first = 0, count = 0;
  if (!r.u32(version)) return fail("truncated");
  if (version != kSearchIndexVersion)
    return fail("format version " + std::to_string(version) + " is not " + std::to_string(kSearchIndexVersion));
  if (!r.u32(first) || !r.u32(count)) return fail("truncated");
  const auto it = std::find_if(parts_.begin(), parts_.end(), [&](const Part& p) { return p.first_word == first; });
  if (it == parts_.end() || it->name.empty()) return fail("not a part of this index (words from " + std::to_string(first) + ")");
  const auto k = static_cast<std::size_t>(it - parts_.begin());
  if (count != part_end(k) - first) return fail("not a part of this index (" + std::to_string(count) + " words)");
  if (it->loaded) return true;
  std::size_t pos = r.pos;
  std::string why;
  return read_part(k, bytes, pos, true, why) || fail(why);
}

std::vector<std::uint8_t> shared_prefix_lengths(const std::vector<std::string>& words) {
  std::vector<std::uint8_t> lcp(words.size(), 0);
  for (std::size_t w = 1; w < words.size(); ++w) {
    std::size_t k = 0;
    const std::string& a = words[w - 1];
    const std::string& b = words[w];
    while (k < a.size() && k < b.size() && k < 255 && a[k] == b[k]) ++k;
    lcp[w] = static_cast<std::uint8_t>(k);
  }
  return lcp;
}

void SearchIndex::finish_loading() {
  lcp = shared_prefix_lengths(words);
  average_length.fill(0);
  for (const auto& d : docs)
    for (int f = 0; f < kFieldCount; ++f) average_length[f] += d.length[f];
  for (auto& a : average_length) a = docs.empty() ? 1.0 : std::max(1.0, a / static_cast<double>(docs.size()));
}

// ---------------------------------------------------------------- building

struct SearchIndexBuilder::Impl {
  struct WordData {
    std::string display;  // the spelling met first, in the first document that has the word
    std::uint32_t first = 0;  // that document
    std::vector<Posting> postings;
    std::vector<std::pair<std::uint32_t, std::string>> stemmed;  // (language, spelling) already stemmed
  };
  bool group_by_language = true;
  std::vector<SearchDoc> docs;
  std::vector<std::string> langs;
  std::vector<Stemmer> stemmers;
  std::vector<Term> authors, categories, tags;
  std::unordered_map<std::string, std::uint32_t> author_ids, category_ids, tag_ids;
  std::unordered_map<std::string, std::uint32_t> lang_ids;  // an article's lang -> index in langs
  StringIds word_ids;  // folded word -> id
  std::vector<WordData> word_data;
  // Per language: word id -> its stems.
  std::vector<std::unordered_map<std::uint32_t, std::set<std::string>>> stems;

  std::uint32_t lang_id(const std::string& lang) {
    const auto known = lang_ids.find(lang);
    if (known != lang_ids.end()) return known->second;
    Stemmer probe(lang);
    const std::string key = probe.language().empty() ? lang : probe.language();
    for (std::uint32_t i = 0; i < langs.size(); ++i)
      if (langs[i] == key) return lang_ids[lang] = i;
    lang_ids[lang] = static_cast<std::uint32_t>(langs.size());
    langs.push_back(key);
    stemmers.emplace_back(key);
    stems.emplace_back();
    return static_cast<std::uint32_t>(langs.size() - 1);
  }

  static std::uint32_t term_id(std::vector<Term>& list, std::unordered_map<std::string, std::uint32_t>& ids,
                               const std::string& name, const std::string& slug) {
    auto [it, inserted] = ids.emplace(slug, static_cast<std::uint32_t>(list.size()));
    if (inserted) list.push_back({name, slug});
    return it->second;
  }

  void add_words(std::uint32_t doc, std::uint32_t lang, DocumentWords&& words) {
    docs[doc].length = words.length;
    for (auto& word : words.words) {
      const auto [w, added] = word_ids.insert(word.folded, word.hash);
      if (added) word_data.push_back({word.spellings[0] != word.folded ? word.spellings[0] : std::string(), doc, {}, {}});
      WordData& data = word_data[w];
      data.postings.push_back(Posting{doc, word.tf});
      // The stems of each spelling in this language: stem of the accented word, folded,
      // and stem of the folded word, so accented and unaccented queries meet.
      for (auto& spelling : word.spellings) {
        const bool done = std::any_of(data.stemmed.begin(), data.stemmed.end(),
                                      [&](const auto& s) { return s.first == lang && s.second == spelling; });
        if (done) continue;
        auto& set = stems[lang][w];
        set.insert(fold(stemmers[lang].stem(spelling)));
        set.insert(stemmers[lang].stem(word.folded));
        data.stemmed.emplace_back(lang, std::move(spelling));
      }
    }
  }
};

DocumentWords analyze_document(const Article& a, std::string_view body_text) {
  DocumentWords out;
  StringIds seen;  // folded word -> index in out.words
  auto add_text = [&](SearchField field, std::string_view text) {
    tokenize(text, [&](const Token& t) {
      if (is_stop_word(t.folded) || t.folded.size() > kMaxIndexedWordBytes) return;
      if (!t.compound) ++out.length[field];
      const std::uint64_t hash = string_hash(t.folded);
      const auto [i, added] = seen.insert(t.folded, hash);
      if (added) out.words.push_back({t.folded, hash, {t.lowered}, {}});
      auto& word = out.words[i];
      ++word.tf[field];
      if (std::find(word.spellings.begin(), word.spellings.end(), t.lowered) == word.spellings.end())
        word.spellings.push_back(t.lowered);
    });
  };
  add_text(kFieldTitle, a.title);
  std::string meta = a.category;
  for (const auto& t : a.tags) meta += "\n" + t;
  add_text(kFieldMeta, meta);
  add_text(kFieldSummary, a.summary);
  add_text(kFieldBody, body_text);
  return out;
}

DocumentWords analyze_article(const Bundle& bundle, const Article& a) {
  const auto body = bundle.bodies.find(a.slug);
  return analyze_document(a, body == bundle.bodies.end() ? std::string() : markdown_plain_text(body->second));
}

SearchIndexBuilder::SearchIndexBuilder(bool group_by_language) : impl_(std::make_unique<Impl>()) {
  impl_->group_by_language = group_by_language;
}
SearchIndexBuilder::~SearchIndexBuilder() = default;

void SearchIndexBuilder::add(const Article& a, std::string_view author_name, std::string_view body_text) {
  add(a, author_name, analyze_document(a, body_text));
}

void SearchIndexBuilder::add(const Article& a, std::string_view author_name, DocumentWords&& words) {
  add_document(a, author_name);
  Impl& m = *impl_;
  m.add_words(static_cast<std::uint32_t>(m.docs.size() - 1), m.docs.back().lang, std::move(words));
}

void SearchIndexBuilder::add_segment(const SearchIndex& segment, const std::vector<std::uint32_t>& docs) {
  Impl& m = *impl_;
  for (std::size_t d = 0; d < segment.docs.size(); ++d) m.docs[docs[d]].length = segment.docs[d].length;
  std::vector<std::uint32_t> word_of(segment.words.size());
  for (std::size_t w = 0; w < segment.words.size(); ++w) {
    const auto [id, added] = m.word_ids.insert(segment.words[w]);
    if (added) m.word_data.emplace_back();
    Impl::WordData& data = m.word_data[id];
    const std::size_t before = data.postings.size();
    segment.for_each_posting(w, [&](const Posting& p) { data.postings.push_back(Posting{docs[p.doc], p.tf}); });
    // The segment's display spelling is its first document's, as add() would have met it.
    const std::uint32_t first = data.postings[before].doc;
    if (added || first < data.first) {
      data.display = segment.display[w];
      data.first = first;
    }
    word_of[w] = id;
  }
  // Its stored stems (those that are not a prefix of their word: the only ones build() keeps).
  for (std::size_t l = 0; l < segment.langs.size(); ++l) {
    const std::uint32_t lang = m.lang_id(segment.langs[l]);
    const SearchIndex::StemTable& table = segment.stem_tables[l];
    for (std::size_t s = 0; s < table.stems.size(); ++s)
      for (const auto w : table.stem_words[s]) m.stems[lang][word_of[w]].insert(table.stems[s]);
  }
}

void SearchIndexBuilder::add_document(const Article& a, std::string_view author_name) {
  Impl& m = *impl_;
  SearchDoc d;
  d.slug = a.slug;
  d.title = a.title;
  d.date = a.date;
  d.lang = m.lang_id(a.lang);
  d.author = Impl::term_id(m.authors, m.author_ids, std::string(author_name.empty() ? a.author : author_name), a.author);
  if (!a.category.empty()) d.category = static_cast<std::int32_t>(Impl::term_id(m.categories, m.category_ids, a.category, term_slug(a.category)));
  for (const auto& t : a.tags) d.tags.push_back(Impl::term_id(m.tags, m.tag_ids, t, term_slug(t)));
  m.docs.push_back(std::move(d));
}

SearchIndex SearchIndexBuilder::build() {
  Impl& m = *impl_;
  SearchIndex idx;
  // Documents grouped by language (stable): most words occur in one language only, so their
  // ids come closer together and code in fewer bits.
  std::vector<std::uint32_t> doc_order(m.docs.size());
  for (std::uint32_t i = 0; i < doc_order.size(); ++i) doc_order[i] = i;
  if (m.group_by_language)
    std::stable_sort(doc_order.begin(), doc_order.end(),
                     [&](auto a, auto b) { return m.docs[a].lang < m.docs[b].lang; });
  std::vector<std::uint32_t> new_doc(m.docs.size());
  for (std::uint32_t rank = 0; rank < doc_order.size(); ++rank) {
    new_doc[doc_order[rank]] = rank;
    idx.docs.push_back(std::move(m.docs[doc_order[rank]]));
  }
  idx.langs = m.langs;
  idx.authors = std::move(m.authors);
  idx.categories = std::move(m.categories);
  idx.tags = std::move(m.tags);
  if (idx.authors.empty()) idx.authors.push_back({"", ""});

  const std::vector<std::string>& word_text = m.word_ids.keys();
  std::vector<std::uint32_t> order(word_text.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return word_text[a] < word_text[b]; });
  std::vector<std::uint32_t> new_id(order.size());
  PartEncoder encoder;
  idx.id_offset_.resize(order.size());
  idx.flag_offset_.resize(order.size());
  idx.extra_offset_.resize(order.size());
  for (std::uint32_t rank = 0; rank < order.size(); ++rank) {
    const auto old = order[rank];
    new_id[old] = rank;
    idx.words.push_back(word_text[old]);
    idx.display.push_back(m.word_data[old].display);
    // Postings in the new document order (see above).
    auto& postings = m.word_data[old].postings;
    for (auto& p : postings) p.doc = new_doc[p.doc];
    std::sort(postings.begin(), postings.end(), [](const Posting& a, const Posting& b) { return a.doc < b.doc; });
    idx.doc_freq.push_back(static_cast<std::uint32_t>(postings.size()));
    encoder.add(rice_parameter(static_cast<std::uint32_t>(idx.docs.size()), idx.doc_freq.back()), idx.id_offset_[rank],
                idx.flag_offset_[rank], idx.extra_offset_[rank], [&](const auto& fn) {
                  for (const auto& p : postings) fn(p);
                });
  }
  idx.parts_.assign(1, SearchIndex::Part{});
  encoder.finish(idx.parts_[0].ids, idx.parts_[0].flags, idx.parts_[0].extras);
  idx.parts_[0].loaded = true;

  for (std::size_t l = 0; l < m.langs.size(); ++l) {
    // Only stems that are not a prefix of their word are stored (see StemTable).
    std::map<std::string, std::vector<std::uint32_t>> by_stem;
    for (const auto& [word, set] : m.stems[l])
      for (const auto& s : set)
        if (word_text[word].compare(0, s.size(), s) != 0) by_stem[s].push_back(new_id[word]);
    SearchIndex::StemTable t;
    for (auto& [stem, ids] : by_stem) {
      std::sort(ids.begin(), ids.end());
      t.stems.push_back(stem);
      t.stem_words.push_back(std::move(ids));
    }
    idx.stem_tables.push_back(std::move(t));
  }
  idx.finish_loading();
  const bool group = m.group_by_language;
  impl_ = std::make_unique<Impl>();
  impl_->group_by_language = group;
  return idx;
}

SearchIndex build_search_index(const Bundle& bundle, const ForEachIndex& for_each) {
  SearchIndexBuilder builder;
  // A batch at a time: the analysed words of every article at once would be several times
  // the size of the index. Two batches in turn: while one is analysed (on every core), the
  // one before it is added to the builder (one task, in article order), so the cores do not
  // wait for the merging; the index is the same as with one core.
  constexpr std::size_t kBatch = 512;
  std::vector<DocumentWords> batches[2];
  const auto& articles = bundle.articles;
  const std::size_t count = (articles.size() + kBatch - 1) / kBatch;
  auto add_batch = [&](std::size_t k) {
    std::vector<DocumentWords>& batch = batches[k % 2];
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const Article& a = articles[k * kBatch + i];
      builder.add(a, bundle.author_name(a), std::move(batch[i]));
    }
  };
  for (std::size_t k = 0; k <= count; ++k) {
    const std::size_t from = k * kBatch;
    const std::size_t n = k < count ? std::min(kBatch, articles.size() - from) : 0;
    std::vector<DocumentWords>& batch = batches[k % 2];  // batch k - 2's, added in the last round
    batch.assign(n, DocumentWords{});
    // Task 0 adds batch k - 1; task i analyses article i - 1 of batch k.
    auto task = [&](std::size_t i) {
      if (i == 0) {
        if (k > 0) add_batch(k - 1);
        return;
      }
      batch[i - 1] = analyze_article(bundle, articles[from + i - 1]);
    };
    each_index(n + 1, task, for_each);
  }
  return builder.build();
}

}  // namespace carnet
