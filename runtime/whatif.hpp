// whatif.hpp — `playbook whatif`: the timeline one tenant would follow
// through a playbook, with real calendar dates, computed by the same Engine
// on an in-memory store (nothing touches a real database).
//
// Contract (docs/whatif.md):
//  * The tenant is added with `attributes` at `start` and the playbook is
//    started then. Planned inputs fire at their instants (offsets count from
//    `start`, business days in the calendar the playbook picks for the
//    tenant); every timer due in between fires at its own due instant, as
//    `tick` would. Inputs at the same instant keep their order.
//  * The run stops when the started instance is no longer active (end, goto,
//    handoff) — or, with `follow`, when no instance is active — or at
//    `until`, whichever comes first. Planned inputs left then are reported
//    as skipped.
//  * A refused input is an entry with its code and message; the run goes on.
//  * Timers fire through rt::fire_due_until (clock_run.hpp), at most 10,000
//    ticks between two planned inputs (or before `until`); past that the
//    run stops with `error` set (a loop of timers), never a silently cut
//    timeline.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/engine.hpp"

namespace pb::rt::whatif {

struct Planned {
  std::string text;   // as the user wrote it, for messages
  std::string event;  // an event id, or "" for a task
  int64_t task = 0;
  std::vector<std::pair<std::string, std::string>> sets;  // payload fields
  std::optional<Instant> at;                              // absolute
  int64_t amount = 0;                                     // else start + amount unit
  DurationUnit unit = DurationUnit::Days;
};

struct Request {
  std::string playbook;
  Instant start{};
  Instant until{};
  bool follow = false;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<Planned> inputs;
};

enum class Kind { Start, Event, Task, Timer, Refused, Skipped };

struct Entry {
  Instant at{};
  Kind kind = Kind::Start;
  std::string what;  // start: the playbook; event: its id; task: its id; skipped: as written
  std::vector<std::pair<std::string, std::string>> payload;  // event/task: the fields given
  std::string summary;   // the engine's "playbook: from -> to" ("" when no transition)
  std::string playbook;  // of the first transition taken (timers: for its label)
  Loc taken;             // the first transition taken (line 0 = none)
  std::vector<std::string> notes;
  std::vector<Outreach> sent;
  std::vector<std::string> tasks;  // "3663 complete", "3985 reset"
  std::string code, message;       // Refused / Skipped
};

struct Timeline {
  std::vector<Entry> entries;
  std::string calendar;  // the calendar id used for business days ("" = default Mon-Fri)
  std::string ended;     // "goto X", "end \"o\"", "handoff X", or "" when still running at until
  std::string error;     // the run could not start (tenant or start refused) or
                         // stopped at the timer bound (see the contract)
};

Timeline run(const Request& req, const Catalog& catalog);

}  // namespace pb::rt::whatif
