// lint_code.hpp — the stable codes of lint's findings (LintCode), each with
// its spelling, the severity lint reports it with and its one-line summary in
// one table.
//
// Contract:
//  * The spelling of a code ("PB030") is what every output format prints and
//    what suppressions (`# lint: allow PB030`, `.playbook-lint.yaml`) name; it
//    never changes.
//  * lint_codes() is the one list, in the order of the codes' numbers (the
//    enumerators are declared in that order too, so comparing two LintCodes
//    compares their numbers): docs/lint-codes.md documents exactly these
//    codes, marking "(warning)" the ones the table says are warnings (a test
//    checks it).
//  * Code that decides something on a finding compares LintCode values, never
//    spellings; text becomes a LintCode only through lint_code_named().
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string_view>

#include <fmt/format.h>

namespace pb {

// How much a finding counts (diagnostics.hpp): errors fail lint, warnings
// only with --werror, notes never.
enum class Severity { Error, Warning, Note };

enum class LintCode : uint8_t {
  SyntaxError,             // PB001
  InvalidUtf8,             // PB002
  InvisibleCharacter,      // PB003
  TabCharacter,            // PB004
  UnreadableFile,          // PB005
  TooDeepOrLarge,          // PB006
  UnknownKey,              // PB010
  DuplicateKey,            // PB011
  WrongType,               // PB012
  EmptyValue,              // PB013
  MissingKey,              // PB014
  DuplicateId,             // PB020
  DuplicatePlaybookId,     // PB021
  UndefinedStep,           // PB030
  UndefinedRole,           // PB031
  UndefinedTask,           // PB032
  UndefinedPlaybook,       // PB033
  UndefinedAttribute,      // PB034
  UndefinedEnumValue,      // PB035
  UndefinedCalendar,       // PB036
  UndefinedEvent,          // PB037
  UndefinedExternal,       // PB038
  ExprTypeError,           // PB040
  SetTypeError,            // PB041
  UnsetOrdering,           // PB042
  WaitNotCovered,          // PB043
  UnreachableStep,         // PB050
  DeadEnd,                 // PB051
  NoFinalOtherwise,        // PB052
  OverlappingTransitions,  // PB053
  OutsideEventsOnly,       // PB054
  MixedDecision,           // PB055
  DecisionStepContent,     // PB056
  RuleNeverApplies,        // PB057
  AnywhereMisuse,          // PB058
  AnchorNeverReached,      // PB059
  NoteWithoutPrefix,       // PB060
  TaskMismatch,            // PB070
  AttributeTypeMismatch,   // PB071
  UnusedRole,              // PB080
  UnusedTask,              // PB081
  UnusedEvent,             // PB082
  UnusedExternal,          // PB083
  InvalidValue,            // PB090
  BadSuppression,          // PB091
  UnusedSuppression,       // PB092
  UnknownTaskState,        // PB100
  InvalidScope,            // PB101
  UnknownTaskService,      // PB102
  NoMandatoryTasks,        // PB103
  MandatoryWithoutScope,   // PB104
  DoneOutsideRegion,       // PB110
  RegionEntered,           // PB111
  UnknownRegion,           // PB112
  RegionNeverDone,         // PB113
  ParallelMisuse,          // PB114
  UnknownCallee,           // PB120
  CallCycle,               // PB121
  CallWithoutReturn,       // PB122
  CallInTerminal,          // PB123
  OutcomeNotCalled,        // PB124
  NoDefaultReturn,         // PB125
  ConstantArithmetic,      // PB130
  BadPlaceholder,          // PB131
  UnknownNoteKind,         // PB140
  NoteKindRedeclared,      // PB141
  ExtendNotEnum,           // PB142
  ExtendUnknownEnum,       // PB143
  ExtendValuePresent,      // PB144
  ExtendClash,             // PB145
  RenamedFromInUse,        // PB146
  MigrationTarget,         // PB150
  MigrationUnmapped,       // PB151
  MigrationSource,         // PB152
  MigrationPlaybook,       // PB153
};

struct LintCodeInfo {
  LintCode code;
  std::string_view text;     // the spelling, e.g. "PB030"
  Severity severity;         // how lint reports it (PB050 also as a note: see checker_graph)
  std::string_view summary;  // one line, e.g. "undefined step" (SARIF's shortDescription)
};

// Every code, in the order of their numbers.
std::span<const LintCodeInfo> lint_codes();
// The table's row of `c`.
const LintCodeInfo& lint_code_info(LintCode c);
// The spelling of `c` ("PB030").
std::string_view to_string(LintCode c);
// The code spelled `text` exactly ("PB030"); nullopt for any other text.
std::optional<LintCode> lint_code_named(std::string_view text);

std::ostream& operator<<(std::ostream& os, LintCode c);

}  // namespace pb

template <>
struct fmt::formatter<pb::LintCode> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(pb::LintCode c, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(pb::to_string(c), ctx);
  }
};
