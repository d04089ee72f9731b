// store_world_batch.hpp — many tenants' worlds read at once (migrate's
// pages): one query per table for the whole list instead of one per tenant
// and table. Each reads every row of the tenants whose ids lie between the
// least and the greatest of the list, so it suits a dense run of ids (a
// page in id order). Runs inside the caller's transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store.hpp"
#include "store_timers.hpp"
#include "world.hpp"

namespace pb::rt {

// The worlds of `tenants` by id, each equal to what load_world reads for it.
// A tenant with no row is absent.
std::map<std::string, TenantWorld> load_worlds(Store& s, const std::vector<std::string>& tenants);

// The last event of each of `tenants` (nullopt: it has none), as
// last_event reads it for one.
std::map<std::string, std::optional<LastEvent>> last_events(
    Store& s, const std::vector<std::string>& tenants);

}  // namespace pb::rt
