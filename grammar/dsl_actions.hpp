// dsl_actions.hpp — the PEGTL actions of the DSL grammar: each one writes
// one token into the model being built in DslState.
//
// Contract: actions are one-liners over DslState (dsl_state.cpp holds the
// logic); every node gets the Loc of the token that introduced it and the
// comments pending before it; refs keep their own Locs (role_loc,
// target_loc, terminal_loc, start_loc).
#pragma once

#include "dsl_grammar.hpp"
#include "dsl_state.hpp"
#include "expr_actions.hpp"

namespace pb::grammar {

// Like PB_ACTION, for actions that need the DSL state.
#define PB_DSL_ACTION(Rule)                        \
  template <>                                      \
  struct action<Rule> {                            \
    template <class In>                            \
    static void apply(const In& in, DslState& s) { \
      run(s, Tok{in.begin(), in.end()});           \
    }                                              \
    static void run(DslState& s, Tok t);           \
  };                                               \
  inline void action<Rule>::run([[maybe_unused]] DslState& s, [[maybe_unused]] Tok t)

// ---- header
PB_DSL_ACTION(kw_playbook) {
  s.pb.loc = s.loc(t.b);
  s.pb.comments = s.take_comments();
}
PB_DSL_ACTION(playbook_id) { s.pb.id = s.ident(t); }
PB_DSL_ACTION(playbook_close_brace) { s.finish(); }
PB_DSL_ACTION(empty_file) {
  s.error(s.text_begin(), LintCode::MissingKey, "empty file: expected 'playbook ID {'");
}
PB_DSL_ACTION(kw_title) { s.header("title", t); }
PB_DSL_ACTION(kw_version) { s.header("version", t); }
PB_DSL_ACTION(kw_phase) { s.header("phase", t); }
PB_DSL_ACTION(kw_motions) { s.header("motions", t); }
PB_DSL_ACTION(kw_owner) { s.header("owner", t); }
PB_DSL_ACTION(kw_note_prefix) { s.header("note_prefix", t); }
PB_DSL_ACTION(kw_calendar) { s.header("calendar", t); }
PB_DSL_ACTION(kw_next) { s.header("next", t); }
PB_DSL_ACTION(kw_start) { s.header("start", t); }
PB_DSL_ACTION(title_value) { s.pb.title = s.unquote(t); }
PB_DSL_ACTION(version_value) { s.pb.version = s.to_int(t); }
PB_DSL_ACTION(phase_value) { s.pb.phase = s.unquote(t); }
PB_DSL_ACTION(motion_value) { s.pb.motions.push_back(s.unquote(t)); }
PB_DSL_ACTION(owner_value) { s.pb.owner = s.unquote(t); }
PB_DSL_ACTION(note_prefix_value) { s.pb.note_prefix = s.unquote(t); }
PB_DSL_ACTION(calendar_value) {
  s.pb.calendar = s.ident(t);
  s.pb.calendar_loc = s.loc(t.b);
}
PB_DSL_ACTION(next_value) {
  s.pb.next.push_back(s.ident(t));
  s.pb.next_locs.push_back(s.loc(t.b));
}
PB_DSL_ACTION(start_value) {
  s.pb.start = s.ident(t);
  s.pb.start_loc = s.loc(t.b);
}

PB_DSL_ACTION(kw_scope) {
  s.header("scope", t);
  s.pb.scope.emplace().loc = s.loc(t.b);
}
PB_DSL_ACTION(scope_records) {
  s.pb.scope->records = s.ident(t);
  s.pb.scope->records_loc = s.loc(t.b);
}
PB_DSL_ACTION(scope_service) {
  s.pb.scope->service = s.ident(t);
  s.pb.scope->service_loc = s.loc(t.b);
}
PB_DSL_ACTION(scope_cond) { s.pb.scope->where = s.pop(); }

// ---- catalog
PB_DSL_ACTION(kw_role) {
  Role& r = s.pb.roles.emplace_back();
  r.loc = s.loc(t.b);
  r.comments = s.take_comments();
}
PB_DSL_ACTION(role_id) { s.pb.roles.back().id = s.ident(t); }
PB_DSL_ACTION(role_name) { s.pb.roles.back().name = s.unquote(t); }

PB_DSL_ACTION(kw_note_kind) {
  NoteKindDecl& k = s.pb.note_kinds.emplace_back();
  k.loc = s.loc(t.b);
  k.comments = s.take_comments();
}
PB_DSL_ACTION(kind_id) { s.pb.note_kinds.back().id = s.ident(t); }
PB_DSL_ACTION(kind_name) { s.pb.note_kinds.back().name = s.unquote(t); }

PB_DSL_ACTION(kw_extend) {
  EnumExtension& x = s.pb.extends.emplace_back();
  x.loc = s.loc(t.b);
  x.comments = s.take_comments();
}
PB_DSL_ACTION(extend_path) {
  s.pb.extends.back().path = s.ident(t);
  s.pb.extends.back().path_loc = s.loc(t.b);
}
PB_DSL_ACTION(extend_value) {
  EnumExtension& x = s.pb.extends.back();
  x.values.push_back(s.unquote(t));
  x.value_locs.push_back(s.loc(t.b));
}

PB_DSL_ACTION(kw_task) {
  Task& k = s.pb.tasks.emplace_back();
  k.loc = s.loc(t.b);
  k.comments = s.take_comments();
}
PB_DSL_ACTION(task_id) { s.pb.tasks.back().id = s.to_int(t); }
PB_DSL_ACTION(task_name) { s.pb.tasks.back().name = s.unquote(t); }
PB_DSL_ACTION(task_mandatory) { s.pb.tasks.back().mandatory = t.b[0] == 'm'; }
PB_DSL_ACTION(task_role) {
  s.pb.tasks.back().role = s.ident(t);
  s.pb.tasks.back().role_loc = s.loc(t.b);
}
PB_DSL_ACTION(task_service) { s.pb.tasks.back().services.push_back(s.unquote(t)); }

PB_DSL_ACTION(kw_group) {
  TaskGroup& g = s.pb.groups.emplace_back();
  g.loc = s.loc(t.b);
  g.comments = s.take_comments();
}
PB_DSL_ACTION(group_id) { s.pb.groups.back().id = s.ident(t); }
PB_DSL_ACTION(group_title) { s.pb.groups.back().title = s.unquote(t); }
PB_DSL_ACTION(group_task) {
  s.pb.groups.back().tasks.push_back(s.to_int(t));
  s.pb.groups.back().task_locs.push_back(s.loc(t.b));
}

PB_DSL_ACTION(kw_event) {
  EventDecl& e = s.pb.events.emplace_back();
  e.loc = s.loc(t.b);
  e.comments = s.take_comments();
}
PB_DSL_ACTION(event_id) { s.pb.events.back().id = s.ident(t); }
PB_DSL_ACTION(event_title) { s.pb.events.back().title = s.unquote(t); }
PB_DSL_ACTION(payload_open) { s.open_attrs(s.pb.events.back().payload); }

PB_DSL_ACTION(kw_external) {
  External& x = s.pb.externals.emplace_back();
  x.loc = s.loc(t.b);
  x.comments = s.take_comments();
}
PB_DSL_ACTION(external_id) { s.pb.externals.back().id = s.ident(t); }
PB_DSL_ACTION(external_title) { s.pb.externals.back().title = s.unquote(t); }

PB_DSL_ACTION(kw_tenant) {
  if (s.pb.tenant.loc.line == 0) s.pb.tenant.loc = s.loc(t.b);
  auto c = s.take_comments();
  for (auto& l : c.lines) s.pb.tenant.comments.lines.push_back(std::move(l));
}
PB_DSL_ACTION(tenant_open) { s.open_attrs(s.pb.tenant.attributes); }

// ---- attributes
PB_DSL_ACTION(kw_attr) { s.begin_attr(t); }
PB_DSL_ACTION(attr_name) { s.attr().name = s.ident(t); }
PB_DSL_ACTION(type_simple) { s.set_type(t); }
PB_DSL_ACTION(kw_enum) { s.attr().type.kind = TypeKind::Enum; }
PB_DSL_ACTION(enum_value) {
  s.attr().type.values.push_back(t.b[0] == '"' ? s.unquote(t) : s.ident(t));
}
PB_DSL_ACTION(kw_records) { s.attr().type.kind = TypeKind::Records; }
PB_DSL_ACTION(records_key) { s.attr().type.key = s.ident(t); }
PB_DSL_ACTION(records_open) { s.open_attrs(s.attr().type.fields); }
PB_DSL_ACTION(attr_close) { s.close_attrs(); }
PB_DSL_ACTION(attr_title) { s.attr().title = s.unquote(t); }
PB_DSL_ACTION(kw_attr_calendar) { s.attr().calendar = true; }

// ---- rules
PB_DSL_ACTION(kw_rule) {
  Rule& r = s.pb.rules.emplace_back();
  r.loc = s.loc(t.b);
  r.comments = s.take_comments();
}
PB_DSL_ACTION(rule_id) { s.rule().id = s.ident(t); }
PB_DSL_ACTION(rule_message) { s.rule().message = s.unquote(t); }
PB_DSL_ACTION(kw_rule_complete) { s.rule().on = RuleOn::Complete; }
PB_DSL_ACTION(kw_rule_set) { s.rule().on = RuleOn::Set; }
PB_DSL_ACTION(kw_rule_event) { s.rule().on = RuleOn::Event; }
PB_DSL_ACTION(rule_task) {
  s.rule().task = s.to_int(t);
  s.rule().on_loc = s.loc(t.b);
}
PB_DSL_ACTION(rule_path) {
  s.rule().path = s.ident(t);
  s.rule().on_loc = s.loc(t.b);
}
PB_DSL_ACTION(rule_event) {
  s.rule().event = s.ident(t);
  s.rule().on_loc = s.loc(t.b);
}
PB_DSL_ACTION(rule_cond) { s.rule().condition = s.pop(); }

}  // namespace pb::grammar

#include "dsl_actions_step.hpp"
