// cmd_migrate.cpp — `playbook versions` and `playbook migrate` (README,
// "Changing a playbook"; docs/runtime.md "Versions" and "Migration").
//
//  * versions PLAYBOOK: every version the store holds, oldest first, with
//    its running and finished instances and which one the directory holds.
//  * migrate PLAYBOOK [--to FILE]: the plan (default) or, with --apply, the
//    migration of every selected running instance on another version. The
//    plan streams one line (text) or one object (json) per instance, then
//    the totals. Exit 0; 1 when an instance is blocked (plan) or was not
//    migrated (apply); 2 for a bad new version, map or plan file.
//  * --plan-file PLAN (the JSON a plan printed): only PLAN's instances,
//    each refused `changed-since-plan` when it changed since; the others
//    are counted "not in the plan" and left alone.
#include <fmt/format.h>

#include <memory>

#include "cli/migrate_input.hpp"
#include "cli/migrate_plan_file.hpp"
#include "cli/options.hpp"
#include "cli/render_status.hpp"
#include "cli/text_out.hpp"
#include "model/calendar_math.hpp"

namespace pb::cli {

namespace {

using json = nlohmann::json;

std::string short_id(const std::string& v) { return v.substr(0, 12); }

int run_versions(const Globals& g, const MigrateOpts& o) {
  int exit;
  auto s = open_session(g, exit, kReading);
  if (!s) return exit;
  std::vector<rt::VersionRow> rows;
  if ((exit = report(s->engine->versions(o.playbook, rows))) != kOk) return exit;
  json out = json::array();
  for (const auto& v : rows) {
    out.push_back({{"version", v.version},
                   {"pinned", v.pinned},
                   {"file", v.filename},
                   {"active", v.active},
                   {"finished", v.finished},
                   {"current", v.current}});
    if (o.format == "json") continue;
    std::string aliases;
    for (const auto& p : v.pinned)
      if (p != v.version) aliases += " alias " + p;
    out_line("{}  {} running, {} finished  {}{}{}", short_id(v.version), v.active, v.finished,
             v.filename, v.current ? "  (current)" : "", aliases);
  }
  if (o.format == "json") fmt::print("{}\n", json_text(out));
  if (rows.empty() && o.format != "json")
    out_line("no version of {} is pinned in the store", o.playbook);
  return kOk;
}

std::vector<std::string> timer_lines(const CompiledPlaybook* to, const InstanceMigration& m) {
  std::vector<std::string> out;
  for (const auto& t : m.timers)
    out.push_back(fmt::format("{} {} due {}: {}", t.timer.step, timer_text(to, t.timer),
                              format_iso_instant(t.timer.due), to_string(t.fate)));
  return out;
}

json plan_json(const CompiledPlaybook* to, const rt::InstancePlan& ip) {
  const auto& m = ip.plan;
  json steps = json::array(), tasks = json::array();
  for (const auto& mv : m.steps)
    steps.push_back({{"region", mv.region}, {"from", mv.from}, {"to", mv.to}});
  for (const auto& t : m.tasks)
    tasks.push_back({{"from", t.from}, {"to", t.to}, {"state", to_string(t.status)}});
  json j{{"tenant", ip.tenant},
         {"from_version", ip.from_version},
         {"pinned", ip.from_hash},
         {"step", ip.before.step},
         {"verdict", to_string(m.verdict)},
         {"reasons", m.reasons},
         {"steps", steps},
         {"lands_on", m.after.step},
         {"tasks", tasks},
         {"timers", timer_lines(to, m)},
         {"tenant_version", ip.tenant_version},
         {"instance_version", ip.instance_version}};
  if (ip.outcome.exit != rt::kOk)
    j["refused"] = {{"code", std::string(ip.outcome.code.str())}, {"message", ip.outcome.message}};
  else if (ip.outcome.event)
    j["event"] = ip.outcome.event;
  return j;
}

void plan_text(const CompiledPlaybook* to, const rt::InstancePlan& ip) {
  const auto& m = ip.plan;
  std::string where = ip.before.step;
  if (!m.after.step.empty() && m.after.step != ip.before.step) where += " -> " + m.after.step;
  if (ip.outcome.exit != rt::kOk && ip.outcome.event == 0 && m.reasons.empty()) {
    out_line("refused  {}  {}: {} [{}]", ip.tenant, where, ip.outcome.message, ip.outcome.code);
    return;
  }
  out_line("{:<8} {}  {}  (from {})", to_string(m.verdict), ip.tenant, where,
           short_id(ip.from_version));
  for (const auto& r : m.reasons) out_line("    blocked: {}", r);
  for (const auto& mv : m.steps)
    if (!mv.region.empty()) out_line("    region {}: {} -> {}", mv.region, mv.from, mv.to);
  for (const auto& t : m.tasks)
    out_line("    task {} ({}): {}", t.from, to_string(t.status),
             t.to ? fmt::format("carried over to task {}", t.to) : std::string("dropped"));
  for (const auto& l : timer_lines(to, m)) out_line("    timer {}", l);
  if (ip.outcome.event) out_line("    migrated: event {}", ip.outcome.event);
}

int totals(const MigrateOpts& o, const rt::MigrationTotals& t) {
  json j{{"to_version", t.to_version}, {"as_is", t.as_is},        {"mapped", t.mapped},
         {"blocked", t.blocked},       {"current", t.current},    {"migrated", t.migrated},
         {"refused", t.refused},       {"unplanned", t.unplanned}};
  if (o.format == "json")
    fmt::print("],\n\"totals\": {}\n}}\n", json_text(j));
  else
    out_line("{} as is, {} mapped, {} blocked, {} already on {}{}{}", t.as_is, t.mapped, t.blocked,
             t.current, short_id(t.to_version),
             o.apply ? fmt::format("; {} migrated, {} refused", t.migrated, t.refused) : "",
             o.plan_file.empty() ? "" : fmt::format("; {} not in the plan", t.unplanned));
  if (t.failure.exit != rt::kOk) return report(t.failure);
  bool short_of = o.apply ? t.refused + t.blocked > 0 : t.blocked + t.refused > 0;
  return short_of ? kCheckFailed : kOk;
}

int run_migrate(const Globals& g, const MigrateOpts& o) {
  int exit;
  auto s = open_session(g, exit, kWriting);
  if (!s) return exit;
  MigrateTarget t;
  if (!read_target(*s, o, t, exit) || !check_against_store(*s, t, o.apply, exit)) return exit;
  if (!o.plan_file.empty() && !read_plan_file(o.plan_file, t.req, exit)) return exit;
  std::shared_ptr<const CompiledPlaybook> to;
  bool first = true;
  if (o.format == "json")
    fmt::print("{{\"playbook\": {}, \"instances\": [\n", json(o.playbook).dump());
  auto each = [&](const rt::InstancePlan& ip) {
    if (!to) to = ip.to;
    if (o.format == "json") {
      fmt::print("{}{}", first ? "" : ",\n", plan_json(to.get(), ip).dump());
      first = false;
    } else {
      plan_text(to.get(), ip);
    }
  };
  if (o.format != "json")
    out_line("{} {} to {}{}", o.apply ? "migrating" : "plan: migrate", o.playbook,
             t.req.to.filename, t.map_file.empty() ? "" : " with " + t.map_file);
  auto result = s->engine->migrate(t.req, s->now, o.apply, actor(g), each);
  if (o.format == "json" && !first) fmt::print("\n");
  return totals(o, result);
}

const Registrar reg(Place::Migrate, [](CLI::App& root, Globals& g) {
  auto o = std::make_shared<MigrateOpts>();
  auto* ver = root.add_subcommand("versions", "a playbook's versions in the store, with instances");
  ver->add_option("playbook", o->playbook, "playbook id")->required();
  ver->add_option("--format", o->format, "text or json")->check(one_of({"text", "json"}));
  ver->callback([o, &g] { g.exit_code = run_versions(g, *o); });
  auto* mig = root.add_subcommand(
      "migrate", "plan (default) or --apply moving running instances to a new version");
  mig->add_option("playbook", o->playbook, "playbook id")->required();
  mig->add_option("--to", o->to, "the new version's file (default: the directory's)");
  mig->add_option("--migration", o->migration,
                  "migration file (default: PLAYBOOK.migration.yaml beside the new version)");
  mig->add_option("--map", o->maps, "OLD=NEW step, or task:OLD=NEW|drop (repeatable)");
  auto* apply = mig->add_flag("--apply", o->apply, "migrate: one logged input per instance");
  mig->add_option("--batch", o->batch,
                  "tenants per transaction; applying, per commit (default 256)")
      ->check(CLI::Range(1, 1 << 20));
  mig->add_flag("--plan", o->plan, "print the plan, change nothing (the default)")->excludes(apply);
  mig->add_option("--plan-file", o->plan_file,
                  "only the instances of this plan (`migrate --format json`), each refused if it "
                  "changed since");
  mig->add_option("--tenant", o->tenants, "only this tenant (repeatable)");
  mig->add_option("--step", o->step, "only instances in this step");
  mig->add_option("--where", o->where, "only tenants with ATTRIBUTE=VALUE (repeatable)");
  mig->add_option("--format", o->format, "text or json")->check(one_of({"text", "json"}));
  mig->callback([o, &g] { g.exit_code = run_migrate(g, *o); });
});

}  // namespace

}  // namespace pb::cli
