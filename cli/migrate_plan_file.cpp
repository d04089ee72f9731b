// migrate_plan_file.cpp — reading `--plan-file` (migrate_plan_file.hpp).
#include "cli/migrate_plan_file.hpp"

#include <nlohmann/json.hpp>

#include "cli/text_out.hpp"
#include "grammar/loader.hpp"

namespace pb::cli {

namespace {

using json = nlohmann::json;

// LINE:COL of byte `at` (1-based, as nlohmann counts) in `text`.
std::string line_col(const std::string& text, size_t at) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i + 1 < at && i < text.size(); ++i) {
    if (text[i] == '\n')
      ++line, col = 1;
    else
      ++col;
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

bool is_text(const json& j, const char* key) { return j.contains(key) && j[key].is_string(); }
bool is_int(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer();
}

// One instance of the plan; "" when it is well formed, else what is wrong.
std::string read_instance(const json& j, std::map<std::string, rt::PlannedInstance>& out) {
  if (!j.is_object()) return "is not an object";
  for (const char* key : {"tenant", "pinned", "step"})
    if (!is_text(j, key)) return fmt::format("has no text '{}'", key);
  for (const char* key : {"tenant_version", "instance_version"})
    if (!is_int(j, key)) return fmt::format("has no number '{}'", key);
  std::string tenant = j["tenant"];
  rt::PlannedInstance p{j["pinned"], j["step"], j["tenant_version"], j["instance_version"]};
  if (!out.emplace(tenant, std::move(p)).second)
    return fmt::format("lists tenant '{}' a second time", tenant);
  return "";
}

bool bad(const std::string& file, const std::string& why, int& exit) {
  err_line("error: {}: {}; write it with `playbook migrate PLAYBOOK --format json` [bad-value]",
           file, why);
  exit = rt::kBadInput;
  return false;
}

}  // namespace

bool read_plan_file(const std::string& file, rt::MigrationRequest& req, int& exit) {
  std::string text;
  Diagnostics d;
  if (!read_file(file, text, d)) return bad(file, "cannot be read", exit);
  json plan;
  try {
    plan = json::parse(text);
  } catch (const json::parse_error& e) {
    return bad(file + ":" + line_col(text, e.byte), "is not a JSON migration plan", exit);
  }
  if (!plan.is_object() || !is_text(plan, "playbook") || !plan.contains("instances") ||
      !plan["instances"].is_array() || !plan.contains("totals") ||
      !is_text(plan["totals"], "to_version") || plan["totals"]["to_version"] == "")
    return bad(file, "is not a migration plan (no playbook, instances or totals.to_version)", exit);
  if (plan["playbook"] != req.playbook)
    return bad(file,
               fmt::format("is a plan for playbook '{}', not '{}'",
                           plan["playbook"].get<std::string>(), req.playbook),
               exit);
  std::map<std::string, rt::PlannedInstance> planned;
  const json& list = plan["instances"];
  for (size_t i = 0; i < list.size(); ++i)
    if (auto why = read_instance(list[i], planned); !why.empty())
      return bad(file, fmt::format("instance {} {}", i + 1, why), exit);
  req.plan_version = plan["totals"]["to_version"];
  req.planned = std::move(planned);
  return true;
}

}  // namespace pb::cli
