// render_explain.hpp — the text of `playbook explain PLAYBOOK [STEP]`: what an
// FM reads before acting. Pure functions of the model.
#pragma once

#include <string>

#include "model/model.hpp"

namespace pb::cli {

std::string render_explain(const Playbook& pb);  // every step
std::string render_explain_step(const Playbook& pb, const Step& s);

}  // namespace pb::cli
