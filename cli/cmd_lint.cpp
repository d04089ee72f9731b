// cmd_lint.cpp — `playbook lint [PATH…] [--format text|json|sarif|github]
// [--werror] [--show-suppressed] [--color] [--context]`.
//
// Contract (README, "Using it"): loads the paths (default: the --playbooks
// directories) with load_paths, runs check_project, applies the suppressions
// (lint_allow.hpp), prints the sorted diagnostics on stdout in the chosen
// format and, for text, a summary line on stderr ("2 errors, 1 warning in 5
// files (1 suppressed)"). Suppressed findings are left out, but for SARIF
// (which marks them suppressed) and with --show-suppressed (text, json).
// Source lines and carets are quoted only on a terminal or with --context;
// colours only with --color, or on a terminal when NO_COLOR is unset or
// empty (https://no-color.org). Exit: 0 clean, 1 errors (or
// warnings with --werror) that are not suppressed, 2 when a path cannot be
// read. Files with syntax errors show those only (see add_checker_findings).
// A playbook file given alone is checked with the tenant.schema.yaml, the
// calendars/ and the .playbook-lint.yaml beside it. Migration files
// (`*.migration.yaml`) are checked against the playbook they name and, with
// --base REV, against its file at that git revision (lint_migrations.hpp).
#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>

#include "cli/app.hpp"
#include "cli/diag_format.hpp"
#include "cli/options.hpp"
#include "cli/lint_allow.hpp"
#include "cli/lint_migrations.hpp"
#include "cli/text_out.hpp"
#include "grammar/loader.hpp"
#include "grammar/source_kind.hpp"
#include "interpreter/checker.hpp"

namespace pb::cli {

namespace {

struct LintOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool werror = false;
  bool show_suppressed = false;
  bool color = false;
  bool context = false;
  std::string base;  // --base REV: migration files are checked against the playbooks at REV
};

// Paths that do not exist are reported here so the exit code can say so.
bool paths_exist(const std::vector<std::string>& paths, Diagnostics& diags) {
  bool ok = true;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) continue;
    diags.error(Loc{std::make_shared<const std::string>(p), 0, 0}, LintCode::UnreadableFile,
                "cannot read: no such file or directory");
    ok = false;
  }
  return ok;
}

// A file the front end reported errors in yields a partial model; the
// checker's findings there are mostly echoes of the syntax error (a missing
// `roles:` makes every role undefined), so lint shows the syntax errors alone.
std::set<std::string> broken_files(const Diagnostics& front) {
  std::set<std::string> broken;
  for (const auto& d : front.items())
    if (d.severity == Severity::Error) broken.insert(d.loc.filename());
  return broken;
}

void add_checker_findings(const std::set<std::string>& broken, const Diagnostics& checker,
                          Diagnostics& out) {
  for (const auto& d : checker.items())
    if (!broken.contains(d.loc.filename())) out.add(d);
}

// A playbook file linted on its own still reads what its directory gives it —
// the tenant schema, the calendars and the lint configuration beside it — so
// `lint dir/x.playbook` resolves attributes, calendars and suppressions as
// `lint dir` does.
std::vector<std::string> with_siblings(std::vector<std::string> paths) {
  namespace fs = std::filesystem;
  std::set<std::string> given(paths.begin(), paths.end());
  std::vector<std::string> extra;
  for (const auto& p : paths) {
    std::error_code ec;
    bool playbook = is_playbook_source(source_kind(p));
    if (!playbook || !fs::is_regular_file(p, ec)) continue;
    for (std::string_view name :
         {std::string_view("tenant.schema.yaml"), std::string_view("calendars"), kLintConfigName}) {
      std::string s = (fs::path(p).parent_path() / name).string();
      if (fs::exists(s, ec) && given.insert(s).second) extra.push_back(s);
    }
  }
  paths.insert(paths.end(), extra.begin(), extra.end());
  return paths;
}

bool unreadable(const Diagnostics& diags) {
  for (const auto& d : diags.items())
    if (d.code == LintCode::UnreadableFile) return true;
  return false;
}

// The findings a format prints: SARIF marks suppressed ones, text and JSON
// show them on request, GitHub annotations never do.
Diagnostics printed(const SuppressResult& r, DiagFormat format, bool show_suppressed) {
  bool with = format == DiagFormat::Sarif || (show_suppressed && format != DiagFormat::Github);
  if (!with || r.suppressed.empty()) return r.kept;
  Diagnostics all = r.kept;
  all.append(r.suppressed);
  all.sort();
  return all;
}

int run_lint(const LintOptions& o, const Globals& g) {
  const std::vector<std::string>& paths = o.paths.empty() ? g.playbook_dirs : o.paths;
  auto format = parse_diag_format(o.format).value_or(DiagFormat::Text);
  Diagnostics diags;
  LoadResult loaded;
  SuppressResult r;
  size_t files = 0;  // linted: not the old versions `--base` reads into loaded.sources
  if (paths_exist(paths, diags)) {
    loaded = load_paths(with_siblings(paths), diags);
    files = loaded.sources.size();
    Diagnostics checker;
    check_project(loaded.project, checker);
    lint_migrations(loaded, o.base, loaded.sources, checker);
    auto broken = broken_files(diags);
    add_checker_findings(broken, checker, diags);
    r = suppress_findings(loaded, std::move(diags), broken);
  } else {
    r.kept = std::move(diags);
  }
  r.kept.sort();
  bool tty = isatty(STDOUT_FILENO) != 0;
  TextStyle style{wants_color(o.color, tty, std::getenv("NO_COLOR")), o.context || tty};
  std::error_code ec;
  SarifOptions sarif{std::filesystem::current_path(ec).string(), {}};
  fmt::print("{}", format_diagnostics(format, printed(r, format, o.show_suppressed), loaded.sources,
                                      style, sarif));
  std::fflush(stdout);
  if (format == DiagFormat::Text)
    err_line("{}", summary_line(r.kept, files, r.suppressed.items().size()));
  if (unreadable(r.kept)) return kBadInput;
  if (r.kept.has_errors() || (o.werror && r.kept.count(Severity::Warning) > 0)) return kCheckFailed;
  return kOk;
}

const Registrar reg(Place::Lint, [](CLI::App& root, Globals& g) {
  auto opts = std::make_shared<LintOptions>();
  auto* cmd = root.add_subcommand("lint", "check playbooks and report every finding");
  cmd->add_option("paths", opts->paths,
                  "files or directories (default: the --playbooks directories)");
  cmd->add_option("--format", opts->format, "text, json, sarif or github")
      ->check(one_of({"text", "json", "sarif", "github"}));
  cmd->add_flag("--werror", opts->werror,
                "exit 1 on warnings too (suppressed findings do not count)");
  cmd->add_flag("--show-suppressed", opts->show_suppressed,
                "also list the findings a `lint: allow` suppressed, with the reason (text, json)");
  cmd->add_flag("--color", opts->color, "colour the text output even when not on a terminal");
  cmd->add_flag("--context", opts->context, "quote the source line and a caret under each finding");
  cmd->add_option("--base", opts->base,
                  "git revision of the old versions: check migration files against both");
  cmd->callback([opts, &g] { g.exit_code = run_lint(*opts, g); });
});

}  // namespace

}  // namespace pb::cli
