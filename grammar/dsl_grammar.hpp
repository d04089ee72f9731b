// dsl_grammar.hpp — the playbook DSL of docs/language.md as PEGTL 3.2 rules.
//
// Contract:
//  * Each item is recognised by its first keyword; everything after it is
//    must<>, so actions (dsl_actions.hpp) can build the model as they go and
//    a failure names what was expected (messages in dsl_errors.hpp).
//  * Rules that play a part in several places are distinct types (derived
//    structs), so each place has its own action and its own message.
//  * A failing top-level item is reported and skipped (recover<>), so one file
//    can report several syntax errors. An unknown word where an item, step
//    item, action or type belongs is reported with "did you mean".
#pragma once

#include "dsl_custom_rules.hpp"
#include "expr_grammar.hpp"

namespace pb::grammar {

#define PB_KW(name, text) \
  struct name : TAO_PEGTL_KEYWORD(text) {}

// ---------------------------------------------------------------- pieces

template <class V>
struct list_of : p::seq<p::must<V>, ws, p::star<comma, p::must<V>, ws>, missing_comma<V>> {};
// A list whose items look like the words after it (slugs): no comma check.
template <class V>
struct slug_list_of : p::seq<p::must<V>, ws, p::star<comma, p::must<V>, ws>> {};
template <class K, class V>
struct kv : p::seq<K, ws, p::must<V>, ws> {};
struct not_reserved_id : p::seq<p::not_at<reserved>, identifier> {};
struct arrow : p::string<'-', '>'> {};

// ---------------------------------------------------------------- actions

struct action_list;
struct block_close : sym<'}'> {};
struct action_task : integer {};

PB_KW(kw_complete, "complete");
PB_KW(kw_reset, "reset");
struct complete_a : kv<kw_complete, action_task> {};
struct reset_a : kv<kw_reset, action_task> {};
PB_KW(kw_mark, "mark");
struct mark_state : identifier {};
// mark TASK STATE | mark contact EXPR unsubscribed|do_not_contact
PB_KW(kw_contact, "contact");
struct mark_contact_who : expr {};
struct mark_contact_flag
    : p::sor<TAO_PEGTL_KEYWORD("unsubscribed"), TAO_PEGTL_KEYWORD("do_not_contact")> {};
struct mark_contact
    : p::seq<kw_contact, ws, p::must<mark_contact_who>, p::must<mark_contact_flag>> {};
struct mark_a
    : p::seq<kw_mark, ws,
             p::sor<mark_contact, p::seq<p::must<action_task>, ws, p::must<mark_state>>>, ws> {};

struct note_kind : identifier {};  // a built-in or declared kind (checked by the checker)
struct note_text : string_lit {};
PB_KW(kw_note, "note");
struct note_a : p::seq<kw_note, ws, p::must<note_kind>, ws, p::must<note_text>, ws> {};

PB_KW(kw_set, "set");
struct set_path : path {};
struct set_eq : p::seq<p::one<'='>, p::not_at<p::one<'='>>, ws> {};
struct set_value : expr {};
struct set_a : p::seq<kw_set, ws, p::must<set_path>, ws, p::must<set_eq>, p::must<set_value>> {};

struct queue_kind : p::sor<TAO_PEGTL_KEYWORD("rm"), TAO_PEGTL_KEYWORD("fm")> {};
struct queue_name : string_lit {};
PB_KW(kw_primary, "primary");
PB_KW(kw_me, "me");
PB_KW(kw_assign, "assign");
PB_KW(kw_unassign, "unassign");
struct assign_who : p::sor<kw_me, queue_name> {};  // `me`: the acting person
struct assign_a : p::seq<kw_assign, ws, p::must<queue_kind>, ws, p::must<assign_who>, ws,
                         p::opt<kw_primary, ws>> {};
struct unassign_who : p::sor<kw_me, queue_name> {};
struct unassign_a : p::seq<kw_unassign, ws, p::must<queue_kind>, ws, p::must<unassign_who>, ws> {};

PB_KW(kw_send, "send");
struct send_template : string_lit {};
struct send_to : expr {};
// `contacts where COND`: every contact for which COND holds (`contact` bound).
struct contacts_where : p::seq<TAO_PEGTL_KEYWORD("contacts"), ws, kw::where_, ws> {};
struct send_to_where : expr {};
struct send_to_contacts : p::seq<contacts_where, p::must<send_to_where>> {};
struct send_recipient : p::sor<send_to_contacts, send_to> {};
struct send_cc_where : expr {};
struct send_cc_contacts : contacts_where {};
struct send_cc
    : p::seq<TAO_PEGTL_KEYWORD("cc"), ws, p::must<send_cc_contacts>, p::must<send_cc_where>> {};
struct send_a
    : p::seq<kw_send, ws, p::must<send_template>, ws,
             p::opt<TAO_PEGTL_KEYWORD("to"), ws, p::must<send_recipient>>, p::opt<send_cc>> {};

PB_KW(kw_require_a, "require");
struct require_cond : expr {};
struct require_else : p::seq<TAO_PEGTL_KEYWORD("else"), ws> {};
struct require_message : string_lit {};
struct require_code : identifier {};
struct require_a : p::seq<kw_require_a, ws, p::must<require_cond>, p::must<require_else>,
                          p::must<require_message>, ws,
                          p::opt<TAO_PEGTL_KEYWORD("code"), ws, p::must<require_code>, ws>> {};

PB_KW(kw_each, "each");
struct each_var : identifier {};
struct each_in : p::seq<kw::in_, ws> {};
struct each_path : path {};
struct each_cond : expr {};
struct each_open : sym<'{'> {};
struct each_a : p::seq<kw_each, ws, p::must<each_var>, ws, p::must<each_in>, p::must<each_path>, ws,
                       p::opt<kw::where_, ws, p::must<each_cond>>, p::must<each_open>,
                       nested<action_list>, p::must<block_close>> {};

struct action_expected : p::failure {};
struct action_item
    : p::sor<complete_a, reset_a, mark_a, note_a, set_a, assign_a, unassign_a, send_a, require_a,
             each_a, unknown_word<WordContext::Action>, p::must<action_expected>> {};
struct semicolon : sym<';'> {};
struct action_list
    : p::star<p::sor<semicolon, p::seq<p::not_at<p::one<'}'>>, p::not_at<p::eof>, action_item>>> {};

// ---------------------------------------------------------------- transitions

struct target_id : not_reserved_id {};
struct tr_open : sym<'{'> {};
struct tr_block : p::seq<tr_open, action_list, p::must<block_close>> {};
template <class Tag>
struct arrow_to : p::seq<arrow, ws, p::must<target_id>, ws, p::opt<tr_block>> {};
struct after_event {};
struct after_task {};
struct after_timer {};
struct after_date {};
struct after_cond {};
struct after_otherwise {};
struct arrow_after_event : arrow_to<after_event> {};
struct arrow_after_task : arrow_to<after_task> {};
struct arrow_after_timer : arrow_to<after_timer> {};
struct arrow_after_date : arrow_to<after_date> {};
struct arrow_after_cond : arrow_to<after_cond> {};
struct arrow_after_otherwise : arrow_to<after_otherwise> {};

struct guard_expr : expr {};
// [when EXPR] -> ID [{ … }]
template <class Arrow, class CondArrow = arrow_after_cond>
struct guarded
    : p::sor<p::seq<kw::when_, ws, p::must<guard_expr>, p::must<CondArrow>>, p::must<Arrow>> {};

// `on …` may stay in the step: `{ actions }` instead of `-> ID`.
struct to_or_stay_event : p::sor<arrow_after_event, tr_block> {};
struct to_or_stay_task : p::sor<arrow_after_task, tr_block> {};
struct to_or_stay_cond : p::sor<arrow_after_cond, tr_block> {};
struct after_return {};
struct arrow_after_return : arrow_to<after_return> {};
struct to_or_stay_return : p::sor<arrow_after_return, tr_block> {};

struct on_task_id : integer {};
struct on_task : p::seq<TAO_PEGTL_KEYWORD("task"), ws, p::at<p::digit>, on_task_id, ws,
                        guarded<to_or_stay_task, to_or_stay_cond>> {};
struct on_event_name : not_reserved_id {};
struct on_event : p::seq<on_event_name, ws, guarded<to_or_stay_event, to_or_stay_cond>> {};
// on return [when EXPR] -> ID: the playbook the step calls returned.
struct kw_on_return : TAO_PEGTL_KEYWORD("return") {};
struct on_return : p::seq<kw_on_return, ws, guarded<to_or_stay_return, to_or_stay_cond>> {};
struct on_what : p::sor<on_task, on_return, on_event> {};
PB_KW(kw_on_tr, "on");
struct on_tr : p::seq<kw_on_tr, ws, p::must<on_what>> {};

struct after_amount : integer {};
struct business_days : p::sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")> {};
struct business_hours_w : p::sor<TAO_PEGTL_KEYWORD("hours"), TAO_PEGTL_KEYWORD("hour")> {};
struct unit_business_hours : p::seq<TAO_PEGTL_KEYWORD("business"), ws, business_hours_w> {};
struct unit_business : p::seq<TAO_PEGTL_KEYWORD("business"), ws, p::must<business_days>> {};
struct unit_days : p::sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")> {};
struct unit_weeks : p::sor<TAO_PEGTL_KEYWORD("weeks"), TAO_PEGTL_KEYWORD("week")> {};
struct unit_hours : p::sor<TAO_PEGTL_KEYWORD("hours"), TAO_PEGTL_KEYWORD("hour")> {};
struct unit_months : p::sor<TAO_PEGTL_KEYWORD("months"), TAO_PEGTL_KEYWORD("month")> {};
struct after_unit : p::sor<unit_business_hours, unit_business, unit_days, unit_weeks, unit_hours,
                           unit_months, unknown_word<WordContext::Unit>> {};
// A wait that depends on a value: `after PATH { KEY: N UNIT, …, else N UNIT }`.
struct wait_by : path {};
struct wait_open : sym<'{'> {};
struct wait_key_word : identifier {};
struct wait_key_text : string_lit {};  // a value that is no identifier: "Asia Pacific"
struct wait_key : p::sor<wait_key_word, wait_key_text> {};
struct wait_colon : sym<':'> {};
struct wait_amount : integer {};
struct wait_duration : p::seq<p::must<wait_amount>, ws, p::must<after_unit>, ws> {};
struct wait_case : p::seq<wait_key, ws, p::must<wait_colon>, wait_duration> {};
PB_KW(kw_wait_else, "else");
struct wait_else : p::seq<kw_wait_else, ws, wait_duration> {};
struct wait_item : p::sor<wait_else, wait_case> {};
struct wait_close : sym<'}'> {};
// Taken only for a dotted path, so `after two days` still asks for a number.
struct after_keyed : p::seq<p::at<identifier, p::one<'.'>>, wait_by, ws, p::must<wait_open>,
                            list_of<wait_item>, p::must<wait_close>, ws> {};
struct after_single : p::seq<p::must<after_amount>, ws, p::must<after_unit>, ws> {};
// since entering STEP: the timer counts from the run's arrival in STEP.
struct since_step : not_reserved_id {};
struct since_entering : p::seq<TAO_PEGTL_KEYWORD("entering"), ws> {};
PB_KW(kw_since, "since");
struct since_anchor : p::seq<kw_since, ws, p::must<since_entering>, p::must<since_step>, ws> {};
PB_KW(kw_after_tr, "after");
struct after_tr : p::seq<kw_after_tr, ws, p::sor<after_keyed, after_single>, p::opt<since_anchor>,
                         guarded<arrow_after_timer>> {};

// remind ROLE after|every N UNIT [since entering STEP] "text" [when EXPR]
struct remind_role : identifier {};
PB_KW(kw_remind_every, "every");
struct remind_after : p::seq<p::sor<TAO_PEGTL_KEYWORD("after"), kw_remind_every>, ws> {};
struct remind_text : string_lit {};
PB_KW(kw_remind, "remind");
struct remind_tr : p::seq<kw_remind, ws, p::must<remind_role>, ws, p::must<remind_after>,
                          p::must<after_amount>, ws, p::must<after_unit>, ws, p::opt<since_anchor>,
                          p::must<remind_text>, ws, p::opt<kw::when_, ws, p::must<guard_expr>>> {};

struct at_path : path {};
struct at_sign : p::sor<p::one<'+'>, p::seq<p::one<'-'>, p::not_at<p::one<'>'>>>> {};
struct at_amount : integer {};
struct at_days : p::sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")> {};
struct at_offset : p::seq<at_sign, ws, p::must<at_amount>, ws, p::must<at_days>, ws> {};
PB_KW(kw_at_tr, "at");
struct at_tr
    : p::seq<kw_at_tr, ws, p::must<at_path>, ws, p::opt<at_offset>, guarded<arrow_after_date>> {};

struct branch_cond : expr {};
PB_KW(kw_when_tr, "when");
struct when_tr : p::seq<kw_when_tr, ws, p::must<branch_cond>, p::must<arrow_after_cond>> {};
PB_KW(kw_otherwise_tr, "otherwise");
struct otherwise_tr : p::seq<kw_otherwise_tr, ws, p::must<arrow_after_otherwise>> {};

}  // namespace pb::grammar

#include "dsl_grammar_step.hpp"  // steps, parallel regions and joins

namespace pb::grammar {

// ---------------------------------------------------------------- anywhere

// anywhere [except ID, …] { on … }: transitions of every waiting step.
PB_KW(kw_anywhere, "anywhere");
PB_KW(kw_except, "except");
struct except_step : identifier {};
struct anywhere_open : sym<'{'> {};
struct anywhere_close : sym<'}'> {};
struct anywhere_item_expected : p::failure {};
struct anywhere_item : p::sor<on_tr, p::must<anywhere_item_expected>> {};
struct anywhere_decl
    : p::seq<kw_anywhere, ws, p::opt<kw_except, ws, list_of<except_step>>, p::must<anywhere_open>,
             p::star<p::not_at<p::one<'}'>>, p::not_at<p::eof>, anywhere_item>,
             p::must<anywhere_close>> {};

// ---------------------------------------------------------------- attributes

struct attr_decl;
struct attr_close : sym<'}'> {};
struct attr_expected : p::failure {};
struct attr_item : p::sor<attr_decl, p::must<attr_expected>> {};
struct attr_list : p::star<p::not_at<p::one<'}'>>, p::not_at<p::eof>, attr_item> {};

struct type_simple : p::sor<TAO_PEGTL_KEYWORD("bool"), TAO_PEGTL_KEYWORD("int"),
                            TAO_PEGTL_KEYWORD("string"), TAO_PEGTL_KEYWORD("date"),
                            TAO_PEGTL_KEYWORD("decimal"), TAO_PEGTL_KEYWORD("contacts")> {};
PB_KW(kw_enum, "enum");
struct enum_open : sym<'('> {};
struct enum_value : p::sor<string_lit, identifier> {};
struct enum_close : sym<')'> {};
struct type_enum
    : p::seq<kw_enum, ws, p::must<enum_open>, list_of<enum_value>, p::must<enum_close>> {};
PB_KW(kw_records, "records");
struct records_key : identifier {};
struct records_open : sym<'{'> {};
struct type_records : p::seq<kw_records, ws, p::must<records_key>, ws, p::must<records_open>,
                             nested<attr_list>, p::must<attr_close>> {};
struct attr_type : p::sor<type_simple, type_enum, type_records, unknown_word<WordContext::Type>> {};
PB_KW(kw_attr, "attr");
struct attr_name : identifier {};
struct attr_title : string_lit {};
PB_KW(kw_attr_calendar, "calendar");
struct attr_decl : p::seq<kw_attr, ws, p::must<attr_name>, ws, p::must<attr_type>, ws,
                          p::opt<attr_title, ws>, p::opt<kw_attr_calendar, ws>> {};

// ---------------------------------------------------------------- catalog

PB_KW(kw_role, "role");
struct role_id : identifier {};
struct role_name : string_lit {};
struct role_decl : p::seq<kw_role, ws, p::must<role_id>, ws, p::must<role_name>, ws> {};

PB_KW(kw_note_kind, "note_kind");
struct kind_id : identifier {};
struct kind_name : string_lit {};
struct kind_decl : p::seq<kw_note_kind, ws, p::must<kind_id>, ws, p::must<kind_name>, ws> {};

PB_KW(kw_task, "task");
struct task_id : integer {};
struct task_name : string_lit {};
struct task_mandatory : p::sor<TAO_PEGTL_KEYWORD("mandatory"), TAO_PEGTL_KEYWORD("optional"),
                               unknown_word<WordContext::Mandatory>> {};
struct task_role_kw : p::seq<TAO_PEGTL_KEYWORD("role"), ws> {};
struct task_role : identifier {};
struct task_service : string_lit {};
struct task_decl : p::seq<kw_task, ws, p::must<task_id>, ws, p::must<task_name>, ws,
                          p::must<task_mandatory>, ws, p::must<task_role_kw>, p::must<task_role>,
                          ws, p::opt<TAO_PEGTL_KEYWORD("services"), ws, list_of<task_service>>> {};

PB_KW(kw_group, "group");
struct group_id : identifier {};
struct group_title : string_lit {};
struct group_exactly_one : p::seq<TAO_PEGTL_KEYWORD("exactly_one"), ws> {};
struct group_task : integer {};
struct group_decl : p::seq<kw_group, ws, p::must<group_id>, ws, p::must<group_title>, ws,
                           p::must<group_exactly_one>, list_of<group_task>> {};

PB_KW(kw_event, "event");
struct event_id : identifier {};
struct event_title : string_lit {};
struct payload_open : sym<'{'> {};
struct event_decl : p::seq<kw_event, ws, p::must<event_id>, ws, p::opt<event_title, ws>,
                           p::opt<payload_open, nested<attr_list>, p::must<attr_close>>> {};

PB_KW(kw_external, "external");
struct external_id : slug {};
struct external_title : string_lit {};
struct external_decl
    : p::seq<kw_external, ws, p::must<external_id>, ws, p::must<external_title>, ws> {};

PB_KW(kw_tenant, "tenant");
struct tenant_open : sym<'{'> {};
struct tenant_decl : p::seq<kw_tenant, ws, p::must<tenant_open>, attr_list, p::must<attr_close>> {};

// extend enum PATH with "VALUE", … (strings only: a bare word would read the
// next line's keyword as one more value)
PB_KW(kw_extend, "extend");
struct extend_enum_kw : p::seq<TAO_PEGTL_KEYWORD("enum"), ws> {};
struct extend_path : path {};
struct extend_with : p::seq<TAO_PEGTL_KEYWORD("with"), ws> {};
struct extend_value : string_lit {};
struct extend_decl : p::seq<kw_extend, ws, p::must<extend_enum_kw>, p::must<extend_path>, ws,
                            p::must<extend_with>, list_of<extend_value>> {};

PB_KW(kw_rule, "rule");
struct rule_id : identifier {};
struct rule_message : string_lit {};
struct rule_on : p::seq<TAO_PEGTL_KEYWORD("on"), ws> {};
struct rule_task : integer {};
struct rule_path : path {};
struct rule_event : identifier {};
PB_KW(kw_rule_complete, "complete");
PB_KW(kw_rule_set, "set");
PB_KW(kw_rule_event, "event");
struct rule_trigger : p::sor<p::seq<kw_rule_complete, ws, p::must<rule_task>, ws>,
                             p::seq<kw_rule_set, ws, p::must<rule_path>, ws>,
                             p::seq<kw_rule_event, ws, p::must<rule_event>, ws>> {};
struct rule_require : p::seq<TAO_PEGTL_KEYWORD("require"), ws> {};
struct rule_cond : expr {};
struct rule_decl
    : p::seq<kw_rule, ws, p::must<rule_id>, ws, p::must<rule_message>, ws, p::must<rule_on>,
             p::must<rule_trigger>, p::must<rule_require>, p::must<rule_cond>> {};

// ---------------------------------------------------------------- header

PB_KW(kw_title, "title");
PB_KW(kw_version, "version");
PB_KW(kw_phase, "phase");
PB_KW(kw_motions, "motions");
PB_KW(kw_owner, "owner");
PB_KW(kw_note_prefix, "note_prefix");
PB_KW(kw_calendar, "calendar");
PB_KW(kw_next, "next");
PB_KW(kw_start, "start");
struct title_value : string_lit {};
struct version_value : integer {};
struct phase_value : string_lit {};
struct motion_value : string_lit {};
struct owner_value : string_lit {};
struct note_prefix_value : string_lit {};
struct calendar_value : path {};
struct next_value : slug {};
struct start_value : identifier {};
struct header_item
    : p::sor<kv<kw_title, title_value>, kv<kw_version, version_value>, kv<kw_phase, phase_value>,
             p::seq<kw_motions, ws, list_of<motion_value>>, kv<kw_owner, owner_value>,
             kv<kw_note_prefix, note_prefix_value>, kv<kw_calendar, calendar_value>,
             p::seq<kw_next, ws, slug_list_of<next_value>>, kv<kw_start, start_value>> {};

// scope RECORDS [service PATH] [where EXPR]
PB_KW(kw_scope, "scope");
struct scope_records : path {};
struct scope_service : path {};
struct scope_cond : expr {};
struct scope_decl : p::seq<kw_scope, ws, p::must<scope_records>, ws,
                           p::opt<TAO_PEGTL_KEYWORD("service"), ws, p::must<scope_service>, ws>,
                           p::opt<kw::where_, ws, p::must<scope_cond>>> {};

// ---------------------------------------------------------------- file

struct top_expected : p::failure {};
struct top_item : p::sor<header_item, scope_decl, role_decl, kind_decl, task_decl, group_decl,
                         event_decl, external_decl, tenant_decl, extend_decl, rule_decl, step_decl,
                         anywhere_decl, unknown_word<WordContext::Top>, p::must<top_expected>> {};

PB_KW(kw_playbook, "playbook");
struct playbook_id : slug {};
struct playbook_open : sym<'{'> {};
struct playbook_close_brace : p::one<'}'> {};
struct playbook_close : p::sor<p::seq<playbook_close_brace, ws>, eof_after_error> {};
struct playbook_decl : p::seq<kw_playbook, ws, p::must<playbook_id>, ws, p::must<playbook_open>,
                              p::star<p::not_at<p::one<'}'>>, p::not_at<p::eof>, recover<top_item>>,
                              p::must<playbook_close>> {};

struct empty_file : p::eof {};
struct playbook_expected : p::failure {};
struct file_end : p::eof {};
struct dsl_file : p::seq<ws,
                         p::sor<playbook_decl, empty_file, unknown_word<WordContext::File>,
                                p::must<playbook_expected>>,
                         ws, p::must<file_end>> {};

}  // namespace pb::grammar
