// app.cpp — builds the CLI11 application from the registered commands, reads
// the environment defaults (PLAYBOOK_DB, PLAYBOOK_DIR, PLAYBOOK_NOW), refuses
// arguments that are not UTF-8, and maps failures to exit codes: a store
// error that reaches the top of a command is "error: … [store]" (exit 2) or
// "busy: … [busy]" (exit 3).
#include "app.hpp"

#include "run_common.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "text_out.hpp"

namespace pb::cli {

namespace {
std::vector<std::pair<int, Setup>>& registry() {
  static std::vector<std::pair<int, Setup>> r;
  return r;
}

void env_default(std::string& value, const char* name) {
  if (const char* v = std::getenv(name); v && *v) value = v;
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
  app.add_option("--playbooks", g.playbooks, "playbook directory (env PLAYBOOK_DIR)");
  app.add_option("--now", g.now, "the clock, ISO-8601 (env PLAYBOOK_NOW)");
  app.add_option("--as", g.as_user, "who is acting (recorded in the log)");

  auto& reg = registry();
  std::stable_sort(reg.begin(), reg.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& [order, setup] : reg) setup(app, g);

  if (!arguments_are_utf8(argc, argv)) return kBadInput;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kBadInput;
  } catch (const rt::StoreError& e) {  // a store error no command handled itself
    return report_store_error(e);
  }
  return g.exit_code;
}

}  // namespace pb::cli
