// app.cpp — builds the CLI11 application from the registered commands, reads
// the environment defaults (PLAYBOOK_DB, PLAYBOOK_DIR, PLAYBOOK_NOW), splits
// the playbook search path and maps failures to exit codes.
#include "app.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace pb::cli {

namespace {
std::vector<std::pair<int, Setup>>& registry() {
  static std::vector<std::pair<int, Setup>> r;
  return r;
}

void env_default(std::string& value, const char* name) {
  if (const char* v = std::getenv(name); v && *v) value = v;
}

// The directories of a search path: `:`-separated parts, empty parts skipped.
std::vector<std::string> split_path(const std::vector<std::string>& parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) {
    for (size_t i = 0; i <= p.size();) {
      size_t end = std::min(p.find(':', i), p.size());
      if (end > i) out.push_back(p.substr(i, end - i));
      i = end + 1;
    }
  }
  return out;
}
}  // namespace

Registrar::Registrar(int order, Setup setup) { registry().emplace_back(order, std::move(setup)); }

int run(int argc, char** argv) {
  Globals g;
  env_default(g.db, "PLAYBOOK_DB");
  env_default(g.playbooks, "PLAYBOOK_DIR");
  env_default(g.now, "PLAYBOOK_NOW");
  env_default(g.as_user, "USER");

  CLI::App app{"playbook — a declarative playbook interpreter", "playbook"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "playbook 0.1");
  app.add_option("--db", g.db, "SQLite database (env PLAYBOOK_DB)");
  std::vector<std::string> dirs;
  app.add_option("--playbooks", dirs,
                 "playbook directories, ':'-separated like PATH or the option repeated "
                 "(env PLAYBOOK_DIR)");
  // Before any command runs: the flags, else the environment, else ./playbooks.
  app.parse_complete_callback([&g, &dirs] {
    auto path = split_path(dirs.empty() ? std::vector<std::string>{g.playbooks} : dirs);
    if (path.empty()) return;
    g.playbook_dirs = path;
    g.playbooks = path.front();
  });
  app.add_option("--now", g.now, "the clock, ISO-8601 (env PLAYBOOK_NOW)");
  app.add_option("--as", g.as_user, "who is acting (recorded in the log)");

  auto& reg = registry();
  std::stable_sort(reg.begin(), reg.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& [order, setup] : reg) setup(app, g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kBadInput;
  }
  return g.exit_code;
}

}  // namespace pb::cli
