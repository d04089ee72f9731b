// cmd_diff.cpp — `playbook diff OLD NEW [--format text|json|markdown]` and
// `playbook diff --git REV FILE` and `playbook diff --stored VERSION FILE`
// (docs/diff.md).
//
// Contract:
//  * Each side is one playbook file, DSL or YAML by its name; the tenant
//    schema each side sees is the `*.schema.yaml` files beside it (for
//    --git: the same names at REV, those REV has).
//  * --git REV reads OLD as `git show REV:./NAME` run in FILE's directory; a
//    failure (not a repository, unknown revision, file not in REV) is an
//    error with code PB005 and git's own words, exit 2.
//  * --stored VERSION reads OLD from the store (--db): the version of FILE's
//    playbook whose id starts with VERSION, with the schema it was pinned
//    with; none or several such versions is exit 2.
//  * Exit 0: no breaking change; 1: some change is breaking; 2: bad input
//    (unreadable file, parse errors, printed on stderr as lint prints them).
#include <algorithm>
#include <filesystem>
#include <optional>

#include "cli/app.hpp"
#include "cli/diag_format.hpp"
#include "cli/git_show.hpp"
#include "cli/options.hpp"
#include "cli/render_diff.hpp"
#include "cli/run_common.hpp"
#include "cli/text_out.hpp"
#include "grammar/frontend.hpp"
#include "grammar/loader.hpp"
#include "grammar/source_kind.hpp"
#include "interpreter/model_diff.hpp"
#include "runtime/store_world.hpp"
#include "source/directory_source.hpp"

namespace fs = std::filesystem;

namespace pb::cli {
namespace {

// One side: its playbook and the schema beside it.
struct Side {
  std::optional<Playbook> pb;
  std::optional<Schema> schema;
};

std::vector<std::string> schema_names(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().ends_with(".schema.yaml"))
      out.push_back(it->path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The schema files beside `file`: read from disk, or at `rev` when given.
void load_schemas(const std::string& file, const std::string& rev, Side& side, Sources& sources,
                  Diagnostics& d) {
  fs::path dir = dir_of(file);
  for (const auto& name : schema_names(dir)) {
    std::string path = (dir / name).string(), text;
    if (!rev.empty()) {
      if (!git_show(dir, rev, name, text)) continue;  // not in REV: that side had none
      path = rev + ":" + path;
    } else if (!read_file(path, text, d)) {
      continue;
    }
    sources[path] = text;
    if (auto s = parse_yaml_schema(text, path, d)) merge_schema(side.schema, std::move(*s));
  }
}

Side load_side(const std::string& file, const std::string& rev, Sources& sources, Diagnostics& d) {
  Side side;
  std::string text, name = file;
  if (rev.empty()) {
    if (!read_file(file, text, d)) return side;
  } else {
    name = rev + ":" + file;
    if (!git_show(dir_of(file), rev, fs::path(file).filename().string(), text)) {
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      d.error(Loc{std::make_shared<const std::string>(file), 0, 0}, LintCode::UnreadableFile,
              fmt::format("cannot read {} at revision {}: {}", file, rev, text),
              "is the file committed in that revision, and is its directory a git repository?");
      return side;
    }
  }
  sources[name] = text;
  side.pb = parse_playbook_source(text, name, d);
  load_schemas(file, rev, side, sources, d);
  return side;
}

// The stored version of `playbook` whose id starts with `prefix` (as
// `playbook versions` lists them), named "ID:FILE" where FILE is the file
// it was first pinned from. False (message printed, exit set) when the
// store holds none, or several.
bool load_stored(const Globals& g, const std::string& prefix, const std::string& playbook,
                 Side& side, Sources& sources, Diagnostics& d, int& exit) {
  auto s = open_session(g, exit, kReading);
  if (!s) return false;
  std::vector<rt::VersionRow> rows, hits;
  if ((exit = report(s->engine->versions(playbook, rows))) != kOk) return false;
  for (const auto& r : rows)
    if (!prefix.empty() && r.version.starts_with(prefix)) hits.push_back(r);
  if (hits.size() != 1) {
    err_line(
        "error: the store holds {} version of {} whose id starts with '{}' (`playbook "
        "versions {}` lists them)",
        hits.empty() ? "no" : "more than one", playbook, prefix, playbook);
    return exit = kBadInput, false;
  }
  auto src = rt::load_source(*s->store, hits.front().pinned.front());
  if (!src) {
    err_line("error: the text of version {} is not in the store", prefix);
    return exit = kBadInput, false;
  }
  std::string name = hits.front().version.substr(0, 12) + ":" + src->filename;
  sources[name] = src->source;
  side.pb = parse_playbook_source(src->source, name, d);
  if (!src->schema_source.empty())
    side.schema = src::parse_pinned_schema(src->schema_filename, src->schema_source, d);
  return true;
}

struct DiffOptions {
  std::vector<std::string> files;
  std::string git, stored;
  std::string format = "text";
};

int run_diff(const Globals& g, const DiffOptions& o) {
  bool one = !o.git.empty() || !o.stored.empty();
  if (o.files.size() != (one ? 1u : 2u)) {
    err_line(
        "error: `playbook diff` takes OLD and NEW, or --git REV (or --stored VERSION) and "
        "one FILE");
    err_line("(`playbook diff --help` shows the usage)");
    return kBadInput;
  }
  Diagnostics d;
  Sources sources;
  Side now = load_side(o.files.back(), "", sources, d);
  Side old;
  if (o.stored.empty()) {
    old = load_side(o.files.front(), o.git, sources, d);
  } else if (now.pb) {
    int exit = kOk;
    if (!load_stored(g, o.stored, now.pb->id, old, sources, d, exit)) return exit;
  }
  fmt::print(stderr, "{}", format_text(d, sources, {}));
  if (d.has_errors() || !old.pb || !now.pb) return kBadInput;
  auto changes = diff_models(*old.pb, old.schema ? &*old.schema : nullptr, *now.pb,
                             now.schema ? &*now.schema : nullptr);
  print_exprs(changes);
  if (o.format == "json")
    fmt::print("{}\n", diff_json(changes));
  else if (o.format == "markdown")
    fmt::print("{}", diff_markdown(changes));
  else
    fmt::print("{}", diff_text(changes));
  for (const auto& c : changes)
    if (c.cls == ChangeClass::Breaking) return kCheckFailed;
  return kOk;
}

Registrar reg_diff(Place::Diff, [](CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand(
      "diff", "what changed between two versions of a playbook, and what it breaks");
  auto o = std::make_shared<DiffOptions>();
  cmd->add_option("files", o->files, "OLD NEW, or FILE with --git")->required()->expected(1, 2);
  auto* git = cmd->add_option("--git", o->git, "compare FILE with its text at git revision REV");
  cmd->add_option("--stored", o->stored,
                  "compare FILE with a version in the store (an id or its first digits, as "
                  "`playbook versions` lists them)")
      ->excludes(git);
  cmd->add_option("--format", o->format, "text, json or markdown")
      ->check(one_of({"text", "json", "markdown"}));
  cmd->footer("Exit status: 0 no breaking change, 1 a breaking change, 2 bad input.");
  cmd->callback([&g, o] { g.exit_code = run_diff(g, *o); });
});

}  // namespace
}  // namespace pb::cli
