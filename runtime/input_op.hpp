// input_op.hpp — the operations the event log records (InputOp) and their
// one spelling, which is both what the log stores in "op" (and the event
// row's kind) and what the CLI prints.
//
// Contract:
//  * Every InputOp has exactly one spelling (the table in input_op.cpp);
//    to_string and parse_input_op are inverse. The spellings are stored, so
//    they never change: a database written before must replay.
//  * tenant-add / tenant-set / assign / unassign change the tenant only;
//    start / fire / complete / reset / mark / note / tick go to an instance;
//    migrate moves an instance to another version of its playbook.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/state.hpp"

namespace pb::rt {

enum class InputOp : uint8_t {
  TenantAdd,
  TenantSet,
  Assign,
  Unassign,
  Start,
  Fire,
  Complete,
  Reset,
  Note,
  Tick,
  Mark,
  Migrate
};

// Every op, in the order of the enum (for tests and tables).
inline constexpr InputOp kInputOps[] = {InputOp::TenantAdd, InputOp::TenantSet, InputOp::Assign,
                                        InputOp::Unassign,  InputOp::Start,     InputOp::Fire,
                                        InputOp::Complete,  InputOp::Reset,     InputOp::Note,
                                        InputOp::Tick,      InputOp::Mark,      InputOp::Migrate};

const char* to_string(InputOp op);
// False (out unchanged) when `text` spells no op.
bool parse_input_op(std::string_view text, InputOp& out);

// The evaluator's kind of input for `op` (tenant ops and assignments: Set).
InputKind input_kind(InputOp op);

// tenant-add / tenant-set: the input writes tenant attributes.
inline bool is_tenant_write(InputOp op) {
  return op == InputOp::TenantAdd || op == InputOp::TenantSet;
}
// assign / unassign: the input changes one RM/FM assignment.
inline bool is_assignment(InputOp op) { return op == InputOp::Assign || op == InputOp::Unassign; }

}  // namespace pb::rt
