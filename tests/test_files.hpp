// Files for the tests that build content folders on disk: write (creating the folders on the
// way) and read back, bytes as they are.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace carnet_test {

inline void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace carnet_test
