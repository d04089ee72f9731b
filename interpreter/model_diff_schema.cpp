// model_diff_schema.cpp — the tenant schema each version sees (model_diff.hpp):
// the schema files' attributes, then the playbook's own `tenant { }`, with its
// `extend enum` values added; record fields compared as `tenant.ATTR.FIELD`.
// Rules (the schema's, the playbook's tenant block's and its own) by id.
#include <fmt/format.h>

#include <algorithm>

#include "model_diff_internal.hpp"

namespace pb::diff {

namespace {

using C = ChangeClass;

std::vector<Attribute> attributes(const Playbook& pb, const Schema* schema) {
  std::vector<Attribute> out;
  if (schema) out = schema->attributes;
  for (const auto& a : pb.tenant.attributes)
    if (std::none_of(out.begin(), out.end(), [&](const Attribute& x) { return x.name == a.name; }))
      out.push_back(a);
  apply_extensions(pb, out);
  return out;
}

std::vector<const Rule*> rules(const Playbook& pb, const Schema* schema) {
  std::vector<const Rule*> out;
  if (schema)
    for (const auto& r : schema->rules) out.push_back(&r);
  for (const auto& r : pb.tenant.rules) out.push_back(&r);
  for (const auto& r : pb.rules) out.push_back(&r);
  return out;
}

const Attribute* named(const std::vector<Attribute>& xs, const std::string& name) {
  for (const auto& a : xs)
    if (a.name == name) return &a;
  return nullptr;
}

bool has(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

void compare_attrs(const std::string& prefix, const std::vector<Attribute>& old,
                   const std::vector<Attribute>& now, Out& out);

void enum_values(const std::string& subject, const Attribute& o, const Attribute& n, Out& out) {
  for (const auto& v : n.type.values)
    if (!has(o.type.values, v))
      out.add(C::Compatible, "enum-value-added", subject, o.loc, n.loc,
              fmt::format("{} gains the value \"{}\"", subject, v))
          .after = v;
  for (const auto& v : o.type.values)
    if (!has(n.type.values, v))
      out.add(C::Breaking, "enum-value-removed", subject, o.loc, n.loc,
              fmt::format("{} loses the value \"{}\"; tenants holding it no longer match", subject,
                          v))
          .before = v;
}

void attr_pair(const std::string& path, const Attribute& o, const Attribute& n, Out& out) {
  std::string subject = "attribute " + path;
  if (o.type.kind != n.type.kind || o.type.key != n.type.key) {
    out.add(C::Breaking, "attribute-type", subject, o.loc, n.loc,
            fmt::format("{} is now {} (was {}); values stored under the old type no longer fit",
                        subject, to_string(n.type.kind), to_string(o.type.kind)));
    return;
  }
  if (o.type.kind == TypeKind::Enum) enum_values(subject, o, n, out);
  if (o.type.kind == TypeKind::Records)
    compare_attrs(path + ".", o.type.fields, n.type.fields, out);
  if (o.title != n.title)
    out.add(C::Cosmetic, "attribute-title", subject, o.loc, n.loc,
            fmt::format("{}: the title changed from \"{}\" to \"{}\"", subject, o.title, n.title));
  if (o.calendar != n.calendar)
    out.add(C::Compatible, "attribute-calendar", subject, o.loc, n.loc,
            fmt::format("{} {} selects the business calendar", subject,
                        n.calendar ? "now" : "no longer"));
}

void compare_attrs(const std::string& prefix, const std::vector<Attribute>& old,
                   const std::vector<Attribute>& now, Out& out) {
  for (const auto& n : now) {
    if (const Attribute* o = named(old, n.name))
      attr_pair(prefix + n.name, *o, n, out);
    else
      out.add(C::Compatible, "attribute-added", "attribute " + prefix + n.name, {}, n.loc,
              fmt::format("attribute {}{} ({}) is added", prefix, n.name, to_string(n.type.kind)));
  }
  for (const auto& o : old)
    if (!named(now, o.name))
      out.add(C::Breaking, "attribute-removed", "attribute " + prefix + o.name, o.loc, {},
              fmt::format("attribute {}{} is removed; the values tenants hold in it are lost",
                          prefix, o.name));
}

const Rule* rule_named(const std::vector<const Rule*>& rs, const std::string& id) {
  for (const Rule* r : rs)
    if (r->id == id) return r;
  return nullptr;
}

void compare_rules(const std::vector<const Rule*>& old, const std::vector<const Rule*>& now,
                   Out& out) {
  for (const Rule* n : now) {
    const Rule* o = rule_named(old, n->id);
    if (!o) {
      out.add(C::Compatible, "rule-added", "rule " + n->id, {}, n->loc,
              fmt::format("rule {} is added: {}", n->id, n->message));
    } else if (!(*o == *n)) {
      auto& c = out.add(C::Compatible, "rule-changed", "rule " + n->id, o->loc, n->loc,
                        fmt::format("rule {} changed", n->id));
      c.old_expr = o->condition;
      c.new_expr = n->condition;
    }
  }
  for (const Rule* o : old)
    if (!rule_named(now, o->id))
      out.add(C::Compatible, "rule-removed", "rule " + o->id, o->loc, {},
              fmt::format("rule {} is removed", o->id));
}

}  // namespace

void diff_schema(const Playbook& old, const Schema* old_schema, const Playbook& now,
                 const Schema* new_schema, Out& out) {
  compare_attrs("tenant.", attributes(old, old_schema), attributes(now, new_schema), out);
  compare_rules(rules(old, old_schema), rules(now, new_schema), out);
}

}  // namespace pb::diff
