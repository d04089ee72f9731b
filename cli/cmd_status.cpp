// cmd_status.cpp — the read commands: status, due, history, replay
// (README, "Using it"). `--format json` gives the same facts as the text.
#include <fmt/format.h>

#include <memory>

#include "cli/options.hpp"
#include "model/calendar_math.hpp"
#include "render_status.hpp"
#include "cli/text_out.hpp"
#include "run_common.hpp"

namespace pb::cli {

namespace {

using json = nlohmann::json;

struct ReadOpts {
  std::string tenant, role, queue, until, format = "text";
  int limit = 0;       // due: at most this many lines (0: all)
  bool stuck = false;  // due: only the timers tick could not fire
};

int run_status(const Globals& g, const ReadOpts& o) {
  int exit;
  auto s = open_session(g, exit, kReading);
  if (!s) return exit;
  rt::TenantStatus st;
  if ((exit = report(s->engine->status(o.tenant, st))) != kOk) return exit;
  rt::TenantWorld& w = st.world;
  w.tenant.id = o.tenant;
  std::vector<InstanceView> views;
  auto& stuck = st.stuck;
  for (size_t i = 0; i < w.instances.size(); ++i) {
    InstanceView v{&w.instances[i],
                   s->engine->playbook(w.instances[i].hash),
                   {},
                   stuck[w.instances[i].id],
                   {},
                   {}};
    if (w.instances[i].st.status == InstanceStatus::Active) {
      v.events = s->engine->preview(w, i, s->now, actor(g));
      v.version = s->engine->version_of(w.instances[i].hash);
      std::string current = s->engine->current_version(w.instances[i].st.playbook);
      if (!current.empty() && current != v.version) v.newer = current;
    }
    views.push_back(std::move(v));
  }
  if (o.format == "json")
    fmt::print("{}\n", json_text(render_status_json(w, views)));
  else
    fmt::print("{}", render_status_text(w, views));
  return kOk;
}

int run_due(const Globals& g, const ReadOpts& o) {
  int exit;
  auto s = open_session(g, exit, kReading);
  if (!s) return exit;
  Instant until = s->now;
  if (!o.until.empty() && !parse_time_option("--until", o.until, until)) return kBadInput;
  if (o.until.size() == 10) until += std::chrono::hours{24} - std::chrono::seconds{1};
  json out = json::array();
  rt::Response read = s->engine->due(until, o.queue, [&](const rt::DueTimer& t) {
    if (o.stuck && !t.stuck.stuck()) return true;
    auto cp = s->engine->playbook(t.hash);
    const Step* st = cp ? cp->step(t.step) : nullptr;
    TimerState ts{t.step, t.transition, t.due};
    const Transition* tr = timer_transition(cp.get(), ts);
    // A reminder is for the role it names; any other timer, the step's.
    std::string role = tr && tr->trigger == TriggerKind::Remind ? tr->role : st ? st->role : "";
    if (!o.role.empty() && role != o.role) return true;
    json row = {{"due", format_iso_instant(t.due)},
                {"tenant", t.tenant},
                {"playbook", t.playbook},
                {"step", t.step},
                {"role", role},
                {"stuck", stuck_json(t.stuck)}};
    timer_json(row, cp.get(), ts);
    out.push_back(std::move(row));
    if (o.format != "json")
      out_line("{}  {}  {} {} {}{}{}", format_iso_instant(t.due), t.tenant, t.playbook, t.step,
               timer_text(cp.get(), ts), role.empty() ? "" : "  (" + role + ")",
               stuck_text(t.stuck));
    return o.limit == 0 || out.size() < size_t(o.limit);
  });
  if (read.exit != rt::kOk) return report(read);
  if (o.format == "json") fmt::print("{}\n", json_text(out));
  return kOk;
}

int run_history(const Globals& g, const ReadOpts& o) {
  int exit;
  auto s = open_session(g, exit, kReading);
  if (!s) return exit;
  rt::TenantHistory h;  // one snapshot: the notes and outreach of exactly these events
  if ((exit = report(s->engine->history(o.tenant, h))) != kOk) return exit;
  const auto& events = h.events;
  const auto& notes = h.notes;
  const auto& sent = h.outreach;
  if (o.format == "json") {
    json j = {{"events", json::array()}, {"notes", json::array()}, {"outreach", json::array()}};
    for (const auto& e : events)
      j["events"].push_back({{"id", e.id},
                             {"at", format_iso_instant(e.at)},
                             {"kind", e.kind},
                             {"playbook", e.playbook},
                             {"actor", e.actor},
                             {"summary", e.summary},
                             {"input", json::parse(e.input, nullptr, false)}});
    for (const auto& n : notes)
      j["notes"].push_back({{"at", format_iso_instant(n.at)},
                            {"playbook", n.playbook},
                            {"kind", n.kind},
                            {"text", n.text},
                            {"who", n.who}});
    for (const auto& x : sent)
      j["outreach"].push_back({{"at", format_iso_instant(x.at)},
                               {"template", x.template_name},
                               {"contact", x.contact},
                               {"email", x.email},
                               {"event", x.event}});
    fmt::print("{}\n", json_text(j));
    return kOk;
  }
  for (const auto& e : events) {
    json in = json::parse(e.input, nullptr, false);
    std::string what = in.is_object() ? in.value("event", "") : "";
    if (in.is_object() && in.contains("task")) what = fmt::format("task {}", in["task"].dump());
    std::string subject = what.empty()         ? e.playbook
                          : e.playbook.empty() ? what
                                               : what + " " + e.playbook;
    out_line("#{} {} {}{} by {}{}", e.id, format_iso_instant(e.at), e.kind,
             subject.empty() ? "" : " " + subject, e.actor,
             e.summary.empty() ? "" : ": " + e.summary);
  }
  for (const auto& n : notes)
    out_line("note {} [{}] {}: {}", format_iso_instant(n.at), n.kind, n.who, n.text);
  for (const auto& x : sent)
    out_line("sent {} \"{}\" {} {} <{}> (event #{})", format_iso_instant(x.at), x.template_name,
             x.cc ? "cc" : "to", x.contact, x.email, x.event);
  return kOk;
}

int run_replay(const Globals& g, const ReadOpts& o) {
  int exit;
  auto s = open_session(g, exit, kReading);
  if (!s) return exit;
  rt::TenantWorld w;
  if (!read_tenant(*s, o.tenant, w, exit)) return exit;
  rt::ReplayReport rep = s->engine->replay(o.tenant);
  if (rep.failure.exit != rt::kOk) return report(rep.failure);  // no verdict: not a difference
  if (o.format == "json")
    return fmt::print("{}\n", json_text(json{{"tenant", o.tenant},
                                             {"events", rep.events},
                                             {"matches", rep.diffs.empty()},
                                             {"differences", rep.diffs}})),
           rep.diffs.empty() ? kOk : kCheckFailed;
  for (const auto& d : rep.diffs) out_line("{}", d);
  out_line("replay {}: {} events, {}", o.tenant, rep.events,
           rep.diffs.empty() ? "the stored state matches"
                             : fmt::format("{} differences", rep.diffs.size()));
  return rep.diffs.empty() ? kOk : kCheckFailed;
}

CLI::Option* format_opt(CLI::App* cmd, ReadOpts& o) {
  return cmd->add_option("--format", o.format, "text or json")->check(one_of({"text", "json"}));
}

const Registrar reg(Place::Read, [](CLI::App& root, Globals& g) {
  auto o = std::make_shared<ReadOpts>();
  auto* status = root.add_subcommand("status", "show a tenant's playbooks, steps and timers");
  status->add_option("tenant", o->tenant, "tenant id")->required();
  format_opt(status, *o);
  status->callback([o, &g] { g.exit_code = run_status(g, *o); });
  auto* due = root.add_subcommand("due", "list timers due (by --until, default now)");
  due->add_option("--role", o->role, "only steps of this role");
  due->add_option("--queue", o->queue, "only tenants assigned to this RM/FM queue");
  due->add_option("--limit", o->limit, "at most N lines, oldest first")->check(whole_number(0));
  due->add_option("--until", o->until, "date or date-time (default: now)");
  due->add_flag("--stuck", o->stuck, "only timers that tick could not fire (stuck)");
  format_opt(due, *o);
  due->callback([o, &g] { g.exit_code = run_due(g, *o); });
  auto* hist = root.add_subcommand(
      "history", "a tenant's event log, notes and outreach (what was sent to whom)");
  hist->add_option("tenant", o->tenant, "tenant id")->required();
  format_opt(hist, *o);
  hist->callback([o, &g] { g.exit_code = run_history(g, *o); });
  auto* rep = root.add_subcommand("replay", "rebuild a tenant from its log and compare");
  rep->add_option("tenant", o->tenant, "tenant id")->required();
  format_opt(rep, *o);
  rep->callback([o, &g] { g.exit_code = run_replay(g, *o); });
});

}  // namespace

}  // namespace pb::cli
