// path_text.hpp — how `playbook paths` and `playbook test --scaffold` show
// a path of interpreter/paths.hpp: terminal text, one line per path, and the
// JSON form. Triggers are labelled by describe_trigger(…, TriggerStyle::Compact)
// (grammar/describe.hpp): "research_done", "task 3729", "after 2 business days".
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "interpreter/paths.hpp"

namespace pb::cli {

// `end "outcome"`, `goto PLAYBOOK`, `handoff EXTERNAL`.
std::string terminal_text(const Step& s);

// "research -(research_done)-> do_not_contact -(…)-> … => end \"x\"".
std::string path_line(const paths::Path& p);

nlohmann::json path_json(const paths::Path& p);

// The paths options shared by `paths` and `test --scaffold`.
struct PathFlags {
  int max_loops = 1;
  size_t limit = 1000;
  paths::Options options() const { return paths::Options{max_loops, limit, 2000000}; }
};

// The stderr line of a truncated enumeration (empty when complete).
std::string truncation_note(const paths::Enumeration& e, const PathFlags& f);

}  // namespace pb::cli
