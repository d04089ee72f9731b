// main.cpp — the `playbook` entry point; everything else lives in cli/*.cpp.
// The last resort: an exception no command handled is an error (exit 2)
// with its message, never an abort. With PB_STATS=1 in the environment it
// prints `parses: N` on stderr at the end: how many playbook texts the
// command parsed (grammar/source_kind.hpp; the figure bench_fire reports).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "cli/app.hpp"
#include "grammar/source_kind.hpp"

static int run(int argc, char** argv) {
  try {
    return pb::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: internal error: %s [internal]\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "error: internal error [internal]\n");
  }
  return pb::cli::kBadInput;
}

int main(int argc, char** argv) {
  int exit = run(argc, argv);
  if (const char* stats = std::getenv("PB_STATS"); stats && std::strcmp(stats, "1") == 0)
    std::fprintf(stderr, "parses: %zu\n", pb::playbook_parses());
  return exit;
}
