#include "search_segments.hpp"

#include <algorithm>
#include <mutex>

#include "string_ids.hpp"

namespace carnet {

namespace {

// Whether `segment` can stand for `articles`: the same documents, every posting at hand,
// and every word in a document (as a segment made here has them; add_segment counts on it).
bool is_segment_of(const SearchIndex& segment, const Bundle& bundle, const std::vector<std::uint32_t>& articles) {
  if (segment.docs.size() != articles.size()) return false;
  if (std::find(segment.doc_freq.begin(), segment.doc_freq.end(), 0u) != segment.doc_freq.end()) return false;
  for (std::size_t d = 0; d < articles.size(); ++d)
    if (segment.docs[d].slug != bundle.articles[articles[d]].slug) return false;
  for (std::size_t p = 0; p < segment.parts(); ++p)
    if (!segment.part_loaded(p)) return false;
  return true;
}

}  // namespace

std::vector<std::vector<std::uint32_t>> index_segments(const Bundle& bundle) {
  std::size_t count = 1;
  while (count * kSegmentArticles < bundle.articles.size()) count *= 2;
  std::vector<std::vector<std::uint32_t>> segments(count);
  for (std::uint32_t i = 0; i < bundle.articles.size(); ++i)
    segments[string_hash(bundle.articles[i].slug) & (count - 1)].push_back(i);
  return segments;
}

SearchIndex build_index_segment(const Bundle& bundle, const std::vector<std::uint32_t>& articles) {
  SearchIndexBuilder builder(false);
  for (const auto i : articles) {
    const Article& a = bundle.articles[i];
    builder.add(a, bundle.author_name(a), analyze_article(bundle, a));
  }
  return builder.build();
}

SearchIndex build_search_index(const Bundle& bundle, const std::vector<std::vector<std::uint32_t>>& segments,
                               const SegmentStore& store, const ForEachIndex& for_each) {
  SearchIndexBuilder builder;
  for (const Article& a : bundle.articles) builder.add_document(a, bundle.author_name(a));
  // Each segment is added as soon as it is at hand, one at a time, while other cores make or
  // read the next ones: add_segment's result does not depend on the order.
  std::mutex adding;
  auto task = [&](std::size_t k) {
    std::optional<SearchIndex> segment;
    if (store.find) segment = store.find(k);
    if (!segment || !is_segment_of(*segment, bundle, segments[k])) {
      segment = build_index_segment(bundle, segments[k]);
      if (store.made) store.made(k, *segment);
    }
    const std::lock_guard<std::mutex> lock(adding);
    builder.add_segment(*segment, segments[k]);
  };
  each_index(segments.size(), task, for_each);
  return builder.build();
}

}  // namespace carnet
