// scenario_loader.hpp — reads `*.scenario.yaml` files and samples' tenant
// files into scenarios (runtime/scenario.hpp), through the YAML loader's
// typed reader.
//
// Contract:
//  * load_scenario reads one scenario file; every problem is a diagnostic at
//    file:line:col with the YAML loader's codes (PB001 syntax, PB010 unknown
//    key with "did you mean", PB011 duplicate key, PB012 wrong type, PB013
//    empty value, PB014 missing key, PB090 invalid value). It returns nullopt
//    when the file has errors. A `sample: NAME` tenant is read from
//    `samples_dir`/NAME.tenant.yaml.
//  * known_keys() is every key the loader accepts, per construct; tests
//    compare it with docs/scenario.schema.json so the two cannot drift apart.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.hpp"
#include "runtime/scenario.hpp"

namespace pb::scen {

std::optional<Scenario> load_scenario(std::string_view text, const std::string& filename,
                                      const std::string& samples_dir, Diagnostics& diags);

// Construct ($defs name in docs/scenario.schema.json; "scenario" for the
// root, "sample_file" for NAME.tenant.yaml) → the keys valid in that mapping.
const std::map<std::string, std::vector<std::string>>& known_keys();

// Reads and loads the scenario file at `path` (read errors are PB005).
std::optional<Scenario> load_scenario_file(const std::string& path, const std::string& samples_dir,
                                           Diagnostics& diags);

// Reads NAME.tenant.yaml (samples/README.md) into attribute writes.
bool load_sample(const std::string& path, Scenario& out, const Loc& at, Diagnostics& diags);

}  // namespace pb::scen
