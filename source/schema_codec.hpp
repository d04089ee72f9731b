// schema_codec.hpp — a parsed tenant schema (the model, not its YAML text)
// as compact JSON, stored beside the pinned schema text so that compiling a
// pinned version need not parse the YAML again (yaml-cpp is slow).
//
// Contract:
//  * schema_from_json(schema_to_json(s)) == s, member for member, positions
//    (file, line, column) and comments included: what the evaluator and the
//    explanations see is what parsing the text gave.
//  * The text carries a format version (kSchemaCodecVersion) and `of`, a
//    key the caller gives naming what the schema was parsed from (a hash of
//    the schema text). A text of another version or another `of`, or one
//    that is not exactly such a serialization (any
//    member missing or of the wrong type, an unknown enum value), decodes
//    as nullopt, never throws: the caller then parses the YAML text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/model.hpp"

namespace pb::src {

inline constexpr int kSchemaCodecVersion = 1;

std::string schema_to_json(const Schema& s, std::string_view of);
std::optional<Schema> schema_from_json(std::string_view text, std::string_view of);

}  // namespace pb::src
