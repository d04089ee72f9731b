// version_id.hpp — what names a playbook version: the SHA-256 (OpenSSL's
// libcrypto) of its canonical model, as 64 lowercase hex digits.
//
// Contract:
//  * The canonical model is the playbook printed as canonical DSL without
//    comments (print_dsl_model), then a NUL, then the tenant schema it is
//    compiled with, printed the same way. So a version is its content:
//    the same playbook read from another directory, from YAML instead of
//    DSL, laid out or commented differently, is the same version; any
//    change to what runs (a step, a wait, a task name, the schema) is
//    another.
//  * Versions pinned before this id existed are named by the FNV-128 hash
//    of their text (rt::content_hash, 32 hex digits): an alias, still read
//    from old stores. is_version_id tells the two apart.
#pragma once

#include <string>
#include <string_view>

#include "model/model.hpp"

namespace pb::src {

std::string version_id(const Playbook& pb, const Schema* schema);
std::string sha256_hex(std::string_view text);
bool is_version_id(std::string_view hash);

}  // namespace pb::src
