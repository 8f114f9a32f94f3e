// Whole-file reads for the CLI: one read of the file's size, not a stream copy that grows
// its buffer (a 100,000-article bundle is over a gigabyte).
#pragma once

#include <filesystem>
#include <string>

namespace carnet {

// The bytes of `path` into `out`; false (and `out` empty) when it cannot be read.
bool read_file(const std::filesystem::path& path, std::string& out);

}  // namespace carnet
