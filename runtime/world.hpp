// world.hpp — one tenant's whole run-time state in memory (TenantWorld), the
// log record of one accepted input (LogInput), and their JSON codecs.
//
// Contract:
//  * TenantWorld is what the store holds for one tenant: attributes, tasks,
//    assignments, every instance (active or finished) with its timers.
//  * LogInput is exactly what the event log stores for one accepted input:
//    enough to apply it again (replay) with the same result — the input, the
//    clock, the playbook hashes it pinned and the calendar it used.
//  * JSON encodings are stable (they are stored). Decoding never throws; it
//    returns false on malformed text.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "model/calendar.hpp"
#include "model/migration.hpp"
#include "model/state.hpp"
#include "runtime/input_op.hpp"

namespace pb::rt {

struct InstanceRec {
  int64_t id = 0;    // 0 = not stored yet
  std::string hash;  // the pinned playbook
  InstanceState st;
  int64_t version = 0;
  bool operator==(const InstanceRec&) const = default;
};

struct TenantWorld {
  TenantState tenant;
  int64_t version = 0;  // the tenant row version (optimistic check)
  std::vector<InstanceRec> instances;

  InstanceRec* active(const std::string& playbook);
  std::vector<InstanceRec*> all_active();
};

// A migration as logged (op `migrate`): the map it applied and what the
// plan saw, so that an instance that moved since is refused.
struct LogMigration {
  MigrationMap map;
  std::string expect_hash, expect_step;  // "" = not checked
};

struct LogInput {
  InputOp op = InputOp::Start;  // stored as its spelling (input_op.hpp)
  std::string playbook;         // the instance's playbook ("" = the only active one)
  Input input;
  Instant at{};
  std::vector<AttrWrite> writes;  // tenant-add / tenant-set: typed writes
  AssignChange assign;            // assign / unassign: the queue and name (add = op is Assign)
  std::map<std::string, std::string> pins;  // playbook id → hash started by this input
  std::string calendar;                     // hash of the calendar used ("" = default)
  LogMigration migration;                   // migrate: the map; target version in pins
};

nlohmann::json value_to_json(const Value& v);
bool value_from_json(const nlohmann::json& j, Value& out);

nlohmann::json calendar_to_json(const Calendar& c);
bool calendar_from_json(const nlohmann::json& j, Calendar& out);

nlohmann::json log_to_json(const LogInput& in);
bool log_from_json(const nlohmann::json& j, LogInput& out);

nlohmann::json visits_to_json(const std::map<std::string, int64_t, std::less<>>& v);
bool visits_from_json(const nlohmann::json& j, std::map<std::string, int64_t, std::less<>>& out);
// InstanceState::arrived as stored: {"step": Unix seconds, …}.
nlohmann::json arrived_to_json(const std::map<std::string, Instant, std::less<>>& a);
bool arrived_from_json(const nlohmann::json& j, std::map<std::string, Instant, std::less<>>& out);
// InstanceState::regions as stored: [{"id", "step", "entered_at": Unix seconds}, …].
nlohmann::json regions_to_json(const std::vector<RegionState>& r);
bool regions_from_json(const nlohmann::json& j, std::vector<RegionState>& out);

// A 128-bit content hash (two FNV-1a 64 lanes), as 32 hex digits. Not
// cryptographic: it names content, it does not defend against forgery.
// InstanceState::returns as stored: {"callee": "outcome", …}.
nlohmann::json returns_to_json(const std::map<std::string, std::string, std::less<>>& r);
bool returns_from_json(const nlohmann::json& j,
                       std::map<std::string, std::string, std::less<>>& out);

std::string content_hash(std::string_view text);

int64_t to_secs(Instant t);
Instant from_secs(int64_t s);

}  // namespace pb::rt
