// describe.cpp — see describe.hpp.
#include "describe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "frontend.hpp"
#include "print_util.hpp"

namespace pb {

std::string duration_words(int64_t amount, DurationUnit unit) {
  std::string u = to_string(unit);  // "business days", "days", "months", "business hours", …
  if (amount == 1) u.pop_back();
  return fmt::format("{} {}", amount, u);
}

namespace {

std::string condition(const Transition& t) { return t.guard ? print_expr(*t.guard) : "true"; }

std::string task_words(const Transition& t, TriggerStyle style) {
  switch (style) {
    case TriggerStyle::Source: return fmt::format("on task {}", t.task);
    case TriggerStyle::Compact: return fmt::format("task {}", t.task);
    case TriggerStyle::Graph:
    case TriggerStyle::Sentence: break;
  }
  return fmt::format("task {} completed", t.task);
}

std::string at_words(const Transition& t) {
  if (t.amount == 0) return "at " + t.at_path;
  return fmt::format("at {} {} {}", t.at_path, t.amount < 0 ? '-' : '+',
                     duration_words(t.amount < 0 ? -t.amount : t.amount, DurationUnit::Days));
}

std::string since_words(const Transition& t) {
  return t.since.empty() ? "" : " since entering " + t.since;
}

std::string remind_words(const Transition& t, TriggerStyle style) {
  std::string w = "remind " + t.role + (t.every ? " every " : " after ") +
                  duration_words(t.amount, t.unit) + since_words(t);
  return style == TriggerStyle::Source ? w + " " + grammar::quote(t.text) : w;
}

// A case's key as the DSL reads it back: bare when an identifier (not `else`).
std::string key(const std::string& k) {
  return grammar::is_identifier(k) && k != "else" ? k : grammar::quote(k);
}

// `after PATH {APJ: 3 business days, else 2 business days}`; Graph puts each
// case on a line of its own, Sentence reads "otherwise" for `else`.
std::string wait_words(const Transition& t, TriggerStyle style) {
  const bool graph = style == TriggerStyle::Graph, sentence = style == TriggerStyle::Sentence;
  std::string out = "after " + t.wait_by + (graph ? "" : " {");
  for (size_t i = 0; i < t.wait_cases.size(); ++i) {
    const WaitCase& w = t.wait_cases[i];
    out += graph ? "\n" : i ? ", " : "";
    out += w.key.empty() ? (sentence ? "otherwise "
                            : graph  ? "else: "
                                     : "else ")
                         : key(w.key) + ": ";
    out += duration_words(w.amount, w.unit);
  }
  return (graph ? out : out + "}") + since_words(t);
}

// `join all` / `join edge, sync`; a sentence says "when … done".
std::string join_words(const Transition& t, TriggerStyle style) {
  std::string which = t.join.empty() ? "all" : fmt::format("{}", fmt::join(t.join, ", "));
  if (style != TriggerStyle::Sentence) return "join " + which;
  if (t.join.empty()) return "when every region is done";
  return fmt::format("when region{} {} {} done", t.join.size() > 1 ? "s" : "", which,
                     t.join.size() > 1 ? "are" : "is");
}

}  // namespace

std::string wait_cases_words(const Transition& t) { return wait_words(t, TriggerStyle::Source); }

std::string trigger_words(const Transition& t, TriggerStyle style) {
  bool named = style == TriggerStyle::Source || style == TriggerStyle::Graph;
  switch (t.trigger) {
    case TriggerKind::Event: return named ? "on " + t.event : t.event;
    case TriggerKind::Task: return task_words(t, style);
    case TriggerKind::After:
      if (!t.wait_by.empty()) return wait_words(t, style);
      return "after " + duration_words(t.amount, t.unit) + since_words(t);
    case TriggerKind::Remind: return remind_words(t, style);
    case TriggerKind::At: return at_words(t);
    case TriggerKind::Join: return join_words(t, style);
    case TriggerKind::When:
      return (style == TriggerStyle::Sentence ? "if " : "when ") + condition(t);
    case TriggerKind::Return:
      return style == TriggerStyle::Source || style == TriggerStyle::Graph ? "on return"
             : style == TriggerStyle::Compact                              ? "return"
                                              : "the called playbook returns";
    case TriggerKind::Otherwise: break;
  }
  return "otherwise";
}

std::string guard_words(const Transition& t, TriggerStyle style) {
  if (!t.guard || t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise) return "";
  std::string e = print_expr(*t.guard);
  switch (style) {
    case TriggerStyle::Source:
    case TriggerStyle::Compact: break;
    case TriggerStyle::Graph: return "\n[" + e + "]";
    case TriggerStyle::Sentence: return ", only if " + e;
  }
  return " when " + e;
}

std::string describe_trigger(const Transition& t, TriggerStyle style) {
  return trigger_words(t, style) + guard_words(t, style);
}

std::string repeated_region_message(const std::string& step, const std::string& region) {
  return fmt::format(
      "step '{}' has two regions '{}': `join` and `status` name a region by its id; rename one",
      step, region);
}

}  // namespace pb
