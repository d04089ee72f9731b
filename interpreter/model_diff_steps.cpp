// model_diff_steps.cpp — steps and their transitions (model_diff.hpp): steps
// matched by id or `renamed_from`, each matched pair compared item by item,
// transitions paired by trigger, removed steps with a guess of their
// successor.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "model_diff_internal.hpp"

namespace pb::diff {

namespace {

using C = ChangeClass;

// The old steps a new step replaces: the one with its id first, then the
// ones its `renamed_from` names, in the old file's order.
std::vector<const Step*> olds_of(const Step& n, const Playbook& old, const Renames& renames) {
  std::vector<const Step*> out;
  if (const Step* same = old.step(n.id)) out.push_back(same);
  for (const auto& o : old.steps) {
    auto it = renames.find(o.id);
    if (o.id != n.id && it != renames.end() && it->second == n.id) out.push_back(&o);
  }
  return out;
}

// A key pairing the transitions of two versions of a step: the trigger and
// what it names (timers and branches pair by their order among equals).
std::string key(const Transition& t) {
  switch (t.trigger) {
    case TriggerKind::Event: return "e:" + t.event;
    case TriggerKind::Task: return fmt::format("t:{}", t.task);
    case TriggerKind::At: return "at:" + t.at_path;
    case TriggerKind::Remind: return "r:" + t.role;
    default: return fmt::format("k:{}", static_cast<int>(t.trigger));
  }
}

int64_t minutes(int64_t amount, DurationUnit unit) {
  switch (unit) {
    case DurationUnit::BusinessDays: return amount * 1440 * 7 / 5;
    case DurationUnit::Days: return amount * 1440;
    case DurationUnit::Weeks: return amount * 1440 * 7;
    case DurationUnit::Hours: return amount * 60;
    case DurationUnit::Months: return amount * 1440 * 30;
    case DurationUnit::BusinessHours: return amount * 60 * 168 / 40;
  }
  return amount;
}

int64_t shortest(const Transition& t) {
  if (t.wait_by.empty()) return minutes(t.amount, t.unit);
  int64_t best = INT64_MAX;
  for (const auto& c : t.wait_cases) best = std::min(best, minutes(c.amount, c.unit));
  return best;
}

bool same_wait(const Transition& o, const Transition& n) {
  return o.amount == n.amount && o.unit == n.unit && o.wait_by == n.wait_by &&
         o.wait_cases == n.wait_cases && o.at_path == n.at_path;
}

void wait_changed(const std::string& subject, const Transition& o, const Transition& n, Out& out) {
  bool shorter = n.trigger == TriggerKind::After && shortest(n) < shortest(o);
  std::string text =
      fmt::format("{}: a wait changed from {} to {}", subject, wait_text(o), wait_text(n));
  if (shorter)
    text += "; it is shorter: instances' timers are re-armed on migration and may fire at once";
  auto& c = out.add(C::Compatible, "wait-changed", subject, o.loc, n.loc, std::move(text));
  c.before = wait_text(o);
  c.after = wait_text(n);
}

// One pair of transitions with the same trigger; `o` has its step ids renamed.
void compare(const std::string& subject, const Transition& o, const Transition& n, Out& out) {
  if (o == n) return;
  std::string trig = trigger_text(n);
  bool told = false;
  if (o.timed() && !same_wait(o, n)) wait_changed(subject, o, n, out), told = true;
  if (o.guard != n.guard) {
    auto& c = out.add(C::Compatible, "guard-changed", subject, o.loc, n.loc,
                      fmt::format("{}: the condition of `{}` changed", subject, trig));
    c.old_expr = o.guard;
    c.new_expr = n.guard;
    told = true;
  }
  if (o.target != n.target) {
    auto& c = out.add(C::Compatible, "transition-changed", subject, o.loc, n.loc,
                      fmt::format("{}: `{}` now goes to {} (was {})", subject, trig,
                                  n.target.empty() ? "no step (stays)" : n.target,
                                  o.target.empty() ? "no step (stayed)" : o.target));
    c.before = o.target;
    c.after = n.target;
    told = true;
  }
  if (o.actions != n.actions)
    out.add(C::Compatible, "action-changed", subject, o.loc, n.loc,
            fmt::format("{}: the actions of `{}` changed", subject, trig)),
        told = true;
  if (!told)
    out.add(C::Compatible, "transition-changed", subject, o.loc, n.loc,
            fmt::format("{}: `{}` changed (anchor, reminder or regions)", subject, trig));
}

}  // namespace

void diff_transitions(const std::string& subject, const std::vector<Transition>& old,
                      const std::vector<Transition>& now, const Renames& renames, Out& out) {
  std::vector<bool> used(old.size(), false);
  for (const auto& n : now) {
    auto k = key(n);
    auto it = std::find_if(old.begin(), old.end(), [&](const Transition& o) {
      return !used[&o - old.data()] && key(o) == k;
    });
    if (it == old.end()) {
      out.add(C::Compatible, "transition-added", subject, {}, n.loc,
              fmt::format("{}: `{}` is added{}", subject, trigger_text(n),
                          n.target.empty() ? "" : " (to " + n.target + ")"));
      continue;
    }
    used[it - old.begin()] = true;
    compare(subject, renamed(*it, renames), n, out);
  }
  for (size_t i = 0; i < old.size(); ++i)
    if (!used[i])
      out.add(C::Compatible, "transition-removed", subject, old[i].loc, {},
              fmt::format("{}: `{}` is removed", subject, trigger_text(old[i])));
}

Renames match_steps(const Playbook& old, const Playbook& now) {
  Renames out;
  for (const auto& o : old.steps) {
    if (now.step(o.id)) {
      out.emplace(o.id, o.id);
      continue;
    }
    for (const auto& n : now.steps)
      if (std::find(n.renamed_from.begin(), n.renamed_from.end(), o.id) != n.renamed_from.end()) {
        out.emplace(o.id, n.id);
        break;
      }
  }
  return out;
}

namespace {

std::vector<Transition> renamed_all(const std::vector<Transition>& ts, const Renames& renames) {
  std::vector<Transition> out;
  for (const auto& t : ts) out.push_back(renamed(t, renames));
  return out;
}

void terminal(const std::string& subject, const Step& o, const Step& n, Out& out) {
  if (o.terminal == n.terminal && o.terminal_arg == n.terminal_arg) return;
  bool stops = is_waiting(o) && n.terminal != TerminalKind::None;
  out.add(stops ? C::Breaking : C::Compatible, "terminal-changed", subject,
          at(o.terminal_loc, o.loc), at(n.terminal_loc, n.loc),
          stops
              ? fmt::format("{} now ends the run; instances waiting there need a mapping", subject)
              : fmt::format("{}: how the step ends changed", subject));
}

// The items of a matched pair, in the order a step is written.
void compare_step(const Step& o, const Step& n, const Renames& renames, Out& out) {
  std::string subject = "step " + n.id;
  if (o.title != n.title)
    out.add(C::Cosmetic, "step-title", subject, o.loc, n.loc,
            fmt::format("{}: the title changed from \"{}\" to \"{}\"", subject, o.title, n.title));
  if (o.instructions != n.instructions)
    out.add(C::Cosmetic, "instructions", subject, at(o.instructions_loc, o.loc),
            at(n.instructions_loc, n.loc), subject + ": the instructions changed");
  if (o.role != n.role)
    out.add(C::Compatible, "step-role", subject, at(o.role_loc, o.loc), at(n.role_loc, n.loc),
            fmt::format("{}: the role changed from {} to {}", subject, o.role, n.role));
  if (o.services != n.services)
    out.add(C::Compatible, "step-services", subject, o.loc, n.loc,
            subject + ": the services it applies to changed");
  if (o.tasks != n.tasks || o.require_mandatory != n.require_mandatory)
    out.add(C::Compatible, "step-tasks", subject, o.loc, n.loc,
            subject + ": the tasks it owns (or `require mandatory tasks`) changed");
  if (o.enter != n.enter)
    out.add(C::Compatible, "action-changed", subject, o.loc, n.loc,
            subject + ": the actions on entering it changed");
  if (o.call != n.call || o.regions != n.regions || o.parent != n.parent || o.region != n.region)
    out.add(C::Compatible, "step-structure", subject, o.loc, n.loc,
            subject + ": the playbook it calls or its parallel regions changed");
  diff_transitions(subject, renamed_all(o.transitions, renames), n.transitions, {}, out);
  terminal(subject, o, n, out);
}

void step_pair(const Step& n, const std::vector<const Step*>& olds, Out& out) {
  for (const Step* o : olds) {
    if (o->id == n.id) continue;
    auto& c = out.add(C::Compatible, "step-renamed", "step " + n.id, o->loc,
                      at(n.renamed_from_loc, n.loc),
                      fmt::format("step {} is renamed to {} (renamed_from); instances there move "
                                  "to it",
                                  o->id, n.id));
    c.before = o->id;
    c.after = n.id;
  }
}

}  // namespace

void diff_steps(const Playbook& old, const Playbook& now, const Renames& renames, Out& out) {
  for (const auto& n : now.steps) {
    auto olds = olds_of(n, old, renames);
    if (olds.empty()) {
      out.add(C::Compatible, "step-added", "step " + n.id, {}, n.loc,
              fmt::format("step {} is added", n.id));
      continue;
    }
    step_pair(n, olds, out);
    compare_step(*olds.front(), n, renames, out);
  }
  for (const auto& o : old.steps)
    if (!renames.contains(o.id))
      out.add(C::Breaking, "step-removed", "step " + o.id, o.loc, {},
              fmt::format("step {} is removed; running instances there need a mapping", o.id),
              successor_hint(o, now, renames));
}

namespace {

std::set<std::string> words(const Step& s) {
  std::set<std::string> out;
  std::string w;
  for (char ch : s.title + " " + s.id + " ") {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else {
      if (w.size() > 2) out.insert(w);
      w.clear();
    }
  }
  return out;
}

std::set<std::string> targets(const Step& s, const Renames& renames) {
  std::set<std::string> out;
  for (const auto& t : s.transitions) {
    auto it = renames.find(t.target);
    out.insert(it == renames.end() ? t.target : it->second);
  }
  if (s.terminal != TerminalKind::None) out.insert("#" + s.terminal_arg);
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t common = 0;
  for (const auto& x : a) common += b.count(x);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

std::string successor_hint(const Step& gone, const Playbook& now, const Renames& renames) {
  std::set<std::string> taken;
  for (const auto& [o, n] : renames) taken.insert(n);
  const Step* best = nullptr;
  double best_score = 0.5;  // below: too unlike to suggest
  auto gw = words(gone);
  auto gt = targets(gone, renames);  // read in the new version's ids
  for (const auto& n : now.steps) {
    double same_words = jaccard(gw, words(n));
    if (taken.contains(n.id) || same_words == 0) continue;  // no word in common: no guess
    double score =
        same_words + 0.5 * jaccard(gt, targets(n, {})) + (gone.role == n.role ? 0.1 : 0.0);
    if (score > best_score) best = &n, best_score = score;
  }
  if (!best)
    return fmt::format("if a step replaces it, add `renamed_from {}` to that step", gone.id);
  return fmt::format(
      "step {} looks like a rename of it (similar title and transitions): add "
      "`renamed_from {}` to it",
      best->id, gone.id);
}

}  // namespace pb::diff
