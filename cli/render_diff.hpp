// render_diff.hpp — `playbook diff`'s three outputs (docs/diff.md).
//
// Contract:
//  * text: the changes grouped by class, breaking first, each one line
//    `FILE:LINE:COL: CLASS: KIND: TEXT` (the new side's position, the old
//    side's for what was removed), a hint and the old/new condition indented
//    below, then a summary line ("1 breaking, 2 compatible, 0 cosmetic").
//  * json: an array of objects with every field of ModelChange, keys in a
//    fixed order; a side without a position is null.
//  * markdown: a PR comment — a summary line with counts per class, then a
//    table per class that has changes.
//  * Every format keeps the order diff_models gave within a class.
#pragma once

#include <string>
#include <vector>

#include "interpreter/model_diff.hpp"

namespace pb::cli {

// Prints changed conditions (old_expr/new_expr) into `before`/`after`.
void print_exprs(std::vector<ModelChange>& changes);

std::string diff_text(const std::vector<ModelChange>& changes);
std::string diff_json(const std::vector<ModelChange>& changes);
std::string diff_markdown(const std::vector<ModelChange>& changes);

}  // namespace pb::cli
