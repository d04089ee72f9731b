// store_world.hpp — reading and writing one tenant's TenantWorld, the event
// log, notes, outreach, pinned sources and idempotency keys. Every function
// runs inside the caller's transaction; none opens or commits one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store.hpp"
#include "store_timers.hpp"
#include "world.hpp"

namespace pb::rt {

bool load_world(Store& s, const std::string& tenant, TenantWorld& out);

// Writes what differs between `before` and `after` (attributes, tasks,
// assignments, instances and their timers); new instances get their ids.
// `create` inserts the tenant row. Returns false when another writer
// committed first: the tenant row version is no longer before.version, or an
// instance row to update is no longer at its version. The tenant version is
// bumped only when tenant-level state changes (attributes, tasks,
// assignments, an instance added or its status changed); every other
// instance change bumps that instance's version. `read_in_tx`: `before` was
// read inside this write transaction, so no writer can have come between
// and an unchanged tenant row is not read again to check its version.
bool persist(Store& s, const TenantWorld& before, TenantWorld& after, bool create, Instant now,
             bool read_in_tx = false);

struct EventRow {
  int64_t id = 0;
  std::string tenant;
  int64_t instance = 0;
  std::string playbook;
  std::string kind;
  std::string input;  // JSON of LogInput
  std::string actor;
  Instant at{};
  std::string summary;
};

int64_t insert_event(Store& s, const EventRow& e);
std::vector<EventRow> events_of(Store& s, const std::string& tenant);
// `seq` numbers the notes (the outreach) of one event from 1, in order.
void insert_note(Store& s, const std::string& tenant, int64_t event, int seq,
                 const std::string& playbook, const NoteEffect& n, const std::string& who,
                 Instant at);
void insert_outreach(Store& s, const std::string& tenant, int64_t event, int seq, const Outreach& o,
                     Instant at);

struct NoteRow {
  std::string playbook, kind, text, who;
  Instant at{};
  int64_t event = 0;
  bool operator==(const NoteRow&) const = default;
};
std::vector<NoteRow> notes_of(Store& s, const std::string& tenant);

struct OutreachRow {
  std::string template_name, contact, email;
  Instant at{};
  int64_t event = 0;
  bool cc = false;
  bool operator==(const OutreachRow&) const = default;
};
std::vector<OutreachRow> outreach_of(Store& s, const std::string& tenant);

// Pinned sources: a playbook file (with the shared schema text it was
// compiled with) and calendars, by content hash. Inserting twice is a no-op.
// `schema_model` (optional, not part of the hash) is the schema as parsed,
// in a form quicker to read than its text (source/schema_codec.hpp): stored
// with the text, and "" for versions pinned before it was kept.
struct PinnedSource {
  std::string playbook, filename, source, schema_filename, schema_source;
  std::string schema_model{};
};
void save_source(Store& s, const std::string& hash, const PinnedSource& src);
bool has_source(Store& s, const std::string& hash);
std::optional<PinnedSource> load_source(Store& s, const std::string& hash);
void save_calendar(Store& s, const std::string& hash, const std::string& body);
std::optional<std::string> load_calendar(Store& s, const std::string& hash);

// Idempotency keys: the event an earlier input with this key produced, and
// the canonical text of its command ("" for keys saved before it was kept).
struct KeyUse {
  int64_t event = 0;
  std::string tenant;
  std::string command;
};
std::optional<KeyUse> find_key(Store& s, const std::string& key);
void save_key(Store& s, const std::string& key, const std::string& tenant, int64_t event,
              const std::string& command);

}  // namespace pb::rt
