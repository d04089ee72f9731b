// checker_vocabulary.cpp — `extend enum PATH with VALUE, …`: a playbook adds
// values to an enum declared once elsewhere (docs/language.md, "Extending an
// enum").
//
// Contract:
//  * PB143: PATH names no tenant attribute, or no field of the records
//    attribute it names (with "did you mean").
//  * PB142: PATH names an attribute or field that is not an enum.
//  * PB144: a value the enum has already (declared, or added earlier by the
//    playbook's own extensions).
//  * After check_extensions, the scope's `attrs` point at copies of the
//    extended attributes with the values added, so every later pass (enum
//    literals PB035, `set` values, waits by value) accepts them — for this
//    playbook only.
//  * PB145 (across files): two playbooks extend one enum with values that
//    differ in bytes but not to a reader (case, Unicode normalisation,
//    invisible characters): the tenant's one attribute would hold two
//    spellings of one word. Reported at the later file's value.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "checker_internal.hpp"
#include "text_compare.hpp"

namespace pb::check {

namespace {

std::vector<std::string> field_names(const Type& records) {
  std::vector<std::string> names;
  for (const auto& f : records.fields) names.push_back(f.name);
  return names;
}

// The extended enum's attribute, or nullptr after reporting PB143/PB142.
const Attribute* extended_attr(PlaybookScope& s, const EnumExtension& x) {
  std::string_view path = x.path;
  std::string_view rest = path.starts_with("tenant.") ? path.substr(7) : std::string_view{};
  auto dot = rest.find('.');
  std::string_view name = rest.substr(0, dot);
  auto it = s.attrs.find(name);
  if (it == s.attrs.end()) {
    s.diags.error(x.path_loc, LintCode::ExtendUnknownEnum,
                  fmt::format("'{}' is not a tenant attribute; `extend enum` names one as "
                              "tenant.ATTR (or a records field as tenant.ATTR.FIELD)",
                              x.path),
                  did_you_mean(name.empty() ? path : name, s.attr_names()));
    return nullptr;
  }
  const Type* t = &it->second->type;
  if (dot != std::string_view::npos) {
    if (t->kind != TypeKind::Records) {
      s.diags.error(x.path_loc, LintCode::ExtendNotEnum,
                    fmt::format("'tenant.{}' is {}, not records: it has no field '{}'", name,
                                type_name(t->kind), rest.substr(dot + 1)));
      return nullptr;
    }
    std::string_view field = rest.substr(dot + 1);
    auto f = std::find_if(t->fields.begin(), t->fields.end(),
                          [&](const Attribute& a) { return a.name == field; });
    if (f == t->fields.end()) {
      s.diags.error(x.path_loc, LintCode::ExtendUnknownEnum,
                    fmt::format("'{}' is not a field of tenant.{}", field, name),
                    did_you_mean(field, field_names(*t)));
      return nullptr;
    }
    t = &f->type;
  }
  if (t->kind != TypeKind::Enum) {
    s.diags.error(x.path_loc, LintCode::ExtendNotEnum,
                  fmt::format("'{}' is {}, not an enum: only an enum's values can be extended",
                              x.path, type_name(t->kind)));
    return nullptr;
  }
  return it->second;
}

}  // namespace

void check_extensions(PlaybookScope& s) {
  if (s.pb.extends.empty()) return;
  std::vector<const Attribute*> bases;  // one per attribute extended, in order
  std::map<std::string, std::vector<std::string>, std::less<>> added;  // path → values so far
  for (const EnumExtension& x : s.pb.extends) {
    const Attribute* a = extended_attr(s, x);
    if (!a) continue;
    if (std::find(bases.begin(), bases.end(), a) == bases.end()) bases.push_back(a);
    std::vector<Attribute> one{*a};
    const Type* base = enum_at(one, x.path);
    auto& mine = added[x.path];
    for (size_t i = 0; i < x.values.size(); ++i) {
      const std::string& v = x.values[i];
      bool declared = std::find(base->values.begin(), base->values.end(), v) != base->values.end();
      bool twice = std::find(mine.begin(), mine.end(), v) != mine.end();
      if (declared || twice)
        s.diags.error(loc_at(x.value_locs, i, x.loc), LintCode::ExtendValuePresent,
                      declared ? fmt::format("{} has the value \"{}\" already", x.path, v)
                               : fmt::format("\"{}\" is added to {} twice", v, x.path));
      else
        mine.push_back(v);
    }
  }
  s.extended.reserve(bases.size());  // no reallocation: `attrs` points into it
  for (const Attribute* a : bases) s.extended.push_back(*a);
  apply_extensions(s.pb, s.extended);
  for (const Attribute& a : s.extended) s.attrs[a.name] = &a;
}

namespace {

std::string folded(std::string_view v) {
  std::string out = nfc(v);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Two spellings a reader takes for one value.
bool one_word(std::string_view a, std::string_view b) {
  if (a == b) return false;
  return same_text(a, b) || folded(a) == folded(b) || invisible_difference(a, b).has_value();
}

struct Added {
  const Playbook* pb;
  std::string_view value;
  Loc loc;
};

}  // namespace

void check_extension_clashes(const Project& project, Diagnostics& diags) {
  std::map<std::string_view, std::vector<Added>> by_path;
  for (const auto& p : project.playbooks)
    for (const auto& x : p.extends)
      for (size_t i = 0; i < x.values.size(); ++i)
        by_path[x.path].push_back(Added{&p, x.values[i], loc_at(x.value_locs, i, x.loc)});
  for (const auto& [path, values] : by_path)
    for (size_t j = 1; j < values.size(); ++j)
      for (size_t i = 0; i < j; ++i) {
        const Added &first = values[i], &later = values[j];
        if (first.pb == later.pb || !one_word(first.value, later.value)) continue;
        diags.error(later.loc, LintCode::ExtendClash,
                    fmt::format("playbook '{}' adds \"{}\" to {}, but playbook '{}' adds \"{}\" "
                                "({}): one tenant attribute would hold two spellings of one "
                                "value; spell it as the other playbook does",
                                later.pb->id, later.value, path, first.pb->id, first.value,
                                first.loc.str()));
        break;
      }
}

}  // namespace pb::check
