// cmd_lint.cpp — `playbook lint [PATH…] [--format text|json|sarif|github]
// [--werror] [--color] [--context]`.
//
// Contract (DESIGN §4): loads the paths (default: the --playbooks directory)
// with load_paths, runs check_project, prints the sorted diagnostics on stdout
// in the chosen format and, for text, a summary line on stderr
// ("2 errors, 1 warning in 5 files"). Source lines and carets are quoted only
// on a terminal or with --context; colours only on a terminal or with --color.
// Exit: 0 clean, 1 errors (or warnings with --werror), 2 when a path cannot
// be read. Files with syntax errors show those only (see add_checker_findings).
// A playbook file given alone is checked with the tenant.schema.yaml beside it.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "cli/app.hpp"
#include "cli/diag_format.hpp"
#include "cli/options.hpp"
#include "grammar/loader.hpp"
#include "interpreter/checker.hpp"

namespace pb::cli {

namespace {

struct LintOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool werror = false;
  bool color = false;
  bool context = false;
};

// Paths that do not exist are reported here so the exit code can say so.
bool paths_exist(const std::vector<std::string>& paths, Diagnostics& diags) {
  bool ok = true;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) continue;
    diags.error(Loc{std::make_shared<const std::string>(p), 0, 0}, "PB005",
                "cannot read: no such file or directory");
    ok = false;
  }
  return ok;
}

// A file the front end reported errors in yields a partial model; the
// checker's findings there are mostly echoes of the syntax error (a missing
// `roles:` makes every role undefined), so lint shows the syntax errors alone.
void add_checker_findings(const Diagnostics& front, const Diagnostics& checker, Diagnostics& out) {
  std::set<std::string> broken;
  for (const auto& d : front.items())
    if (d.severity == Severity::Error) broken.insert(d.loc.filename());
  for (const auto& d : checker.items())
    if (!broken.contains(d.loc.filename())) out.add(d);
}

// A playbook file linted on its own still reads the tenant schema beside it,
// so `lint dir/x.playbook` resolves tenant attributes as `lint dir` does.
std::vector<std::string> with_sibling_schemas(std::vector<std::string> paths) {
  namespace fs = std::filesystem;
  std::set<std::string> given(paths.begin(), paths.end());
  std::vector<std::string> extra;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec) || p.ends_with(".schema.yaml")) continue;
    auto schema = fs::path(p).parent_path() / "tenant.schema.yaml";
    std::string s = schema.string();
    if (fs::is_regular_file(schema, ec) && given.insert(s).second) extra.push_back(s);
  }
  paths.insert(paths.end(), extra.begin(), extra.end());
  return paths;
}

bool unreadable(const Diagnostics& diags) {
  for (const auto& d : diags.items())
    if (d.code == "PB005") return true;
  return false;
}

int run_lint(const LintOptions& o, const Globals& g) {
  std::vector<std::string> paths = o.paths.empty() ? std::vector<std::string>{g.playbooks} : o.paths;
  auto format = parse_diag_format(o.format).value_or(DiagFormat::Text);
  Diagnostics diags;
  LoadResult loaded;
  if (paths_exist(paths, diags)) {
    loaded = load_paths(with_sibling_schemas(paths), diags);
    Diagnostics checker;
    check_project(loaded.project, checker);
    add_checker_findings(diags, checker, diags);
  }
  diags.sort();
  bool tty = isatty(STDOUT_FILENO) != 0;
  TextStyle style{o.color || tty, o.context || tty};
  std::cout << format_diagnostics(format, diags, loaded.sources, style) << std::flush;
  if (format == DiagFormat::Text) std::cerr << summary_line(diags, loaded.sources.size()) << "\n";
  if (unreadable(diags)) return kBadInput;
  if (diags.has_errors() || (o.werror && diags.count(Severity::Warning) > 0)) return kCheckFailed;
  return kOk;
}

const Registrar reg(20, [](CLI::App& root, Globals& g) {
  auto opts = std::make_shared<LintOptions>();
  auto* cmd = root.add_subcommand("lint", "check playbooks and report every finding");
  cmd->add_option("paths", opts->paths, "files or directories (default: the --playbooks directory)");
  cmd->add_option("--format", opts->format, "text, json, sarif or github")
      ->check(one_of({"text", "json", "sarif", "github"}));
  cmd->add_flag("--werror", opts->werror, "exit 1 on warnings too");
  cmd->add_flag("--color", opts->color, "colour the text output even when not on a terminal");
  cmd->add_flag("--context", opts->context, "quote the source line and a caret under each finding");
  cmd->callback([opts, &g] { g.exit_code = run_lint(*opts, g); });
});

}  // namespace

}  // namespace pb::cli
