// version_id.cpp — SHA-256 of a playbook's canonical model (version_id.hpp).
#include "source/version_id.hpp"

#include <openssl/evp.h>

#include <algorithm>

#include "grammar/frontend.hpp"

namespace pb::src {

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string version_id(const Playbook& pb, const Schema* schema) {
  std::string canonical = print_dsl_model(pb);
  canonical += '\0';
  if (schema) {
    Playbook shared;  // the schema printed as a playbook's tenant block and rules
    shared.id = "schema";
    shared.tenant.attributes = schema->attributes;
    shared.rules = schema->rules;
    canonical += print_dsl_model(shared);
  }
  return sha256_hex(canonical);
}

bool is_version_id(std::string_view hash) {
  return hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace pb::src
