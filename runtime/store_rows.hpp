// store_rows.hpp — the row decoders of a tenant's world, shared by
// load_world (store_world.cpp) and load_worlds (store_world_batch.cpp) so
// that one tenant read alone and read in a batch come out equal. Each reads
// the columns of one row from column `c` on, in the order its comment gives.
#pragma once

#include "store.hpp"
#include "world.hpp"

namespace pb::rt {

// The columns instance_row reads, in its order.
#define PB_INSTANCE_COLUMNS                                                                   \
  "id, hash, playbook, step, entered_at, status, outcome, visits, version, arrived, caller, " \
  "returns, regions"

void attr_row(Query& q, int c, TenantState& t);        // name, value
void task_row(Query& q, int c, TenantState& t);        // task, complete, who, at
void assignment_row(Query& q, int c, TenantState& t);  // queue, name, is_primary
TimerState timer_row(Query& q, int c);                 // step, transition, due
InstanceRec instance_row(Query& q, int c);             // PB_INSTANCE_COLUMNS

}  // namespace pb::rt
