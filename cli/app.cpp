// app.cpp — builds the CLI11 application from the registered commands, reads
// the environment defaults (PLAYBOOK_DB, PLAYBOOK_DIR, PLAYBOOK_NOW), splits
// the playbook search path, refuses arguments that are not UTF-8, and maps
// failures to exit codes: a store error that reaches the top of a command is
// "error: … [store]" (exit 2) or "busy: … [busy]" (exit 3).
//
// The global options (--db, --playbooks, --now, --as, --format) belong to
// the application and every command falls through to them, so they may be
// written before or after the command. A command with its own --format
// (choices of its own) takes the global one when it was given before the
// command; a command whose output is text only accepts `--format text`. A
// global option given twice takes the last value (--playbooks: every value,
// in order), as an option given after the command overrides the environment.
// Usage errors are printed in our words (options.hpp), exit 2.
#include "app.hpp"

#include <fmt/format.h>

#include "run_common.hpp"

#include <algorithm>
#include <cstdlib>

#include "cli/options.hpp"

#include "text_out.hpp"
#include "version.hpp"

namespace pb::cli {

namespace {
std::vector<std::pair<Place, Setup>>& registry() {
  static std::vector<std::pair<Place, Setup>> r;
  return r;
}

void env_default(std::string& value, const char* name) {
  if (const char* v = std::getenv(name); v && *v) value = v;
}

// Runs once the whole line is parsed, before the command's callback: hands
// a global --format to the chosen command's own --format (checked against
// that command's choices).
void pass_format(CLI::App& app, const CLI::Option* global, const std::string& value) {
  if (global->count() == 0) return;
  auto& cmd = const_cast<CLI::App&>(chosen_command(app));
  CLI::Option* own = &cmd == &app ? nullptr : cmd.get_option_no_throw("--format");
  if (!own) {
    if (value == "text") return;
    throw CLI::ValidationError("--format", fmt::format("`{}` prints text only", command_path(cmd)));
  }
  if (own->count() > 0) return;  // written after the command: the last one given wins
  own->add_result(value);
  own->run_callback();
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

Registrar::Registrar(Place place, Setup setup) { registry().emplace_back(place, std::move(setup)); }

int run(int argc, char** argv) {
  Globals g;
  env_default(g.db, "PLAYBOOK_DB");
  env_default(g.playbooks, "PLAYBOOK_DIR");
  env_default(g.now, "PLAYBOOK_NOW");
  env_default(g.as_user, "USER");

  CLI::App app{"playbook — a declarative playbook interpreter", "playbook"};
  app.require_subcommand(1);
  app.fallthrough();  // inherited by every command: the global options work after it too
  app.footer(
      "Global options (--db, --playbooks, --now, --as, --format) may be given before or after the command.");
  app.set_version_flag("--version", fmt::format("playbook {}", kVersion));
  app.option_defaults()->multi_option_policy(
      CLI::MultiOptionPolicy::TakeLast);  // the global options
  app.add_option("--db", g.db, "SQLite database (env PLAYBOOK_DB)");
  std::vector<std::string> dirs;
  app.add_option("--playbooks", dirs,
                 "playbook directories, ':'-separated like PATH or the option repeated "
                 "(env PLAYBOOK_DIR)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--now", g.now, "the clock, ISO-8601 (env PLAYBOOK_NOW)");
  app.add_option("--as", g.as_user, "who is acting (recorded in the log)");
  std::string format;
  CLI::Option* global_format = app.add_option(
      "--format", format, "output format of the command (its --help lists the choices)");

  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::Throw);  // the commands' own
  auto& reg = registry();
  std::sort(reg.begin(), reg.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (size_t i = 1; i < reg.size(); ++i)
    if (reg[i].first ==
        reg[i - 1].first)  // two registrars in one place: an order left to the linker
      return err_line("error: internal error: two command files take --help place {} [internal]",
                      int(reg[i].first)),
             kBadInput;
  for (auto& [place, setup] : reg) setup(app, g);
  // Before any command runs: the search path (the flags, else the
  // environment, else ./playbooks), and a global --format handed on.
  app.parse_complete_callback([&] {
    if (auto path = split_path(dirs.empty() ? std::vector<std::string>{g.playbooks} : dirs);
        !path.empty()) {
      g.playbook_dirs = path;
      g.playbooks = path.front();
    }
    pass_format(app, global_format, format);
  });

  if (!arguments_are_utf8(argc, argv)) return kBadInput;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return usage_error(app, e);
  } catch (const rt::StoreError& e) {  // a store error no command handled itself
    return report_store_error(e);
  }
  return g.exit_code;
}

}  // namespace pb::cli
