// engine_lint.cpp — a playbook is pinned only when it lints clean
// (engine_impl.hpp). The checker runs over the whole catalog's project, so
// cross-file findings are seen (a `goto playbook` to nothing, a duplicate
// playbook id, a task named two ways, the shared schema's rules), once per
// catalog (shared through its CompileCache; per engine without one), the
// first time a playbook is to be started. A playbook's errors are the error
// diagnostics in any file that declares its id, plus those in files that
// declare no playbook (the shared schema, calendars), which every playbook
// is compiled with. Warnings never block.
#include <fmt/format.h>

#include <set>

#include "engine_impl.hpp"
#include "interpreter/checker.hpp"

namespace pb::rt {

namespace {

std::string line_of(const Diagnostic& d) {
  std::string hint = d.hint.empty() ? "" : fmt::format(" ({})", d.hint);
  return fmt::format("{}: error: {}{} [{}]", d.loc.str(), d.message, hint, d.code);
}

CompileCache::LintErrors errors_by_playbook(const Project& project) {
  Diagnostics diags;
  check_project(project, diags);
  diags.sort();
  std::map<std::string, std::set<std::string>> ids_of_file;  // file → playbook ids it declares
  for (const auto& p : project.playbooks) ids_of_file[p.loc.filename()].insert(p.id);
  CompileCache::LintErrors out;
  for (const auto& d : diags.items()) {
    if (d.severity != Severity::Error) continue;
    auto it = ids_of_file.find(d.loc.filename());
    if (it != ids_of_file.end()) {
      for (const auto& id : it->second) out[id].push_back(line_of(d));
      continue;
    }
    for (const auto& p : project.playbooks) out[p.id].push_back(line_of(d));  // shared by all
  }
  return out;
}

}  // namespace

std::shared_ptr<const CompileCache::LintErrors> CompileCache::lint(
    const std::function<LintErrors()>& compute) {
  std::lock_guard lock(mutex_);
  if (!lint_) lint_ = std::make_shared<const LintErrors>(compute());
  return lint_;
}

bool Engine::Impl::lint_clean(const std::string& playbook, Refusal& why) {
  if (!cat.project) return true;
  if (!lint_errors) {
    auto compute = [this] { return errors_by_playbook(*cat.project); };
    lint_errors = cat.cache ? cat.cache->lint(compute)
                            : std::make_shared<const CompileCache::LintErrors>(compute());
  }
  auto it = lint_errors->find(playbook);
  if (it == lint_errors->end()) return true;
  why = Refusal{
      RefusalCode::PlaybookInvalid,
      fmt::format(
          "playbook '{}' has {} lint error{}; it cannot be started until `playbook lint` passes",
          playbook, it->second.size(), it->second.size() == 1 ? "" : "s"),
      true};
  why.details = it->second;
  return false;
}

}  // namespace pb::rt
