// migrate_plan_file.hpp — `migrate --plan-file FILE`: reading a plan that
// `migrate PLAYBOOK --format json` printed earlier, so that applying it
// moves only the instances it lists, each as it was when planned
// (MigrationRequest::planned; the engine refuses `changed-since-plan`).
//
// Contract:
//  * FILE is the whole JSON document the plan printed: `playbook`, one
//    object per instance (`tenant`, `pinned`, `step`, `tenant_version`,
//    `instance_version`), `totals.to_version`. Other keys are ignored.
//  * Anything else (not JSON, another playbook's plan, an instance without
//    those keys, a tenant twice) is refused with FILE:LINE:COL or the
//    instance's index, and exit 2; nothing is read into the request then.
//  * The file is read whole: about 0.5 KB of memory per planned instance.
#pragma once

#include <string>

#include "runtime/engine.hpp"

namespace pb::cli {

// Fills req.plan_version and req.planned from FILE; false (exit set, why
// on stderr) when FILE is not a plan of req.playbook.
bool read_plan_file(const std::string& file, rt::MigrationRequest& req, int& exit);

}  // namespace pb::cli
