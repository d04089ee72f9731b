// yaml_keys.hpp — the keys each YAML construct accepts, in one place.
//
// Contract: the loader checks every mapping against exactly these tables
// (unknown key → PB010 with "did you mean"), the printer writes keys in this
// order, and tests compare them with docs/playbook.schema.json, so the loader,
// the printer and the JSON Schema cannot drift apart.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace pb::yaml {

using KeyTable = std::vector<std::string>;

// Construct name (the JSON Schema's $defs name, "playbook" for the root) →
// the keys valid in that mapping, in canonical print order.
const std::map<std::string, KeyTable>& known_keys();

// Shorthand for known_keys().at(construct).
const KeyTable& keys(const std::string& construct);

// The keys of an action item: exactly one of these per list item.
const KeyTable& action_kinds();

}  // namespace pb::yaml
