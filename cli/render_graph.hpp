// render_graph.hpp — playbooks as Graphviz DOT or Mermaid flowchart text
// (`playbook graph`, docs/playbooks.md). Pure functions of the model.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace pb::cli {

std::string render_dot(const std::vector<const Playbook*>& playbooks);
std::string render_mermaid(const std::vector<const Playbook*>& playbooks);

}  // namespace pb::cli
