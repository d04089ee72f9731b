// checker_overlap.cpp — PB053: two transitions of one step on the same event
// (or the same `on task`) whose guards can both hold. Guards count as
// exclusive only when provably so: one conjunct of one guard contradicts one
// conjunct of the other — `X` / `not X`, `a == "v1"` / `a == "v2"`,
// `a == v` / `a != v`, disjoint ranges of one path against int or date
// literals (`a < N` / `a >= N`), and `in [...]` lists without common items.
// Anything else may overlap.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

// Meaning, ignoring locations and parentheses. Past kMaxExprDepth it answers
// "not the same", which only makes PB053 more cautious.
bool same(const Expr& a, const Expr& b, int depth = 0) {
  if (depth > kMaxExprDepth || a.kind != b.kind || a.text != b.text || a.bval != b.bval ||
      a.ival != b.ival || a.args.size() != b.args.size())
    return false;
  for (size_t i = 0; i < a.args.size(); ++i)
    if (!same(a.args[i], b.args[i], depth + 1)) return false;
  return true;
}

void conjuncts(const Expr& root, std::vector<const Expr*>& out) {  // iterative: chains can be long
  std::vector<const Expr*> todo{&root};
  while (!todo.empty()) {
    const Expr* e = todo.back();
    todo.pop_back();
    if (e->kind == ExprKind::Binary && e->text == "and" && e->args.size() == 2) {
      todo.push_back(&e->args[1]);
      todo.push_back(&e->args[0]);
    } else {
      out.push_back(e);
    }
  }
}

bool is_literal(const Expr& e) {
  return e.kind == ExprKind::Bool || e.kind == ExprKind::Int || e.kind == ExprKind::String ||
         e.kind == ExprKind::Date;
}

// `path OP literal`, normalised so the path is on the left.
struct Cmp {
  const Expr* path;
  std::string op;
  const Expr* value;
};

std::optional<Cmp> as_cmp(const Expr& e) {
  static const std::map<std::string, std::string> flip{{"==", "=="}, {"!=", "!="}, {"<", ">"},
                                                       {">", "<"},   {"<=", ">="}, {">=", "<="}};
  if (e.kind != ExprKind::Binary || e.args.size() != 2 || !flip.contains(e.text)) return {};
  const Expr &l = e.args[0], &r = e.args[1];
  if (!is_literal(l) && is_literal(r)) return Cmp{&l, e.text, &r};
  if (is_literal(l) && !is_literal(r)) return Cmp{&r, flip.at(e.text), &l};
  return {};
}

std::optional<int64_t> ordinal(const Expr& v) {
  if (v.kind == ExprKind::Int) return v.ival;
  if (v.kind == ExprKind::Date && v.text.size() == 10) {  // YYYY-MM-DD → YYYYMMDD (monotonic)
    std::string digits = v.text.substr(0, 4) + v.text.substr(5, 2) + v.text.substr(8, 2);
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::stoll(digits);
  }
  return {};
}

// The closed interval of values `path OP N` admits, when OP orders.
std::optional<std::pair<int64_t, int64_t>> interval(const Cmp& c) {
  auto n = ordinal(*c.value);
  if (!n) return {};
  constexpr int64_t lo = std::numeric_limits<int64_t>::min(),
                    hi = std::numeric_limits<int64_t>::max();
  if (c.op == "==") return std::pair{*n, *n};
  if (c.op == "<") return std::pair{lo, *n == lo ? lo : *n - 1};
  if (c.op == "<=") return std::pair{lo, *n};
  if (c.op == ">") return std::pair{*n == hi ? hi : *n + 1, hi};
  if (c.op == ">=") return std::pair{*n, hi};
  return {};
}

bool cmp_exclusive(const Cmp& a, const Cmp& b) {
  if (!same(*a.path, *b.path)) return false;
  bool equal_values = same(*a.value, *b.value);
  if (a.op == "==" && b.op == "==") return !equal_values && a.value->kind == b.value->kind;
  if ((a.op == "==" && b.op == "!=") || (a.op == "!=" && b.op == "==")) return equal_values;
  auto ia = interval(a), ib = interval(b);
  return ia && ib && (ia->second < ib->first || ib->second < ia->first);
}

// x in [..] against x == v or x in [..]: exclusive when no item is shared.
bool in_exclusive(const Expr& a, const Expr& b) {
  if (a.kind != ExprKind::In || a.args.empty()) return false;
  std::vector<const Expr*> other;
  if (b.kind == ExprKind::In && !b.args.empty() && same(a.args[0], b.args[0])) {
    for (size_t i = 1; i < b.args.size(); ++i) other.push_back(&b.args[i]);
  } else if (auto c = as_cmp(b); c && c->op == "==" && same(a.args[0], *c->path)) {
    other.push_back(c->value);
  } else {
    return false;
  }
  for (size_t i = 1; i < a.args.size(); ++i)
    for (const Expr* o : other)
      if (!is_literal(a.args[i]) || !is_literal(*o) || same(a.args[i], *o)) return false;
  return true;
}

bool contradict(const Expr& a, const Expr& b) {
  auto negation_of = [](const Expr& n, const Expr& x) {
    return n.kind == ExprKind::Unary && n.text == "not" && n.args.size() == 1 && same(n.args[0], x);
  };
  if (negation_of(a, b) || negation_of(b, a)) return true;
  if (in_exclusive(a, b) || in_exclusive(b, a)) return true;
  auto ca = as_cmp(a), cb = as_cmp(b);
  return ca && cb && cmp_exclusive(*ca, *cb);
}

bool exclusive(const std::optional<Expr>& g1, const std::optional<Expr>& g2) {
  if (!g1 || !g2) return false;
  std::vector<const Expr*> a, b;
  conjuncts(*g1, a);
  conjuncts(*g2, b);
  size_t budget = 10000;  // pairs compared; beyond it, assume they may overlap
  for (const Expr* x : a)
    for (const Expr* y : b) {
      if (budget-- == 0) return false;
      if (contradict(*x, *y)) return true;
    }
  return false;
}

std::string trigger_key(const Transition& t) {
  if (t.trigger == TriggerKind::Event) return "event '" + t.event + "'";
  if (t.trigger == TriggerKind::Task) return fmt::format("task {}", t.task);
  return {};
}

// The earlier transitions of one step on the same trigger as `t` (nullptr for
// a trigger that is not an event or a task). The text of the trigger
// (trigger_key) is built only for a finding.
struct ByTrigger {
  std::unordered_map<std::string_view, std::vector<const Transition*>> events;
  std::unordered_map<int64_t, std::vector<const Transition*>> tasks;
  std::vector<const Transition*>* of(const Transition& t) {
    if (t.trigger == TriggerKind::Event) return &events[t.event];
    if (t.trigger == TriggerKind::Task) return &tasks[t.task];
    return nullptr;
  }
};

bool same_trigger(const Transition& a, const Transition& b) {
  if (a.trigger != b.trigger) return false;
  return a.trigger == TriggerKind::Event ? a.event == b.event : a.task == b.task;
}

// PB053 for `t` against the first of the earlier transitions on its trigger
// whose guard is not exclusive with its own.
void report_overlap(PlaybookScope& s, const Step& st, const Transition& t,
                    const std::vector<const Transition*>& earlier) {
  for (const Transition* e : earlier) {
    if (exclusive(e->guard, t.guard)) continue;
    std::string why = !e->guard && !t.guard ? "neither has a guard" : "their guards can both hold";
    s.diags.warning(t.loc, LintCode::OverlappingTransitions,
                    fmt::format("this transition and the one at {} both fire on {} in step "
                                "'{}' and {}; only the first listed is ever taken then — make "
                                "the guards exclusive",
                                e->loc.str(), trigger_key(t), st.id, why));
    break;  // one finding per transition is enough
  }
}

// A step of a few transitions (the usual case) is scanned pairwise, with no
// map; a longer one goes through ByTrigger so that the check stays linear.
constexpr size_t kFewTransitions = 16;

void check_step(PlaybookScope& s, const Step& st) {
  const auto& all = st.transitions;
  if (all.size() <= kFewTransitions) {
    std::vector<const Transition*> earlier;
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].trigger != TriggerKind::Event && all[i].trigger != TriggerKind::Task) continue;
      earlier.clear();
      for (size_t j = 0; j < i; ++j)
        if (same_trigger(all[j], all[i])) earlier.push_back(&all[j]);
      report_overlap(s, st, all[i], earlier);
    }
    return;
  }
  ByTrigger by_trigger;
  for (const auto& t : all) {
    auto* same = by_trigger.of(t);
    if (!same) continue;
    report_overlap(s, st, t, *same);
    same->push_back(&t);
  }
}

}  // namespace

void check_overlaps(PlaybookScope& s) {
  for (const auto& st : s.pb.steps) check_step(s, st);
}

}  // namespace pb::check
