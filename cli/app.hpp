// app.hpp — the `playbook` command line: global options, the command
// registry, exit codes (README, "Using it"). Each cli/cmd_*.cpp registers its
// subcommands with a static Registrar, so adding a command touches one file.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace pb::cli {

// Exit codes, as README ("Using it") lists them.
enum Exit : int { kOk = 0, kCheckFailed = 1, kBadInput = 2, kBusy = 3 };

// Global options, filled by CLI11 before a subcommand's callback runs.
struct Globals {
  std::string db = "playbook.db";
  // The playbook search path: --playbooks DIR[:DIR…] (repeatable) or
  // PLAYBOOK_DIR, `:`-separated like PATH. Commands read the union of the
  // directories; `playbooks` is the first (where samples and new scenario
  // files live).
  std::vector<std::string> playbook_dirs = {"playbooks"};
  std::string playbooks = "playbooks";
  std::string now;      // ISO-8601; "" = wall clock
  std::string as_user;  // --as
  std::string format = "text";
  int exit_code = kOk;  // set by the subcommand's callback
};

using Setup = std::function<void(CLI::App& root, Globals& g)>;

// Where a registrar's commands stand in `--help`: one place per registrar,
// in this order, whatever order the files' static objects are built in.
enum class Place : int {
  Fmt,
  Lint,
  Convert,
  Diff,
  Graph,
  Tenant,
  Explain,
  Paths,
  Whatif,
  Run,
  Read,
  Migrate,
  Test
};

struct Registrar {
  Registrar(Place place, Setup setup);
};

int run(int argc, char** argv);

}  // namespace pb::cli
