// dsl_state.cpp — DslState: building the Playbook as the DSL actions fire,
// duplicate header/step items (PB011), unknown words with "did you mean",
// and error recovery (skip to the next top-level item).
#include "describe.hpp"
#include "dsl_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace pb::grammar {

const std::vector<std::string>& context_words(WordContext ctx) {
  static const std::vector<std::string> file{"playbook"};
  static const std::vector<std::string> top{
      "title",    "version", "phase", "motions", "owner",    "note_prefix", "calendar",
      "next",     "start",   "scope", "role",    "task",     "group",       "event",
      "external", "tenant",  "rule",  "step",    "anywhere", "note_kind",   "extend"};
  static const std::vector<std::string> step{
      "role",    "services", "instructions", "tasks", "enter", "on",          "after",
      "at",      "remind",   "when",         "end",   "goto",  "handoff",     "otherwise",
      "require", "join",     "parallel",     "done",  "call",  "renamed_from"};
  static const std::vector<std::string> action{"complete", "reset",    "mark", "note",    "set",
                                               "assign",   "unassign", "send", "require", "each"};
  static const std::vector<std::string> type{"bool", "int",     "string",   "date",
                                             "enum", "records", "contacts", "decimal"};
  static const std::vector<std::string> unit{"business", "days", "day",    "weeks", "week",
                                             "hours",    "hour", "months", "month"};
  static const std::vector<std::string> flag{"mandatory", "optional"};
  switch (ctx) {
    case WordContext::File: return file;
    case WordContext::Top: return top;
    case WordContext::Step: return step;
    case WordContext::Action: return action;
    case WordContext::Type: return type;
    case WordContext::Unit: return unit;
    case WordContext::Mandatory: return flag;
  }
  return top;
}

std::string comma_hint(const char* begin, const char* at, const char* end) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const char* next_end = at;
  while (next_end != end && digit(*next_end)) ++next_end;
  const char* prev_end = at;
  while (prev_end > begin && (prev_end[-1] == ' ' || prev_end[-1] == '\t')) --prev_end;
  const char* prev = prev_end;
  while (prev > begin && digit(prev[-1])) --prev;
  if (prev == prev_end || next_end - at > 20 || prev_end - prev > 20) return {};
  return fmt::format("did you mean '{}, {}'?", std::string_view(prev, prev_end - prev),
                     std::string_view(at, next_end - at));
}

DslState::DslState(std::string_view text, const std::string& filename, Diagnostics& d)
    : ParseState(text, Loc{std::make_shared<const std::string>(filename), 1, 1}, d) {}

namespace {

bool in(const std::string& word, WordContext ctx) {
  const auto& words = context_words(ctx);
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

// A step's title belongs on its `step` line; `title` (or a misspelling of
// it) inside the step says so, with the same hint as in the header.
[[noreturn]] static void step_title_item(const char* b, const std::string& word) {
  throw syntax_error(
      b,
      fmt::format("{}a step's title goes on its first line: step ID \"Title\" {{",
                  word == "title" ? "" : fmt::format("unknown step item '{}': ", word)),
      word == "title" ? "" : fmt::format("did you mean 'title'?"));
}

void DslState::unknown_word(WordContext ctx, const char* b, const char* e) {
  std::string word(b, static_cast<size_t>(std::min<ptrdiff_t>(e - b, 60)));
  std::string hint = did_you_mean_keyword(word, context_words(ctx));
  switch (ctx) {
    case WordContext::File: throw syntax_error(b, "expected 'playbook ID {'", hint);
    case WordContext::Top:
      if (in(word, WordContext::Step))
        throw syntax_error(b, fmt::format("'{}' belongs inside a step: step ID {{ ... }}", word));
      throw syntax_error(b, fmt::format("unknown item '{}'", word), hint);
    case WordContext::Step:
      if (word == "title" || (hint.empty() && !closest(word, {"title"}).empty()))
        step_title_item(b, word);
      if (in(word, WordContext::Top))
        throw syntax_error(b, fmt::format("expected '}}' to close the step before '{}'", word));
      throw syntax_error(b, fmt::format("unknown step item '{}'", word), hint);
    case WordContext::Action:
      if (in(word, WordContext::Step) || in(word, WordContext::Top))
        throw syntax_error(b, fmt::format("expected '}}' to close the block before '{}'", word));
      throw syntax_error(b, fmt::format("unknown action '{}'", word), hint);
    case WordContext::Type: throw syntax_error(b, fmt::format("unknown type '{}'", word), hint);
    case WordContext::Unit:
      throw syntax_error(
          b,
          fmt::format("unknown unit '{}': use business days, business hours, days, weeks, "
                      "hours or months",
                      word),
          hint);
    case WordContext::Mandatory:
      if (word == "role")
        throw syntax_error(b, "expected 'mandatory' or 'optional' after the task name");
      throw syntax_error(
          b,
          fmt::format("'{}' is not a task flag: write mandatory or optional after the task name",
                      word),
          hint);
  }
  throw syntax_error(b, "syntax error");
}

namespace {

const char* line_begin(const char* p, const char* text_begin) {
  while (p > text_begin && p[-1] != '\n') --p;
  return p;
}

bool starts_top_item(const char* q, const char* end) {
  const char* c = q;
  while (c != end && (std::isalnum(static_cast<unsigned char>(*c)) || *c == '_')) ++c;
  std::string_view word(q, static_cast<size_t>(c - q));
  for (const auto& w : context_words(WordContext::Top))
    if (word == w) return true;
  return false;
}

// The resume point moved back over the comment lines (and blank lines)
// right above `line`, so those comments still attach to the item.
const char* with_comments_before(const char* line, const char* q, const char* error_at) {
  const char* resume = q;
  while (line > error_at) {
    const char* prev = line - 1;
    while (prev > error_at && prev[-1] != '\n') --prev;
    if (prev <= error_at) break;
    const char* c = prev;
    while (*c == ' ' || *c == '\t' || *c == '\r') ++c;
    if (*c == '#')
      resume = c;
    else if (*c != '\n')
      break;
    line = prev;
  }
  return resume;
}

}  // namespace

// Resume at the first line, at or after the error, that starts (no deeper
// than the failed item) with a top-level keyword, or with the '}' that
// closes the playbook. Nothing found: the end of the input.
const char* DslState::skip_after_error(const syntax_error& e, const char* item_start) {
  report(e);
  clear_exprs();
  depth = 0;
  blocks_.clear();
  attrs_.clear();
  step_stack_.clear();
  step_seen_.clear();
  regions_.clear();
  std::vector<std::string> kept;
  kept.swap(pending_comments);
  at_sign = 1;
  if (++errors_ >= kMaxErrors) {
    diags.error(loc(e.at), LintCode::SyntaxError,
                fmt::format("too many syntax errors ({}); stopped", errors_));
    recovered_to_end = true;
    return text_end();
  }
  const char* end = text_end();
  auto item_indent = item_start - line_begin(item_start, text_begin());
  for (const char* lb = line_begin(e.at, text_begin()); lb < end;) {
    const char* q = lb;
    while (q != end && (*q == ' ' || *q == '\t' || *q == '\r')) ++q;
    auto indent = q - lb;
    if (q > item_start && q >= e.at && q != end && indent <= item_indent) {
      if (*q == '}' && indent < item_indent) return q;
      if (starts_top_item(q, end)) {
        if (q == e.at) pending_comments.swap(kept);  // comments read before the error token
        return with_comments_before(lb, q, e.at);
      }
    }
    const void* nl = std::memchr(q, '\n', static_cast<size_t>(end - q));
    if (!nl) break;
    lb = static_cast<const char*>(nl) + 1;
  }
  recovered_to_end = true;
  return end;
}

// ---------------------------------------------------------------- accessors

Step& DslState::step() {
  if (!step_stack_.empty() && step_stack_.back() < pb.steps.size())
    return pb.steps[step_stack_.back()];
  if (pb.steps.empty()) pb.steps.emplace_back();
  return pb.steps.back();
}

Transition& DslState::tr() {
  auto& t = in_anywhere_ ? pb.anywhere->transitions : step().transitions;
  if (t.empty()) t.emplace_back();
  return t.back();
}

std::vector<Action>& DslState::block() {
  return blocks_.empty() ? scratch_actions_ : *blocks_.back();
}

Action& DslState::act() {
  auto& b = block();
  if (b.empty()) b.emplace_back();
  return b.back();
}

void DslState::action_text(Tok t) {
  Action& a = act();
  a.text = unquote(t);
  a.text_loc = loc(t.b);
}

Attribute& DslState::attr() {
  auto& a = attrs_.empty() ? scratch_attrs_ : *attrs_.back();
  if (a.empty()) a.emplace_back();
  return a.back();
}

Rule& DslState::rule() {
  if (pb.rules.empty()) pb.rules.emplace_back();
  return pb.rules.back();
}

// ---------------------------------------------------------------- structure

// `name` is a literal of the grammar's actions; only its first line is kept.
static void once(std::vector<std::pair<std::string_view, uint32_t>>& seen, const char* name,
                 const Loc& at, Diagnostics& diags) {
  for (const auto& [n, first_line] : seen) {
    if (n == name) {
      diags.error(at, LintCode::DuplicateKey,
                  fmt::format("'{}' is given twice (first at line {})", name, first_line));
      return;
    }
  }
  seen.emplace_back(name, at.line);
}

void DslState::header(const char* name, Tok t) { once(header_seen_, name, loc(t.b), diags); }

void DslState::step_item_once(const char* name, Tok t) {
  if (step_seen_.empty()) step_seen_.emplace_back();
  once(step_seen_.back(), name, loc(t.b), diags);
}

void DslState::begin_anywhere(Tok t) {
  header("anywhere", t);
  if (!pb.anywhere) {
    pb.anywhere.emplace();
    pb.anywhere->loc = loc(t.b);
    pb.anywhere->comments = take_comments();
  }
  in_anywhere_ = true;
}

void DslState::add_except(Tok t) {
  pb.anywhere->except.push_back(ident(t));
  pb.anywhere->except_locs.push_back(loc(t.b));
}

// A step inside `region ID { … }` belongs to that region of the step that
// holds the `parallel` block; the model keeps it in pb.steps after it.
void DslState::begin_step(Tok t) {
  in_anywhere_ = false;
  std::string parent, region;
  if (!regions_.empty() && regions_.back().step < pb.steps.size() && !step_stack_.empty() &&
      step_stack_.back() == regions_.back().step) {
    parent = pb.steps[regions_.back().step].id;
    region = regions_.back().id;
  }
  Step& s = pb.steps.emplace_back();
  s.loc = loc(t.b);
  s.comments = take_comments();
  s.parent = std::move(parent);
  s.region = std::move(region);
  step_stack_.push_back(pb.steps.size() - 1);
  step_seen_.emplace_back();
}

void DslState::end_step() {
  auto c = take_comments();
  for (auto& l : c.lines) step().trailing.lines.push_back(std::move(l));
  if (!step_stack_.empty()) step_stack_.pop_back();
  if (!step_seen_.empty()) step_seen_.pop_back();
}

void DslState::begin_region(Tok t) {
  Region& r = step().regions.emplace_back();
  r.loc = loc(t.b);
  r.comments = take_comments();
  regions_.push_back(OpenRegion{step_stack_.empty() ? pb.steps.size() : step_stack_.back(), ""});
}

void DslState::region_id(Tok t) {
  Step& p = step();
  if (p.regions.empty() || regions_.empty()) return;
  p.regions.back().id = ident(t);
  regions_.back().id = p.regions.back().id;
  for (size_t i = 0; i + 1 < p.regions.size(); ++i)
    if (p.regions[i].id == p.regions.back().id) {
      diags.error(loc(t.b), LintCode::ParallelMisuse,
                  repeated_region_message(p.id, p.regions[i].id));
      break;
    }
}

void DslState::end_region() {
  Step& p = step();
  auto c = take_comments();
  if (!p.regions.empty())
    for (auto& l : c.lines) p.regions.back().trailing.lines.push_back(std::move(l));
  if (!regions_.empty()) regions_.pop_back();
}

void DslState::begin_transition(TriggerKind k, Tok t) {
  auto& list = in_anywhere_ ? pb.anywhere->transitions : step().transitions;
  Transition& tr = list.emplace_back();
  tr.loc = loc(t.b);
  tr.comments = take_comments();
  tr.trigger = k;
}

void DslState::begin_action(ActionKind k, Tok t) {
  Action& a = block().emplace_back();
  a.loc = loc(t.b);
  a.comments = take_comments();
  a.kind = k;
}

void DslState::close_block() {
  if (!blocks_.empty()) blocks_.pop_back();
}

void DslState::close_attrs() {
  if (!attrs_.empty()) attrs_.pop_back();
}

void DslState::begin_attr(Tok t) {
  auto& list = attrs_.empty() ? scratch_attrs_ : *attrs_.back();
  Attribute& a = list.emplace_back();
  a.loc = loc(t.b);
  a.comments = take_comments();
}

void DslState::set_type(Tok t) {
  auto w = t.sv();
  Type& ty = attr().type;
  ty.kind = w == "bool"      ? TypeKind::Bool
            : w == "int"     ? TypeKind::Int
            : w == "string"  ? TypeKind::String
            : w == "date"    ? TypeKind::Date
            : w == "decimal" ? TypeKind::Decimal
                             : TypeKind::Contacts;
}

void DslState::finish() {
  for (auto& c : pending_comments) pb.trailing.lines.push_back(std::move(c));
  pending_comments.clear();
}

}  // namespace pb::grammar
