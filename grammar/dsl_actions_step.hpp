// dsl_actions_step.hpp — the PEGTL actions for steps, transitions and
// actions (included by dsl_actions.hpp; see its contract).
#pragma once

namespace pb::grammar {

// ---- steps
PB_DSL_ACTION(kw_step) { s.begin_step(t); }
PB_DSL_ACTION(step_id) { s.step().id = s.ident(t); }
PB_DSL_ACTION(step_title) { s.step().title = s.unquote(t); }
PB_DSL_ACTION(kw_step_role) { s.step_item_once("role", t); }
PB_DSL_ACTION(step_role_ref) {
  s.step().role = s.ident(t);
  s.step().role_loc = s.loc(t.b);
}
PB_DSL_ACTION(kw_services) { s.step_item_once("services", t); }
PB_DSL_ACTION(step_service) { s.step().services.push_back(s.unquote(t)); }
PB_DSL_ACTION(kw_instructions) {
  s.step_item_once("instructions", t);
  s.step().instructions_loc = s.loc(t.b);
}
PB_DSL_ACTION(instructions_text) { s.step().instructions = s.unquote(t); }
PB_DSL_ACTION(kw_tasks) { s.step_item_once("tasks", t); }
PB_DSL_ACTION(step_task) {
  s.step().tasks.push_back(s.to_int(t));
  s.step().task_locs.push_back(s.loc(t.b));
}
PB_DSL_ACTION(kw_enter) { s.step_item_once("enter", t); }
PB_DSL_ACTION(enter_open) { s.open_block(s.step().enter); }
PB_DSL_ACTION(kw_end) {
  s.step_item_once("end/goto/handoff", t);
  s.step().terminal = TerminalKind::End;
}
PB_DSL_ACTION(kw_goto) {
  s.step_item_once("end/goto/handoff", t);
  s.step().terminal = TerminalKind::Goto;
}
PB_DSL_ACTION(kw_handoff) {
  s.step_item_once("end/goto/handoff", t);
  s.step().terminal = TerminalKind::Handoff;
}
PB_DSL_ACTION(end_outcome) {
  s.step().terminal_arg = s.unquote(t);
  s.step().terminal_loc = s.loc(t.b);
}
PB_DSL_ACTION(goto_target) {
  s.step().terminal_arg = s.ident(t);
  s.step().terminal_loc = s.loc(t.b);
}
PB_DSL_ACTION(kw_call) { s.step_item_once("call", t); }
PB_DSL_ACTION(call_target) {
  s.step().call = s.ident(t);
  s.step().call_loc = s.loc(t.b);
}
PB_DSL_ACTION(kw_renamed_from) {
  s.step_item_once("renamed_from", t);
  s.step().renamed_from_loc = s.loc(t.b);
}
PB_DSL_ACTION(renamed_from_id) { s.step().renamed_from.push_back(s.ident(t)); }
PB_DSL_ACTION(handoff_target) {
  s.step().terminal_arg = s.ident(t);
  s.step().terminal_loc = s.loc(t.b);
}
PB_DSL_ACTION(step_close_brace) { s.end_step(); }
PB_DSL_ACTION(kw_done) {
  s.step_item_once("end/goto/handoff", t);
  s.step().terminal = TerminalKind::Done;
  s.step().terminal_loc = s.loc(t.b);
}

// ---- parallel regions
PB_DSL_ACTION(kw_parallel) {
  s.step_item_once("parallel", t);
  s.step().parallel_loc = s.loc(t.b);
}
PB_DSL_ACTION(kw_region) { s.begin_region(t); }
PB_DSL_ACTION(region_id) { s.region_id(t); }
PB_DSL_ACTION(region_title) {
  if (!s.step().regions.empty()) s.step().regions.back().title = s.unquote(t);
}
PB_DSL_ACTION(region_close_brace) { s.end_region(); }
PB_DSL_ACTION(kw_join) { s.begin_transition(TriggerKind::Join, t); }
PB_DSL_ACTION(join_region) {
  s.tr().join.push_back(s.ident(t));
  s.tr().join_locs.push_back(s.loc(t.b));
}

// ---- transitions
PB_DSL_ACTION(kw_on_tr) { s.begin_transition(TriggerKind::Event, t); }
PB_DSL_ACTION(on_task_id) {
  s.tr().trigger = TriggerKind::Task;
  s.tr().task = s.to_int(t);
}
PB_DSL_ACTION(on_event_name) { s.tr().event = s.ident(t); }
PB_DSL_ACTION(kw_on_return) { s.tr().trigger = TriggerKind::Return; }
PB_DSL_ACTION(kw_after_tr) { s.begin_transition(TriggerKind::After, t); }
PB_DSL_ACTION(after_amount) { s.tr().amount = s.to_int(t); }
PB_DSL_ACTION(unit_business) { s.set_unit(DurationUnit::BusinessDays); }
PB_DSL_ACTION(unit_days) { s.set_unit(DurationUnit::Days); }
PB_DSL_ACTION(unit_weeks) { s.set_unit(DurationUnit::Weeks); }
PB_DSL_ACTION(unit_hours) { s.set_unit(DurationUnit::Hours); }
PB_DSL_ACTION(since_step) {
  s.tr().since = s.ident(t);
  s.tr().since_loc = s.loc(t.b);
}
PB_DSL_ACTION(kw_remind) { s.begin_transition(TriggerKind::Remind, t); }
PB_DSL_ACTION(remind_role) {
  s.tr().role = s.ident(t);
  s.tr().role_loc = s.loc(t.b);
}
PB_DSL_ACTION(remind_text) { s.tr().text = s.unquote(t); }
PB_DSL_ACTION(kw_remind_every) { s.tr().every = true; }
PB_DSL_ACTION(kw_anywhere) { s.begin_anywhere(t); }
PB_DSL_ACTION(except_step) { s.add_except(t); }
PB_DSL_ACTION(anywhere_close) { s.end_anywhere(); }
PB_DSL_ACTION(unit_months) { s.set_unit(DurationUnit::Months); }
PB_DSL_ACTION(wait_by) {
  s.tr().wait_by = s.ident(t);
  s.tr().wait_by_loc = s.loc(t.b);
}
PB_DSL_ACTION(wait_key_word) { s.wait_key(s.ident(t), s.loc(t.b)); }
PB_DSL_ACTION(wait_key_text) { s.wait_key(s.unquote(t), s.loc(t.b)); }
PB_DSL_ACTION(kw_wait_else) { s.wait_key("", s.loc(t.b)); }
PB_DSL_ACTION(wait_amount) { s.tr().amount = s.to_int(t); }
PB_DSL_ACTION(wait_item) { s.end_wait_case(); }
PB_DSL_ACTION(unit_business_hours) { s.set_unit(DurationUnit::BusinessHours); }
PB_DSL_ACTION(kw_at_tr) { s.begin_transition(TriggerKind::At, t); }
PB_DSL_ACTION(at_path) { s.tr().at_path = s.ident(t); }
PB_DSL_ACTION(at_sign) { s.at_sign = t.b[0] == '-' ? -1 : 1; }
PB_DSL_ACTION(at_amount) { s.tr().amount = s.at_sign * s.to_int(t); }
PB_DSL_ACTION(kw_when_tr) { s.begin_transition(TriggerKind::When, t); }
PB_DSL_ACTION(branch_cond) { s.tr().guard = s.pop(); }
PB_DSL_ACTION(kw_otherwise_tr) { s.begin_transition(TriggerKind::Otherwise, t); }
PB_DSL_ACTION(guard_expr) { s.tr().guard = s.pop(); }
PB_DSL_ACTION(target_id) {
  s.tr().target = s.ident(t);
  s.tr().target_loc = s.loc(t.b);
}
PB_DSL_ACTION(tr_open) { s.open_block(s.tr().actions); }
PB_DSL_ACTION(block_close) { s.close_block(); }

// ---- actions
PB_DSL_ACTION(kw_complete) { s.begin_action(ActionKind::Complete, t); }
PB_DSL_ACTION(kw_reset) { s.begin_action(ActionKind::Reset, t); }
PB_DSL_ACTION(action_task) { s.act().task = s.to_int(t); }
PB_DSL_ACTION(kw_mark) { s.begin_action(ActionKind::Mark, t); }
PB_DSL_ACTION(mark_state) { s.act().text = s.ident(t); }
PB_DSL_ACTION(kw_contact) { s.act().kind = ActionKind::MarkContact; }
PB_DSL_ACTION(mark_contact_who) { s.act().expr = s.pop(); }
PB_DSL_ACTION(mark_contact_flag) { s.act().text = std::string(t.sv()); }
PB_DSL_ACTION(kw_step_require) {
  s.step_item_once("require", t);
  s.step().require_mandatory = true;
  s.step().require_mandatory_loc = s.loc(t.b);
}
PB_DSL_ACTION(kw_note) { s.begin_action(ActionKind::Note, t); }
PB_DSL_ACTION(note_kind) { s.act().note_kind = NoteKind{s.ident(t)}; }
PB_DSL_ACTION(note_text) { s.action_text(t); }
PB_DSL_ACTION(kw_set) { s.begin_action(ActionKind::Set, t); }
PB_DSL_ACTION(set_path) { s.act().path = s.ident(t); }
PB_DSL_ACTION(set_value) { s.act().expr = s.pop(); }
PB_DSL_ACTION(kw_assign) { s.begin_action(ActionKind::Assign, t); }
PB_DSL_ACTION(kw_unassign) { s.begin_action(ActionKind::Unassign, t); }
PB_DSL_ACTION(queue_kind) { s.act().queue = t.b[0] == 'r' ? QueueKind::RM : QueueKind::FM; }
PB_DSL_ACTION(queue_name) { s.action_text(t); }
PB_DSL_ACTION(kw_primary) { s.act().primary = true; }
PB_DSL_ACTION(kw_me) { s.act().me = true; }
PB_DSL_ACTION(kw_send) { s.begin_action(ActionKind::Send, t); }
PB_DSL_ACTION(send_template) { s.action_text(t); }
PB_DSL_ACTION(send_to) { s.act().expr = s.pop(); }
PB_DSL_ACTION(send_to_contacts) { s.act().to_contacts = true; }
PB_DSL_ACTION(send_to_where) { s.act().expr = s.pop(); }
PB_DSL_ACTION(send_cc_where) { s.act().cc = s.pop(); }
PB_DSL_ACTION(kw_require_a) { s.begin_action(ActionKind::Require, t); }
PB_DSL_ACTION(require_cond) { s.act().expr = s.pop(); }
PB_DSL_ACTION(require_message) { s.action_text(t); }
PB_DSL_ACTION(require_code) { s.act().code = s.ident(t); }
PB_DSL_ACTION(kw_each) { s.begin_action(ActionKind::ForEach, t); }
PB_DSL_ACTION(each_var) { s.act().var = s.ident(t); }
PB_DSL_ACTION(each_path) { s.act().path = s.ident(t); }
PB_DSL_ACTION(each_cond) { s.act().expr = s.pop(); }
PB_DSL_ACTION(each_open) { s.open_block(s.act().body); }

}  // namespace pb::grammar
