// checker_internal.hpp — shared state of the checker's passes (not a public
// interface; only interpreter/checker*.cpp include it).
//
// Contract:
//  * One `PlaybookScope` indexes one playbook with hash maps (steps, roles,
//    tasks, events, externals, tenant attributes) so every lookup is O(1) and
//    linting N playbooks stays linear.
//  * The passes only add diagnostics; none throws, none does I/O.
//  * A pass that resolves a reference records the use (roles/tasks/events) so
//    the unused-declaration warnings (PB080–PB082) come out of the same walk.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "checker.hpp"

namespace pb::check {

// The type of an expression as the checker sees it. `type` points at the
// model's Type for enums (values) and records/contacts (fields); Unknown means
// "already reported or cannot tell" and silences follow-up errors.
struct Ty {
  TypeKind kind = TypeKind::Unknown;
  const Type* type = nullptr;
  std::string_view what;      // the path it came from, for messages ("" → src); a view into
                              // the model's path text, which outlives the Ty
  const Expr* src = nullptr;  // the expression it came from, shown only in messages
};

// How a message names the value: its path, or the expression printed (lazily,
// so that checking never formats text for findings it does not report).
std::string what_of(const Ty& t);

// Which event(s) `event.X` refers to, for messages only: kept as a pattern and
// its argument, formatted by where_text() when a diagnostic is reported.
struct EventWhere {
  enum Kind { None, Event, Task, Enter, Set } kind = None;
  std::string_view name;  // event id, step id or path (owned by the model)
  int64_t task = 0;
};
std::string where_text(const EventWhere& w);  // "event 'paused'", "the event" when None

// What `event.X` and record variables mean where an expression stands. The
// names are views into the model (or literals), which outlives every Env.
struct Env {
  bool event_builtins = false;  // event.note, event.actor
  std::unordered_map<std::string_view, const Attribute*> event_fields;
  std::string_view no_event;  // why event.X is unavailable (a literal)
  EventWhere event_where;
  std::vector<std::pair<std::string_view, const Type*>> vars;  // record variables
};

// A message fragment naming what is checked ("the argument of days_until(…)"):
// the concatenation a + b + c, built only when a diagnostic is reported.
struct Label {
  std::string_view a, b = {}, c = {};
  Label(const char* text) : a(text) {}  // NOLINT: a literal is a label
  Label(std::string_view x, std::string_view y, std::string_view z) : a(x), b(y), c(z) {}
  std::string str() const;
};

struct PlaybookScope {
  const Project& project;
  const Playbook& pb;
  Diagnostics& diags;
  const std::unordered_set<std::string>& playbook_ids;

  // Keys are views of the ids in the model (the playbook, the schema), which
  // outlive the scope: building the index copies no string.
  std::unordered_map<std::string_view, const Step*> steps;
  std::unordered_map<std::string_view, const Role*> roles;
  std::unordered_map<int64_t, const Task*> tasks;
  std::unordered_map<std::string_view, const EventDecl*> events;
  std::unordered_map<std::string_view, const External*> externals;
  std::unordered_map<std::string_view, const Attribute*> attrs;
  std::unordered_map<std::string_view, std::vector<const EventDecl*>> incoming;  // step → events
  Type note_kinds;  // the enum `event.note_kind` has: the built-in and declared kinds
  // The attributes whose enums the playbook extends (`extend enum`), copied
  // with the values added; `attrs` points at these copies instead.
  std::vector<Attribute> extended;

  int depth = 0;  // of the expression being typed; bounded so no input overflows the stack
  bool deep_reported = false;  // one PB006 per expression

  std::unordered_set<std::string_view> used_roles;  // views of the model's ids, as above
  std::unordered_set<int64_t> used_tasks;
  std::unordered_set<std::string_view> used_events;
  std::unordered_set<std::string_view> used_externals;

  PlaybookScope(const Project& p, const Playbook& b, Diagnostics& d,
                const std::unordered_set<std::string>& ids);

  // Name lists for "did you mean" (built on demand; only on an error path).
  std::vector<std::string> step_names() const;
  std::vector<std::string> role_names() const;
  std::vector<std::string> task_names() const;
  std::vector<std::string> event_names() const;
  std::vector<std::string> external_names() const;
  std::vector<std::string> attr_names() const;

  // Reference checks: report when undefined, record the use otherwise.
  bool ref_step(const std::string& id, const Loc& loc, std::string_view what);
  void ref_role(const std::string& id, const Loc& loc);
  void ref_task(int64_t id, const Loc& loc);
  const EventDecl* ref_event(const std::string& id, const Loc& loc);
};

// ---- checker_names.cpp
void check_duplicates(PlaybookScope& s);
void check_references(PlaybookScope& s);  // steps, roles, tasks, events, playbooks, externals

// ---- checker_types.cpp / checker_paths.cpp
Ty resolve_path(PlaybookScope& s, const Env& env, const std::string& path, const Loc& loc);
Ty type_of(PlaybookScope& s, const Env& env, const Expr& e);
void check_guard(PlaybookScope& s, const Env& env, const Expr& e, const Label& what);
void check_enum_literal(PlaybookScope& s, const Ty& en, const Expr& lit);  // PB035
// `after PATH { KEY: N UNIT, … }`: PB040, PB035, PB011, PB043 (checker_waits.cpp).
void check_wait(PlaybookScope& s, const Env& env, const Transition& t);
void check_actions(PlaybookScope& s, const Env& env, const std::vector<Action>& actions);
void check_expressions(PlaybookScope& s);
void check_rules(PlaybookScope& s,
                 const std::vector<Rule>& rules);  // guards, actions, rules, at paths, calendar
Env transition_env(PlaybookScope& s, const Transition& t);

// ---- checker_arith.cpp
// `e` is `a + b`, `-`, `*` or `/` with its operands typed: PB040, PB130.
Ty arith_type(PlaybookScope& s, const Expr& e, const Ty& a, const Ty& b);
Ty aggregate_type(PlaybookScope& s, const Env& env, const Expr& e);  // min, max, sum
Ty is_set_type(PlaybookScope& s, const Env& env, const Expr& e);

// ---- checker_graph.cpp
void check_graph(PlaybookScope& s);
void check_regions(PlaybookScope& s);  // PB110–PB114 (checker_regions.cpp)
void check_overlaps(PlaybookScope& s);

// ---- checker_unset.cpp
void check_unset_ordering(PlaybookScope& s);  // PB042

// ---- checker_rules.cpp
// Events some transition takes, in `playbooks` (views into their models).
std::unordered_set<std::string_view> events_taken(const std::vector<const Playbook*>& playbooks);
// PB057: rules that can never apply (an event no transition takes, a
// records attribute that is only ever written field by field).
void check_rule_triggers(PlaybookScope& s, const std::vector<Rule>& rules,
                         const std::unordered_set<std::string_view>& taken);

// ---- checker.cpp
void check_unused(PlaybookScope& s);

// ---- checker_calls.cpp
void check_calls(PlaybookScope& s);                                  // PB120, PB122, PB123, PB125
void check_call_cycles(const Project& project, Diagnostics& diags);  // PB121

// ---- checker_tasks.cpp
void check_mark(PlaybookScope& s, const Action& a);  // PB100
void check_tasks_and_scope(PlaybookScope& s);        // PB101–PB104
const Type& task_status_type();                      // the type of task_state(N)

// ---- checker_words.cpp
void check_note_kinds(PlaybookScope& s);                     // PB141
void check_note_kind(PlaybookScope& s, const Action& note);  // PB140
void check_extensions(PlaybookScope& s);                     // PB142–PB144, PB011
// PB145: two playbooks extend one enum with values a reader takes for one.
void check_extension_clashes(const Project& project, Diagnostics& diags);

// ---- checker_catalog.cpp
void check_catalog(const Project& project, Diagnostics& diags);  // PB070, PB071
bool same_type(const Type& a, const Type& b);                    // as PB071 compares them

// Shared helpers.
std::string show(const Expr& e, int depth = 0);  // short text of an expression for messages
constexpr int kMaxExprDepth = 300;               // deeper is PB006 (the parsers stop at 256 first)
const char* type_name(TypeKind k);
std::string join(const std::vector<std::string>& items, std::string_view sep);

}  // namespace pb::check
