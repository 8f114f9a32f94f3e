// Incremental search index builds. A blog's articles are cut into segments by a hash of
// their slug, so that editing, adding or removing an article changes one segment. Each
// segment is indexed on its own (an index of its articles alone, in bundle order), and the
// blog's index is the merge of its segments: the same bytes as build_search_index. A rebuild
// into the same output folder reuses every segment whose articles did not change (the CLI
// keeps them between builds, site_writer.cpp), so it analyses only the changed segment's
// articles. Native builds only (the viewer never builds an index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "bundle.hpp"
#include "search_index.hpp"

namespace carnet {

// About this many articles a segment, at most twice as many (the segment count is a power
// of two, so it changes only when the blog doubles or halves).
constexpr std::size_t kSegmentArticles = 2048;

// The articles of each segment (positions in bundle.articles, increasing). Article i is in
// segment string_hash(slug) mod the count: the smallest power of two at least
// articles / kSegmentArticles.
std::vector<std::vector<std::uint32_t>> index_segments(const Bundle& bundle);

// One segment's index: its articles alone, in bundle order (not grouped by language).
SearchIndex build_index_segment(const Bundle& bundle, const std::vector<std::uint32_t>& articles);

// Where a build finds the segments of an earlier one.
struct SegmentStore {
  // Segment k's index as an earlier build made it from the same articles, if there is one.
  // A segment whose documents are not its articles is made again.
  std::function<std::optional<SearchIndex>(std::size_t k)> find;
  // Segment k's index, made by this build (called from any thread, each k once).
  std::function<void(std::size_t k, const SearchIndex& segment)> made;
};

// The whole index from its segments (`segments`: index_segments(bundle)), each found in
// `store` or made (through `for_each`): the same index as build_search_index(bundle).
SearchIndex build_search_index(const Bundle& bundle, const std::vector<std::vector<std::uint32_t>>& segments,
                               const SegmentStore& store, const ForEachIndex& for_each = {});

}  // namespace carnet
