// migrate_input.cpp — reading and checking what `migrate` moves instances
// to (migrate_input.hpp).
#include "cli/migrate_input.hpp"

#include <filesystem>

#include "cli/text_out.hpp"
#include "grammar/migration_loader.hpp"
#include "grammar/source_kind.hpp"
#include "interpreter/checker.hpp"

namespace pb::cli {

namespace fs = std::filesystem;

void print_diagnostic(const Diagnostic& d) {
  err_line("{}: {}: {} [{}]", d.loc.str(), to_string(d.severity), d.message, d.code);
  if (!d.hint.empty()) err_line("  {}", d.hint);
}

static bool print_errors(const Diagnostics& d) {
  for (const auto& x : d.items()) print_diagnostic(x);
  return !d.has_errors();
}

// The new version's file and text: --to, else the directory's file.
static bool new_text(Session& s, const MigrateOpts& o, rt::PinnedSource& to, int& exit) {
  Diagnostics d;
  auto origin = s.loaded->origin.find(o.playbook);
  if (o.to.empty() && origin == s.loaded->origin.end()) {
    err_line("error: there is no playbook '{}' in the playbook directory [unknown-playbook]",
             o.playbook);
    return exit = kBadInput, false;
  }
  to.playbook = o.playbook;
  to.filename = o.to.empty() ? origin->second : o.to;
  if (!read_file(to.filename, to.source, d)) return print_errors(d), exit = kBadInput, false;
  src::SchemaPin pin = src::schema_pin(*s.loaded);
  to.schema_filename = pin.filenames;
  to.schema_source = pin.text;
  return true;
}

// The new version parsed and checked within the directory's project.
static bool new_model(Session& s, const rt::PinnedSource& to, Playbook& out, int& exit) {
  Diagnostics d;
  auto pb = parse_playbook_source(to.source, to.filename, d);
  if (pb && pb->id != to.playbook)
    d.error(pb->loc, LintCode::MigrationPlaybook,
            fmt::format("{} declares playbook '{}', not '{}'", to.filename, pb->id, to.playbook));
  if (!pb || d.has_errors()) return print_errors(d), exit = kBadInput, false;
  Project p = s.loaded->project;
  std::erase_if(p.playbooks, [&](const Playbook& x) { return x.id == to.playbook; });
  p.playbooks.push_back(*pb);
  Diagnostics all;
  check_project(p, all);
  Diagnostics mine;
  for (const auto& x : all.items())
    if (x.loc.filename() == to.filename && x.severity == Severity::Error) mine.add(x);
  if (mine.has_errors()) return print_errors(mine), exit = kBadInput, false;
  out = std::move(*pb);
  return true;
}

static bool read_map(const MigrateOpts& o, MigrateTarget& t, int& exit) {
  Diagnostics d;
  std::string file = o.migration;
  if (file.empty()) {
    fs::path beside = fs::path(t.req.to.filename).parent_path() / (o.playbook + ".migration.yaml");
    std::error_code ec;
    if (fs::exists(beside, ec)) file = beside.string();
  }
  if (!file.empty()) {
    std::string text;
    if (!read_file(file, text, d)) return print_errors(d), exit = kBadInput, false;
    if (auto m = parse_migration(text, file, d)) t.req.map = std::move(*m);
    t.map_file = file;
  }
  parse_map_args(o.maps, t.req.map, d);
  check_migration(t.req.map, nullptr, t.model, d);
  if (!print_errors(d)) return exit = kBadInput, false;
  return true;
}

bool read_target(Session& s, const MigrateOpts& o, MigrateTarget& t, int& exit) {
  t.req.playbook = o.playbook;
  t.req.tenants = o.tenants;
  t.req.step = o.step;
  t.req.batch = o.batch;
  for (const auto& w : o.where) {
    auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) {
      err_line("error: --where '{}' is not ATTRIBUTE=VALUE", w);
      return exit = kBadInput, false;
    }
    t.req.where.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  return new_text(s, o, t.req.to, exit) && new_model(s, t.req.to, t.model, exit) &&
         read_map(o, t, exit);
}

bool check_against_store(Session& s, const MigrateTarget& t, bool apply, int& exit) {
  std::vector<rt::VersionRow> rows;
  if ((exit = report(s.engine->versions(t.req.playbook, rows))) != kOk) return false;
  Diagnostics d;
  for (const auto& v : rows) {
    if (v.active == 0) continue;
    auto cp = s.engine->playbook(v.pinned.front());
    if (cp) check_migration(t.req.map, &cp->pb, t.model, d);
  }
  Diagnostics unique;  // one finding per place and message, over the versions
  for (const auto& x : d.items()) {
    bool seen = false;
    for (const auto& y : unique.items()) seen = seen || (y.loc == x.loc && y.message == x.message);
    if (!seen) unique.add(x);
  }
  // Planning goes on: the plan shows the instances an error blocks.
  if (!print_errors(unique) && apply) return exit = kBadInput, false;
  return true;
}

}  // namespace pb::cli
