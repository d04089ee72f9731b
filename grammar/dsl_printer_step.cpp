// dsl_printer_step.cpp — canonical text of steps, transitions and actions
// (see dsl_printer.cpp for the canonical form).
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "describe.hpp"
#include "dsl_printer.hpp"
#include "frontend.hpp"
#include "print_util.hpp"

namespace pb::grammar {

namespace {

// send "T" [to EXPR | to contacts where COND] [cc contacts where COND]
std::string send_text(const Action& a) {
  std::string out = "send " + quote(a.text);
  if (a.expr) out += (a.to_contacts ? " to contacts where " : " to ") + print_expr(*a.expr);
  if (a.cc) out += " cc contacts where " + print_expr(*a.cc);
  return out;
}

// The one-line text of an action other than `each`.
std::string simple_action(const Action& a) {
  auto expr = [&] { return a.expr ? print_expr(*a.expr) : std::string("true"); };
  switch (a.kind) {
    case ActionKind::Complete: return fmt::format("complete {}", a.task);
    case ActionKind::Reset: return fmt::format("reset {}", a.task);
    case ActionKind::Mark: return fmt::format("mark {} {}", a.task, a.text);
    case ActionKind::Note: return fmt::format("note {} {}", to_string(a.note_kind), quote(a.text));
    case ActionKind::Set: return std::string("set ") + a.path + " = " + expr();
    case ActionKind::Assign:
      return fmt::format("assign {} {}{}", to_string(a.queue), a.me ? "me" : quote(a.text),
                         a.primary ? " primary" : "");
    case ActionKind::Unassign:
      return fmt::format("unassign {} {}", to_string(a.queue), a.me ? "me" : quote(a.text));
    case ActionKind::Send: return send_text(a);
    case ActionKind::MarkContact: return "mark contact " + expr() + " " + a.text;
    case ActionKind::Require:
      return std::string("require ") + expr() + " else " + quote(a.text) +
             (a.code.empty() ? "" : std::string(" code ") + a.code);
    case ActionKind::ForEach: break;
  }
  return std::string("each ") + a.var + " in " + a.path +
         (a.expr ? std::string(" where ") + expr() : "");
}

bool inline_block(const std::vector<Action>& actions) {
  return actions.size() == 1 && actions[0].comments.empty() &&
         actions[0].kind != ActionKind::ForEach;
}

// The action as a layout document: its expression may wrap.
layout::Doc action_doc(const Action& a) {
  using layout::text;
  if (!a.expr) return text(simple_action(a));
  layout::Doc e = expr_doc(*a.expr);
  switch (a.kind) {
    case ActionKind::Set: return layout::nest(kContinue, {text("set " + a.path + " = "), e});
    case ActionKind::Send: {
      auto to = a.to_contacts ? " to contacts where " : " to ";
      layout::Docs parts{layout::cat({text("send " + quote(a.text) + to), e})};
      if (a.cc)
        parts.push_back(layout::brk()),
            parts.push_back(layout::cat({text("cc contacts where "), expr_doc(*a.cc)}));
      return layout::nest(kContinue, {layout::group(std::move(parts))});
    }
    case ActionKind::Require: {
      layout::Docs parts{layout::cat({text("require "), e}), layout::brk(),
                         text("else " + quote(a.text))};
      if (!a.code.empty()) parts.push_back(layout::brk()), parts.push_back(text("code " + a.code));
      return layout::nest(kContinue, {layout::fill(std::move(parts))});
    }
    case ActionKind::ForEach:
      return layout::nest(kContinue,
                          {text("each " + a.var + " in " + a.path + " where "), e, text(" {")});
    default: return text(simple_action(a));
  }
}

}  // namespace

void Printer::action(int indent, const Action& a) {
  comments(indent, a.comments);
  if (a.kind != ActionKind::ForEach) {
    doc(indent, action_doc(a));
    return;
  }
  if (a.expr)
    doc(indent, action_doc(a));
  else
    line(indent, simple_action(a) + " {");
  for (const auto& b : a.body) action(indent + 1, b);
  line(indent, "}");
}

void Printer::block(int indent, const layout::Doc& head, const std::vector<Action>& actions) {
  if (actions.empty()) {
    doc(indent, head);
    return;
  }
  if (inline_block(actions)) {
    std::string one = layout::flat(head) + " { " + simple_action(actions[0]) + " }";
    if (fits(indent, one)) return line(indent, one);
  }
  doc(indent, layout::cat({head, layout::text(" {")}));
  for (const auto& a : actions) action(indent + 1, a);
  line(indent, "}");
}

void Printer::transition(int indent, const Transition& t) {
  comments(indent, t.comments);
  using layout::text;
  layout::Docs head;
  if (t.trigger == TriggerKind::When) {
    head.push_back(text("when "));
    head.push_back(t.guard ? expr_doc(*t.guard) : text("true"));
  } else {
    head.push_back(text(trigger_words(t, TriggerStyle::Source)));
    if (t.guard && t.trigger != TriggerKind::Otherwise) {
      head.push_back(text(" when "));
      head.push_back(expr_doc(*t.guard));
    }
  }
  if (!t.target.empty()) head.push_back(text(" -> " + t.target));
  if (t.target.empty() && t.actions.empty() && t.trigger != TriggerKind::Remind)
    head.push_back(text(" {}"));  // stays and does nothing: still reads back
  block(indent, layout::nest(kContinue, std::move(head)), t.actions);
}

void Printer::anywhere(int indent, const Anywhere& a) {
  comments(indent, a.comments);
  std::vector<std::string> except = a.except;
  layout::Doc head = except.empty() ? layout::text("anywhere") : listing("anywhere except", except);
  doc(indent, layout::cat({head, layout::text(" {")}));
  for (const auto& t : a.transitions) transition(indent + 1, t);
  line(indent, "}");
}

void Printer::step(int indent, const Step& s) {
  comments(indent, s.comments);
  std::string head = std::string("step ") + s.id;
  if (!s.title.empty()) head += std::string(" ") + quote(s.title);
  if (!s.role.empty()) head += std::string(" role ") + s.role;
  line(indent, head + " {");
  int in = indent + 1;
  if (!s.renamed_from.empty()) doc(in, listing("renamed_from", s.renamed_from));
  if (!s.services.empty()) {
    std::vector<std::string> services;
    for (const auto& x : s.services) services.push_back(quote(x));
    doc(in, listing("services", services));
  }
  if (!s.instructions.empty())
    line(in, std::string("instructions ") +
                 quote_block(s.instructions, static_cast<size_t>(in + 1) * 2));
  if (!s.tasks.empty()) {
    std::vector<std::string> tasks;
    for (auto t : s.tasks) tasks.push_back(std::to_string(t));
    doc(in, listing("tasks", tasks));
  }
  if (s.require_mandatory) line(in, "require mandatory tasks");
  if (!s.enter.empty()) block(in, layout::text("enter"), s.enter);
  if (!s.call.empty()) line(in, "call playbook " + s.call);
  if (!s.regions.empty()) parallel(in, s);
  for (const auto& t : s.transitions) transition(in, t);
  switch (s.terminal) {
    case TerminalKind::None: break;
    case TerminalKind::End: line(in, std::string("end ") + quote(s.terminal_arg)); break;
    case TerminalKind::Goto: line(in, std::string("goto playbook ") + s.terminal_arg); break;
    case TerminalKind::Handoff: line(in, std::string("handoff ") + s.terminal_arg); break;
    case TerminalKind::Done: line(in, "done"); break;
  }
  comments(in, s.trailing);
  line(indent, "}");
}

// parallel { region ID "title" { steps } … }, a blank line between regions
// and between steps. A region's steps are found by their parent's id, so in
// a model with repeated ids (an error, but partial models print too) a step
// could be its own region's step: a step being printed is not printed again
// inside itself.
void Printer::parallel(int indent, const Step& s) {
  open_parallels.push_back(&s);
  line(indent, "parallel {");
  for (size_t i = 0; i < s.regions.size(); ++i) {
    const Region& r = s.regions[i];
    if (i) out += '\n';
    comments(indent + 1, r.comments);
    line(indent + 1, "region " + r.id + (r.title.empty() ? "" : " " + quote(r.title)) + " {");
    bool first = true;
    if (playbook)
      for (const auto& x : playbook->steps) {
        if (x.parent != s.id || x.region != r.id) continue;
        if (std::find(open_parallels.begin(), open_parallels.end(), &x) != open_parallels.end())
          continue;
        if (!std::exchange(first, false)) out += '\n';
        step(indent + 2, x);
      }
    comments(indent + 2, r.trailing);
    line(indent + 1, "}");
  }
  line(indent, "}");
  open_parallels.pop_back();
}

}  // namespace pb::grammar
