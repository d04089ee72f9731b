// evaluator_ctx.hpp — internal to the evaluator (evaluator*.cpp): the working
// context of one evaluation. Reads see the input states overlaid with the
// effects collected so far; nothing outside the context is ever modified.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evaluator.hpp"
#include "program.hpp"

namespace pb::detail {

// A record variable in scope (`each workload in tenant.workloads`).
struct Binding {
  std::string_view var;
  const Attribute* attr = nullptr;  // the records attribute
  std::string key;
  const Fields* fields = nullptr;    // the record as read when bound
  const Contact* contact = nullptr;  // a contact (contacts attributes; read-only)
};

// A value during expression evaluation. Strings point into the model or the
// state, which outlive the evaluation.
struct EV {
  Value::Kind kind = Value::Kind::Unset;
  int64_t i = 0;
  std::string_view s;
  const Value* ref = nullptr;  // Records / Contacts
};

struct Ctx {
  const CompiledPlaybook& cp;
  const TenantState& tenant;
  const Input& in;
  Instant now;
  const Calendar& cal;
  Outcome out;
  std::optional<Refusal> refusal;
  int steps_entered = 0;
  int forks = 0;  // parallel steps entered so far (a region loop stops when it changes)

  // event scope
  const EventDecl* event = nullptr;
  std::vector<std::pair<std::string, Value>> payload;
  const Value* old_value = nullptr;  // in `on set` rules
  std::vector<Binding> bindings;
  std::vector<std::unique_ptr<Value>> scratch;  // merged records views kept alive
  std::unique_ptr<Program> local;  // what the playbook's program lacks (never, in practice)

  Ctx(const CompiledPlaybook& c, const TenantState& t, const Input& i, Instant n, const Calendar& k)
      : cp(c), tenant(t), in(i), now(n), cal(k) {}

  bool refuse(RefusalId code, std::string reason, bool bad_input = false);
  // A refusal by a `rule` or `require` at `rule` (kept for coverage); when
  // the input is refused already, one more failed requirement of it.
  bool refuse_by(const Loc& rule, RefusalId code, std::string reason);
  bool failed() const { return refusal.has_value(); }

  // reads through the overlay
  const Value* attr(std::string_view name);
  bool task_complete(int64_t task) const;
  TaskStatus task_status(int64_t task) const;  // evaluator_tasks.cpp
  const Binding* binding(std::string_view var) const;

  // The compiled path of a transition's `at`, a `set` target or an `each`
  // collection (`text` is that model string).
  const PathRef& path(const std::string& text, bool write);
  Program& local_program();
};

// Expressions (evaluator_expr.cpp)
EV eval(Ctx& c, const Expr& e);
EV read_path(Ctx& c, const PathRef& path);
bool truthy(const EV& v);
bool holds(Ctx& c, const std::optional<Expr>& guard);  // absent guard holds
Value to_value(const EV& v);
// Arithmetic (evaluator_arith.cpp): `n` is the + - * / node; refuses on
// division by zero or overflow.
EV arith(Ctx& c, const Node& n, const EV& a, const EV& b);
EV negate(const EV& a);

// The text action `a` writes, placeholders filled (evaluator_text.cpp);
// false when refused (an unset placeholder in a written text).
bool render_text(Ctx& c, const Action& a, std::string& out);

// Contacts (evaluator_contacts.cpp); false when refused.
bool send(Ctx& c, const Action& a);          // send "T" [to …] [cc contacts where …]
bool mark_contact(Ctx& c, const Action& a);  // mark contact EXPR unsubscribed|do_not_contact

// Actions (evaluator_actions.cpp); false when refused.
bool run_actions(Ctx& c, const std::vector<Action>& actions);
bool write_attr(Ctx& c, AttrWrite w, const Loc& where);
bool check_rules(Ctx& c, const std::vector<const Rule*>* rules);
bool complete_task(Ctx& c, int64_t task);
bool add_note(Ctx& c, const NoteKind& kind, const std::string& text);

// Control flow (evaluator.cpp); false when refused.
bool take(Ctx& c, const Step& from, const Transition& t);  // a target "" stays
bool active(Ctx& c);                                       // refuses unless the run is active
bool enter(Ctx& c, const std::string& id);                 // enters a step (any level)
bool enter_step(Ctx& c, const Step& s);                    // … found already
bool decide(Ctx& c, const Step& s);                        // a decision step's branch
// Ends the run in terminal step `s` (end, goto, handoff), from any level.
void finish_run(Ctx& c, const Step& s);

// Parallel steps (evaluator_regions.cpp); false when refused.
using MatchFn = bool (*)(const Ctx& c, const Transition& t);
bool fork(Ctx& c, const Step& parallel);  // starts every region of the step entered
bool enter_in_region(Ctx& c, const Step& s);
bool check_join(Ctx& c);  // takes the first join whose regions are all done
// Offers the input to each active region in order: the first transition of
// the region's step that `match`es and whose guard holds is taken. `took`
// counts the regions that moved; stops when the parallel step is left.
bool to_regions(Ctx& c, MatchFn match, int& took);
bool regions_offer(const Ctx& c, MatchFn match);  // a region's step has a match
// The current step that owns a timer of `step`: the current step or a
// region's step; nullptr when none is.
const Step* timer_owner(const Ctx& c, const std::string& step);

// Timers (evaluator_timers.cpp)
void arm_timers(Ctx& c, const Step& s);  // on entry: every timer of the step
void rearm_at(Ctx& c);                   // the current step's `at` timers again
// A fired `at` timer is not armed again for the same instant (its `when`
// did not hold, or its transition re-entered the step): it would fire again
// at every tick. A new date re-arms it.
void forget_fired_at(Ctx& c, const TimerState& fired);
bool tick(Ctx& c);
// Task states and mandatory tasks (evaluator_tasks.cpp).
// Sets the task's state (nothing when it is in it already).
void set_task(Ctx& c, int64_t task, TaskStatus to);
// The `mark TASK STATE` action: `complete` completes (complete_task), any
// other state is set; false when refused.
bool mark_task(Ctx& c, const Action& a);
// `require mandatory tasks` of `s`: refuses (one refusal listing every task)
// while a mandatory task of a service in scope is not complete.
bool check_mandatory_exit(Ctx& c, const Step& s);

}  // namespace pb::detail
