// coverage.cpp — coverage of a playbook directory by scenario results
// (coverage.hpp): lists every step, transition and refusal rule of each
// playbook and marks those the scenarios reached.
#include "source/coverage.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <tuple>

#include "grammar/describe.hpp"

namespace pb::scen {

namespace {

using PbKey = std::tuple<std::string, uint32_t, uint32_t>;    // (playbook id, line, col)
using FileKey = std::tuple<std::string, uint32_t, uint32_t>;  // (file path as loaded, line, col)

FileKey file_key(const Loc& l) { return {l.filename(), l.line, l.col}; }

// Everything the scenarios reached, merged.
struct Seen {
  std::set<PbKey> taken;
  std::set<std::pair<std::string, std::string>> entered;
  std::set<FileKey> refused;
};

Seen merge(const std::vector<Reached>& all) {
  Seen s;
  for (const auto& r : all) {
    for (const auto& [pb, loc] : r.taken) s.taken.insert({pb, loc.line, loc.col});
    for (const auto& e : r.entered) s.entered.insert(e);
    for (const auto& loc : r.refused_by) s.refused.insert(file_key(loc));
  }
  return s;
}

std::string rule_text(const Rule& r) {
  switch (r.on) {
    case RuleOn::Event: return fmt::format("rule {} (on event {})", r.id, r.event);
    case RuleOn::Complete: return fmt::format("rule {} (on complete {})", r.id, r.task);
    case RuleOn::Set: return fmt::format("rule {} (on set {})", r.id, r.path);
  }
  return "rule " + r.id;
}

bool applies(const Rule& r, const Playbook& pb) {
  switch (r.on) {
    case RuleOn::Event: return pb.event(r.event) != nullptr;
    case RuleOn::Complete: return pb.task(r.task) != nullptr;
    case RuleOn::Set: return true;
  }
  return false;
}

struct Builder {
  const Seen& seen;
  PlaybookCoverage& out;

  void add(ItemKind kind, const Loc& loc, std::string text, bool reached, Figure& fig) {
    out.items.push_back(CoverageItem{kind, loc, std::move(text), reached});
    fig.total++;
    fig.reached += reached;
  }
  bool refused(const Loc& l) const { return seen.refused.count(file_key(l)) > 0; }
  void rule(const Rule& r) { add(ItemKind::Rule, r.loc, rule_text(r), refused(r.loc), out.rules); }
  void require_actions(const std::vector<Action>& actions, const std::string& where) {
    for (const Action& a : actions) {
      if (a.kind == ActionKind::ForEach) require_actions(a.body, where);
      if (a.kind != ActionKind::Require) continue;
      std::string code = a.code.empty() ? "require" : a.code;
      add(ItemKind::Rule, a.loc, fmt::format("require {} {}", code, where), refused(a.loc),
          out.rules);
    }
  }
};

// "from --trigger--> target"; a reminder or a transition that stays has no
// arrow head.
std::string arrow(const std::string& from, const Transition& t) {
  std::string trigger = describe_trigger(t, TriggerStyle::Source);
  if (t.target.empty()) return fmt::format("{} --{}", from, trigger);
  return fmt::format("{} --{}--> {}", from, trigger, t.target);
}
std::string arrow(const pb::Step& s, const Transition& t) { return arrow(s.id, t); }

PlaybookCoverage of(const Playbook& pb, const Schema* schema, const Seen& seen) {
  PlaybookCoverage pc;
  pc.id = pb.id;
  pc.file = pb.loc.filename();
  Builder b{seen, pc};
  for (const pb::Step& s : pb.steps)
    b.add(ItemKind::Step, s.loc, "step " + s.id, seen.entered.count({pb.id, s.id}) > 0, pc.steps);
  auto transition = [&](const std::string& from, const Transition& t) {
    bool taken = seen.taken.count({pb.id, t.loc.line, t.loc.col}) > 0;
    b.add(ItemKind::Transition, t.loc, "transition " + arrow(from, t), taken, pc.transitions);
  };
  for (const pb::Step& s : pb.steps)
    for (const Transition& t : s.transitions) transition(s.id, t);
  if (pb.anywhere)
    for (const Transition& t : pb.anywhere->transitions) transition("anywhere", t);
  if (schema)
    for (const Rule& r : schema->rules)
      if (applies(r, pb)) b.rule(r);
  for (const Rule& r : pb.tenant.rules) b.rule(r);
  for (const Rule& r : pb.rules) b.rule(r);
  for (const pb::Step& s : pb.steps) {
    b.require_actions(s.enter, "in step " + s.id);
    for (const Transition& t : s.transitions)
      b.require_actions(t.actions, "on transition " + arrow(s, t));
  }
  if (pb.anywhere)
    for (const Transition& t : pb.anywhere->transitions)
      b.require_actions(t.actions, "on transition " + arrow("anywhere", t));
  return pc;
}

}  // namespace

std::vector<const CoverageItem*> PlaybookCoverage::missed() const {
  std::vector<const CoverageItem*> out;
  for (const auto& i : items)
    if (!i.reached) out.push_back(&i);
  return out;
}

CoverageReport coverage(const Project& project, const std::vector<Reached>& reached) {
  Seen seen = merge(reached);
  CoverageReport rep;
  const Schema* schema = project.schema ? &*project.schema : nullptr;
  for (const Playbook& pb : project.playbooks) {
    rep.playbooks.push_back(of(pb, schema, seen));
    rep.steps.add(rep.playbooks.back().steps);
    rep.transitions.add(rep.playbooks.back().transitions);
    rep.rules.add(rep.playbooks.back().rules);
  }
  return rep;
}

std::string percent_text(const Figure& f) {
  return fmt::format("{:.1f}%", std::floor(f.percent() * 10) / 10);
}

}  // namespace pb::scen
