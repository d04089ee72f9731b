// refusal_code.hpp — the stable codes of a refusal (RefusalCode), each with
// its spelling, exit code and documented meaning in one table, and
// RefusalId: the code a refusal carries, one of the table or the playbook's
// own (a rule id, a `require`'s code).
//
// Contract:
//  * The spelling of a code is what the CLI prints in `[...]`, what JSON
//    output carries and what a stuck timer stores; it never changes.
//  * refusal_codes() is the one list: docs/refusal-codes.md documents exactly
//    these codes, with the same exit and text (a test checks it).
//  * Code that decides something on a refusal compares RefusalCode values,
//    never spellings; a playbook's own code never equals a table code.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace pb {

enum class RefusalCode : uint8_t {
  None,    // no refusal
  Custom,  // the playbook's own: a rule id or a `require ... code ID`
  EventNotPossible,
  Require,
  NotePrefix,
  ExactlyOne,
  DoNotContact,
  Unsubscribed,
  NoContact,
  NoBranch,
  StepLoop,
  GotoLoop,
  NoReturnBranch,
  NotCalling,
  CallLoop,
  NotRunning,
  AlreadyRunning,
  AlreadyComplete,
  NotComplete,
  AlreadyMarked,
  MandatoryTasksOpen,
  TimerStale,
  BeforeLastEvent,
  KeyReused,
  UnknownStep,
  RegionEntry,
  Arithmetic,
  UnsetPlaceholder,
  MigrationBlocked,
  ChangedSincePlan,
  AlreadyMigrated,
  Refused,
  UnknownEvent,
  UnknownNoteKind,
  UnknownAttribute,
  BadValue,
  UnknownTask,
  UnknownPlaybook,
  PlaybookInvalid,
  BadText,
  BadId,
  UnknownTenant,
  TenantExists,
  AmbiguousInstance,
  NotAssigned,
  DuplicateId,
  EmptyNote,
  PinnedMissing,
  PinnedUnreadable,
  Store,
  Busy,
  Internal
};

struct RefusalCodeInfo {
  RefusalCode code;
  std::string_view text;  // the spelling, e.g. "bad-value"
  int exit;               // the CLI's exit code (1 refused, 2 bad input or store, 3 busy)
  std::string_view when;  // the documented meaning (docs/refusal-codes.md)
};

// Every code of the table (not None, not Custom), in the order documented.
std::span<const RefusalCodeInfo> refusal_codes();
// The spelling of `c` ("" for None and Custom).
std::string_view to_string(RefusalCode c);

// The code of one refusal or failure: a table code, or the playbook's own.
class RefusalId {
 public:
  RefusalId() = default;
  RefusalId(RefusalCode c) : code_(c) {}  // NOLINT: a table code is an id
  static RefusalId custom(std::string id);

  RefusalCode code() const { return code_; }
  // The spelling: the table's, or the playbook's own id.
  std::string_view str() const {
    return code_ == RefusalCode::Custom ? std::string_view(custom_) : to_string(code_);
  }
  bool empty() const { return code_ == RefusalCode::None; }
  bool operator==(RefusalCode c) const { return code_ == c; }
  bool operator==(const RefusalId&) const = default;
  // A spelling as typed (a scenario's `refused:`, a test): compares text.
  bool operator==(std::string_view text) const { return str() == text; }

 private:
  RefusalCode code_ = RefusalCode::None;
  std::string custom_;  // Custom only
};

std::ostream& operator<<(std::ostream& os, const RefusalId& id);

}  // namespace pb

template <>
struct fmt::formatter<pb::RefusalId> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const pb::RefusalId& id, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(id.str(), ctx);
  }
};
