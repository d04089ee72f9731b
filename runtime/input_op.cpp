// input_op.cpp — the one table of InputOp and its stored spelling.
#include "input_op.hpp"

#include <iterator>

namespace pb::rt {

namespace {

struct OpName {
  InputOp op;
  const char* text;
};

// Stored in every log record: never change a spelling.
constexpr OpName kNames[] = {
    {InputOp::TenantAdd, "tenant-add"},
    {InputOp::TenantSet, "tenant-set"},
    {InputOp::Assign, "assign"},
    {InputOp::Unassign, "unassign"},
    {InputOp::Start, "start"},
    {InputOp::Fire, "fire"},
    {InputOp::Complete, "complete"},
    {InputOp::Reset, "reset"},
    {InputOp::Note, "note"},
    {InputOp::Tick, "tick"},
    {InputOp::Mark, "mark"},
    {InputOp::Migrate, "migrate"},
};
static_assert(std::size(kNames) == std::size(kInputOps));

}  // namespace

const char* to_string(InputOp op) {
  for (const auto& n : kNames)
    if (n.op == op) return n.text;
  return "?";
}

InputKind input_kind(InputOp op) {
  switch (op) {
    case InputOp::Start: return InputKind::Start;
    case InputOp::Fire: return InputKind::Fire;
    case InputOp::Complete: return InputKind::Complete;
    case InputOp::Reset: return InputKind::Reset;
    case InputOp::Note: return InputKind::Note;
    case InputOp::Tick: return InputKind::Tick;
    case InputOp::Mark: return InputKind::Mark;
    case InputOp::TenantAdd:
    case InputOp::TenantSet:
    case InputOp::Assign:
    case InputOp::Unassign:
    case InputOp::Migrate: return InputKind::Set;
  }
  return InputKind::Set;
}

bool parse_input_op(std::string_view text, InputOp& out) {
  for (const auto& n : kNames)
    if (text == n.text) return out = n.op, true;
  return false;
}

}  // namespace pb::rt
