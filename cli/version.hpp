// version.hpp — the program's version, in one place: CMake's
// project(VERSION) in the top CMakeLists.txt, passed to the cli as
// PB_VERSION. `--version` and SARIF's tool driver both print it.
#pragma once

#ifndef PB_VERSION
#error "PB_VERSION is set by cli/CMakeLists.txt from the project's VERSION"
#endif

namespace pb::cli {

inline constexpr const char* kVersion = PB_VERSION;

}  // namespace pb::cli
