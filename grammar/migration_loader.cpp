// migration_loader.cpp — the migration file and `--map` arguments
// (migration_loader.hpp).
#include "grammar/migration_loader.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "yaml_internal.hpp"
#include "yaml_reader.hpp"

namespace pb {

namespace {

using yaml::Field;
using yaml::Reader;

bool task_id(std::string_view s, int64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out > 0;
}

// Each `KEY: VALUE` of a mapping of scalars, in order, with positions; a
// key given twice is reported (yaml-cpp keeps both silently).
template <class Each>
void each_pair(Reader& r, const Field& f, Each each) {
  if (!f.node.IsMap()) return r.wrong_type(f, "a mapping of old id: new id");
  std::map<std::string, Loc> seen;
  for (auto it = f.node.begin(); it != f.node.end(); ++it) {
    Loc kl = r.loc(it->first), vl = r.loc(it->second);
    if (!it->first.IsScalar() || !it->second.IsScalar()) {
      r.invalid(kl, fmt::format("{} maps ids to ids: write `OLD: NEW`", f.name));
      continue;
    }
    std::string key = it->first.Scalar();
    if (auto [first, fresh] = seen.emplace(key, kl); !fresh) {
      r.diags.error(
          kl, LintCode::DuplicateKey,
          fmt::format("'{}' is mapped twice (first at line {})", key, first->second.line));
      continue;
    }
    each(key, it->second.Scalar(), kl, vl);
  }
}

void read_steps(Reader& r, const Field& f, MigrationMap& m) {
  each_pair(r, f, [&](const std::string& from, const std::string& to, Loc kl, Loc vl) {
    if (to.empty()) return r.invalid(vl, fmt::format("step {} is mapped to nothing", from));
    m.steps.push_back(StepMapping{kl, from, to, vl});
  });
}

void read_tasks(Reader& r, const Field& f, MigrationMap& m) {
  each_pair(r, f, [&](const std::string& from, const std::string& to, Loc kl, Loc vl) {
    TaskMapping t{kl, 0, 0, vl};
    if (!task_id(from, t.from))
      return r.invalid(kl, fmt::format("'{}' is not a task id (a positive integer)", from));
    if (to != "drop" && !task_id(to, t.to))
      return r.invalid(vl,
                       fmt::format("task {} must map to a task id or `drop`, got '{}'", from, to));
    m.tasks.push_back(t);
  });
}

}  // namespace

std::optional<MigrationMap> parse_migration(std::string_view text, const std::string& filename,
                                            Diagnostics& diags) {
  auto doc = yaml::load_document(text, filename, diags);
  if (!doc) return std::nullopt;
  Reader r(text, filename, diags);
  Field root = r.root(*doc, "the migration file");
  if (!r.mapping(root, yaml::keys("migration_file"))) return std::nullopt;
  MigrationMap m;
  m.loc = root.loc;
  yaml::read_key(r, root, "migration", m.playbook, yaml::str, true);
  if (auto s = r.get(root, "steps")) read_steps(r, *s, m);
  if (auto t = r.get(root, "tasks")) read_tasks(r, *t, m);
  return m;
}

void parse_map_args(const std::vector<std::string>& args, MigrationMap& into, Diagnostics& diags) {
  Loc at;
  at.file = std::make_shared<const std::string>("--map");
  for (const auto& a : args) {
    auto eq = a.find('=');
    std::string from = a.substr(0, eq), to = eq == std::string::npos ? "" : a.substr(eq + 1);
    if (eq == std::string::npos || from.empty() || to.empty()) {
      diags.error(at, LintCode::InvalidValue,
                  fmt::format("--map '{}' must be OLD=NEW (a step) or task:OLD=NEW|drop", a));
      continue;
    }
    if (from.rfind("task:", 0) != 0) {
      into.steps.push_back(StepMapping{at, from, to, at});
      continue;
    }
    TaskMapping t{at, 0, 0, at};
    if (!task_id(from.substr(5), t.from) || (to != "drop" && !task_id(to, t.to)))
      diags.error(
          at, LintCode::InvalidValue,
          fmt::format("--map '{}' must be task:OLD=NEW with task ids, or task:OLD=drop", a));
    else
      into.tasks.push_back(t);
  }
}

}  // namespace pb
