// expr_hints.cpp — what an expression that stopped early most likely meant
// (expr_hints.hpp): a number with a thousands separator, an operator the
// language does not have, a call of a function it does not know.
#include "expr_hints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace pb::grammar {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool starts(const char* at, const char* end, std::string_view s) {
  return static_cast<size_t>(end - at) >= s.size() && std::string_view(at, s.size()) == s;
}

// The operators of other languages, and what this one writes instead ("" =
// nothing: the language has no such operation).
struct Foreign {
  std::string_view op, instead;
};
constexpr std::array<Foreign, 12> kForeign{{
    {"&&", "and"},
    {"||", "or"},
    {"<>", "!="},
    {"=>", ">="},
    {"=<", "<="},
    {"\u2264", "<="},
    {"\u2265", ">="},
    {"\u2260", "!="},
    {"&", "and"},
    {"|", "or"},
    {"%", ""},
    {"^", ""},
}};

const Foreign* foreign_at(const char* at, const char* end) {
  for (const auto& f : kForeign)
    if (starts(at, end, f.op)) return &f;
  return nullptr;
}

// The word ending at `e` (after skipping blanks backwards), or "".
std::string_view word_before(const char* begin, const char* e) {
  while (e > begin && (e[-1] == ' ' || e[-1] == '\t')) --e;
  const char* b = e;
  while (b > begin && (word_char(b[-1]) || b[-1] == '.')) --b;
  return {b, static_cast<size_t>(e - b)};
}

std::optional<syntax_error> foreign_operator(const char* begin, const char* at, const char* end) {
  const Foreign* f = foreign_at(at, end);
  if (!f) return std::nullopt;
  if (!f->instead.empty())
    return syntax_error(
        at, fmt::format("'{}' is not an operator of the playbook language; write '{}'", f->op,
                        f->instead));
  (void)begin;
  return syntax_error(at, fmt::format("'{}' is not an operator of the playbook language: "
                                      "expressions compare (== != < <= > >=), combine (and, or, "
                                      "not) and compute (+ - * /; 10% is the number 0.1)",
                                      f->op));
}

std::optional<syntax_error> unknown_function(const char* begin, const char* at) {
  std::string_view name = word_before(begin, at);
  if (name.empty() || digit(name.front())) return std::nullopt;
  if (auto dot = name.rfind('.'); dot != std::string_view::npos) name.remove_prefix(dot + 1);
  static const std::vector<std::string> known{
      "days_until", "business_days_until", "visits", "task", "task_state", "outcome", "any",
      "count"};
  if (std::find(known.begin(), known.end(), name) != known.end()) return std::nullopt;
  std::string hint = did_you_mean(name, known);
  size_t best = 3;  // else the one that starts the same way: days_since → days_until
  for (const auto& k : known) {
    size_t n = 0;
    while (n < k.size() && n < name.size() && k[n] == name[n]) ++n;
    if (hint.empty() && n > best)
      best = n, hint = fmt::format("did you mean '{}'?", k);
    else if (n > best && best > 3)
      best = n, hint = fmt::format("did you mean '{}'?", k);
  }
  return syntax_error(name.data(),
                      fmt::format("unknown function '{}'; the functions are days_until, "
                                  "business_days_until, visits, task, task_state, outcome, is_set, "
                                  "any, count, min, max and sum",
                                  name),
                      hint);
}

}  // namespace

std::optional<syntax_error> explain_operand_stop(const char* begin, const char* at,
                                                 const char* end) {
  if (at == end) return std::nullopt;
  if (*at == '(') return unknown_function(begin, at);
  if (*at == '=' && !starts(at, end, "=>") && !starts(at, end, "=<"))
    return syntax_error(at, "'=' sets a value (in `set`); to compare write '=='");
  if (*at == '!' && !starts(at, end, "!="))
    return syntax_error(at, "'!' is not an operator of the playbook language; write 'not'");
  if (*at == '\'') return syntax_error(at, "strings are written in double quotes: \"…\"");
  return foreign_operator(begin, at, end);
}

std::optional<syntax_error> explain_missing_operand(const char* begin, const char* at,
                                                    const char* end) {
  if (at == end) return std::nullopt;
  if (*at == '!' && !starts(at, end, "!="))
    return syntax_error(at, "'!' is not an operator of the playbook language; write 'not'");
  if (*at == '\'') return syntax_error(at, "strings are written in double quotes: \"…\"");
  if (starts(at, end, ">") && at > begin && at[-1] == '<')
    return syntax_error(at - 1, "'<>' is not an operator of the playbook language; write '!='");
  const char* c = at;
  while (c != end && digit(*c)) ++c;
  if (c != at && c + 1 < end && *c == '_' && digit(c[1]))
    return syntax_error(at,
                        "numbers are written without separators: write them with digits "
                        "only (20000, not 20_000)");
  return std::nullopt;
}

void check_digit_group(const char* begin, const char* at, const char* end) {
  if (end - at < 4 || at[0] != ',' || !digit(at[1]) || !digit(at[2]) || !digit(at[3])) return;
  if (at + 4 != end && word_char(at[4])) return;
  const char* b = at;
  while (b > begin && digit(b[-1])) --b;
  const char* e = at;
  std::string joined(b, at);
  while (end - e >= 4 && e[0] == ',' && digit(e[1]) && digit(e[2]) && digit(e[3]) &&
         (e + 4 == end || !word_char(e[4]))) {
    joined.append(e + 1, 3);
    e += 4;
  }
  throw syntax_error(b, fmt::format("numbers are written without separators: write {}, not {} "
                                    "(for two items of a list, put a space after the ',')",
                                    joined, std::string_view(b, static_cast<size_t>(e - b))));
}

}  // namespace pb::grammar
