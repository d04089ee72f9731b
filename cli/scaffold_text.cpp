// scaffold_text.cpp — the text of one scenario skeleton (scaffold.hpp):
// one scenario step per non-decision transition of the path, decision
// branches folded into the step that leads into them as comments.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/scaffold.hpp"
#include "grammar/describe.hpp"
#include "grammar/frontend.hpp"
#include "model/calendar_math.hpp"

namespace pb::cli {

namespace {

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

void tenant_paths(const Expr& e, std::set<std::string>& out) {
  if (e.kind == ExprKind::Path && e.text.starts_with("tenant.")) out.insert(e.text);
  for (const auto& a : e.args) tenant_paths(a, out);
}

bool reads_note(const Expr& e) {
  if (e.kind == ExprKind::Path && (e.text == "event.note" || e.text == "event.note_kind"))
    return true;
  for (const auto& a : e.args)
    if (reads_note(a)) return true;
  return false;
}

// The kind in the first `event.note_kind == "KIND"` of `e`; "" when none.
std::string kind_wanted(const Expr& e) {
  if (e.kind == ExprKind::Binary && e.text == "==" && e.args.size() == 2)
    for (int i = 0; i < 2; ++i)
      if (e.args[i].kind == ExprKind::Path && e.args[i].text == "event.note_kind" &&
          e.args[1 - i].kind == ExprKind::String)
        return e.args[1 - i].text;
  for (const auto& a : e.args)
    if (auto k = kind_wanted(a); !k.empty()) return k;
  return "";
}

// Whether a rule on `event` reads its note; `kind` is then the kind a rule
// compares `event.note_kind` with ("" when none does).
bool event_needs_note(const Playbook& pb, const std::string& event, std::string& kind) {
  bool needs = false;
  for (const auto* rules : {&pb.rules, &pb.tenant.rules})
    for (const auto& r : *rules)
      if (r.on == RuleOn::Event && r.event == event && reads_note(r.condition)) {
        needs = true;
        if (kind.empty()) kind = kind_wanted(r.condition);
      }
  return needs;
}

// One payload field with a placeholder value and a TODO comment.
std::string payload_line(const Attribute& a, Instant start) {
  std::string value, hint = a.title;
  switch (a.type.kind) {
    case TypeKind::Bool: value = "false", hint += " (true or false)"; break;
    case TypeKind::Int: value = "0"; break;
    case TypeKind::Date:
      value = format_iso_date(day_of(start) + std::chrono::days{30}), hint += " (a date)";
      break;
    case TypeKind::Enum:
      value = quoted(a.type.values.empty() ? "TODO" : a.type.values.front());
      hint += fmt::format(" (one of: {})", fmt::join(a.type.values, ", "));
      break;
    default: value = quoted("TODO"); break;
  }
  return fmt::format("      {}: {}   # TODO {}\n", a.name, value, hint);
}

// A wait by a value: the `else` case (else the first), and which to check.
std::string wait_advance_text(const Transition& t) {
  const WaitCase* w = t.wait_cases.empty() ? nullptr : &t.wait_cases.front();
  for (const auto& c : t.wait_cases)
    if (c.key.empty()) w = &c;
  if (!w) return "";
  return fmt::format("  - advance: {}   # the timer `{}`: TODO the case of the tenant's {}\n",
                     duration_words(w->amount, w->unit), trigger_words(t, TriggerStyle::Compact),
                     t.wait_by);
}

std::string action_text(const Playbook& pb, const Transition& t, Instant start) {
  std::string out;
  switch (t.trigger) {
    case TriggerKind::Event: {
      out = fmt::format("  - fire: {}\n", t.event);
      if (t.guard) out += fmt::format("    # only when {}\n", print_expr(*t.guard));
      const EventDecl* ev = pb.event(t.event);
      if (ev && !ev->payload.empty()) {
        out += "    set:\n";
        for (const auto& a : ev->payload) out += payload_line(a, start);
      }
      if (std::string kind; event_needs_note(pb, t.event, kind)) {
        out += fmt::format("    note: {}   # TODO the note the rules ask for\n",
                           quoted(pb.note_prefix.empty() ? "TODO" : pb.note_prefix + ": TODO"));
        if (!kind.empty() && kind != "status") out += fmt::format("    kind: {}\n", kind);
      }
      return out;
    }
    case TriggerKind::Task: return fmt::format("  - complete: {}\n", t.task);
    case TriggerKind::After:
      if (!t.wait_by.empty()) return wait_advance_text(t);
      return fmt::format("  - advance: {}   # the timer `{}`{}\n", duration_words(t.amount, t.unit),
                         trigger_words(t, TriggerStyle::Compact),
                         t.since.empty() ? "" : ": TODO less, by the time spent since then");
    case TriggerKind::At:
      return fmt::format("  - tick: true   # the timer `{}`: TODO make sure that date is set\n",
                         describe_trigger(t, TriggerStyle::Compact));
    case TriggerKind::Return:
      return fmt::format(
          "  # `{}`: TODO fire the events that end the called playbook (its "
          "end returns here in the same input)\n",
          describe_trigger(t, TriggerStyle::Source));
    default: return "";
  }
}

std::string expect_text(const Playbook& pb, const std::string& step_id) {
  const Step* s = pb.step(step_id);
  bool terminal = s && s->terminal != TerminalKind::None;
  return fmt::format("    expect: {{step: {}{}}}\n", terminal ? pb.id + "/" : "", step_id);
}

std::string header(const Playbook& pb, const paths::Path& p, size_t number,
                   const std::set<std::string>& reads) {
  std::string out = fmt::format(
      "# {}-path-{}.scenario.yaml — a skeleton written by `playbook test --scaffold {}`\n"
      "# for path {}, which no scenario covered yet:\n#   {}\n"
      "# Fill in the TODOs (payload values, the attributes the decisions read),\n"
      "# name the scenario, add expectations, and run `playbook test`.\n",
      pb.id, number, pb.id, number, path_line(p));
  if (!reads.empty())
    out += fmt::format(
        "# The decisions on this path read {}: give the tenant the values\n"
        "# that take the branches below (tenant attributes or `- set:` steps).\n",
        fmt::join(reads, ", "));
  return out;
}

}  // namespace

std::string skeleton(const Playbook& pb, const paths::Path& p, size_t number,
                     const std::string& sample, Instant start,
                     const std::string& calendar_attr_value) {
  std::set<std::string> reads;
  for (const auto& e : p.edges)
    if (paths::is_decision(*e.from) && e.t->guard) tenant_paths(*e.t->guard, reads);
  std::string body;
  size_t i = 0, n = p.edges.size();
  auto decisions = [&](size_t j) {
    for (; j < n && paths::is_decision(*p.edges[j].from); ++j)
      body +=
          fmt::format("    # decision {}: {} -> {}\n", p.edges[j].from->id,
                      describe_trigger(*p.edges[j].t, TriggerStyle::Compact), p.edges[j].t->target);
    return j;
  };
  if (n && paths::is_decision(*p.edges[0].from)) {
    body += "  - advance: 0 days   # the start step decides at once\n";
    i = decisions(0);
    body += expect_text(pb, p.edges[i - 1].t->target);
  }
  while (i < n) {
    body += action_text(pb, *p.edges[i].t, start);
    size_t j = decisions(i + 1);
    body += expect_text(pb, p.edges[j - 1].t->target);
    i = j;
  }
  if (n == 0) body += fmt::format("  - advance: 0 days\n{}", expect_text(pb, p.terminal->id));
  std::string tenant;
  if (!sample.empty())
    tenant = fmt::format("sample: {}   # playbooks/samples/{}.tenant.yaml; or `tenant:` inline\n",
                         sample, sample);
  else if (!calendar_attr_value.empty() && pb.calendar.starts_with("tenant."))
    tenant = fmt::format("tenant:   # TODO the tenant's attributes\n  {}: {}\n",
                         pb.calendar.substr(7), quoted(calendar_attr_value));
  else
    tenant = "tenant: {}   # TODO the tenant's attributes\n";
  return header(pb, p, number, reads) +
         fmt::format("scenario: {}\nplaybook: {}\nstart: {}\n{}steps:\n",
                     quoted(fmt::format("{} path {} (TODO describe)", pb.id, number)), pb.id,
                     format_iso_instant(start), tenant) +
         body;
}

}  // namespace pb::cli
