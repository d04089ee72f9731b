// paths.cpp — see paths.hpp. A depth-first walk over the steps with a small
// abstract state (visits, tasks and tenant attributes the path itself set)
// and a three-valued guard evaluator over it.
#include "paths.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <variant>

#include "model/regions.hpp"

namespace pb::paths {

namespace {

// A known value: bool, int or string. std::nullopt = unknown.
using Lit = std::variant<bool, int64_t, std::string>;
using Val = std::optional<Lit>;

struct State {
  std::map<std::string, int64_t> visits;
  std::map<int64_t, bool> tasks;     // known task states
  std::map<std::string, Lit> attrs;  // tenant.X known from the path
};

Val eval(const Expr& e, const State& s);

std::optional<bool> truth(const Val& v) {
  if (v && std::holds_alternative<bool>(*v)) return std::get<bool>(*v);
  return std::nullopt;
}

Val logic(const Expr& e, const State& s) {
  auto a = truth(eval(e.args[0], s)), b = truth(eval(e.args[1], s));
  bool is_and = e.text == "and";
  if (a == !is_and || b == !is_and) return Lit{!is_and};  // a short-circuiting operand decides
  if (a && b) return Lit{is_and};
  return std::nullopt;
}

Val compare(const std::string& op, const Lit& a, const Lit& b) {
  if (a.index() != b.index()) return std::nullopt;
  if (op == "==") return Lit{a == b};
  if (op == "!=") return Lit{a != b};
  if (!std::holds_alternative<int64_t>(a)) return std::nullopt;
  int64_t x = std::get<int64_t>(a), y = std::get<int64_t>(b);
  if (op == "<") return Lit{x < y};
  if (op == "<=") return Lit{x <= y};
  if (op == ">") return Lit{x > y};
  if (op == ">=") return Lit{x >= y};
  return std::nullopt;
}

Val binary(const Expr& e, const State& s) {
  if (e.args.size() != 2) return std::nullopt;
  if (e.text == "and" || e.text == "or") return logic(e, s);
  Val a = eval(e.args[0], s), b = eval(e.args[1], s);
  if (!a || !b) return std::nullopt;
  return compare(e.text, *a, *b);
}

Val in_list(const Expr& e, const State& s) {
  if (e.args.empty()) return std::nullopt;
  Val x = eval(e.args[0], s);
  if (!x) return std::nullopt;
  bool all_known = true;
  for (size_t i = 1; i < e.args.size(); ++i) {
    Val y = eval(e.args[i], s);
    if (y && *y == *x) return Lit{true};
    all_known &= y.has_value();
  }
  return all_known ? Val(Lit{false}) : std::nullopt;
}

Val call(const Expr& e, const State& s) {
  if (e.text == "visits" && e.args.size() == 1) {
    auto it = s.visits.find(e.args[0].text);
    return Lit{it == s.visits.end() ? int64_t{0} : it->second};
  }
  if (e.text == "task" && e.args.size() == 1) {
    auto it = s.tasks.find(e.args[0].ival);
    if (it != s.tasks.end()) return Lit{it->second};
  }
  return std::nullopt;
}

Val eval(const Expr& e, const State& s) {
  switch (e.kind) {
    case ExprKind::Bool: return Lit{e.bval};
    case ExprKind::Int: return Lit{e.ival};
    case ExprKind::String: return Lit{e.text};
    case ExprKind::Date:
    case ExprKind::Decimal: return std::nullopt;
    case ExprKind::Path: {
      if (!e.text.starts_with("tenant.")) return std::nullopt;
      auto it = s.attrs.find(e.text.substr(7));
      return it == s.attrs.end() ? std::nullopt : Val(it->second);
    }
    case ExprKind::Call: return call(e, s);
    case ExprKind::Unary: {
      if (e.args.empty()) return std::nullopt;
      Val v = eval(e.args[0], s);
      if (e.text == "not") {
        auto b = truth(v);
        return b ? Val(Lit{!*b}) : std::nullopt;
      }
      if (v && std::holds_alternative<int64_t>(*v)) return Lit{-std::get<int64_t>(*v)};
      return std::nullopt;
    }
    case ExprKind::Binary: return binary(e, s);
    case ExprKind::In: return in_list(e, s);
  }
  return std::nullopt;
}

// The largest number a guard compares visits(…) with (0 = no visits guard).
int64_t visits_bound(const Expr& e) {
  int64_t best = 0;
  if (e.kind == ExprKind::Binary && e.args.size() == 2) {
    const Expr &a = e.args[0], &b = e.args[1];
    bool va = a.kind == ExprKind::Call && a.text == "visits";
    bool vb = b.kind == ExprKind::Call && b.text == "visits";
    if (va && b.kind == ExprKind::Int) best = std::max(best, b.ival);
    if (vb && a.kind == ExprKind::Int) best = std::max(best, a.ival);
  }
  for (const auto& x : e.args) best = std::max(best, visits_bound(x));
  return best;
}

// Applies the writes the path can know: complete/reset and literal sets.
void apply(const std::vector<Action>& actions, State& s) {
  for (const auto& a : actions) {
    if (a.kind == ActionKind::Complete || a.kind == ActionKind::Reset)
      s.tasks[a.task] = a.kind == ActionKind::Complete;
    if (a.kind == ActionKind::Mark) s.tasks[a.task] = a.text == to_string(TaskStatus::Complete);
    if (a.kind != ActionKind::Set || !a.path.starts_with("tenant.")) continue;
    std::string name = a.path.substr(7);
    Val v = a.expr ? eval(*a.expr, s) : std::nullopt;
    if (v)
      s.attrs[name] = *v;
    else
      s.attrs.erase(name);
  }
}

struct Walker {
  const Playbook& pb;
  const Options& o;
  const Step* parallel = nullptr;  // region mode: the parallel step …
  std::string region;              // … and the region walked
  Enumeration out;
  std::vector<Edge> stack;
  size_t explored = 0;
  std::unordered_map<const Transition*, int> bound;

  bool stopped() const { return out.truncated; }

  static int64_t entries(const State& st, const std::string& id) {
    auto it = st.visits.find(id);
    return it == st.visits.end() ? 0 : it->second;
  }

  // How often a path may enter the target of `t` when taking it.
  int bound_of(const Transition& t) {
    auto it = bound.find(&t);
    if (it != bound.end()) return it->second;
    int64_t v = t.guard ? visits_bound(*t.guard) : 0;
    return bound[&t] = int(std::max<int64_t>(o.max_loops + 1, std::min<int64_t>(v, 1000)));
  }

  // The transitions of `s` a path may take from state `st`; for a parallel
  // step, then its regions' transitions to steps outside them.
  std::vector<Edge> ways(const Step& s, const State& st) {
    std::vector<Edge> out_ways;
    bool decided = false;
    for (const Transition* t : transitions_of(pb, s)) {
      if (decided) break;
      if (t->target.empty()) continue;  // stays, or a reminder: not an edge
      auto g = t->trigger == TriggerKind::Otherwise ? std::optional<bool>(true)
               : t->guard                           ? truth(eval(*t->guard, st))
                                                    : std::optional<bool>(true);
      if (g == false) continue;
      if (g == true && is_decision(s)) decided = true;
      out_ways.push_back(Edge{&s, t});
    }
    for (const auto& r : s.regions)
      for (const Step* x : region_steps(pb, s.id, r.id))
        for (const auto& t : x->transitions)
          if (const Step* to = pb.step(t.target); to && !in_region(*to))
            out_ways.push_back(Edge{x, &t});
    return out_ways;
  }

  bool outside_region(const Step& s) const {
    return parallel && (s.parent != parallel->id || s.region != region);
  }

  void enter(const Step& s, State st) {
    if (stopped()) return;
    if (outside_region(s)) return record(s);
    ++st.visits[s.id];
    apply(s.enter, st);
    if (s.terminal != TerminalKind::None) return record(s);
    for (const Edge& e : ways(s, st)) {
      if (stopped()) return;
      if (++explored > o.budget) {
        out.truncated = true, out.why = "budget";
        return;
      }
      const Transition* t = e.t;
      const Step* next = pb.step(t->target);
      if (!next || entries(st, next->id) >= bound_of(*t)) continue;
      State nst = st;
      if (t->trigger == TriggerKind::Task) nst.tasks[t->task] = true;
      apply(t->actions, nst);
      stack.push_back(e);
      enter(*next, std::move(nst));
      stack.pop_back();
    }
  }

  void record(const Step& s) {
    if (out.paths.size() >= o.limit)
      out.truncated = true, out.why = "limit";  // one more than shown
    else
      out.paths.push_back(Path{stack, &s});
  }
};

}  // namespace

bool is_decision(const Step& s) {
  for (const auto& t : s.transitions)
    if (t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise) return true;
  return false;
}

Enumeration enumerate(const Playbook& pb, const Options& o) {
  Options opts = o;
  opts.max_loops = std::max(0, opts.max_loops);
  Walker w{pb, opts, nullptr, {}, {}, {}, 0, {}};
  if (const Step* s = pb.step(pb.start)) w.enter(*s, State{});
  for (const auto& p : pb.steps)
    for (const auto& r : p.regions) {
      Walker rw{pb, opts, &p, r.id, {}, {}, 0, {}};
      if (const Step* first = region_start(pb, p.id, r.id)) rw.enter(*first, State{});
      w.out.regions.push_back(RegionPaths{&p, r.id, std::move(rw.out.paths)});
      if (rw.out.truncated) w.out.truncated = true, w.out.why = rw.out.why;
    }
  return std::move(w.out);
}

}  // namespace pb::paths
