// region_ids.hpp — a check both front ends make once a playbook is read: a
// region's steps are told by their parallel step's id (Step::parent), so a
// parallel step's id must not be the id of any other step. Otherwise a step
// could be read as a region's step of the wrong step, or of itself, and the
// printers (fmt, convert) could not give the text back.
#pragma once

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace pb {

// PB114 at each step that repeats the id of a parallel step.
void check_parallel_ids(const Playbook& pb, Diagnostics& diags);

}  // namespace pb
