// model.hpp — the playbook model shared by both front ends, the checker and
// the evaluator.
//
// Contract:
//  * Plain data. No I/O, no parsing, no evaluation lives here.
//  * Every node carries a Loc (file:line:col, 1-based) of the token that
//    introduced it, and the comments that preceded it in the source.
//  * Equality (`operator==`, defaulted member by member) compares meaning
//    only: positions are NotCompared and comments are trivia, so
//    model(dsl) == model(yaml(dsl)) is a meaningful test.
//  * Ids are kept as written; resolution (step ids → steps, task ids → tasks)
//    is the checker's job, not the model's.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pb {

// A position in a source file. `file` is shared by every node of one file.
struct Loc {
  std::shared_ptr<const std::string> file;
  uint32_t line = 0;  // 1-based; 0 = unknown
  uint32_t col = 0;   // 1-based, in bytes

  const std::string& filename() const;
  std::string str() const;  // "file:line:col"
  bool operator==(const Loc& o) const {
    return line == o.line && col == o.col && filename() == o.filename();
  }
};

// A member that does not take part in the equality of the node holding it:
// where a node was written is not part of what it means. It is the wrapped
// value otherwise (a Loc, a list of Locs), readable and assignable as one.
template <class T>
struct NotCompared : T {
  NotCompared() = default;
  NotCompared(T v) : T(std::move(v)) {}  // NOLINT: implicit by design
  bool operator==(const NotCompared&) const { return true; }
};
using NodeLoc = NotCompared<Loc>;                // a node's own position
using NodeLocs = NotCompared<std::vector<Loc>>;  // positions of a list's items

// Comments that stood on their own lines right before a node, without '#'.
// Ignored by equality (they are trivia, but fmt and convert keep them).
struct Comments {
  std::vector<std::string> lines;
  bool operator==(const Comments&) const { return true; }
  bool empty() const { return lines.empty(); }
};

// ---------------------------------------------------------------- types

enum class TypeKind { Bool, Int, String, Date, Enum, Records, Contacts, Decimal, Unknown };

// A value type. Enums carry their values; records carry their fields.
struct Attribute;
struct Type {
  TypeKind kind = TypeKind::Unknown;
  std::vector<std::string> values;  // Enum: allowed values, as written
  std::vector<Attribute> fields;    // Records: the fields of one record
  std::string key;                  // Records: the key name ("workload")
  bool operator==(const Type&) const = default;
};

// A tenant attribute or a record field or an event payload field.
struct Attribute {
  NodeLoc loc;
  Comments comments;
  std::string name;
  Type type;
  std::string title;      // optional display text
  bool calendar = false;  // this enum attribute selects the business calendar
  bool operator==(const Attribute&) const = default;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind {
  Bool,
  Int,
  String,
  Date,     // literals (Date stored as "YYYY-MM-DD" in text)
  Path,     // tenant.a.b, event.x, workload.l1
  Call,     // days_until(e), business_days_until(e), visits(step),
            // task(3667), count(path where e), any(path where e)
  Unary,    // op = "not" | "-"
  Binary,   // op = and or == != < <= > >= + - * / starts_with
  In,       // args[0] in [args[1..]]
  Decimal,  // literal: ival = millionths (decimal.hpp)
};

struct Expr {
  NodeLoc loc;
  ExprKind kind = ExprKind::Bool;
  std::string text;  // literal text (String unescaped), path "a.b.c",
                     // call name, or operator
  bool bval = false;
  int64_t ival = 0;  // Int; Decimal: millionths
  // Int, Decimal: the literal as written ("20_000", "12.50", "10%") when
  // printing the value would not give it back; "" otherwise.
  NotCompared<std::string> spelling;
  std::vector<Expr> args;      // operands / call arguments / list items
  bool parenthesized = false;  // kept so fmt reproduces the author's grouping
  bool operator==(const Expr&) const = default;
};

// ---------------------------------------------------------------- actions

// A note kind: its id as written after `note` and stored with the note. The
// three built-ins ("status", "technical", "engagement") exist in every
// playbook; a playbook declares more with `note_kind ID "Name"`.
struct NoteKind {
  std::string id = "status";
  static const NoteKind OverallStatus;         // "status": Overall Status Note
  static const NoteKind TechnicalEnablement;   // "technical": Technical Enablement note
  static const NoteKind EngagementManagement;  // "engagement": Engagement Management note
  bool operator==(const NoteKind&) const = default;
};
inline const NoteKind NoteKind::OverallStatus{"status"};
inline const NoteKind NoteKind::TechnicalEnablement{"technical"};
inline const NoteKind NoteKind::EngagementManagement{"engagement"};
enum class QueueKind { RM, FM };

// The state of a task (FTOP's task states). `complete` and `not_started`
// are what `complete TASK` and `reset TASK` set.
enum class TaskStatus : uint8_t { NotStarted, Complete, InProgress, Blocked, NoIntent };

enum class ActionKind {
  Complete,     // complete TASK
  Reset,        // reset TASK
  Mark,         // mark TASK STATE
  Note,         // note status|technical|engagement "text"
  Set,          // set PATH = EXPR
  Assign,       // assign rm|fm "queue" [primary]
  Unassign,     // unassign rm|fm "queue" | me
  Send,         // send "template" [to EXPR]
  Require,      // require EXPR else "message" [code ID]
  ForEach,      // each VAR in PATH [where EXPR] { actions }
  MarkContact,  // mark contact EXPR unsubscribed|do_not_contact
};

// A text an action writes (a note, a queue name, a template, a `require`
// message) split at its `{EXPR}` placeholders. The front ends fill it from
// the text as written (fill_templates); a text without braces has neither
// exprs nor pieces.
struct TextTemplate {
  std::vector<std::string> pieces;  // literal runs around the placeholders, exprs.size() + 1
                                    // ("{{" and "}}" already read as "{" and "}")
  std::vector<Expr> exprs;
  bool operator==(const TextTemplate&) const = default;
};

struct Action {
  NodeLoc loc;
  Comments comments;
  ActionKind kind = ActionKind::Complete;
  int64_t task = 0;  // Complete, Reset, Mark
  NoteKind note_kind = NoteKind::OverallStatus;
  std::string text;      // Note text, Send template, Require message,
                         // Assign/Unassign queue ("" + me=true for "me"),
                         // Mark: the state as written (checked by the checker)
  TextTemplate tmpl;     // `text` of Note, Assign, Unassign, Send, Require, split
  NodeLoc text_loc;      // where that text stands (its opening quote)
  bool me = false;       // Assign/Unassign ... me: the acting person
  bool primary = false;  // Assign ... primary
  QueueKind queue = QueueKind::RM;
  std::string path;          // Set target, ForEach collection
  std::string var;           // ForEach variable
  std::string code;          // Require code
  std::optional<Expr> expr;  // Set value, Send recipient, Require/ForEach condition
  std::vector<Action> body;  // ForEach body
  // Send: `to contacts where EXPR` (expr is then the condition, read with
  // `contact` bound to each contact) and `cc contacts where EXPR`.
  bool to_contacts = false;
  std::optional<Expr> cc;
  bool operator==(const Action&) const = default;
};

// ---------------------------------------------------------------- transitions

enum class TriggerKind {
  Event,      // on NAME
  Task,       // on task 3667   (the task was completed)
  After,      // after N business days|days|weeks|hours|months|business hours
  At,         // at PATH [+|- N days]
  When,       // decision branch: when EXPR
  Otherwise,  // decision branch: otherwise
  Remind,     // remind ROLE after|every N UNIT "text": a timer that notifies
              // and moves nothing (no target, no actions)
  Join,       // join all|REGION, … : the regions of a parallel step finished
  Return,     // on return [when EXPR]: the playbook the step calls returned
};

enum class DurationUnit { BusinessDays, Days, Weeks, Hours, Months, BusinessHours };

// One line of a wait that depends on a value: `APJ: 3 business days`, or
// `else 2 business days` (key "").
struct WaitCase {
  NodeLoc loc;
  std::string key;  // a value of the keyed enum attribute; "" = else
  int64_t amount = 0;
  DurationUnit unit = DurationUnit::Days;
  bool operator==(const WaitCase&) const = default;
};

struct Transition {
  NodeLoc loc;
  Comments comments;
  TriggerKind trigger = TriggerKind::Event;
  std::string event;   // Event
  int64_t task = 0;    // Task
  int64_t amount = 0;  // After: N; At: signed day offset
  DurationUnit unit = DurationUnit::Days;
  // After by a value: `after PATH { KEY: N UNIT, …, else N UNIT }`; the
  // duration is the case of PATH's value when the timer is armed (else the
  // `else` case; neither: no timer). Empty `wait_by`: amount and unit.
  std::string wait_by;
  NodeLoc wait_by_loc;
  std::vector<WaitCase> wait_cases;
  std::string at_path;        // At
  std::optional<Expr> guard;  // optional `when` on Event/Task/After/At; the
                              // condition of a When branch
  std::string target;         // step id; "" = stay (an internal transition:
                              // actions only, the step is not left)
  NodeLoc target_loc;
  std::vector<Action> actions;
  // After/Remind: the step whose arrival anchors the timer (`since entering
  // STEP`); "" = the current step's entry.
  std::string since;
  NodeLoc since_loc;
  std::string role;  // Remind: the role reminded
  NodeLoc role_loc;
  std::string text;    // Remind: what the reminder says
  bool every = false;  // Remind: again every N UNIT while the step is current
  // Join: the regions it waits for (empty = every region of the step).
  std::vector<std::string> join;
  NodeLocs join_locs;
  bool operator==(const Transition&) const = default;

  bool timed() const {
    return trigger == TriggerKind::After || trigger == TriggerKind::At ||
           trigger == TriggerKind::Remind;
  }
};

// Transitions that apply in every waiting step of the playbook except the
// listed ones (`anywhere except A, B { on … }`). A step's own transition on
// the same event or task goes first.
struct Anywhere {
  NodeLoc loc;
  Comments comments;
  std::vector<std::string> except;
  NodeLocs except_locs;  // where each of `except` stands (may be shorter)
  std::vector<Transition> transitions;
  bool operator==(const Anywhere&) const = default;

  bool applies_to(const std::string& step) const;
};

// ---------------------------------------------------------------- steps

// End: the run ends; Goto: hand-over to a playbook; Handoff: to an external
// process; Done: the step's region (of a parallel step) is finished.
enum class TerminalKind { None, End, Goto, Handoff, Done };

// A region of a parallel step (`parallel { region ID "title" { steps } }`).
// Its steps are the playbook's steps whose `parent` is the parallel step and
// whose `region` is this id; the first of them is where the region starts.
struct Region {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string title;
  Comments trailing;  // comments before the region's closing brace
  bool operator==(const Region&) const = default;
};

struct Step {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string title;
  std::string role;  // role id; "" = the playbook's default
  NodeLoc role_loc;
  std::vector<std::string> services;
  std::string instructions;
  NodeLoc instructions_loc;
  std::vector<int64_t> tasks;  // tasks this step owns (shown to the FM)
  NodeLocs task_locs;          // where each of `tasks` stands (may be shorter)
  std::vector<Action> enter;   // actions on entry
  std::vector<Transition> transitions;
  std::vector<Region> regions;  // a parallel step: its regions, in order
  NodeLoc parallel_loc;         // where `parallel` stands
  std::string parent;           // a region's step: its parallel step ("" = top level)
  std::string region;           // … and the id of its region there
  // `require mandatory tasks`: the step is not left (a terminal step not
  // entered) while a mandatory task of a service in scope is not complete.
  bool require_mandatory = false;
  NodeLoc require_mandatory_loc;
  TerminalKind terminal = TerminalKind::None;
  std::string terminal_arg;  // End: outcome; Goto: playbook id; Handoff: external id
  NodeLoc terminal_loc;
  // `call playbook ID`: entering the step starts playbook ID for the tenant;
  // its end comes back as an `on return` transition of this step. "" = none.
  std::string call;
  NodeLoc call_loc;
  // `renamed_from OLD, …`: the ids this step had in earlier versions of the
  // playbook (several: steps merged into it). `playbook diff` and migration
  // match the old step to this one; the checker rejects an id still in use.
  std::vector<std::string> renamed_from;
  NodeLoc renamed_from_loc;
  Comments trailing;  // comments before the closing brace
  bool operator==(const Step&) const = default;
};

// ---------------------------------------------------------------- catalog

struct Role {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string name;
  bool operator==(const Role&) const = default;
};

struct Task {
  NodeLoc loc;
  Comments comments;
  int64_t id = 0;
  std::string name;
  bool mandatory = false;
  std::string role;
  NodeLoc role_loc;
  std::vector<std::string> services;
  bool operator==(const Task&) const = default;
};

// "Set only one of the following tasks to complete."
struct TaskGroup {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string title;
  std::vector<int64_t> tasks;
  NodeLocs task_locs;  // where each of `tasks` stands (may be shorter)
  bool operator==(const TaskGroup&) const = default;
};

struct EventDecl {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string title;
  std::vector<Attribute> payload;
  bool operator==(const EventDecl&) const = default;
};

// `extend enum PATH with "V", …`: values a playbook adds, for its own
// instances, to an enum declared once elsewhere (the schema file, or the
// playbook's `tenant { }`). PATH is `tenant.ATTR` for an enum attribute or
// `tenant.ATTR.FIELD` for an enum field of a records attribute.
struct EnumExtension {
  NodeLoc loc;
  Comments comments;
  std::string path;
  NodeLoc path_loc;
  std::vector<std::string> values;
  NodeLocs value_locs;  // where each of `values` stands (may be shorter)
  bool operator==(const EnumExtension&) const = default;
};

// `note_kind ID "Name"`: a kind of note this playbook's notes may have,
// beside the built-in ones.
struct NoteKindDecl {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string name;
  bool operator==(const NoteKindDecl&) const = default;
};

// A process outside the directory the playbook hands over to.
struct External {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string title;
  bool operator==(const External&) const = default;
};

enum class RuleOn { Complete, Set, Event };

// rule ID "message" on complete TASK|set PATH|event NAME require EXPR
// Refuses the triggering change unless EXPR holds; ID is the refusal code.
struct Rule {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string message;
  RuleOn on = RuleOn::Event;
  int64_t task = 0;
  std::string path;   // Set: attribute path (tenant.x or workload.x)
  std::string event;  // Event
  NodeLoc on_loc;     // where the task, path or event after `on` stands
  Expr condition;
  bool operator==(const Rule&) const = default;
};

// The tenant schema: typed attributes and the rules on them. Lives in
// `tenant.schema.yaml` and/or in a playbook's `tenant { }` block.
struct Schema {
  NodeLoc loc;
  Comments comments;
  std::vector<Attribute> attributes;
  std::vector<Rule> rules;
  bool operator==(const Schema&) const = default;
};

// `scope RECORDS [service PATH] [where EXPR]`: the services in scope are
// the `service` values (the record key when absent) of the records of the
// tenant attribute RECORDS for which EXPR holds (every record when absent).
struct ServiceScope {
  NodeLoc loc;
  std::string records;  // "tenant.workloads"
  NodeLoc records_loc;
  std::string service;  // "workload.service", or "" = the record key
  NodeLoc service_loc;
  std::optional<Expr> where;
  bool operator==(const ServiceScope&) const = default;
};

// ---------------------------------------------------------------- playbook

struct Playbook {
  NodeLoc loc;
  Comments comments;
  std::string id;
  std::string title;
  int64_t version = 0;
  std::string phase;
  std::vector<std::string> motions;
  std::string owner;
  std::string note_prefix;
  std::string calendar;  // attribute path selecting the calendar ("" = none)
  NodeLoc calendar_loc;
  std::optional<ServiceScope> scope;  // which services are in scope
  std::vector<std::string> next;      // playbook ids this one links to
  NodeLocs next_locs;                 // where each of `next` stands (may be shorter)
  std::vector<Role> roles;
  std::vector<NoteKindDecl> note_kinds;  // declared beside the built-in kinds
  std::vector<Task> tasks;
  std::vector<TaskGroup> groups;
  std::vector<EventDecl> events;
  std::vector<External> externals;
  Schema tenant;                       // attributes/rules declared in the playbook
  std::vector<EnumExtension> extends;  // values added to enums declared elsewhere
  std::vector<Rule> rules;
  std::string start;
  NodeLoc start_loc;
  std::vector<Step> steps;
  std::optional<Anywhere> anywhere;  // playbook-wide transitions
  Comments trailing;
  bool operator==(const Playbook&) const = default;

  const Step* step(const std::string& id) const;
  const Task* task(int64_t id) const;
  const Role* role(const std::string& id) const;
  const EventDecl* event(const std::string& id) const;
};

// Whether a step waits (it has no terminal and is not a decision step; a
// step that calls a playbook waits for its return): only waiting steps take
// events, timers and playbook-wide transitions.
bool is_waiting(const Step& s);

// Whether the playbook-wide transitions (`anywhere`) apply in step `s`: the
// playbook has them, `s` waits, is not a region's step and is not excluded.
bool anywhere_applies(const Playbook& pb, const Step& s);

// The transitions that can be taken in step `s`: its own, then the
// playbook-wide ones that apply to it (none for a step that does not wait,
// nor for a region's step: they apply to its parallel step).
std::vector<const Transition*> transitions_of(const Playbook& pb, const Step& s);

// Every transition of the playbook: the steps' in order, then `anywhere`'s.
std::vector<const Transition*> all_transitions(const Playbook& pb);

// The i-th of `locs` when it is known, else `fallback` (lists of ids keep
// their items' positions beside them; a model built by hand may not).
const Loc& loc_at(const std::vector<Loc>& locs, size_t i, const Loc& fallback);

// Display names used by printers and messages.
const char* to_string(TypeKind);
const char* to_string(const NoteKind&);  // its id: "status", "technical", ...

// The built-in note kinds: id and display name, in their canonical order.
const std::vector<std::pair<std::string, std::string>>& builtin_note_kinds();
// Every note kind of `pb`: the built-ins, then the declared ones (ids).
std::vector<std::string> note_kind_ids(const Playbook& pb);
// The enum type `path` ("tenant.ATTR" or "tenant.ATTR.FIELD") names among
// `attrs`, or nullptr; `attr` is set to the attribute that holds it.
Type* enum_at(std::vector<Attribute>& attrs, std::string_view path, Attribute** attr = nullptr);
// Adds `pb`'s `extend enum` values to the enums of `attrs` (a copy of the
// attributes the playbook sees); a value already present is not added twice.
void apply_extensions(const Playbook& pb, std::vector<Attribute>& attrs);

// Whether `id` is a built-in kind or one `pb` declares.
bool has_note_kind(const Playbook& pb, std::string_view id);
// The display name of kind `id` in `pb` ("Overall Status Note"); the id when unknown.
std::string note_kind_name(const Playbook& pb, std::string_view id);
const char* to_string(QueueKind);     // "rm" | "fm"
const char* to_string(DurationUnit);  // "business days" | "days" | "weeks" | "hours" | "months"
                                      // | "business hours"
const char* to_string(TaskStatus);    // "not_started" | "complete" | "in_progress" | ...
// False (out unchanged) when `text` spells no task state.
bool parse_task_status(std::string_view text, TaskStatus& out);
// Every task state, in the order of the enum (the spellings, for messages).
const std::vector<std::string>& task_status_names();

}  // namespace pb
