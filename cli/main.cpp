// main.cpp — the `playbook` entry point; everything else lives in cli/*.cpp.
// The last resort: an exception no command handled is an error (exit 2)
// with its message, never an abort.
#include <cstdio>
#include <exception>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  try {
    return pb::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: internal error: %s [internal]\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "error: internal error [internal]\n");
  }
  return pb::cli::kBadInput;
}
