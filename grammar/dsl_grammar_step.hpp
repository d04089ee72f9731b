// dsl_grammar_step.hpp — the DSL's steps (docs/language.md, "Steps"):
// step items, transitions' targets, terminals, and parallel regions, whose
// steps nest inside their parallel step. Included by dsl_grammar.hpp at its
// steps section (it uses the pieces and transitions defined before it).
#pragma once

namespace pb::grammar {

// ---------------------------------------------------------------- steps

PB_KW(kw_step_role, "role");
struct step_role_ref : identifier {};
struct step_role : kv<kw_step_role, step_role_ref> {};
PB_KW(kw_services, "services");
struct step_service : string_lit {};
struct step_services : p::seq<kw_services, ws, list_of<step_service>> {};
PB_KW(kw_instructions, "instructions");
struct instructions_text : string_lit {};
struct step_instructions : kv<kw_instructions, instructions_text> {};
PB_KW(kw_tasks, "tasks");
struct step_task : integer {};
struct step_tasks : p::seq<kw_tasks, ws, list_of<step_task>> {};
PB_KW(kw_enter, "enter");
struct enter_open : sym<'{'> {};
struct step_enter : p::seq<kw_enter, ws, p::must<enter_open>, action_list, p::must<block_close>> {};
PB_KW(kw_end, "end");
struct end_outcome : string_lit {};
struct step_end : kv<kw_end, end_outcome> {};
PB_KW(kw_goto, "goto");
struct goto_playbook : p::seq<TAO_PEGTL_KEYWORD("playbook"), ws> {};
struct goto_target : slug {};
struct step_goto : p::seq<kw_goto, ws, p::must<goto_playbook>, p::must<goto_target>, ws> {};
// call playbook ID: the step starts playbook ID and waits for its return.
PB_KW(kw_call, "call");
struct call_playbook : p::seq<TAO_PEGTL_KEYWORD("playbook"), ws> {};
struct call_target : slug {};
struct step_call : p::seq<kw_call, ws, p::must<call_playbook>, p::must<call_target>, ws> {};
// renamed_from OLD, …: the ids the step had in earlier versions.
PB_KW(kw_renamed_from, "renamed_from");
struct renamed_from_id : identifier {};
// The ids look like the step items after them: no comma check (as `next`).
struct step_renamed_from : p::seq<kw_renamed_from, ws, slug_list_of<renamed_from_id>> {};
PB_KW(kw_handoff, "handoff");
struct handoff_target : slug {};
struct step_handoff : kv<kw_handoff, handoff_target> {};

// require mandatory tasks
PB_KW(kw_step_require, "require");
struct mandatory_tasks_words
    : p::seq<TAO_PEGTL_KEYWORD("mandatory"), ws, TAO_PEGTL_KEYWORD("tasks"), ws> {};
struct step_require : p::seq<kw_step_require, ws, p::must<mandatory_tasks_words>> {};

// done: the step finishes its region (of a parallel step).
PB_KW(kw_done, "done");
struct step_done : p::seq<kw_done, ws> {};

// join all|REGION, … [when EXPR] -> ID [{ … }]: the regions finished.
struct after_join {};
struct arrow_after_join : arrow_to<after_join> {};
PB_KW(kw_join_all, "all");
struct join_region : identifier {};
// `join a, b when …`: `when` may follow the last region without a comma.
// Nothing that can start a region id after `join`: join_which's message.
struct join_list : p::seq<p::must<join_region>, ws, p::star<comma, p::must<join_region>, ws>,
                          p::sor<p::at<kw::when_>, missing_comma<join_region>>> {};
struct join_which : p::sor<p::seq<kw_join_all, ws>, p::seq<p::at<join_region>, join_list>> {};
PB_KW(kw_join, "join");
struct join_tr : p::seq<kw_join, ws, p::must<join_which>, guarded<arrow_after_join>> {};

// parallel { region ID ["title"] { step … } … }: the step's regions, each
// with its own steps (nested step declarations).
struct step_decl;
PB_KW(kw_region, "region");
struct region_id : identifier {};
struct region_title : string_lit {};
struct region_open : sym<'{'> {};
struct region_step_expected : p::failure {};
struct region_item : p::sor<step_decl, p::must<region_step_expected>> {};
struct region_close_brace : p::one<'}'> {};  // the action fires before the white space
struct region_close : p::seq<region_close_brace, ws> {};
struct region_decl
    : p::seq<kw_region, ws, p::must<region_id>, ws, p::opt<region_title, ws>, p::must<region_open>,
             p::star<p::not_at<p::one<'}'>>, p::not_at<p::eof>, region_item>,
             p::must<region_close>> {};
struct region_expected : p::failure {};
struct parallel_item : p::sor<region_decl, p::must<region_expected>> {};
PB_KW(kw_parallel, "parallel");
struct parallel_open : sym<'{'> {};
struct parallel_close : sym<'}'> {};
struct step_parallel : p::seq<kw_parallel, ws, p::must<parallel_open>,
                              p::star<p::not_at<p::one<'}'>>, p::not_at<p::eof>, parallel_item>,
                              p::must<parallel_close>> {};

struct step_item_expected : p::failure {};
struct step_item
    : p::sor<step_role, step_services, step_instructions, step_tasks, step_enter, on_tr, after_tr,
             at_tr, remind_tr, when_tr, otherwise_tr, join_tr, step_end, step_goto, step_handoff,
             step_call, step_done, step_parallel, step_require, step_renamed_from,
             unknown_word<WordContext::Step>, p::must<step_item_expected>> {};

PB_KW(kw_step, "step");
struct step_id : identifier {};
struct step_title : string_lit {};
struct step_head_role : p::seq<kw_step_role, ws, p::must<step_role_ref>, ws> {};
struct step_open : sym<'{'> {};
struct step_close_brace : p::one<'}'> {};  // the action fires before the white space
struct step_close : p::seq<step_close_brace, ws> {};
struct step_decl
    : p::seq<kw_step, ws, p::must<step_id>, ws, p::opt<step_title, ws>, p::opt<step_head_role>,
             p::must<step_open>, p::star<p::not_at<p::one<'}'>>, p::not_at<p::eof>, step_item>,
             p::must<step_close>> {};

}  // namespace pb::grammar
