// model_diff_internal.hpp — shared pieces of the model diff's passes (not a
// public interface; only interpreter/model_diff*.cpp include it).
//
// Contract: each pass appends its changes, in its own deterministic order, to
// one Out; none reads or writes anything else. Renames maps every old step id
// to the new step that replaces it (by id or by `renamed_from`).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model_diff.hpp"

namespace pb::diff {

using Renames = std::map<std::string, std::string>;  // old step id → new step id

struct Out {
  std::vector<ModelChange>& changes;
  ModelChange& add(ChangeClass cls, std::string kind, std::string subject, const Loc& old_loc,
                   const Loc& new_loc, std::string text, std::string hint = {});
};

// A side's position: the preferred one when known, else the fallback.
const Loc& at(const Loc& preferred, const Loc& fallback);

// "2 business days"; a wait by value: "by tenant.region { APJ: 3 business days, else 2 days }".
std::string wait_text(const Transition& t);
// "on customer_replied", "after 2 business days", "when #2", "otherwise", …
std::string trigger_text(const Transition& t);
// Copies of `t` / `s` with every step id read through `renames` (targets,
// anchors, visits(), calls into the regions' parents).
Transition renamed(const Transition& t, const Renames& renames);

// Steps: matched, added, renamed, changed, then removed (with a guess).
Renames match_steps(const Playbook& old, const Playbook& now);
void diff_steps(const Playbook& old, const Playbook& now, const Renames& renames, Out& out);
// The transitions of one step (or of `anywhere`), paired by trigger.
void diff_transitions(const std::string& subject, const std::vector<Transition>& old,
                      const std::vector<Transition>& now, const Renames& renames, Out& out);
// The hint of a removed step: the added step most like it, or "".
std::string successor_hint(const Step& gone, const Playbook& now, const Renames& renames);

// Catalog and schema (model_diff_catalog.cpp).
void diff_tasks(const Playbook& old, const Playbook& now, Out& out);
void diff_roles(const Playbook& old, const Playbook& now, Out& out);
void diff_events(const Playbook& old, const Playbook& now, Out& out);
void diff_schema(const Playbook& old, const Schema* old_schema, const Playbook& now,
                 const Schema* new_schema, Out& out);

}  // namespace pb::diff
