// source_kind.cpp — a file's kind by its name, and the playbook parser it
// selects (source_kind.hpp).
#include "source_kind.hpp"

#include <atomic>
#include <filesystem>
#include <memory>

#include "frontend.hpp"
#include "loader.hpp"

namespace pb {

SourceKind source_kind(const std::string& path) {
  std::filesystem::path p(path);
  std::string name = p.filename().string();
  auto ends = [&](std::string_view s) { return name.ends_with(s); };
  if (name == kLintConfigName) return SourceKind::LintConfig;
  if (ends(".playbook")) return SourceKind::DslPlaybook;
  if (ends(".playbook.yaml") || ends(".playbook.yml")) return SourceKind::YamlPlaybook;
  if (ends(".schema.yaml") || ends(".schema.yml")) return SourceKind::Schema;
  if (ends(".migration.yaml") || ends(".migration.yml")) return SourceKind::Migration;
  if ((ends(".yaml") || ends(".yml")) && p.parent_path().filename() == "calendars")
    return SourceKind::Calendar;
  return SourceKind::Other;
}

namespace {
std::atomic<size_t> parses{0};
}  // namespace

size_t playbook_parses() { return parses.load(); }

std::optional<Playbook> parse_playbook_source(std::string_view text, const std::string& path,
                                              Diagnostics& diags) {
  if (is_playbook_source(source_kind(path))) ++parses;
  switch (source_kind(path)) {
    case SourceKind::DslPlaybook: return parse_dsl(text, path, diags);
    case SourceKind::YamlPlaybook: return parse_yaml_playbook(text, path, diags);
    default:
      diags.error(Loc{std::make_shared<const std::string>(path), 1, 1}, LintCode::UnreadableFile,
                  "not a playbook file name; expected *.playbook (DSL) or *.playbook.yaml (YAML)");
      return std::nullopt;
  }
}

}  // namespace pb
