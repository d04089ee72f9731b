// bench_walk.cpp — evaluator speed on real playbooks: a deterministic walk
// that fires, at every step, the next event the step accepts (cycling through
// them, with a value for each payload field of the event: the first value
// of an enum, true, 1, a date, a text; refusals count as evaluations, not
// transitions), fires due timers, and restarts an instance that ended, or
// that moved nowhere for kStuckAfter inputs in a row (a rule the walk's
// values do not satisfy; a reminder moves nothing). Pure, in memory.
//   bench_walk DIR PLAYBOOK [N]
// Prints evaluations/s and transitions/s.
#include <fmt/format.h>

#include <chrono>

#include "grammar/loader.hpp"
#include "model/calendar_math.hpp"
#include "interpreter/evaluator.hpp"

using namespace pb;

static constexpr long kStuckAfter = 50;

// A value of each payload field the walk can type (not records or contacts).
static std::vector<std::pair<std::string, std::string>> payload(const EventDecl* e) {
  std::vector<std::pair<std::string, std::string>> sets;
  if (!e) return sets;
  for (const auto& f : e->payload) {
    switch (f.type.kind) {
      case TypeKind::Bool: sets.emplace_back(f.name, "true"); break;
      case TypeKind::Int: sets.emplace_back(f.name, "1"); break;
      case TypeKind::String: sets.emplace_back(f.name, "bench"); break;
      case TypeKind::Date: sets.emplace_back(f.name, "2026-04-01"); break;
      case TypeKind::Enum:
        if (!f.type.values.empty()) sets.emplace_back(f.name, f.type.values.front());
        break;
      default: break;
    }
  }
  return sets;
}

static Input next_input(const CompiledPlaybook& cp, const InstanceState& inst, long k) {
  Input in;
  in.actor = "bench";
  const Step* s = cp.step(inst.step);
  if (!s || inst.status != InstanceStatus::Active) return in;  // Start
  std::vector<const Transition*> events;
  for (const Transition* t : transitions_of(cp.pb, *s))  // its own, then `anywhere`'s
    if (t->trigger == TriggerKind::Event) events.push_back(t);
  if (!inst.timers.empty() && (events.empty() || k % 3 == 0)) {
    in.kind = InputKind::Tick;
    in.timer = inst.timers[size_t(k) % inst.timers.size()];
    return in;
  }
  if (events.empty()) return in;
  in.kind = InputKind::Fire;
  in.event = events[size_t(k) % events.size()]->event;
  auto ev = cp.event_by_id.find(in.event);
  in.sets = payload(ev == cp.event_by_id.end() ? nullptr : ev->second);
  in.note = cp.pb.note_prefix + ": bench";
  return in;
}

int main(int argc, char** argv) {
  if (argc < 3) return fmt::print(stderr, "usage: bench_walk DIR PLAYBOOK [N]\n"), 2;
  Diagnostics d;
  LoadResult l = load_paths({argv[1]}, d);
  const Playbook* pb = l.project.playbook(argv[2]);
  if (!pb) return fmt::print(stderr, "no playbook '{}'\n", argv[2]), 2;
  auto cp = compile_playbook(*pb, l.project.schema ? &*l.project.schema : nullptr);
  long n = argc > 3 ? std::atol(argv[3]) : 300000;
  TenantState t;
  t.id = "bench";
  t.attrs["contacts"] = Value::of_contacts({Contact{"Ana", "ana@x", false, false, true, ""}});
  InstanceState inst;
  Instant now;
  parse_iso_instant("2026-03-02T10:00:00Z", now);
  const Calendar& cal = pick_calendar(*cp, t, l.project.calendars);
  long transitions = 0, refused = 0, still = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (long k = 0; k < n; ++k) {
    Input in = still >= kStuckAfter ? Input{} : next_input(*cp, inst, k);
    if (in.kind == InputKind::Start) inst = InstanceState{}, still = 0;
    if (in.kind == InputKind::Tick) now = std::max(now, in.timer.due);
    Result r = evaluate(*cp, t, inst, in, now, cal);
    if (!r.ok()) {
      ++refused, ++still;
      if (in.kind == InputKind::Tick) std::erase(inst.timers, in.timer);
      continue;
    }
    transitions += r.outcome->transitioned;
    still = r.outcome->entered.empty() ? still + 1 : 0;
    apply_outcome(t, *r.outcome, in.actor, now);
    inst = std::move(r.outcome->instance);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(
      "walk {}: {} evaluations ({} refused) in {:.3f} s = {:.0f} evaluations/s, "
      "{:.0f} transitions/s\n",
      argv[2], n, refused, secs, n / secs, transitions / secs);
  return 0;
}
