// log_text.hpp — the stored text of a log record (the events.input column),
// written directly: byte for byte what log_to_json(in).dump() gives (sorted
// keys, no spaces, nlohmann's escapes), without building the JSON tree that
// costs every input more than its row insert. The codec test holds the two
// equal over every op and every escape.
#pragma once

#include <string>

#include "world.hpp"

namespace pb::rt {

// Throws nlohmann::json::type_error on invalid UTF-8, as dump() does.
std::string log_text(const LogInput& in);

}  // namespace pb::rt
