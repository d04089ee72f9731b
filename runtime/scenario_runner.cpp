// scenario_runner.cpp — runs a Scenario (scenario.hpp) through rt::Engine on
// an in-memory SQLite store, with the scenario's clock, and checks each
// step's expectations against what the store holds afterwards.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "model/calendar_math.hpp"
#include "runtime/clock_run.hpp"
#include "runtime/scenario.hpp"
#include "runtime/store_world.hpp"

namespace pb::scen {

namespace {

struct Run {
  Run(const Scenario& sc, const rt::Catalog& c)
      : s(sc), cat(c), store(":memory:"), engine(store, cat) {}
  const Scenario& s;
  const rt::Catalog& cat;
  rt::Store store;
  rt::Engine engine;
  Instant now{};
  Result res;
  std::string clock_error;  // set by run_clock when its bound was hit
};

// The instance a check looks at: PLAYBOOK's latest when named, else the
// last active one, else the last one.
const rt::InstanceRec* current(const rt::TenantWorld& w, const std::string& playbook) {
  const rt::InstanceRec* last = nullptr;
  for (const auto& i : w.instances)
    if (playbook.empty() || i.st.playbook == playbook) last = &i;
  if (!playbook.empty()) return last;
  for (auto it = w.instances.rbegin(); it != w.instances.rend(); ++it)
    if (it->st.status == InstanceStatus::Active) return &*it;
  return last;
}

std::string attr_text(const TenantState& t, std::string path) {
  if (path.starts_with("tenant.")) path = path.substr(7);
  if (auto it = t.attrs.find(path); it != t.attrs.end()) {
    if (it->second.contacts) return contacts_text(*it->second.contacts);  // as written in a step
    return it->second.is_set() ? to_text(it->second) : "unset";
  }
  auto d1 = path.find('.'), d2 = path.rfind('.');
  if (d1 == std::string::npos || d1 == d2) return "unset";
  auto it = t.attrs.find(path.substr(0, d1));
  if (it == t.attrs.end() || !it->second.records) return "unset";
  auto rec = it->second.records->find(path.substr(d1 + 1, d2 - d1 - 1));
  if (rec == it->second.records->end()) return "unset";
  auto f = rec->second.find(path.substr(d2 + 1));
  return f == rec->second.end() || !f->second.is_set() ? "unset" : to_text(f->second);
}

std::string step_of(const rt::TenantWorld& w, const std::string& want) {
  auto slash = want.find('/');
  std::string pb = slash == std::string::npos ? "" : want.substr(0, slash);
  const rt::InstanceRec* i = current(w, pb);
  if (!i) return "no instance";
  return slash == std::string::npos ? i->st.step : i->st.playbook + "/" + i->st.step;
}

// "" when region `id` of the current instance is in step `want`, else where it is.
std::string region_found(const rt::TenantWorld& w, const std::string& id, const std::string& want) {
  const auto* i = current(w, "");
  if (!i) return "no instance";
  for (const auto& r : i->st.regions)
    if (r.id == id) return r.step == want ? "" : "step " + r.step;
  return fmt::format("no region '{}' (the run is in step {})", id, i->st.step);
}

std::vector<std::string> assignments(const TenantState& t) {
  std::vector<std::string> out;
  for (const auto& a : t.assignments)
    out.push_back(
        fmt::format("{} {}{}", to_string(a.queue), a.name, a.primary ? " (primary)" : ""));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> timers(const rt::TenantWorld& w) {
  std::vector<std::string> out;
  if (const auto* i = current(w, ""); i && i->st.status == InstanceStatus::Active)
    for (const auto& t : i->st.timers) out.push_back(format_iso_instant(t.due));
  std::sort(out.begin(), out.end());
  return out;
}

std::string notes_found(Run& r, const std::string& want, bool prefix) {
  auto notes = rt::notes_of(r.store, r.s.tenant);
  for (const auto& n : notes)
    if (prefix ? n.text.starts_with(want) : n.text == want) return "";
  std::vector<std::string> texts;
  for (const auto& n : notes) texts.push_back("\"" + n.text + "\"");
  return texts.empty() ? "no notes" : fmt::format("notes {}", fmt::join(texts, ", "));
}

// "" when the check holds, else what was found.
std::string verify(Run& r, const Check& c, const rt::TenantWorld& w, const rt::Response* refusal) {
  if (c.what == "refused") {
    if (!refusal) return "the step was applied";
    return refusal->code.str() == c.want
               ? ""
               : fmt::format("refused with {}: {}", refusal->code, refusal->message);
  }
  if (c.what == "step") {
    std::string got = step_of(w, c.want);
    return got == c.want ? "" : "step " + got;
  }
  if (c.what == "regions") return region_found(w, c.key, c.want);
  if (c.what == "tasks") {
    auto it = w.tenant.tasks.find(std::stoll(c.key));
    std::string got =
        to_string(it != w.tenant.tasks.end() ? it->second.status : TaskStatus::NotStarted);
    return got == c.want ? "" : got;
  }
  if (c.what == "attributes") {
    std::string got = attr_text(w.tenant, c.key);
    return got == c.want ? "" : got;
  }
  if (c.what == "ended") {
    const auto* i = current(w, "");
    if (!i) return "no instance";
    if (i->st.status == InstanceStatus::Active) return "still active in step " + i->st.step;
    return i->st.outcome == c.want ? ""
                                   : fmt::format("{} {}", to_string(i->st.status), i->st.outcome);
  }
  if (c.what == "notes") {
    for (const auto& n : c.list)
      if (auto got = notes_found(r, n.substr(n.find(':') + 1), n.starts_with("prefix:"));
          !got.empty())
        return got;
    return "";
  }
  auto want = c.list;
  std::sort(want.begin(), want.end());
  auto got = c.what == "timers" ? timers(w) : assignments(w.tenant);
  return got == want ? "" : got.empty() ? "none" : fmt::format("{}", fmt::join(got, ", "));
}

std::string describe(const Check& c) {
  if (c.what == "tasks" || c.what == "attributes" || c.what == "regions")
    return fmt::format("{} {}: {}", c.what, c.key, c.want);
  if (!c.list.empty() || c.what == "assignments" || c.what == "timers" || c.what == "notes")
    return fmt::format("{}: {}", c.what, fmt::join(c.list, ", "));
  return fmt::format("{}: {}", c.what, c.want);
}

void fail(Run& r, size_t step, std::string what, std::string found, const Loc& loc) {
  r.res.failures.push_back(Failure{step, std::move(what), std::move(found), loc});
}

// At most this many timer ticks in one `advance`/`until` step.
constexpr int kMaxTicks = 1000;

// Fires every timer due up to `target`, each at its own due instant; a
// timer loop that outlasts kMaxTicks is left in r.clock_error.
void run_clock(Run& r, Instant target) {
  rt::ClockRun run = rt::fire_due_until(r.engine, r.s.tenant, r.now, target, kMaxTicks);
  if (!run.ok()) r.clock_error = run.error;
}

const Calendar& calendar_now(Run& r) {
  rt::TenantWorld w;
  if (r.engine.load(r.s.tenant, w).exit != rt::kOk || !r.cat.project) return default_calendar();
  const auto* i = current(w, "");
  auto cp = i ? r.engine.playbook(i->hash) : nullptr;
  if (!cp) return default_calendar();
  return pick_calendar(*cp, w.tenant, r.cat.project->calendars);
}

rt::Response submit(Run& r, const Step& st) {
  rt::LogInput in;
  in.at = r.now;
  in.input.actor = st.actor.empty() ? "scenario" : st.actor;
  in.input.note = st.note;
  in.input.note_kind = NoteKind{st.note_kind};
  in.input.sets = st.sets;
  if (st.kind == StepKind::Fire)
    in.op = rt::InputOp::Fire, in.input.kind = InputKind::Fire, in.input.event = st.event;
  if (st.kind == StepKind::Complete)
    in.op = rt::InputOp::Complete, in.input.kind = InputKind::Complete, in.input.task = st.task;
  if (st.kind == StepKind::Mark) {
    in.op = rt::InputOp::Mark, in.input.kind = InputKind::Mark, in.input.task = st.task;
    parse_task_status(st.state, in.input.status);  // the loader checked it
  }
  if (st.kind == StepKind::Note) in.op = rt::InputOp::Note, in.input.kind = InputKind::Note;
  in.playbook = st.playbook;
  if (st.kind == StepKind::Start)
    in.op = rt::InputOp::Start, in.input.kind = InputKind::Start, in.playbook = st.event;
  return r.engine.submit(r.s.tenant, std::move(in), st.key);
}

rt::Response refusal(int exit, RefusalId code, std::string message) {
  rt::Response out;
  out.exit = exit;
  out.code = std::move(code);
  out.message = std::move(message);
  return out;
}

// Moves the tenant's instance to the step's version, as `migrate --apply
// --tenant` does: its refusal (blocked, not running…) when not migrated.
std::optional<rt::Response> migrate(Run& r, const Step& st) {
  rt::MigrationRequest req;
  req.playbook = st.playbook.empty() ? r.s.playbook : st.playbook;
  auto file = r.cat.files.find(req.playbook);
  if (file == r.cat.files.end())
    return refusal(rt::kBadInput, RefusalCode::UnknownPlaybook,
                   fmt::format("there is no playbook '{}' in the directory", req.playbook));
  req.to = file->second;
  req.to.filename = st.migrate_file;
  req.to.source = st.migrate_source;
  req.map = st.map;
  req.tenants = {r.s.tenant};
  std::optional<rt::Response> out;
  auto t = r.engine.migrate(req, r.now, true, st.actor.empty() ? "scenario" : st.actor,
                            [&](const rt::InstancePlan& ip) {
                              if (ip.outcome.exit != rt::kOk) out = ip.outcome;
                            });
  if (t.failure.exit != rt::kOk) return t.failure;
  if (!out && t.migrated + t.current == 0)
    return refusal(
        rt::kRefused, RefusalCode::NotRunning,
        fmt::format("playbook '{}' is not running for tenant '{}'", req.playbook, r.s.tenant));
  return out;
}

// Applies one step; returns the refusal when the engine refused it.
std::optional<rt::Response> apply(Run& r, const Step& st) {
  switch (st.kind) {
    case StepKind::Advance:
      run_clock(r, add_duration(r.now, st.amount, st.unit, calendar_now(r)));
      return std::nullopt;
    case StepKind::Until: run_clock(r, std::max(r.now, st.until)); return std::nullopt;
    case StepKind::Tick:
      if (auto next = rt::earliest_timer(r.engine, r.s.tenant)) r.now = std::max(r.now, *next);
      r.engine.tick(r.now);
      return std::nullopt;
    case StepKind::Migrate: return migrate(r, st);
    case StepKind::Set: {
      rt::Response resp =
          r.engine.tenant_set(r.s.tenant, st.sets, st.actor.empty() ? "scenario" : st.actor, r.now,
                              rt::TenantNote{st.note, NoteKind{st.note_kind}, st.playbook});
      if (resp.exit != rt::kOk) return resp;
      return std::nullopt;
    }
    default: {
      rt::Response resp = submit(r, st);
      if (resp.exit != rt::kOk) return resp;
      return std::nullopt;
    }
  }
}

// What a refused step must leave alone: the tenant, its instances, its log.
struct Snapshot {
  rt::TenantWorld w;
  size_t events = 0;
  bool same(const Snapshot& o) const {
    return w.tenant == o.w.tenant && w.version == o.w.version && w.instances == o.w.instances &&
           events == o.events;
  }
};

Snapshot snapshot(Run& r) {
  Snapshot s;
  r.engine.load(r.s.tenant, s.w);
  s.events = rt::events_of(r.store, r.s.tenant).size();
  return s;
}

bool run_step(Run& r, size_t index, const Step& st) {
  Snapshot before = snapshot(r);
  auto refusal = apply(r, st);
  if (!r.clock_error.empty()) {
    fail(r, index, "the timers due settle", r.clock_error, st.loc);
    return false;
  }
  if (refusal && !snapshot(r).same(before))
    fail(r, index, "a refused step writes nothing", "the tenant changed", st.loc);
  bool expects_refusal = std::any_of(st.expect.begin(), st.expect.end(),
                                     [](const Check& c) { return c.what == "refused"; });
  if (refusal && !expects_refusal) {
    fail(r, index, "the step applies",
         fmt::format("refused with {}: {}", refusal->code, refusal->message), st.loc);
    return false;
  }
  rt::TenantWorld w;
  r.engine.load(r.s.tenant, w);
  for (const auto& c : st.expect)
    if (auto got = verify(r, c, w, refusal ? &*refusal : nullptr); !got.empty())
      fail(r, index, describe(c), got, c.loc);
  return r.res.failures.empty();
}

}  // namespace

void record(Reached& into, const rt::Applied& a) {
  // A refused input took nothing, even when a goto chain got part-way.
  if (!a.ok) {
    if (a.refusal.rule.line) into.refused_by.push_back(a.refusal.rule);
    for (const auto& f : a.refusal.also)
      if (f.rule.line) into.refused_by.push_back(f.rule);
    return;
  }
  into.taken.insert(into.taken.end(), a.taken.begin(), a.taken.end());
  into.entered.insert(into.entered.end(), a.entered.begin(), a.entered.end());
}

Result run_scenario(const Scenario& s, const rt::Catalog& catalog) {
  Result res;
  res.file = s.file;
  res.name = s.name;
  try {
    Run r(s, catalog);
    r.now = s.start;
    r.res = res;
    r.engine.observe([&r](const std::string&, const rt::Response& resp) {
      record(r.res.reached, resp.applied);
    });
    auto fail_setup = [&](const rt::Response& resp, const char* what, const Loc& at) {
      fail(r, 0, what, fmt::format("refused with {}: {}", resp.code, resp.message), at);
      return r.res;
    };
    if (auto a = r.engine.tenant_add(s.tenant, s.attributes, "scenario", r.now); a.exit != rt::kOk)
      return fail_setup(a, "the tenant is added", s.tenant_loc);
    rt::LogInput in;
    in.op = rt::InputOp::Start;
    in.playbook = s.playbook;
    in.at = r.now;
    in.input.kind = InputKind::Start;
    in.input.actor = "scenario";
    if (auto st = r.engine.submit(s.tenant, std::move(in)); st.exit != rt::kOk)
      return fail_setup(st, "the playbook starts", s.playbook_loc);
    for (size_t i = 0; i < s.steps.size(); ++i)
      if (!run_step(r, i + 1, s.steps[i])) break;
    r.res.passed = r.res.failures.empty();
    return r.res;
  } catch (const std::exception& e) {
    res.failures.push_back(Failure{0, "the scenario runs", e.what(), {}});
    return res;
  }
}

}  // namespace pb::scen
