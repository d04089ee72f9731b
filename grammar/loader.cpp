// loader.cpp — files and directories → Project (loader.hpp).
//
// Contract: directories are walked recursively (hidden entries skipped, but
// for `.playbook-lint.yaml`) and their files taken in sorted path order, so
// results and diagnostics are deterministic. Dispatch is on the file name:
// `*.playbook` (DSL), `*.playbook.yaml|yml` (YAML), `*.schema.yaml|yml`
// (tenant schema; several are merged), `calendars/*.yaml|yml` (calendars),
// `.playbook-lint.yaml` (lint suppressions: read, not parsed here). Inside a
// directory other files are ignored; a file named explicitly with another
// name is PB005. A file reached twice (a directory and a file in it, or one
// directory given twice) is read once.
#include "loader.hpp"
#include "migration_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "calendar_loader.hpp"
#include "frontend.hpp"
#include "source_kind.hpp"

namespace pb {

namespace fs = std::filesystem;

namespace {

Loc file_loc(const std::string& path) {
  return Loc{std::make_shared<const std::string>(path), 1, 1};
}

size_t error_count(const Diagnostics& diags) {
  const auto& items = diags.items();
  return static_cast<size_t>(std::count_if(items.begin(), items.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error;
  }));
}

void load_file(const std::string& path, SourceKind kind, LoadResult& out, Diagnostics& diags) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(path, ec);
  if (!out.seen.insert(ec ? path : canonical.string()).second) return;  // read once
  std::string text;
  if (!read_file(path, text, diags)) return;
  auto& src = out.sources[path] = std::move(text);
  out.project.files.push_back(path);
  if (kind == SourceKind::LintConfig) {
    out.lint_configs.push_back(path);
  } else if (is_playbook_source(kind)) {
    size_t errors = error_count(diags);
    auto pb = parse_playbook_source(src, path, diags);
    if (error_count(diags) != errors) out.faulty.insert(path);
    if (!pb) return;
    out.origin.emplace(pb->id, path);  // the first file keeps the id; the checker reports PB021
    out.project.playbooks.push_back(std::move(*pb));
  } else if (kind == SourceKind::Schema) {
    size_t errors = error_count(diags);
    auto s = parse_yaml_schema(src, path, diags);
    if (error_count(diags) != errors) out.faulty.insert(path);
    if (s) merge_schema(out.project.schema, std::move(*s));
  } else if (kind == SourceKind::Calendar) {
    out.project.has_calendar_dir = true;
    if (auto c = parse_yaml_calendar(src, path, diags))
      out.project.calendars.push_back(std::move(*c));
  } else if (kind == SourceKind::Migration) {
    if (auto m = parse_migration(src, path, diags)) out.migrations.push_back(std::move(*m));
  }
}

std::vector<fs::path> files_under(const fs::path& dir, bool& has_calendars, Diagnostics& diags) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.filename().string().starts_with(".") && p.filename().string() != kLintConfigName) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec) && p.filename() == "calendars") has_calendars = true;
    if (it->is_regular_file(ec)) files.push_back(p);
  }
  if (ec)
    diags.error(file_loc(dir.string()), LintCode::UnreadableFile,
                fmt::format("cannot read directory: {}", ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

void merge_schema(std::optional<Schema>& into, Schema part) {
  if (!into) {
    into = std::move(part);
    return;
  }
  std::move(part.attributes.begin(), part.attributes.end(), std::back_inserter(into->attributes));
  std::move(part.rules.begin(), part.rules.end(), std::back_inserter(into->rules));
}

bool read_file(const std::string& path, std::string& out, Diagnostics& diags) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    diags.error(file_loc(path), LintCode::UnreadableFile, "cannot read file: it is a directory");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(file_loc(path), LintCode::UnreadableFile,
                fmt::format("cannot read file: {}", std::strerror(errno)));
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    diags.error(file_loc(path), LintCode::UnreadableFile, "cannot read file: read error");
    return false;
  }
  out = std::move(ss).str();
  return true;
}

LoadResult load_paths(const std::vector<std::string>& paths, Diagnostics& diags) {
  LoadResult out;
  for (const auto& path : paths) {
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      diags.error(file_loc(path), LintCode::UnreadableFile, "no such file or directory");
    } else if (fs::is_directory(st)) {
      bool cal = false;
      for (const auto& p : files_under(path, cal, diags))
        if (auto k = source_kind(p.string()); k != SourceKind::Other)
          load_file(p.string(), k, out, diags);
      out.project.has_calendar_dir |= cal;
    } else if (auto k = source_kind(path); k != SourceKind::Other) {
      load_file(path, k, out, diags);
    } else {
      diags.error(file_loc(path), LintCode::UnreadableFile,
                  "unknown file kind; expected *.playbook, *.playbook.yaml, *.schema.yaml, "
                  "*.migration.yaml or calendars/*.yaml");
    }
  }
  return out;
}

}  // namespace pb
