// engine_vocabulary.cpp — `tenant add|set` and import of enum values that a
// playbook's `extend enum` adds (docs/language.md, "Extending an enum").
//
// Contract:
//  * The tenant schema accepts the values every playbook adds, so a write
//    parses; this check then refuses (`bad-value`, exit 2) a value that the
//    enum as declared (schema file and playbooks' `tenant { }`) lacks unless
//    an active instance of the tenant runs a pinned playbook that adds it to
//    that attribute (or record field). The message names the playbooks that
//    add it.
//  * Without any `extend enum` in the directory nothing is looked at (the
//    import of a million rows pays nothing).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine_impl.hpp"

namespace pb::rt {

namespace {

bool any_extension(const Project* p) {
  if (!p) return false;
  return std::any_of(p->playbooks.begin(), p->playbooks.end(),
                     [](const Playbook& b) { return !b.extends.empty(); });
}

// The attributes as declared, without extensions: the schema file's, then
// the playbooks' `tenant { }` blocks.
std::vector<Attribute> declared_attrs(const Project& p) {
  std::vector<Attribute> out;
  if (p.schema) out = p.schema->attributes;
  for (const auto& b : p.playbooks)
    for (const auto& a : b.tenant.attributes)
      if (std::none_of(out.begin(), out.end(), [&](auto& x) { return x.name == a.name; }))
        out.push_back(a);
  return out;
}

bool adds(const Playbook& pb, const std::string& path, const std::string& value) {
  for (const auto& x : pb.extends)
    if (x.path == path && std::find(x.values.begin(), x.values.end(), value) != x.values.end())
      return true;
  return false;
}

}  // namespace

bool Engine::Impl::extended_values_run(TenantWorld& w, const std::vector<AttrWrite>& writes,
                                       Resolver& r, Refusal& why) {
  if (!any_extension(cat.project)) return true;
  std::vector<Attribute> declared = declared_attrs(*cat.project);
  for (const AttrWrite& wr : writes) {
    if (wr.value.kind != Value::Kind::String) continue;
    std::string path = "tenant." + wr.attr + (wr.field.empty() ? "" : "." + wr.field);
    const Type* base = enum_at(declared, path);
    if (!base ||
        std::find(base->values.begin(), base->values.end(), wr.value.s) != base->values.end())
      continue;
    bool run = false;
    for (auto* i : w.all_active()) {
      Refusal ignored;
      if (auto p = r.by_hash(i->hash, ignored); p && adds(p->cp->pb, path, wr.value.s)) run = true;
    }
    if (run) continue;
    std::vector<std::string> by;
    for (const auto& b : cat.project->playbooks)
      if (adds(b, path, wr.value.s)) by.push_back(b.id);
    why = Refusal{RefusalCode::BadValue,
                  fmt::format("{}: \"{}\" is a value that playbook {} adds to the enum, and "
                              "tenant '{}' runs none of them; the enum has {}",
                              path.substr(7), wr.value.s, fmt::join(by, ", "), w.tenant.id,
                              fmt::join(base->values, ", ")),
                  true};
    return false;
  }
  return true;
}

}  // namespace pb::rt
