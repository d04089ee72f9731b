// lint_migrations.cpp — migration files checked against both versions of
// their playbook (lint_migrations.hpp).
#include "cli/lint_migrations.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>

#include "cli/git_show.hpp"
#include "grammar/source_kind.hpp"
#include "interpreter/checker.hpp"

namespace fs = std::filesystem;

namespace pb::cli {

namespace {

const Playbook* find_playbook(const Project& p, const std::string& id) {
  for (const auto& pb : p.playbooks)
    if (pb.id == id) return &pb;
  return nullptr;
}

std::vector<std::string> playbook_ids(const Project& p) {
  std::vector<std::string> ids;
  for (const auto& pb : p.playbooks) ids.push_back(pb.id);
  return ids;
}

// git's answer when the path is not in the revision (the playbook is new).
bool absent_at_rev(const std::string& git_says) {
  return git_says.find("does not exist in") != std::string::npos ||
         git_says.find("exists on disk, but not in") != std::string::npos;
}

// The playbook's file at `base`: nullopt when the revision lacks it, or
// when it cannot be read or parsed (then an error is added at m.loc).
std::optional<Playbook> old_version(const MigrationMap& m, const std::string& file,
                                    const std::string& base,
                                    std::map<std::string, std::string>& sources, Diagnostics& out) {
  std::string text;
  if (!git_show(dir_of(file), base, fs::path(file).filename().string(), text)) {
    if (absent_at_rev(text)) return std::nullopt;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    out.error(m.loc, LintCode::UnreadableFile,
              fmt::format("cannot read {} at revision {}: {}", file, base, text),
              "is --base a revision of the git repository the playbooks are in?");
    return std::nullopt;
  }
  std::string name = base + ":" + file;
  sources[name] = text;
  Diagnostics scratch;
  auto pb = parse_playbook_source(text, name, scratch);
  if (!pb || scratch.has_errors()) {
    out.error(m.loc, LintCode::UnreadableFile,
              fmt::format("cannot check the migration against revision {}: {} does not parse there",
                          base, file));
    return std::nullopt;
  }
  return pb;
}

// With a base revision, a playbook that no migration file names is checked
// against an empty map: a step the change removes without `renamed_from`
// is found before the change merges (PB151), file or no file.
void lint_unmapped(const LoadResult& loaded, const std::string& base,
                   std::map<std::string, std::string>& sources, Diagnostics& out) {
  std::set<std::string> named;
  for (const auto& m : loaded.migrations) named.insert(m.playbook);
  for (const auto& pb : loaded.project.playbooks) {
    auto origin = loaded.origin.find(pb.id);
    if (named.count(pb.id) || origin == loaded.origin.end()) continue;
    MigrationMap none;
    none.loc = pb.loc;
    none.playbook = pb.id;
    auto old = old_version(none, origin->second, base, sources, out);
    if (!old) continue;
    Diagnostics found;
    check_migration(none, &*old, pb, found);
    for (Diagnostic d : found.items()) {
      if (d.code == LintCode::MigrationUnmapped)
        d.hint = fmt::format(
            "map it in {}.migration.yaml beside the playbook, or add "
            "`renamed_from` to the step that replaces it",
            pb.id);
      out.add(std::move(d));
    }
  }
}

}  // namespace

void lint_migrations(const LoadResult& loaded, const std::string& base,
                     std::map<std::string, std::string>& sources, Diagnostics& out) {
  for (const auto& m : loaded.migrations) {
    if (m.playbook.empty()) continue;  // the file's own error says so
    const Playbook* now = find_playbook(loaded.project, m.playbook);
    if (!now) {
      out.error(m.loc, LintCode::MigrationPlaybook,
                fmt::format("the migration is for playbook '{}', which is not among the linted "
                            "files",
                            m.playbook),
                did_you_mean(m.playbook, playbook_ids(loaded.project)));
      continue;
    }
    std::optional<Playbook> old;
    auto origin = loaded.origin.find(m.playbook);
    if (!base.empty() && origin != loaded.origin.end())
      old = old_version(m, origin->second, base, sources, out);
    check_migration(m, old ? &*old : nullptr, *now, out);
  }
  if (!base.empty()) lint_unmapped(loaded, base, sources, out);
}

}  // namespace pb::cli
