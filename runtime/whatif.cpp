// whatif.cpp — see whatif.hpp. The clock is moved by rt::fire_due_until
// (clock_run.hpp), as in the scenario runner.
#include "runtime/whatif.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/calendar_math.hpp"
#include "runtime/clock_run.hpp"

namespace pb::rt::whatif {

namespace {

const char* kTenant = "whatif";
using TenantTasks = std::map<int64_t, TaskState>;

struct Sim {
  Sim(const Request& r, const Catalog& c) : req(r), cat(c), store(":memory:"), engine(store, cat) {}
  const Request& req;
  const Catalog& cat;
  Store store;
  Engine engine;
  Instant now{};
  Timeline tl;
  TenantTasks prev;
  std::optional<Entry> pending;  // the entry the next observed input fills ("" = not shown)
};

Entry entry(Instant at, Kind k, std::string what = "") {
  Entry e;
  e.at = at, e.kind = k, e.what = std::move(what);
  return e;
}

std::vector<std::string> task_changes(const TenantTasks& before, const TenantTasks& after) {
  std::vector<std::string> out;
  for (const auto& [id, t] : after) {
    auto it = before.find(id);
    TaskStatus was = it != before.end() ? it->second.status : TaskStatus::NotStarted;
    if (t.status == was) continue;
    bool reset = t.status == TaskStatus::NotStarted && was == TaskStatus::Complete;
    out.push_back(fmt::format("{} {}", id, reset ? "reset" : to_string(t.status)));
  }
  return out;
}

void observed(Sim& s, const Response& r) {
  if (r.exit == kOk) {
    std::vector<std::string> changes = task_changes(s.prev, r.world.tenant.tasks);
    s.prev = r.world.tenant.tasks;
    if (!s.pending) return;
    Entry e = *s.pending;
    e.summary = r.applied.summary;
    if (!r.applied.taken.empty())
      e.playbook = r.applied.taken.front().first, e.taken = r.applied.taken.front().second;
    for (const auto& [pb, n] : r.applied.notes) e.notes.push_back(n.text);
    e.sent = r.applied.sent;
    e.tasks = std::move(changes);
    s.tl.entries.push_back(std::move(e));
    return;
  }
  if (!s.pending) return;
  Entry e = *s.pending;
  e.kind = Kind::Refused;
  e.code = (r.code.empty() ? r.applied.refusal.code : r.code).str();
  e.message = r.message.empty() ? r.applied.refusal.reason : r.message;
  s.tl.entries.push_back(std::move(e));
}

std::string terminal_of(const InstanceRec& i) {
  switch (i.st.status) {
    case InstanceStatus::Ended: return fmt::format("{}: end \"{}\"", i.st.playbook, i.st.outcome);
    case InstanceStatus::Goto: return fmt::format("{}: goto {}", i.st.playbook, i.st.outcome);
    case InstanceStatus::Handoff: return fmt::format("{}: handoff {}", i.st.playbook, i.st.outcome);
    case InstanceStatus::Cancelled: return fmt::format("{}: cancelled", i.st.playbook);
    case InstanceStatus::Active: break;
  }
  return "";
}

// The last instance no call started: where a followed run ended (the runs
// it called returned to it before).
const InstanceRec& last_uncalled(const TenantWorld& w) {
  for (auto it = w.instances.rbegin(); it != w.instances.rend(); ++it)
    if (it->st.caller.empty()) return *it;
  return w.instances.back();
}

// True (and tl.ended set) when the run is over: the started instance left
// Active, or with follow no instance is active.
bool stopped(Sim& s) {
  TenantWorld w;
  if (s.engine.load(kTenant, w).exit != kOk || w.instances.empty()) return true;
  if (s.req.follow ? !w.all_active().empty()
                   : w.instances.front().st.status == InstanceStatus::Active)
    return false;
  s.tl.ended = terminal_of(s.req.follow ? last_uncalled(w) : w.instances.front());
  return true;
}

// At most this many timer ticks between two planned inputs (or before
// `until`): a year of hourly timers fits.
constexpr int kMaxTicks = 10000;

// Fires every timer due up to `target`, each at its own due instant. False
// (and tl.error set) when kMaxTicks ticks left timers still due.
bool advance_to(Sim& s, Instant target) {
  ClockHooks hooks{[&s] { return stopped(s); },
                   [&s](Instant at) { s.pending = entry(at, Kind::Timer); }};
  ClockRun run = fire_due_until(s.engine, kTenant, s.now, target, kMaxTicks, hooks);
  if (run.ok()) return true;
  s.tl.error = run.error;
  return false;
}

const Calendar& calendar_of(Sim& s) {
  TenantWorld w;
  if (s.engine.load(kTenant, w).exit != kOk || w.instances.empty() || !s.cat.project)
    return default_calendar();
  auto cp = s.engine.playbook(w.instances.front().hash);
  return cp ? pick_calendar(*cp, w.tenant, s.cat.project->calendars) : default_calendar();
}

void submit(Sim& s, const Planned& p) {
  LogInput in;
  in.at = s.now;
  in.input.actor = "whatif";
  in.input.sets = p.sets;
  if (p.event.empty())
    in.op = InputOp::Complete, in.input.kind = InputKind::Complete, in.input.task = p.task;
  else
    in.op = InputOp::Fire, in.input.kind = InputKind::Fire, in.input.event = p.event;
  s.pending = entry(s.now, p.event.empty() ? Kind::Task : Kind::Event,
                    p.event.empty() ? std::to_string(p.task) : p.event);
  s.pending->payload = p.sets;
  s.engine.submit(kTenant, std::move(in));
}

bool setup(Sim& s) {
  s.engine.observe([&s](const std::string&, const Response& r) { observed(s, r); });
  s.now = s.req.start;
  s.pending.reset();
  if (auto a = s.engine.tenant_add(kTenant, s.req.attributes, "whatif", s.now); a.exit != kOk)
    return s.tl.error = fmt::format("the tenant cannot be added: {} [{}]", a.message, a.code),
           false;
  LogInput in;
  in.op = InputOp::Start;
  in.playbook = s.req.playbook;
  in.at = s.now;
  in.input.kind = InputKind::Start;
  in.input.actor = "whatif";
  s.pending = entry(s.now, Kind::Start, s.req.playbook);
  if (auto st = s.engine.submit(kTenant, std::move(in)); st.exit != kOk)
    return s.tl.error = fmt::format("the playbook cannot start: {} [{}]", st.message, st.code),
           false;
  return true;
}

}  // namespace

Timeline run(const Request& req, const Catalog& catalog) {
  Sim s(req, catalog);
  if (!setup(s)) return s.tl;
  const Calendar& cal = calendar_of(s);
  s.tl.calendar = cal.id;
  std::vector<std::pair<Instant, const Planned*>> plan;
  for (const auto& p : req.inputs)
    plan.emplace_back(p.at ? *p.at : add_duration(req.start, p.amount, p.unit, cal), &p);
  std::stable_sort(plan.begin(), plan.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [at, p] : plan) {
    if (at > req.until) break;
    if (!advance_to(s, at)) return s.tl;
    if (stopped(s)) {
      Entry e = entry(at, Kind::Skipped, p->text);
      e.message = "not fired: the run had already ended";
      s.tl.entries.push_back(std::move(e));
      continue;
    }
    submit(s, *p);
  }
  if (!advance_to(s, req.until)) return s.tl;
  stopped(s);
  return s.tl;
}

}  // namespace pb::rt::whatif
