// run_common.hpp — shared plumbing of the commands that run tenants
// (cmd_tenant.cpp, cmd_run.cpp, cmd_status.cpp): opening the store and the
// engine from the global options, the clock, key=value lists, printing a
// Response. Every function reports problems on stderr and returns an exit code.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "grammar/loader.hpp"
#include "runtime/engine.hpp"

namespace pb::cli {

struct Session {
  std::unique_ptr<LoadResult> loaded;  // heap: the engine keeps pointers into it
  std::unique_ptr<rt::Store> store;
  std::unique_ptr<rt::Engine> engine;
  Instant now{};
  Diagnostics diags;  // from loading the directory (shown when a playbook is missing)
};

// The engine's view of a loaded playbook directory (files and schema text
// to pin). Also used by `playbook test`.
rt::Catalog catalog_of(const LoadResult& l);

// What a command reads of the playbook directory up front: everything, or
// (read commands, which run on the playbooks pinned in the database) only the
// calendars, the rest when the engine first needs it (rt::Catalog::load_all).
enum class Load { All, Lazy };

// Loads the playbook directory, opens the database and reads the clock
// (--now / PLAYBOOK_NOW, else the wall clock). On failure prints why and
// returns nullopt with `exit` set.
std::optional<Session> open_session(const Globals& g, int& exit, Load load = Load::All);

// Parses the value of a time option (--now, --until): YYYY-MM-DD, or a
// date-time with Z or ±HH:MM; otherwise prints why (a time without a zone is
// named as such) and returns false.
bool parse_time_option(const char* option, const std::string& text, Instant& out);

// Reads a tenant's state; when the tenant is unknown prints why on stderr and
// returns false (the caller exits 2).
bool read_tenant(const Session& s, const std::string& tenant, rt::TenantWorld& w);

// "k=v" strings → pairs; false (and a message) when one has no '='.
bool split_sets(const std::vector<std::string>& in, std::vector<std::pair<std::string, std::string>>& out);

// Prints a refusal or failure on stderr ("refused: … [code]"); returns its exit code.
int report(const rt::Response& r);

// The acting user: --as, else $USER, else "unknown".
inline std::string actor(const Globals& g) { return g.as_user.empty() ? "unknown" : g.as_user; }

bool parse_note_kind(const std::string& s, NoteKind& out);

// JSON views used by --format json.
nlohmann::json tenant_json(const TenantState& t);
nlohmann::json instance_json(const rt::InstanceRec& r);

}  // namespace pb::cli
