// refusal_code.cpp — the table of refusal codes: spelling, exit code and the
// meaning docs/refusal-codes.md gives (the test_cli_pin_lint test holds the
// two together).
#include "refusal_code.hpp"

#include <iterator>
#include <ostream>
#include <utility>

namespace pb {

namespace {

constexpr RefusalCodeInfo kCodes[] = {
    {RefusalCode::EventNotPossible, "event-not-possible", 1,
     "the event has no transition from the current step (the reason lists the possible "
     "events), or none of its transitions' `when` conditions hold"},
    {RefusalCode::Require, "require", 1,
     "a `require` action failed and gave no `code` (the message is the `else` text)"},
    {RefusalCode::NotePrefix, "note-prefix", 1,
     "a note (FM note, `--note` of `fire`/`complete`/`tenant add\\|set`, or a `note` action) "
     "does not start with the playbook's `note_prefix` (for `tenant add\\|set`: of no "
     "running playbook)"},
    {RefusalCode::ExactlyOne, "exactly-one", 1,
     "completing a task of an exactly-one group when another task of that group is complete"},
    {RefusalCode::DoNotContact, "do-not-contact", 1, "`send` to a contact marked do-not-contact"},
    {RefusalCode::Unsubscribed, "unsubscribed", 1, "`send` to a contact who unsubscribed"},
    {RefusalCode::NoContact, "no-contact", 1,
     "`send` without `to` and the tenant has no primary contact, or `to` names no contact"},
    {RefusalCode::NoBranch, "no-branch", 1,
     "a decision step where no `when` holds and there is no `otherwise`"},
    {RefusalCode::StepLoop, "step-loop", 1,
     "one input entered more than 64 steps (a cycle of decision steps)"},
    {RefusalCode::GotoLoop, "goto-loop", 1,
     "one input handed over between playbooks more than 8 times"},
    {RefusalCode::NoReturnBranch, "no-return-branch", 1,
     "a called playbook ended (or handed off) and no `on return` of the calling step holds: "
     "the input that ended it is refused whole"},
    {RefusalCode::NotCalling, "not-calling", 1,
     "a return from a playbook the instance's current step does not call (the store "
     "disagrees with its log)"},
    {RefusalCode::CallLoop, "call-loop", 1,
     "one input started or returned from called playbooks more than 16 times"},
    {RefusalCode::NotRunning, "not-running", 1,
     "the playbook is not running for the tenant (not started, or ended; also `tenant set "
     "--note … --playbook ID`)"},
    {RefusalCode::AlreadyRunning, "already-running", 1,
     "`start` (or a `goto playbook` or `call playbook`) of a playbook the tenant already runs "
     "(a call cannot recurse)"},
    {RefusalCode::AlreadyComplete, "already-complete", 1,
     "an FM's `complete` of a task that is already complete (task state is the tenant's, "
     "shared by its runs): the reason names who completed it and when; `reset` it first to "
     "complete it again"},
    {RefusalCode::NotComplete, "not-complete", 1,
     "`reset` of a task that is not started (there is nothing to reset)"},
    {RefusalCode::AlreadyMarked, "already-marked", 1,
     "an FM's `mark` of a task with the state it has already (e.g. `blocked` twice)"},
    {RefusalCode::MandatoryTasksOpen, "mandatory-tasks-open", 1,
     "leaving a step that declares `require mandatory tasks` (or entering such a terminal "
     "step) while mandatory tasks of the services in scope are not complete: the reason lists "
     "every one of them (id, name, services)"},
    {RefusalCode::TimerStale, "timer-stale", 1,
     "(tick only) the timer row does not belong to the instance's current step (the store "
     "disagrees with its log): the timer is kept, marked stuck; `replay` shows the "
     "difference"},
    {RefusalCode::BeforeLastEvent, "before-last-event", 2,
     "the input is dated (`--now`) before the tenant's last event: a tenant's events are "
     "dated in order (a timer's event is moved to that time instead)"},
    {RefusalCode::KeyReused, "key-reused", 1,
     "an idempotency key (`--id`) that was already used for another command (another tenant, "
     "operation, playbook, event, task, payload, note, kind or actor); the message names the "
     "first event. Only the identical command is a duplicate (see runtime.md)"},
    {RefusalCode::UnknownStep, "unknown-step", 1,
     "the playbook an instance pinned names a step it does not declare (only a version "
     "pinned before playbooks had to lint clean to start can)"},
    {RefusalCode::RegionEntry, "region-entry", 1,
     "the playbook an instance pinned enters a region's step other than from that region "
     "(or has a `done` step in no region, or a region with no step); the checker reports "
     "these (PB110, PB111), so only a version pinned before they were checked can"},
    {RefusalCode::Arithmetic, "arithmetic", 1,
     "an expression divided by zero or overflowed (an integer beyond ±9.2·10^18, a decimal "
     "beyond ±9.2·10^12); the message names the expression. Constant cases are lint errors "
     "(PB130)"},
    {RefusalCode::UnsetPlaceholder, "unset-placeholder", 1,
     "a text an action writes (a note, a queue name, a template, a message) has a "
     "`{placeholder}` whose value is unset or empty; nothing is written with a hole in it"},
    {RefusalCode::MigrationBlocked, "migration-blocked", 1,
     "(migrate) the instance cannot move to the new version: its step (or a region's) has no "
     "step to land on, a parallel step's regions changed, a task is mapped to one the new "
     "version lacks, or a tenant value is no longer allowed; the message gives every reason"},
    {RefusalCode::ChangedSincePlan, "changed-since-plan", 1,
     "(migrate --apply) the instance moved to another step or version after the plan was "
     "made; with `--plan-file`, also its timers or visits, its tenant's tasks, attributes or "
     "assignments changed, or the tenant no longer runs the playbook: plan again"},
    {RefusalCode::AlreadyMigrated, "already-migrated", 1,
     "(migrate) the instance already runs the target version"},
    {RefusalCode::Refused, "refused", 1,
     "an input was refused without a more specific reason (a bug: please report it)"},
    {RefusalCode::UnknownEvent, "unknown-event", 2,
     "the playbook declares no such event (with \"did you mean\")"},
    {RefusalCode::UnknownNoteKind, "unknown-note-kind", 2,
     "a note's kind (`--kind` of `note`, `fire`, `complete`, `tenant add\\|set`, or a `note` "
     "action of a playbook that did not lint) is neither built in nor declared by the "
     "playbook that keeps the note (with \"did you mean\")"},
    {RefusalCode::UnknownAttribute, "unknown-attribute", 2,
     "`--set`/`tenant set` names no payload field and no tenant attribute (with \"did you "
     "mean\")"},
    {RefusalCode::BadValue, "bad-value", 2,
     "a value does not parse or fit its type (impossible date, not in the enum, not an "
     "integer, a contact that is not `Name <email>` with only the flags `primary`, "
     "`do-not-contact`, `unsubscribed`…)"},
    {RefusalCode::UnknownTask, "unknown-task", 2,
     "`complete` of a task the playbook does not declare"},
    {RefusalCode::UnknownPlaybook, "unknown-playbook", 2,
     "`start` of a playbook not in the `--playbooks` directories, or one whose id two files "
     "declare (PB021)"},
    {RefusalCode::PlaybookInvalid, "playbook-invalid", 2,
     "`start` of a playbook, or a `goto playbook` into one, that has lint errors (its own "
     "file, a file declaring the same id, or the shared schema); the diagnostics follow, one "
     "per line (`FILE:LINE:COL: error: MESSAGE [PBxxx]`). Nothing is pinned; fix the file "
     "until `playbook lint` passes"},
    {RefusalCode::BadText, "bad-text", 2,
     "a text (note, value, attribute or event name, tenant named, a command-line argument) "
     "is not valid UTF-8 or holds a control character other than tab, line feed and carriage "
     "return; the message names the field and the byte offset (see runtime.md, \"Text "
     "rules\")"},
    {RefusalCode::BadId, "bad-id", 2,
     "a new tenant id, an actor (`--as`, `$USER`) or an idempotency key breaks its charset "
     "or length (see runtime.md, \"Text rules\")"},
    {RefusalCode::UnknownTenant, "unknown-tenant", 2, "no such tenant"},
    {RefusalCode::TenantExists, "tenant-exists", 2, "`tenant add` of an existing tenant"},
    {RefusalCode::AmbiguousInstance, "ambiguous-instance", 2,
     "the tenant runs several playbooks; pick one with `--playbook`"},
    {RefusalCode::NotAssigned, "not-assigned", 2,
     "`tenant unassign` of a name the tenant's RM or FM queue does not hold (with \"did you "
     "mean\")"},
    {RefusalCode::DuplicateId, "duplicate-id", 2,
     "(`tenant import` only) a second row for the same tenant in one file; the line of the "
     "first is named"},
    {RefusalCode::EmptyNote, "empty-note", 2, "`note` with an empty text"},
    {RefusalCode::PinnedMissing, "pinned-missing", 2,
     "the playbook text an instance pinned is missing from the database or no longer parses"},
    {RefusalCode::PinnedUnreadable, "pinned-unreadable", 2,
     "the playbook text an instance pinned is missing from the database or no longer parses"},
    {RefusalCode::Store, "store", 2,
     "the database cannot be read or written, for any reason but a lock: a missing database "
     "given to a read command, an empty file, an SQLite file that is not a playbook store, a "
     "schema older than the program that this user may not migrate or newer than the "
     "program, a read-only file given to a write command, a full disk, an I/O error, a "
     "corrupt page. The message names the file and gives SQLite's own words: `error: "
     "database 'playbook.db': database or disk is full (COMMIT) [store]`. What was being "
     "written is rolled back whole (see [runtime.md](runtime.md#storage-failures))"},
    {RefusalCode::Busy, "busy", 3,
     "the store stayed locked by another writer through the busy policy (`busy: database "
     "'playbook.db' is locked by another writer: tried to start a write transaction 3 times, "
     "waiting up to 5 s each time [busy]`), or the tenant kept changing underneath through "
     "every retry; nothing was written — try again later"},
    {RefusalCode::Internal, "internal", 2,
     "a bug: an error no command handled (the program prints it instead of aborting); please "
     "report it with the message"},
};

}  // namespace

std::span<const RefusalCodeInfo> refusal_codes() { return kCodes; }

std::string_view to_string(RefusalCode c) {
  for (const auto& i : kCodes)
    if (i.code == c) return i.text;
  return {};
}

RefusalId RefusalId::custom(std::string id) {
  RefusalId out(RefusalCode::Custom);
  out.custom_ = std::move(id);
  return out;
}

std::ostream& operator<<(std::ostream& os, const RefusalId& id) { return os << id.str(); }

}  // namespace pb
