// directory_source.cpp — pinning a directory's versions and compiling pinned
// versions, each parsed at most once (directory_source.hpp).
#include "source/directory_source.hpp"

#include <algorithm>

#include "grammar/frontend.hpp"
#include "grammar/source_kind.hpp"
#include "runtime/world.hpp"
#include "source/schema_codec.hpp"
#include "source/version_id.hpp"

namespace pb::src {

SchemaPin schema_pin(const LoadResult& loaded) {
  SchemaPin pin;
  bool first = true;
  for (const auto& path : loaded.project.files) {
    if (source_kind(path) != SourceKind::Schema) continue;
    auto text = loaded.sources.find(path);
    if (text == loaded.sources.end()) continue;
    if (!first) {
      pin.filenames += '\n';
      pin.text += '\0';
    }
    first = false;
    pin.filenames += path;
    pin.text += text->second;
  }
  return pin;
}

// What a stored schema model says it was parsed from: the pinned names and
// texts (names hold no NUL, so the first one ends them).
static std::string schema_key(const std::string& filenames, const std::string& text) {
  return rt::content_hash(filenames + '\0' + text);
}

// The directory's schema as parsed, to store beside its text: "" when there
// is none, or when a schema file parsed with errors (the pinned text is
// then refused, as it would be parsing it again).
static std::string schema_model(const LoadResult& loaded, const SchemaPin& pin) {
  if (pin.text.empty() || !loaded.project.schema) return "";
  for (const auto& path : loaded.project.files)
    if (source_kind(path) == SourceKind::Schema && loaded.faulty.count(path)) return "";
  return schema_to_json(*loaded.project.schema, schema_key(pin.filenames, pin.text));
}

// A version's schema: its stored model when there is one for its text,
// else its text parsed.
static std::optional<Schema> pinned_schema(const rt::PinnedSource& v, Diagnostics& diags) {
  if (!v.schema_model.empty())
    if (auto s = schema_from_json(v.schema_model, schema_key(v.schema_filename, v.schema_source)))
      return s;
  return parse_pinned_schema(v.schema_filename, v.schema_source, diags);
}

std::optional<Schema> parse_pinned_schema(const std::string& filenames, const std::string& text,
                                          Diagnostics& diags) {
  std::optional<Schema> merged;
  if (text.empty()) return merged;
  size_t name_at = 0, text_at = 0;
  while (name_at <= filenames.size() && text_at <= text.size()) {
    size_t name_end = std::min(filenames.find('\n', name_at), filenames.size());
    size_t text_end = std::min(text.find('\0', text_at), text.size());
    auto part = parse_yaml_schema(std::string_view(text).substr(text_at, text_end - text_at),
                                  filenames.substr(name_at, name_end - name_at), diags);
    if (!part) return std::nullopt;
    merge_schema(merged, std::move(*part));
    name_at = name_end + 1;
    text_at = text_end + 1;
  }
  return merged;
}

DirectorySource::DirectorySource(const LoadResult* loaded) : loaded_(loaded) {
  if (loaded_) schema_ = schema_pin(*loaded_);
}

const Playbook* DirectorySource::loaded_model(const rt::PinnedSource& v) const {
  if (!loaded_ || v.schema_filename != schema_.filenames || v.schema_source != schema_.text)
    return nullptr;
  auto origin = loaded_->origin.find(v.playbook);
  if (origin == loaded_->origin.end() || origin->second != v.filename) return nullptr;
  auto text = loaded_->sources.find(v.filename);
  if (text == loaded_->sources.end() || text->second != v.source) return nullptr;
  const auto& project = loaded_->project;
  // A file that parsed with errors, or a schema that did not parse, is not
  // reused: parsing the version again refuses it as the pinned text would.
  if (loaded_->faulty.count(v.filename) || (!schema_.text.empty() && !project.schema))
    return nullptr;
  for (const auto& pb : project.playbooks)
    if (pb.id == v.playbook && pb.loc.filename() == v.filename) return &pb;
  return nullptr;
}

std::shared_ptr<const CompiledPlaybook> DirectorySource::from_loaded(
    const rt::PinnedSource& v) const {
  const Playbook* pb = loaded_model(v);
  if (!pb) return nullptr;
  const auto& schema = loaded_->project.schema;
  return compile_playbook(*pb, schema ? &*schema : nullptr);
}

std::shared_ptr<const DirectorySource::Parsed> DirectorySource::parse(const std::string& hash,
                                                                      const rt::PinnedSource& v) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = parsed_.find(hash); it != parsed_.end()) return it->second;
  }
  Diagnostics d;
  std::optional<Playbook> pb = parse_playbook_source(v.source, v.filename, d);
  std::optional<Schema> schema = pinned_schema(v, d);
  if (!pb || d.has_errors()) return nullptr;
  auto parsed = std::make_shared<const Parsed>(Parsed{std::move(*pb), std::move(schema)});
  std::lock_guard lock(mutex_);
  return parsed_.emplace(hash, std::move(parsed)).first->second;
}

std::shared_ptr<const CompiledPlaybook> DirectorySource::compile(const std::string& hash,
                                                                 const rt::PinnedSource& v) {
  if (auto cp = from_loaded(v)) return cp;
  auto parsed = parse(hash, v);
  if (!parsed) return nullptr;
  return compile_playbook(parsed->playbook, parsed->schema ? &*parsed->schema : nullptr);
}

std::string DirectorySource::version_of(const std::string& hash, const rt::PinnedSource& v) {
  std::string key = hash.empty() ? rt::content_hash(v.filename + '\n' + v.source + '\0' +
                                                    v.schema_filename + '\n' + v.schema_source)
                                 : hash;
  {
    std::lock_guard lock(mutex_);
    if (auto it = versions_.find(key); it != versions_.end()) return it->second;
  }
  std::string id;
  if (const Playbook* pb = loaded_model(v)) {
    const auto& schema = loaded_->project.schema;
    id = version_id(*pb, schema ? &*schema : nullptr);
  } else if (auto parsed = parse(key, v)) {
    id = version_id(parsed->playbook, parsed->schema ? &*parsed->schema : nullptr);
  }
  std::lock_guard lock(mutex_);
  return versions_.emplace(key, id).first->second;
}

rt::Catalog catalog_of(const LoadResult& l) {
  rt::Catalog c;
  c.project = &l.project;
  c.source = std::make_shared<DirectorySource>(&l);
  SchemaPin schema = schema_pin(l);
  std::string model = schema_model(l, schema);
  std::map<std::string, int> declared;  // an id two files declare is ambiguous (PB021)
  for (const auto& p : l.project.playbooks) ++declared[p.id];
  for (const auto& [id, path] : l.origin)
    if (declared[id] == 1)
      c.files[id] =
          rt::PinnedSource{id, path, l.sources.at(path), schema.filenames, schema.text, model};
  return c;
}

}  // namespace pb::src
