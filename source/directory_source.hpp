// directory_source.hpp — the one playbook source of a process: the versions
// a loaded playbook directory offers the engine (its catalog), and compiling
// versions — from the directory or pinned in the store — for the runtime
// (rt::PlaybookSource).
//
// Contract:
//  * Which parser reads a file is source_kind (grammar/source_kind.hpp), the
//    rule the loader, fmt and lint use too; a pinned version is parsed by the
//    name of the file it was pinned from.
//  * The tenant schema pinned with a version is every `*.schema.yaml|yml` of
//    the directory, merged as the loader merges them (in load order). One
//    schema file pins as its name and text; several pin as their names
//    joined by '\n' and their texts joined by '\0' (no text file holds NUL).
//    With the text the catalog pins the schema as the loader parsed it
//    (schema_codec.hpp; not when a schema file had errors), and compile()
//    reads that model instead of parsing the text again when it is there and
//    was made from this very text; versions pinned without one are parsed.
//  * compile() parses a version at most once per DirectorySource (its model
//    is kept, keyed by content hash), and not at all when the version is a
//    file of the loaded directory unchanged (same file, same text, same
//    schema): the model the loader parsed is compiled instead (unless that
//    file parsed with errors). Each call compiles anew: sharing compiled
//    playbooks between engines is the catalog's CompileCache's business.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "grammar/loader.hpp"
#include "runtime/engine.hpp"
#include "runtime/playbook_source.hpp"

namespace pb::src {

// The schema files of a loaded directory as they are pinned (see above).
struct SchemaPin {
  std::string filenames, text;
};
SchemaPin schema_pin(const LoadResult& loaded);

// Parses a pinned schema (one file or several, merged); nullopt and
// diagnostics when a part does not parse; nullopt without a diagnostic when
// there is no schema.
std::optional<Schema> parse_pinned_schema(const std::string& filenames, const std::string& text,
                                          Diagnostics& diags);

class DirectorySource : public rt::PlaybookSource {
 public:
  // `loaded` (may be null) must outlive the source: its parsed models are
  // reused for versions that are its files unchanged.
  explicit DirectorySource(const LoadResult* loaded);
  std::shared_ptr<const CompiledPlaybook> compile(const std::string& hash,
                                                  const rt::PinnedSource& version) override;
  std::string version_of(const std::string& hash, const rt::PinnedSource& version) override;

 private:
  struct Parsed {
    Playbook playbook;
    std::optional<Schema> schema;
  };
  const Playbook* loaded_model(const rt::PinnedSource& v) const;  // a loaded file unchanged
  std::shared_ptr<const CompiledPlaybook> from_loaded(const rt::PinnedSource& v) const;
  std::shared_ptr<const Parsed> parse(const std::string& hash, const rt::PinnedSource& v);

  const LoadResult* loaded_;
  SchemaPin schema_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Parsed>> parsed_;  // by content hash
  std::map<std::string, std::string> versions_;                  // version ids, by content hash
};

// The engine's view of a loaded playbook directory: each playbook id that
// one file declares, with its file and the schema text to pin, and a
// DirectorySource over `l` (which must outlive the catalog's engines).
rt::Catalog catalog_of(const LoadResult& l);

}  // namespace pb::src
