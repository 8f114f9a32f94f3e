// Whole-file reads for the CLI: one read of the file's size, not a stream copy that grows
// its buffer (a 100,000-article bundle is over a gigabyte). And file names' extensions.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace carnet {

// The bytes of `path` into `out`, or only its first `max_bytes` (the head of a larger
// file); false (and `out` empty) when it cannot be read.
bool read_file(const std::filesystem::path& path, std::string& out, std::size_t max_bytes = std::string::npos);

// Writes `bytes` to `path` whole: into "<path>.tmp", then renamed over `path` (atomic: a
// reader, or a build stopped halfway, never sees half a file under the name). False when
// the file cannot be written; `ec` is set when it was written but could not be renamed.
// A file replaced gets a modification time in a later second than the one it replaces:
// hosts tell browsers whether their copy is current by that time, to the second
// (Last-Modified; nginx's ETag is made of it and the size), so two builds within one second
// would otherwise leave browsers, and a service worker's update check, with the old bytes.
bool write_file(const std::filesystem::path& path, std::string_view bytes, std::error_code& ec);

// The extension of a file name or path, lower-case ASCII, without the dot: "a/Photo.JPG" ->
// "jpg"; "" when there is none.
std::string file_extension(std::string_view name);

}  // namespace carnet
