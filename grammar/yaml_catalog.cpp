// yaml_catalog.cpp — YAML readers for the catalog: roles, tasks, groups,
// events, externals, attributes (TYPE-SPEC) and rules (docs/language.md).
#include <fmt/format.h>

#include <algorithm>

#include "yaml_internal.hpp"

namespace pb::yaml {

std::vector<Field> items(Reader& r, const Field& f, const std::string& what) {
  std::vector<Field> out;
  auto list = r.list(f);
  if (!list) return out;
  for (auto& it : *list) {
    it.name = what;
    if (r.mapping(it, keys(what))) out.push_back(std::move(it));
  }
  return out;
}

void read_roles(Reader& r, const Field& f, std::vector<Role>& out) {
  for (const auto& it : items(r, f, "role")) {
    Role x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    read_key(r, it, "id", x.id, ident, true);
    read_key(r, it, "name", x.name, str, true);
    out.push_back(std::move(x));
  }
}

void read_note_kinds(Reader& r, const Field& f, std::vector<NoteKindDecl>& out) {
  for (const auto& it : items(r, f, "note_kind")) {
    NoteKindDecl x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    read_key(r, it, "id", x.id, ident, true);
    read_key(r, it, "name", x.name, str, true);
    out.push_back(std::move(x));
  }
}

void read_tasks(Reader& r, const Field& f, std::vector<Task>& out) {
  for (const auto& it : items(r, f, "task")) {
    Task x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    read_key(r, it, "id", x.id, integer, true);
    read_key(r, it, "name", x.name, str, true);
    read_key(r, it, "mandatory", x.mandatory, boolean, true);
    read_key_at(r, it, "role", x.role, x.role_loc, ident, true);
    read_key(r, it, "services", x.services, str_list);
    out.push_back(std::move(x));
  }
}

void read_groups(Reader& r, const Field& f, std::vector<TaskGroup>& out) {
  for (const auto& it : items(r, f, "group")) {
    TaskGroup x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    read_key(r, it, "id", x.id, ident, true);
    read_key(r, it, "title", x.title, str, true);
    if (auto g = r.get(it, "exactly_one", true)) r.int_list(*g, x.tasks, &x.task_locs);
    out.push_back(std::move(x));
  }
}

void read_events(Reader& r, const Field& f, std::vector<EventDecl>& out) {
  for (const auto& it : items(r, f, "event")) {
    EventDecl x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    read_key(r, it, "id", x.id, ident, true);
    read_key(r, it, "title", x.title, str);
    if (auto p = r.get(it, "payload")) read_attributes(r, *p, x.payload, 1);
    out.push_back(std::move(x));
  }
}

void read_externals(Reader& r, const Field& f, std::vector<External>& out) {
  for (const auto& it : items(r, f, "external")) {
    External x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    read_key(r, it, "id", x.id, slug, true);
    read_key(r, it, "title", x.title, str, true);
    out.push_back(std::move(x));
  }
}

void read_extends(Reader& r, const Field& f, std::vector<EnumExtension>& out) {
  for (const auto& it : items(r, f, "extend")) {
    EnumExtension x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    if (auto e = r.get(it, "enum", true)) x.path_loc = e->loc, path(r, *e, x.path);
    if (auto v = r.get(it, "values", true)) r.str_list(*v, x.values, &x.value_locs);
    out.push_back(std::move(x));
  }
}

namespace {

const std::vector<std::string>& type_names() {
  // In TypeKind's order.
  static const std::vector<std::string> names = {"bool", "int",     "string",   "date",
                                                 "enum", "records", "contacts", "decimal"};
  return names;
}

// The keys of a TYPE-SPEC that only some types take.
void only_for(Reader& r, const Field& spec, const char* key, const std::string& type,
              bool applies) {
  if (applies) return;
  if (auto k = r.get(spec, key))
    r.diags.error(k->key_loc, LintCode::WrongType,
                  fmt::format("'{}' only applies to type {}", key, type));
}

void read_type(Reader& r, const Field& spec, Attribute& a, int depth) {
  std::string t;
  Loc tl;
  if (!read_key_at(r, spec, "type", t, tl, str, true)) return;
  auto& names = type_names();
  auto pos = std::find(names.begin(), names.end(), t);
  if (pos == names.end()) {
    r.invalid(tl,
              fmt::format("unknown type '{}'; expected one of bool, int, decimal, string, "
                          "date, enum, records, contacts",
                          t),
              did_you_mean(t, names));
    return;
  }
  a.type.kind = static_cast<TypeKind>(pos - names.begin());
  bool is_enum = a.type.kind == TypeKind::Enum, is_rec = a.type.kind == TypeKind::Records;
  only_for(r, spec, "values", "enum", is_enum);
  only_for(r, spec, "key", "records", is_rec);
  only_for(r, spec, "fields", "records", is_rec);
  if (is_enum) read_key(r, spec, "values", a.type.values, str_list, true);
  if (is_rec) {
    read_key(r, spec, "key", a.type.key, ident, true);
    if (auto fl = r.get(spec, "fields", true)) read_attributes(r, *fl, a.type.fields, depth + 1);
  }
}

}  // namespace

void read_attributes(Reader& r, const Field& f, std::vector<Attribute>& out, int depth) {
  if (!r.deeper(f, depth) || !r.mapping(f, {})) return;
  for (const auto& k : *f.keys) {  // first occurrences; duplicates were reported
    Field spec = r.entry(k);
    Loc kl = spec.key_loc;
    Attribute a;
    a.loc = kl;
    a.comments = Comments{r.source.take_before(kl.line)};
    a.name = k.name;
    if (!is_ident(a.name))
      r.invalid(kl, fmt::format("attribute name '{}' must be an identifier", a.name));
    if (r.mapping(spec, keys("attribute"))) {
      read_type(r, spec, a, depth);
      read_key(r, spec, "title", a.title, str);
      read_key(r, spec, "calendar", a.calendar, boolean);
    }
    out.push_back(std::move(a));
  }
}

namespace {

void read_rule_on(Reader& r, const Field& on, Rule& x) {
  if (!r.mapping(on, keys("rule_on"))) return;
  std::vector<Field> given;
  for (const auto& k : keys("rule_on"))
    if (auto g = r.get(on, k)) given.push_back(*g);
  if (given.empty()) {
    r.diags.error(on.loc, LintCode::MissingKey, "'on' needs one of 'complete', 'set', 'event'");
    return;
  }
  if (given.size() > 1)
    r.diags.error(given[1].key_loc, LintCode::WrongType,
                  fmt::format("'on' takes one of 'complete', 'set', 'event'; both {} and {} given",
                              given[0].name, given[1].name));
  const Field& g = given[0];
  x.on_loc = g.loc;
  if (g.name == "'complete'")
    x.on = RuleOn::Complete, r.integer(g, x.task);
  else if (g.name == "'set'")
    x.on = RuleOn::Set, path(r, g, x.path);
  else
    x.on = RuleOn::Event, ident(r, g, x.event);
}

}  // namespace

void read_rules(Reader& r, const Field& f, std::vector<Rule>& out) {
  for (const auto& it : items(r, f, "rule")) {
    Rule x;
    x.loc = it.loc;
    x.comments = r.comments(it);
    read_key(r, it, "id", x.id, ident, true);
    read_key(r, it, "message", x.message, str, true);
    if (auto on = r.get(it, "on", true)) read_rule_on(r, *on, x);
    if (auto e = r.get(it, "require", true))
      if (auto ex = r.expr(*e)) x.condition = std::move(*ex);
    out.push_back(std::move(x));
  }
}

// scope: {records: PATH, service: PATH, where: EXPR}
void read_scope(Reader& r, const Field& f, std::optional<ServiceScope>& out) {
  ServiceScope sc;
  sc.loc = f.loc;
  if (!r.mapping(f, keys("scope"))) return;
  read_key_at(r, f, "records", sc.records, sc.records_loc, path, true);
  read_key_at(r, f, "service", sc.service, sc.service_loc, path);
  if (auto w = r.get(f, "where")) sc.where = r.expr(*w);
  out = std::move(sc);
}

}  // namespace pb::yaml
