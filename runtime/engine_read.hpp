// engine_read.hpp — what the read commands (status, history, due, show)
// get from the engine, and the rows a tenant import feeds it.
//
// Contract:
//  * Each read is one read transaction: everything a view holds comes from
//    one snapshot of the database, so a write committed while the view is
//    read is either wholly in it or wholly absent (the notes and outreach
//    of a history belong to exactly its events; the stuck marks of a status
//    to exactly its timers).
//  * Reading writes nothing and never waits for a writer (store.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store_timers.hpp"
#include "store_world.hpp"
#include "world.hpp"

namespace pb::rt {

// `status`: the tenant and the stuck marks of its timers.
struct TenantStatus {
  TenantWorld world;
  std::map<int64_t, std::vector<StuckTimer>> stuck;  // instance id → its stuck timers
};

// `history`: the tenant's event log, its notes and its outreach.
struct TenantHistory {
  std::vector<EventRow> events;
  std::vector<NoteRow> notes;
  std::vector<OutreachRow> outreach;
};

// Called for each due timer, oldest first, until it returns false.
using DueVisitor = std::function<bool(const DueTimer&)>;

// One row of a tenant import (Engine::import_check / import_write).
struct ImportRow {
  size_t line = 0;  // where the row starts in its file (for messages)
  std::string id;
  std::vector<std::pair<std::string, std::string>> sets;
  // A problem the reader found in the row (e.g. its cell count): the check
  // reports the row bad with this message and no code. Empty: none.
  std::string bad;
};
// Calls its argument with each row, in order, until that returns false;
// returns false when it stopped before the end (the reader's own failure,
// or the argument returned false).
using ImportRows = std::function<bool(const std::function<bool(const ImportRow&)>&)>;

}  // namespace pb::rt
