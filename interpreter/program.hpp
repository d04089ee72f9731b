// program.hpp — a playbook's expressions and paths, compiled once (with the
// playbook, by compile_playbook) into a form the evaluator runs without
// reading text: operators and function names become an Op, literal dates
// are parsed, and every dotted path becomes a PathRef naming what it reads
// (a tenant attribute, a record field, an event field, a loop variable).
//
// Contract:
//  * A Program belongs to one CompiledPlaybook and points into its model
//    (string literals, attribute declarations); it lives as long as that.
//  * Compiling never fails and decides nothing the evaluator would decide
//    differently: a name the playbook does not declare compiles to a form
//    that reads as the text-walking evaluator did (unset, or the tenant's
//    undeclared attribute of that name).
//  * Nodes are kept in one array; a node's operands are contiguous.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.hpp"

namespace pb {

struct CompiledPlaybook;

enum class Op : uint8_t {
  Unset,  // evaluates to unset (a malformed node, an unreadable date)
  Bool,
  Int,
  String,
  Date,
  Decimal,  // i: millionths
  Path,
  IsSet,  // is_set(PATH): path = the path read
  Any,
  Count,
  // min/max/sum(BODY for VAR in PATH [where COND]), modelled as a call with
  // args VAR, PATH, BODY [, COND]: path = the collection, s = VAR,
  // operands = BODY [, COND].
  Min,
  Max,
  Sum,
  Visits,
  Task,
  TaskState,  // task_state(N): the task's state, as its spelling
  Outcome,    // outcome(PLAYBOOK): what the latest call of it returned ("" before)
  DaysUntil,
  BusinessDaysUntil,
  OtherCall,  // an unknown function: its argument is read, the result is unset
  Not,
  Neg,
  And,
  Or,
  Add,
  Sub,
  Mul,
  Div,
  StartsWith,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  OtherBinary,  // an unknown operator: false when the operands do not compare
  In,
};

// What a dotted path reads (or, for `set` and `each`, writes and walks).
enum class PathKind : uint8_t {
  None,         // reads as unset; as a `set` target, refused
  Attr,         // tenant.ATTR, declared (as a `set` target: declared or not)
  AttrField,    // `set` target tenant.ATTR.KEY.FIELD
  TenantOther,  // tenant.REST, REST not a declared attribute: the tenant's own
                // attribute REST if it holds one, else ATTR.KEY.FIELD
  EventNote,    // event.note
  NoteKind,     // event.note_kind ("" when the input carries no note)
  EventActor,   // event.actor
  EventOld,     // event.old (in `on set` rules)
  EventField,   // event.FIELD of the payload
  Var,          // VAR or VAR.FIELD: a loop variable (each, any, count)
};

enum class ContactField : uint8_t { None, Name, Email, DoNotContact, Unsubscribed, Primary, Role };

struct PathRef {
  PathKind kind = PathKind::None;
  std::string name;    // Attr, TenantOther: REST; EventField: the field; Var: the variable
  std::string attr;    // AttrField, TenantOther (when split): ATTR
  std::string key;     // AttrField, TenantOther (when split): KEY
  std::string field;   // AttrField, TenantOther (when split), Var: FIELD
  bool split = false;  // TenantOther: REST reads as ATTR.KEY.FIELD
  ContactField contact = ContactField::None;  // Var: the field read from a contact
  const Attribute* decl = nullptr;            // Attr: the declaration
};

struct Node {
  Op op = Op::Unset;
  int64_t i = 0;       // Bool, Int, Date (days since the epoch), Task
  std::string_view s;  // String; Visits: the step id
  uint32_t path = 0;   // Path, Any, Count: index into paths()
  uint32_t first = 0;  // operands: nodes [first, first + count)
  uint32_t count = 0;
  const Expr* src = nullptr;  // the expression compiled (for messages)
};

class Program {
 public:
  Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // Compiles every expression and path of the playbook and its rules.
  void compile(const CompiledPlaybook& cp);
  // Compiles one expression (not part of the playbook) and returns its root.
  uint32_t add(const CompiledPlaybook& cp, const Expr& e);

  // Keeps a path (compiled by read_ref or write_ref) and returns its index.
  uint32_t add_path(PathRef p);

  // The root node of an expression compiled with the playbook, or null.
  const Node* root(const Expr& e) const;
  // The path of a transition's `at PATH`, a `set PATH` or an `each … in PATH`.
  const PathRef* path_of(const std::string& text) const;

  const Node& node(uint32_t i) const { return nodes_[i]; }
  const PathRef& path(uint32_t i) const { return paths_[i]; }

 private:
  void fill(const CompiledPlaybook& cp, uint32_t slot, const Expr& e);
  void fill_call(const CompiledPlaybook& cp, Node& n, const Expr& e);
  uint32_t collection_path(const Attribute& a);
  void add_root(const CompiledPlaybook& cp, const Expr& e);
  void add_actions(const CompiledPlaybook& cp, const std::vector<Action>& actions);

  std::vector<Node> nodes_;
  std::vector<PathRef> paths_;
  std::unordered_map<const Expr*, uint32_t> roots_;           // → nodes_
  std::unordered_map<const std::string*, uint32_t> path_of_;  // → paths_
};

// How a path reads (read_ref) and how it names a `set` target (write_ref);
// `tenant.` paths are resolved against the playbook's attributes.
PathRef read_ref(const CompiledPlaybook& cp, std::string_view text);
PathRef write_ref(const CompiledPlaybook& cp, std::string_view text);

}  // namespace pb
