// dsl_errors.hpp — the error message of every must<> in the expression and
// DSL grammars, and the PEGTL control that raises them (in the manner of
// PEGTL's contrib json_errors example).
//
// Contract: every rule that appears under must<> has a message here; a
// missing one is a compile error (static_assert in control::raise). Messages
// say what was expected, in the user's words, without position or code (the
// Diagnostic carries those; the code is PB001).
#pragma once

#include <type_traits>

#include "dsl_grammar.hpp"
#include "expr_grammar.hpp"

namespace pb::grammar {

template <class Rule>
inline constexpr const char* error_message = nullptr;

// Rules that stand where an operand must come (`when !x` is explained there).
template <class Rule>
inline constexpr bool expects_operand =
    std::is_base_of_v<expr, Rule> || std::is_base_of_v<unary, Rule> ||
    std::is_base_of_v<add, Rule> || std::is_base_of_v<not_expr, Rule> ||
    std::is_base_of_v<and_expr, Rule>;

template <class S>
const ParseState* parse_state_of(const S& s) {
  if constexpr (std::is_base_of_v<ParseState, S>)
    return &s;
  else
    return nullptr;
}

// An error message that names the actual mistake when the text is a known
// one (expr_hints.hpp), else the rule's message.
template <class Rule>
struct control : p::normal<Rule> {
  template <class In, class... States>
  [[noreturn]] static void raise(const In& in, States&&... st) {
    static_assert(error_message<Rule> != nullptr, "add an error message for this rule");
    const char* at = in.current();
    const ParseState* ps = nullptr;
    ((ps = ps ? ps : parse_state_of(st)), ...);
    if (ps && at == ps->operand_end)
      if (auto why = explain_operand_stop(in.begin(), at, in.end())) throw *why;
    if constexpr (expects_operand<Rule>)
      if (auto why = explain_missing_operand(in.begin(), at, in.end())) throw *why;
    throw syntax_error{at, error_message<Rule>};
  }
};

#define PB_ERROR(Rule, text) \
  template <>                \
  inline constexpr const char* error_message<Rule> = text

// ---- lexical
PB_ERROR(escape_rest, "unknown escape sequence; use \\\" \\\\ \\n \\t or \\u{hex}");
PB_ERROR(str_unterminated, "unterminated string: expected '\"' before the end of the line");
PB_ERROR(block_body, "unterminated block string: expected '\"\"\"'");
PB_ERROR(date_rest, "expected a date YYYY-MM-DD");
PB_ERROR(path_segment, "expected a name after '.'");

// ---- expressions
PB_ERROR(expr_only, "expected an expression");
PB_ERROR(expr_end, "unexpected text after the expression");
PB_ERROR(paren_inner, "expected an expression after '('");
PB_ERROR(paren_close, "expected ')' to close the '('");
PB_ERROR(call_arg, "expected an expression inside '( )'");
PB_ERROR(call_close, "expected ')' to close the call");
PB_ERROR(visits_arg, "expected a step id inside visits( )");
PB_ERROR(outcome_arg, "expected a playbook id inside outcome( )");
PB_ERROR(task_arg, "expected a task id (a number) inside task( )");
PB_ERROR(range_path, "expected a records path (e.g. tenant.workloads) after '('");
PB_ERROR(range_where, "expected 'where' and a condition after the path");
PB_ERROR(range_cond, "expected a condition after 'where'");
PB_ERROR(neg_operand, "expected an expression after '-'");
PB_ERROR(add_rhs, "expected an expression after the operator");
PB_ERROR(mul_rhs, "expected an expression after the operator");
PB_ERROR(is_set_arg, "expected a path, e.g. is_set(tenant.engagement_start_date)");
PB_ERROR(agg_body,
         "expected the value to take for each record, e.g. min(w.esd for w in tenant.workloads)");
PB_ERROR(agg_for,
         "expected 'for VAR in PATH' after the value, e.g. min(w.esd for w in tenant.workloads)");
PB_ERROR(agg_var, "expected a variable name after 'for'");
PB_ERROR(agg_in, "expected 'in PATH' after the variable");
PB_ERROR(cmp_rhs, "expected an expression after the comparison");
PB_ERROR(sw_rhs, "expected an expression after 'starts_with'");
PB_ERROR(in_open, "expected '[' after 'in'");
PB_ERROR(in_item, "expected an expression after ','");
PB_ERROR(in_close, "expected ']' to close the list");
PB_ERROR(not_operand, "expected an expression after 'not'");
PB_ERROR(and_rhs, "expected an expression after 'and'");
PB_ERROR(or_rhs, "expected an expression after 'or'");

// ---- DSL: file and header
PB_ERROR(playbook_expected, "expected 'playbook ID {'");
PB_ERROR(playbook_id,
         "expected a playbook id (lowercase letters, digits and '-') after 'playbook'");
PB_ERROR(playbook_open, "expected '{' after the playbook id");
PB_ERROR(playbook_close, "expected '}' to close the playbook");
PB_ERROR(file_end, "unexpected text after the playbook's closing '}'");
PB_ERROR(top_expected,
         "expected an item (title, role, task, event, rule, start, step, ...) or '}'");
PB_ERROR(title_value, "expected a string after 'title'");
PB_ERROR(version_value, "expected a number after 'version'");
PB_ERROR(phase_value, "expected a string after 'phase'");
PB_ERROR(motion_value, "expected a string (a motion name)");
PB_ERROR(owner_value, "expected a string after 'owner'");
PB_ERROR(note_prefix_value, "expected a string after 'note_prefix'");
PB_ERROR(calendar_value, "expected an attribute path (e.g. tenant.region) after 'calendar'");
PB_ERROR(next_value, "expected a playbook id (lowercase letters, digits and '-')");
PB_ERROR(start_value, "expected a step id after 'start'");

// ---- DSL: catalog
PB_ERROR(role_id, "expected a role id after 'role'");
PB_ERROR(role_name, "expected the role's name (a string) after the role id");
PB_ERROR(extend_enum_kw, "expected 'enum' after 'extend' (extend enum PATH with VALUE, …)");
PB_ERROR(extend_path,
         "expected the enum's attribute after 'extend enum' (tenant.ATTR or "
         "tenant.ATTR.FIELD)");
PB_ERROR(extend_with, "expected 'with' and the values to add after the attribute");
PB_ERROR(extend_value, "expected a value to add to the enum, as a string: \"Duplicate\"");
PB_ERROR(kind_id, "expected a note kind id after 'note_kind'");
PB_ERROR(kind_name, "expected the note kind's name (a string) after its id");
PB_ERROR(task_id, "expected a task id (a number) after 'task'");
PB_ERROR(task_name, "expected the task's name (a string) after the task id");
PB_ERROR(task_mandatory, "expected 'mandatory' or 'optional' after the task name");
PB_ERROR(task_role_kw, "expected 'role' and a role id after 'mandatory' or 'optional'");
PB_ERROR(task_role, "expected a role id after 'role'");
PB_ERROR(task_service, "expected a service name (a string)");
PB_ERROR(group_id, "expected a group id after 'group'");
PB_ERROR(group_title, "expected the group's title (a string) after the group id");
PB_ERROR(group_exactly_one, "expected 'exactly_one' and task ids after the group title");
PB_ERROR(group_task, "expected a task id (a number)");
PB_ERROR(event_id, "expected an event id after 'event'");
PB_ERROR(external_id,
         "expected an external process id (lowercase letters, digits and '-') after 'external'");
PB_ERROR(external_title, "expected the external process's title (a string)");
PB_ERROR(tenant_open, "expected '{' after 'tenant'");
PB_ERROR(attr_expected, "expected 'attr NAME TYPE' or '}'");
PB_ERROR(attr_name, "expected an attribute name after 'attr'");
PB_ERROR(attr_type,
         "expected a type: bool, int, string, date, enum(...), records KEY { ... } or contacts");
PB_ERROR(attr_close, "expected '}' to close the attribute list");
PB_ERROR(enum_open, "expected '(' and the values after 'enum'");
PB_ERROR(enum_value, "expected an enum value (a name or a string)");
PB_ERROR(enum_close, "expected ')' to close the enum values");
PB_ERROR(records_key, "expected the record variable name after 'records'");
PB_ERROR(records_open, "expected '{' and the record's fields after the record variable name");
PB_ERROR(rule_id, "expected a rule id after 'rule'");
PB_ERROR(rule_message, "expected the rule's message (a string) after the rule id");
PB_ERROR(rule_on, "expected 'on' after the rule's message");
PB_ERROR(rule_trigger, "expected 'complete TASK', 'set PATH' or 'event ID' after 'on'");
PB_ERROR(rule_task, "expected a task id (a number) after 'complete'");
PB_ERROR(rule_path, "expected an attribute path after 'set'");
PB_ERROR(rule_event, "expected an event id after 'event'");
PB_ERROR(rule_require, "expected 'require' and a condition");
PB_ERROR(rule_cond, "expected a condition after 'require'");

// ---- DSL: steps and transitions
PB_ERROR(step_id, "expected a step id after 'step'");
PB_ERROR(step_open, "expected '{' to open the step");
PB_ERROR(step_close, "expected '}' to close the step");
PB_ERROR(step_item_expected,
         "expected a step item (role, tasks, enter, on, after, at, remind, when, otherwise, join, "
         "parallel, call, renamed_from, end, goto, handoff, done) or '}'");
PB_ERROR(join_which,
         "expected 'all' or the regions to wait for (ids, separated by ',') after 'join'");
PB_ERROR(join_region, "expected a region id");
PB_ERROR(arrow_after_join, "expected '->' and a step id after the regions of 'join'");
PB_ERROR(parallel_open, "expected '{' and regions after 'parallel'");
PB_ERROR(parallel_close, "expected '}' to close the 'parallel' block");
PB_ERROR(region_expected, "expected 'region ID { steps }' or '}' in 'parallel'");
PB_ERROR(region_id, "expected a region id after 'region'");
PB_ERROR(region_open, "expected '{' and the region's steps after the region id (and title)");
PB_ERROR(region_step_expected, "expected 'step ID { … }' or '}' in the region");
PB_ERROR(region_close, "expected '}' to close the region");
PB_ERROR(step_role_ref, "expected a role id after 'role'");
PB_ERROR(step_service, "expected a service name (a string)");
PB_ERROR(instructions_text, "expected a string after 'instructions'");
PB_ERROR(step_task, "expected a task id (a number)");
PB_ERROR(enter_open, "expected '{' and actions after 'enter'");
PB_ERROR(end_outcome, "expected the outcome (a string) after 'end'");
PB_ERROR(goto_playbook, "expected 'playbook' and a playbook id after 'goto'");
PB_ERROR(goto_target,
         "expected a playbook id (lowercase letters, digits and '-') after 'goto playbook'");
PB_ERROR(call_playbook, "expected 'playbook' and a playbook id after 'call'");
PB_ERROR(call_target,
         "expected a playbook id (lowercase letters, digits and '-') after 'call playbook'");
PB_ERROR(to_or_stay_return,
         "expected '->' and a step id, or '{' and actions to stay in the step, after 'on return'");
PB_ERROR(arrow_after_return, "expected '->' and a step id after 'on return'");
PB_ERROR(renamed_from_id, "expected the step's earlier id after 'renamed_from'");
PB_ERROR(handoff_target, "expected an external process id after 'handoff'");
PB_ERROR(on_what, "expected an event name, 'return', or 'task' and a task id after 'on'");
PB_ERROR(arrow_after_event, "expected '->' and a step id after the event name");
PB_ERROR(arrow_after_task, "expected '->' and a step id after the task id");
PB_ERROR(arrow_after_timer, "expected '->' and a step id after the duration");
PB_ERROR(arrow_after_date, "expected '->' and a step id after the date");
PB_ERROR(arrow_after_cond, "expected '->' and a step id after the condition");
PB_ERROR(arrow_after_otherwise, "expected '->' and a step id after 'otherwise'");
PB_ERROR(target_id, "expected a step id after '->'");
PB_ERROR(
    to_or_stay_event,
    "expected '->' and a step id, or '{' and actions to stay in the step, after the event name");
PB_ERROR(to_or_stay_task,
         "expected '->' and a step id, or '{' and actions to stay in the step, after the task id");
PB_ERROR(
    to_or_stay_cond,
    "expected '->' and a step id, or '{' and actions to stay in the step, after the condition");
PB_ERROR(since_entering, "expected 'entering' and a step id after 'since'");
PB_ERROR(since_step, "expected a step id after 'since entering'");
PB_ERROR(remind_role, "expected the role to remind after 'remind'");
PB_ERROR(remind_after, "expected 'after' or 'every' and a duration after the role");
PB_ERROR(remind_text, "expected what the reminder says (a string) after the duration");
PB_ERROR(except_step, "expected a step id after 'except'");
PB_ERROR(anywhere_open, "expected '{' and transitions after 'anywhere'");
PB_ERROR(anywhere_close, "expected '}' to close the 'anywhere' block");
PB_ERROR(anywhere_item_expected, "expected 'on' and a transition, or '}', in 'anywhere'");
PB_ERROR(guard_expr, "expected a condition after 'when'");
PB_ERROR(branch_cond, "expected a condition after 'when'");
PB_ERROR(after_amount, "expected a number after 'after'");
PB_ERROR(after_unit,
         "expected a unit after the number: business days, business hours, days, weeks, hours or "
         "months");
PB_ERROR(wait_open, "expected '{' and `VALUE: N UNIT` cases after the attribute path");
PB_ERROR(wait_item, "expected `VALUE: N UNIT` or `else N UNIT`");
PB_ERROR(wait_colon, "expected ':' and a duration after the value");
PB_ERROR(wait_amount, "expected a number (the duration) after ':' or 'else'");
PB_ERROR(wait_close, "expected ',' or '}' after the case");
PB_ERROR(business_days, "expected 'days' or 'hours' after 'business'");
PB_ERROR(at_path, "expected a date attribute path after 'at'");
PB_ERROR(at_amount, "expected a number of days after '+' or '-'");
PB_ERROR(at_days, "expected 'days' after the number");

// ---- DSL: actions
PB_ERROR(
    action_expected,
    "expected an action (complete, reset, note, set, assign, unassign, send, require, each) or '}'");
PB_ERROR(block_close, "expected '}' to close the block");
PB_ERROR(action_task, "expected a task id (a number)");
PB_ERROR(mark_state, "expected a task state after the task id (e.g. in_progress)");
PB_ERROR(mandatory_tasks_words, "expected 'mandatory tasks' after 'require'");
PB_ERROR(scope_records, "expected a records attribute path (e.g. tenant.workloads) after 'scope'");
PB_ERROR(scope_service, "expected a record field path (e.g. workload.service) after 'service'");
PB_ERROR(scope_cond, "expected a condition after 'where'");
PB_ERROR(note_kind, "expected the note kind (status, technical, engagement or a declared kind)");
PB_ERROR(note_text, "expected the note text (a string)");
PB_ERROR(set_path, "expected an attribute path after 'set'");
PB_ERROR(set_eq, "expected '=' and a value after the path");
PB_ERROR(set_value, "expected a value after '='");
PB_ERROR(queue_kind, "expected the queue kind: rm or fm");
PB_ERROR(queue_name, "expected the queue name (a string)");
PB_ERROR(unassign_who, "expected the queue name (a string) or 'me'");
PB_ERROR(assign_who, "expected the queue name (a string) or 'me'");
PB_ERROR(send_template, "expected the template name (a string) after 'send'");
PB_ERROR(send_to, "expected the recipient after 'to'");
PB_ERROR(send_recipient, "expected the recipient after 'to' (a contact, or 'contacts where COND')");
PB_ERROR(send_to_where,
         "expected a condition after 'contacts where', e.g. contact.role == \"tam\"");
PB_ERROR(send_cc_where,
         "expected a condition after 'contacts where', e.g. contact.role == \"atu\"");
PB_ERROR(send_cc_contacts, "expected 'contacts where COND' after 'cc'");
PB_ERROR(mark_contact_who, "expected the contact (its name or e-mail) after 'mark contact'");
PB_ERROR(mark_contact_flag, "expected 'unsubscribed' or 'do_not_contact' after the contact");
PB_ERROR(require_cond, "expected a condition after 'require'");
PB_ERROR(require_else, "expected 'else' and a message after the condition");
PB_ERROR(require_message, "expected the message (a string) after 'else'");
PB_ERROR(require_code, "expected a refusal code (a name) after 'code'");
PB_ERROR(each_var, "expected a variable name after 'each'");
PB_ERROR(each_in, "expected 'in' and a path after the variable");
PB_ERROR(each_path, "expected a records path after 'in'");
PB_ERROR(each_cond, "expected a condition after 'where'");
PB_ERROR(each_open, "expected '{' and actions");

}  // namespace pb::grammar
