// model_diff.hpp — the semantic difference between two versions of one
// playbook (`playbook diff`, docs/diff.md).
//
// Contract:
//  * Pure: two models (and the tenant schema each side sees, may be null) in,
//    a list of changes out. No I/O, no text parsing, no printing of
//    expressions (the CLI prints `old_expr`/`new_expr` when it wants to).
//  * Compares meaning, through the model's operator== (positions and
//    comments never count): a step moved but unchanged is no change, and a
//    playbook read from YAML equals its DSL twin.
//  * Steps are matched by id, else through the new step's `renamed_from`;
//    transitions of a matched step by trigger (event, task, timer, branch)
//    and their order among the transitions with the same trigger. Ids an old
//    step had are mapped to the new ones before comparing, so a rename alone
//    changes nothing else.
//  * Every change has a class (docs/diff.md lists the rules), a stable
//    kebab-case kind, a subject, the position of each side (empty Loc when
//    the side has none), one line of text and an optional hint. A removed
//    step with no `renamed_from` pointing at it gets a guess of its
//    successor (similar title words and transition targets) in the hint,
//    never applied.
//  * Order is deterministic: steps in the new file's order, then removed
//    steps, then the playbook's header and playbook-wide transitions, tasks
//    and groups, roles, events, and the tenant schema (attributes, rules).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace pb {

enum class ChangeClass { Breaking, Compatible, Cosmetic };  // in the order they are shown

const char* to_string(ChangeClass c);  // "breaking" | "compatible" | "cosmetic"

struct ModelChange {
  ChangeClass cls = ChangeClass::Compatible;
  std::string kind;     // "step-removed", "wait-changed", …
  std::string subject;  // "step phone", "task 3663", "role fm", "attribute tenant.region"
  Loc old_loc;          // where the old side stands (line 0 when it has none)
  Loc new_loc;
  std::string text;    // one line for a person
  std::string hint;    // "" or what to do about it
  std::string before;  // the old value when it is short ("2 business days"), else ""
  std::string after;   // the new value, likewise
  // Guards and conditions that changed: the CLI prints them into before/after.
  std::optional<Expr> old_expr;
  std::optional<Expr> new_expr;
};

// The changes from `old` to `now`. The schemas are the tenant schema files
// each side loads beside the playbook (null: none); the playbook's own
// `tenant { }` and `extend enum` are added to them.
std::vector<ModelChange> diff_models(const Playbook& old, const Schema* old_schema,
                                     const Playbook& now, const Schema* new_schema);

}  // namespace pb
