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
#include "source/directory_source.hpp"

namespace pb::cli {

struct Session {
  std::unique_ptr<LoadResult> loaded;  // heap: the engine keeps pointers into it
  std::unique_ptr<rt::Store> store;
  std::unique_ptr<rt::Engine> engine;
  Instant now{};
  Diagnostics diags;  // from loading the directory (shown when a playbook is missing)
  // From loading it later (Load::Lazy: when the engine first needed it);
  // shared with the catalog, which fills it.
  std::shared_ptr<Diagnostics> later = std::make_shared<Diagnostics>();

  // The errors of loading the directory, up front and later, each once.
  std::vector<Diagnostic> load_errors() const;
};

// The engine's view of a loaded playbook directory (files and schema text
// to pin, the playbook source). Also used by `playbook test`.
using src::catalog_of;

// What a command reads of the playbook directory up front: everything, or
// (read commands, which run on the playbooks pinned in the database)
// nothing: a calendar file when the engine asks for a calendar it may hold
// (rt::Catalog::find_calendar), the rest when the engine first needs it
// (rt::Catalog::load_all).
enum class Load { All, Lazy };

// How a command uses the session, stated by the command: the database
// access (rt::Access: a read command opens it read-only, never creates it,
// never waits for a writer) and what it loads of the playbook directory.
struct Use {
  rt::Access access;
  Load load;
};
inline constexpr Use kReading{rt::Access::Read, Load::Lazy};
inline constexpr Use kWriting{rt::Access::Write, Load::All};
// Inputs to running instances (fire, complete, reset, note) and `tick`:
// they run on the playbooks pinned in the database, so the directory is read
// only when an input or a timer starts one (goto) or types tenant
// attributes, as for read commands.
inline constexpr Use kRunning{rt::Access::Write, Load::Lazy};

// Loads the playbook directory, opens the database and reads the clock
// (--now / PLAYBOOK_NOW, else the wall clock). The busy timeout is
// PLAYBOOK_BUSY_TIMEOUT_MS when set (else rt::kBusyTimeoutMs). On failure
// prints why ("error: … [store]", exit 2, or "busy: … [busy]", exit 3) and
// returns nullopt with `exit` set.
std::optional<Session> open_session(const Globals& g, int& exit, Use use);

// Reads a tenant's state; when the tenant is unknown or the store fails
// prints why on stderr and returns false with `exit` set (2, or 3 busy).
bool read_tenant(const Session& s, const std::string& tenant, rt::TenantWorld& w, int& exit);

// Parses the value of a time option (--now, --until): YYYY-MM-DD, or a
// date-time with Z or ±HH:MM; otherwise prints why (a time without a zone is
// named as such) and returns false.
bool parse_time_option(const char* option, const std::string& text, Instant& out);

// "k=v" strings → pairs; false (and a message) when one has no '='.
bool split_sets(const std::vector<std::string>& in,
                std::vector<std::pair<std::string, std::string>>& out);

// Prints a refusal or failure on stderr ("refused: … [code]"); returns its exit code.
int report(const rt::Response& r);

// The last word on a store error that reached a command: printed as
// report(rt::store_failure(e)) does; its exit code (2, or 3 when busy).
int report_store_error(const rt::StoreError& e);

// The acting user: --as, else $USER, else "unknown".
inline std::string actor(const Globals& g) { return g.as_user.empty() ? "unknown" : g.as_user; }

bool parse_note_kind(const std::string& s, NoteKind& out);

// JSON views used by --format json.
nlohmann::json tenant_json(const TenantState& t);
nlohmann::json instance_json(const rt::InstanceRec& r);

}  // namespace pb::cli
