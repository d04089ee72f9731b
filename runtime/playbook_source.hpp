// playbook_source.hpp — where the engine's compiled playbooks come from. The
// runtime owns this interface and never parses playbook text itself: the one
// implementation lives above it, where text is read (source/).
//
// Contract:
//  * A version is a playbook's text as pinned (PinnedSource: the file, and
//    the tenant schema text it was compiled with), named by its content hash
//    (the hash the engine pins it under). Equal hashes are equal versions.
//  * compile(hash, version) gives what the evaluator runs, or nullptr when
//    the text does not parse (the engine refuses `pinned-unreadable`). A
//    version parsed once in the process is not parsed again; a version
//    whose text is a file the process already parsed is not parsed at all.
//  * version_of(hash, version) is the version's id, the SHA-256 of its
//    canonical model (source/version_id.hpp): what `versions`, `status` and
//    `migrate` compare. For a version pinned under it, it is the pinned
//    hash; for one pinned under an older FNV hash, an alias, it names the
//    same content. "" when the text does not parse. `hash` may be "" (a
//    directory file not pinned yet).
//  * Safe to call from several threads at once (run_suite shares a catalog).
#pragma once

#include <memory>
#include <string>

#include "interpreter/evaluator.hpp"
#include "runtime/store_world.hpp"

namespace pb::rt {

class PlaybookSource {
 public:
  virtual ~PlaybookSource() = default;
  virtual std::shared_ptr<const CompiledPlaybook> compile(const std::string& hash,
                                                          const PinnedSource& version) = 0;
  virtual std::string version_of(const std::string& hash, const PinnedSource& version) = 0;
};

}  // namespace pb::rt
