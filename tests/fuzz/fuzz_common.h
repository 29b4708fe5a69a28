#pragma once
// Shared by the libFuzzer targets (tests/fuzz/README.md): a scratch directory
// for the process, and the fuzzer's bytes as a file for the parsers that
// read files.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace secap::fuzz {

// A directory of this process under the system's temporary directory.
inline const std::string& scratchDir() {
  static const std::string dir = [] {
    const auto path = std::filesystem::temp_directory_path() / ("secap-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path.string();
  }();
  return dir;
}

// The input written to `name` in the scratch directory; its path.
inline std::string inputFile(const uint8_t* data, size_t size, const std::string& name) {
  const std::string path = scratchDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace secap::fuzz
