// lint_code.cpp — the table of lint codes: spelling, severity and the summary
// line (SARIF's rule shortDescription). test_lint_docs holds it and
// docs/lint-codes.md together.
#include "lint_code.hpp"

#include <ostream>

namespace pb {

namespace {

using enum LintCode;
constexpr Severity E = Severity::Error, W = Severity::Warning;

constexpr LintCodeInfo kCodes[] = {
    {SyntaxError, "PB001", E, "syntax error"},
    {InvalidUtf8, "PB002", E, "invalid UTF-8"},
    {InvisibleCharacter, "PB003", E, "invisible character"},
    {TabCharacter, "PB004", W, "tab character"},
    {UnreadableFile, "PB005", E, "cannot read file or unknown file kind"},
    {TooDeepOrLarge, "PB006", E, "input too deep or too large"},
    {UnknownKey, "PB010", E, "unknown key"},
    {DuplicateKey, "PB011", E, "duplicate key or header item"},
    {WrongType, "PB012", E, "wrong type of value"},
    {EmptyValue, "PB013", E, "empty value"},
    {MissingKey, "PB014", E, "missing required key or item"},
    {DuplicateId, "PB020", E, "duplicate id"},
    {DuplicatePlaybookId, "PB021", E, "duplicate playbook id"},
    {UndefinedStep, "PB030", E, "undefined step"},
    {UndefinedRole, "PB031", E, "undefined role"},
    {UndefinedTask, "PB032", E, "undefined task"},
    {UndefinedPlaybook, "PB033", E, "undefined playbook"},
    {UndefinedAttribute, "PB034", E, "undefined attribute"},
    {UndefinedEnumValue, "PB035", E, "undefined enum value"},
    {UndefinedCalendar, "PB036", E, "undefined calendar"},
    {UndefinedEvent, "PB037", E, "undefined event"},
    {UndefinedExternal, "PB038", E, "undefined external"},
    {ExprTypeError, "PB040", E, "type error in an expression"},
    {SetTypeError, "PB041", E, "type error in set"},
    {UnsetOrdering, "PB042", W, "ordering a value that may be unset"},
    {WaitNotCovered, "PB043", E, "wait by a value without a case for every value"},
    {UnreachableStep, "PB050", E, "unreachable step"},
    {DeadEnd, "PB051", E, "dead end"},
    {NoFinalOtherwise, "PB052", W, "decision step without a final otherwise"},
    {OverlappingTransitions, "PB053", W, "overlapping transitions"},
    {OutsideEventsOnly, "PB054", W, "step waits for outside events only"},
    {MixedDecision, "PB055", E, "decision branches mixed with other triggers"},
    {DecisionStepContent, "PB056", W, "instructions or tasks on a decision step"},
    {RuleNeverApplies, "PB057", W, "rule that never applies"},
    {AnywhereMisuse, "PB058", W, "playbook-wide transition or exception with no effect"},
    {AnchorNeverReached, "PB059", W, "timer anchored at a step that never comes first"},
    {NoteWithoutPrefix, "PB060", E, "note without the note prefix"},
    {TaskMismatch, "PB070", E, "task defined differently in two playbooks"},
    {AttributeTypeMismatch, "PB071", E, "attribute declared with two types"},
    {UnusedRole, "PB080", W, "unused role"},
    {UnusedTask, "PB081", W, "unused task"},
    {UnusedEvent, "PB082", W, "unused event"},
    {UnusedExternal, "PB083", W, "unused external process"},
    {InvalidValue, "PB090", E, "invalid value"},
    {BadSuppression, "PB091", E, "unreadable lint suppression"},
    {UnusedSuppression, "PB092", W, "suppression that suppresses nothing"},
    {UnknownTaskState, "PB100", E, "unknown task state"},
    {InvalidScope, "PB101", E, "invalid service scope"},
    {UnknownTaskService, "PB102", E, "mandatory task of a service the scope cannot name"},
    {NoMandatoryTasks, "PB103", W, "mandatory-task check without mandatory tasks"},
    {MandatoryWithoutScope, "PB104", W, "mandatory tasks by service without a scope"},
    {DoneOutsideRegion, "PB110", E, "`done` in a step that is in no region"},
    {RegionEntered, "PB111", E, "a region's step entered from outside its region"},
    {UnknownRegion, "PB112", E, "join of a region the step does not have"},
    {RegionNeverDone, "PB113", W, "join waits for a region that never finishes"},
    {ParallelMisuse, "PB114", E, "parallel step or region that cannot run"},
    {UnknownCallee, "PB120", E, "call of an unknown playbook"},
    {CallCycle, "PB121", E, "call cycle"},
    {CallWithoutReturn, "PB122", E, "call without on return, or on return without call"},
    {CallInTerminal, "PB123", E, "call in a terminal or decision step"},
    {OutcomeNotCalled, "PB124", E, "outcome of a playbook the playbook does not call"},
    {NoDefaultReturn, "PB125", W, "no unguarded on return"},
    {ConstantArithmetic, "PB130", E, "constant division by zero or overflow"},
    {BadPlaceholder, "PB131", E, "a text placeholder that cannot be written"},
    {UnknownNoteKind, "PB140", E, "note kind neither built in nor declared"},
    {NoteKindRedeclared, "PB141", E, "note kind declared twice or redeclaring a built-in"},
    {ExtendNotEnum, "PB142", E, "extension of an attribute that is not an enum"},
    {ExtendUnknownEnum, "PB143", E, "extension of an unknown attribute"},
    {ExtendValuePresent, "PB144", E, "extension adds a value the enum has"},
    {ExtendClash, "PB145", E, "two playbooks extend one enum with two spellings of one value"},
    {RenamedFromInUse, "PB146", E, "renamed_from names a step id still in use"},
    {MigrationTarget, "PB150", E,
     "a migration maps a step or task to one the new version does not have"},
    {MigrationUnmapped, "PB151", E,
     "a step the new version removes has no mapping in the migration (nor a `renamed_from`)"},
    {MigrationSource, "PB152", W, "a migration maps a step or task the old version does not have"},
    {MigrationPlaybook, "PB153", E, "a migration file is for another playbook"},
};

// The table is indexed by the enumerator: one row per code, in its order.
constexpr bool in_order() {
  for (size_t i = 0; i < std::size(kCodes); ++i)
    if (static_cast<size_t>(kCodes[i].code) != i) return false;
  return std::size(kCodes) == static_cast<size_t>(MigrationPlaybook) + 1;
}
static_assert(in_order(), "kCodes must list every LintCode once, in enumerator order");

}  // namespace

std::span<const LintCodeInfo> lint_codes() { return kCodes; }

const LintCodeInfo& lint_code_info(LintCode c) { return kCodes[static_cast<size_t>(c)]; }

std::string_view to_string(LintCode c) { return lint_code_info(c).text; }

std::optional<LintCode> lint_code_named(std::string_view text) {
  for (const auto& i : kCodes)
    if (i.text == text) return i.code;
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& os, LintCode c) { return os << to_string(c); }

}  // namespace pb
