// cmd_whatif.cpp — `playbook whatif PLAYBOOK --start DATE [--region R]
// [--sample NAME] [--set k=v…] [--until DATE|+OFFSET] [--follow]
// [--format text|json] [EVENT@OFFSET[:k=v,…]…]`: the timeline one tenant
// would follow, with real calendar dates (runtime/whatif.hpp, docs/whatif.md).
//
// Output (text): a header (tenant source, calendar, holidays met on the way),
// one line per input or timer ("Tue 2026-12-29 09:00  timer after 2 business
// days  customer-engagement: ask_account_team -> email_1") with indented
// outreach, task and note lines, then how it ended. Exit: 0; 2 for an
// unknown playbook, a bad option or a run that cannot start.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/project_cli.hpp"
#include "cli/run_common.hpp"
#include "cli/text_out.hpp"
#include "cli/whatif_parse.hpp"
#include "grammar/describe.hpp"
#include "model/calendar_math.hpp"

namespace pb::cli {
namespace {

std::string when(Instant t) {
  static const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  std::chrono::weekday wd{day_of(t)};
  std::string iso = format_iso_instant(t);  // YYYY-MM-DDTHH:MM:SSZ
  return fmt::format("{} {} {}", names[wd.c_encoding()], iso.substr(0, 10), iso.substr(11, 5));
}

const Transition* transition_at(const Project& p, const std::string& pb, const Loc& loc) {
  const Playbook* b = loc.line ? p.playbook(pb) : nullptr;
  if (!b) return nullptr;
  for (const Transition* t : all_transitions(*b))
    if (t->loc.line == loc.line && t->loc.col == loc.col) return t;
  return nullptr;
}

std::string what_of(const Project& p, const rt::whatif::Entry& e) {
  using K = rt::whatif::Kind;
  switch (e.kind) {
    case K::Start: return "start " + e.what;
    case K::Event: return "event " + e.what;
    case K::Task: return "complete " + e.what;
    case K::Refused: return "refused " + e.what;
    case K::Skipped: return "skipped " + e.what;
    case K::Timer: break;
  }
  const Transition* t = transition_at(p, e.playbook, e.taken);
  return t ? "timer " + describe_trigger(*t, TriggerStyle::Compact) : "timer";
}

std::vector<std::pair<Days, std::string>> holidays_met(const Project& p,
                                                       const rt::whatif::Timeline& tl, Instant from,
                                                       Instant to) {
  std::vector<std::pair<Days, std::string>> out;
  const Calendar* cal = tl.calendar.empty() ? nullptr : p.calendar(tl.calendar);
  if (!cal) return out;
  for (const auto& [d, name] : cal->holidays)
    if (d >= day_of(from) && d <= day_of(to)) out.emplace_back(d, name);
  return out;
}

// When the run's last input or timer happened (skipped inputs do not count).
Instant last_at(const rt::whatif::Request& req, const rt::whatif::Timeline& tl) {
  Instant last = req.start;
  for (const auto& e : tl.entries)
    if (e.kind != rt::whatif::Kind::Skipped) last = e.at;
  return last;
}

void print_text(const Project& p, const rt::whatif::Request& req, const rt::whatif::Timeline& tl,
                const std::string& tenant_source) {
  Instant last = last_at(req, tl);
  fmt::print("whatif {}: tenant {}\n", req.playbook, tenant_source);
  if (p.calendar(tl.calendar))
    fmt::print("calendar: {}\n", tl.calendar);
  else
    fmt::print("calendar: default (Mon-Fri, no holidays; --region picks the tenant's)\n");
  for (const auto& [d, name] : holidays_met(p, tl, req.start, last))
    fmt::print("  holiday {}: {}\n", when(start_of(d)).substr(0, 14), name);
  for (const auto& e : tl.entries) {
    std::string what = what_of(p, e);
    fmt::print("{}  {}{}\n", when(e.at), what, e.summary.empty() ? "" : "  " + e.summary);
    std::string pad(22, ' ');
    if (!e.payload.empty()) {
      std::vector<std::string> kv;
      for (const auto& [k, v] : e.payload) kv.push_back(k + "=" + v);
      fmt::print("{}with {}\n", pad, fmt::join(kv, ", "));
    }
    if (!e.message.empty())
      fmt::print("{}{}{}\n", pad, e.message, e.code.empty() ? "" : " [" + e.code + "]");
    for (const auto& s : e.sent)
      fmt::print("{}sent \"{}\" {} {} <{}>\n", pad, s.template_name, s.cc ? "cc" : "to", s.contact,
                 s.email);
    if (!e.tasks.empty()) fmt::print("{}tasks: {}\n", pad, fmt::join(e.tasks, ", "));
    for (const auto& n : e.notes) fmt::print("{}note: \"{}\"\n", pad, n);
  }
  if (!tl.ended.empty())
    fmt::print("ended {}: {}\n", when(last), tl.ended);
  else
    fmt::print("still running at {} (--until)\n", when(req.until));
}

nlohmann::json to_json(const Project& p, const rt::whatif::Request& req,
                       const rt::whatif::Timeline& tl, const std::string& tenant_source) {
  static const char* kinds[] = {"start", "event", "task", "timer", "refused", "skipped"};
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : tl.entries) {
    nlohmann::json sent = nlohmann::json::array(), payload = nlohmann::json::object();
    for (const auto& [k, v] : e.payload) payload[k] = v;
    for (const auto& s : e.sent)
      sent.push_back({{"template", s.template_name}, {"contact", s.contact}, {"email", s.email}});
    entries.push_back({{"at", format_iso_instant(e.at)},
                       {"day", when(e.at).substr(0, 3)},
                       {"kind", kinds[static_cast<int>(e.kind)]},
                       {"what", what_of(p, e)},
                       {"summary", e.summary},
                       {"payload", payload},
                       {"sent", sent},
                       {"tasks", e.tasks},
                       {"notes", e.notes},
                       {"code", e.code},
                       {"message", e.message}});
  }
  nlohmann::json hol = nlohmann::json::array();
  Instant last = last_at(req, tl);
  for (const auto& [d, name] : holidays_met(p, tl, req.start, last))
    hol.push_back({{"date", format_iso_date(d)}, {"name", name}});
  return {{"playbook", req.playbook},
          {"tenant", tenant_source},
          {"calendar", tl.calendar},
          {"start", format_iso_instant(req.start)},
          {"until", format_iso_instant(req.until)},
          {"holidays", hol},
          {"entries", entries},
          {"ended", tl.ended},
          {"ended_at", tl.ended.empty() ? "" : format_iso_instant(last)}};
}

int run_whatif(const Globals& g, const WhatifOpts& o) {
  std::optional<LoadResult> project;
  const Playbook* pb = find_playbook(g, project, o.playbook);
  if (!pb) return kBadInput;
  rt::whatif::Request req;
  std::string tenant_source;
  if (!build_request(g, o, *project, *pb, req, tenant_source)) return kBadInput;
  rt::Catalog catalog = catalog_of(*project);
  rt::whatif::Timeline tl = rt::whatif::run(req, catalog);
  if (!tl.error.empty()) return fmt::print(stderr, "error: {}\n", tl.error), kBadInput;
  if (o.format == "json")
    fmt::print("{}\n", json_text(to_json(project->project, req, tl, tenant_source)));
  else
    print_text(project->project, req, tl, tenant_source);
  return kOk;
}

const Registrar reg(Place::Whatif, [](CLI::App& root, Globals& g) {
  auto o = std::make_shared<WhatifOpts>();
  auto* cmd = root.add_subcommand(
      "whatif", "the timeline a tenant would follow, with real calendar dates (nothing is stored)");
  cmd->add_option("playbook", o->playbook, "playbook id or file")->required();
  cmd->add_option("inputs", o->inputs,
                  "EVENT@OFFSET[:k=v,…] or TASK@OFFSET; OFFSET: +3d, +2bd, +4h, +1w or a date");
  cmd->add_option("--start", o->start,
                  "when the playbook starts: a date (09:00 UTC) or a date-time")
      ->required();
  cmd->add_option("--region", o->region,
                  "the value of the playbook's calendar attribute (e.g. EMEA)");
  cmd->add_option("--sample", o->sample,
                  "take the tenant's attributes from PLAYBOOKS/samples/NAME.tenant.yaml");
  cmd->add_option("--set", o->sets, "a tenant attribute k=v (repeatable)")->allow_extra_args(false);
  cmd->add_option("--until", o->until,
                  "the horizon: a date, a date-time or +OFFSET (default +365d)");
  cmd->add_flag("--follow", o->follow, "continue into the playbooks a goto starts");
  cmd->add_option("--format", o->format, "text or json")->check(one_of({"text", "json"}));
  cmd->callback([o, &g] { g.exit_code = run_whatif(g, *o); });
});

}  // namespace
}  // namespace pb::cli
