// checker_paths.cpp — what an attribute path means: `tenant.ATTR[.FIELD]`,
// `event.FIELD` and `VAR.FIELD` for a record variable. Undefined attributes,
// fields and event fields are PB034, with "did you mean". Also builds the
// `event.X` environment of a transition (only an event that declares X).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "checker_internal.hpp"
#include "model/value.hpp"

namespace pb::check {

namespace {

// The dot-separated parts of a path as views into it: no allocation for up
// to kInline parts ("a..b" has an empty middle part, "" one empty part).
class Parts {
 public:
  explicit Parts(std::string_view path) {
    size_t start = 0;
    while (true) {
      size_t dot = path.find('.', start);
      add(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  size_t size() const { return n_; }
  std::string_view operator[](size_t i) const {
    return i < kInline ? small_[i] : big_[i - kInline];
  }

 private:
  static constexpr size_t kInline = 6;
  void add(std::string_view p) {
    if (n_ < kInline)
      small_[n_] = p;
    else
      big_.push_back(p);
    ++n_;
  }
  std::array<std::string_view, kInline> small_{};
  std::vector<std::string_view> big_;
  size_t n_ = 0;
};

// The fields of one contact (the `contacts` type is built in).
const Type& contact_record() {
  static const Type t = [] {
    Type r;
    r.kind = TypeKind::Records;
    r.key = "contact";
    auto field = [&](const char* n, TypeKind k) {
      Attribute a;
      a.name = n;
      a.type.kind = k;
      r.fields.push_back(a);
    };
    field("name", TypeKind::String);
    field("email", TypeKind::String);
    field("do_not_contact", TypeKind::Bool);
    field("unsubscribed", TypeKind::Bool);
    field("primary", TypeKind::Bool);
    field("role", TypeKind::Enum);
    r.fields.back().type.values = contact_roles();
    return r;
  }();
  return t;
}

Ty of_attr(const Attribute& a, std::string_view what) {
  if (a.type.kind == TypeKind::Contacts) return {TypeKind::Contacts, &contact_record(), what};
  return {a.type.kind, &a.type, what};
}

// Descends from a records/contacts value into `rest` (FIELD or KEY.FIELD).
Ty descend(PlaybookScope& s, Ty base, const Parts& parts, size_t i, std::string_view path,
           const Loc& loc) {
  if (i >= parts.size()) return base;
  if (base.kind != TypeKind::Records && base.kind != TypeKind::Contacts) {
    s.diags.error(loc, LintCode::UndefinedAttribute,
                  fmt::format("'{}' is a {} and has no field '{}'", what_of(base),
                              type_name(base.kind), parts[i]));
    return {};
  }
  const auto& fields = base.type->fields;
  auto find = [&](std::string_view n) {
    return std::find_if(fields.begin(), fields.end(),
                        [&](const Attribute& f) { return f.name == n; });
  };
  auto it = find(parts[i]);
  if (it == fields.end() && i + 1 < parts.size()) {  // tenant.workloads.KEY.field
    ++i;
    it = find(parts[i]);
  }
  if (it == fields.end()) {
    std::vector<std::string> names;
    for (const auto& f : fields) names.push_back(f.name);
    s.diags.error(loc, LintCode::UndefinedAttribute,
                  fmt::format("'{}' has no field '{}' (in {})", what_of(base), parts[i], path),
                  did_you_mean(parts[i], names));
    return {};
  }
  return descend(s, of_attr(*it, path), parts, i + 1, path, loc);
}

Ty resolve_event(PlaybookScope& s, const Env& env, const Parts& parts, std::string_view path,
                 const Loc& loc) {
  if (parts.size() < 2) {
    s.diags.error(loc, LintCode::UndefinedAttribute,
                  "'event' alone is not a value; name a field, e.g. event.note");
    return {};
  }
  std::string_view f = parts[1];
  if (!env.no_event.empty()) {
    s.diags.error(loc, LintCode::UndefinedAttribute,
                  fmt::format("'{}' is not available here: {}", path, env.no_event));
    return {};
  }
  if (auto it = env.event_fields.find(f); it != env.event_fields.end())
    return descend(s, of_attr(*it->second, path), parts, 2, path, loc);
  if (env.event_builtins && (f == "note" || f == "actor")) {
    if (parts.size() > 2) return descend(s, {TypeKind::String, nullptr, path}, parts, 2, path, loc);
    return {TypeKind::String, nullptr, path};
  }
  if (env.event_builtins && f == "note_kind") {
    if (parts.size() > 2)
      return descend(s, {TypeKind::Enum, &s.note_kinds, path}, parts, 2, path, loc);
    return {TypeKind::Enum, &s.note_kinds, path};
  }
  std::vector<std::string> names{"actor", "note", "note_kind"};
  for (const auto& [n, a] : env.event_fields) names.emplace_back(n);
  std::sort(names.begin(), names.end());
  s.diags.error(loc, LintCode::UndefinedAttribute,
                fmt::format("undefined event field '{}'; {} carries {}", path,
                            where_text(env.event_where), join(names, ", ")),
                did_you_mean(f, names));
  return {};
}

}  // namespace

Ty resolve_path(PlaybookScope& s, const Env& env, const std::string& path, const Loc& loc) {
  Parts parts(path);
  std::string_view root = parts[0];
  if (root == "event") return resolve_event(s, env, parts, path, loc);
  if (root == "actor" && parts.size() == 1) return {TypeKind::String, nullptr, path};
  for (auto v = env.vars.rbegin(); v != env.vars.rend(); ++v)
    if (v->first == root)
      return descend(s, {TypeKind::Records, v->second, root}, parts, 1, path, loc);
  if (root != "tenant") {
    std::vector<std::string> roots{"tenant", "event", "actor"};
    for (const auto& v : env.vars) roots.emplace_back(v.first);
    s.diags.error(
        loc, LintCode::UndefinedAttribute,
        fmt::format("'{}' does not start with tenant, event, actor or a record variable", path),
        did_you_mean(root, roots));
    return {};
  }
  if (parts.size() < 2) {
    s.diags.error(loc, LintCode::UndefinedAttribute,
                  "'tenant' alone is not a value; name an attribute, e.g. tenant.region");
    return {};
  }
  auto it = s.attrs.find(parts[1]);
  if (it == s.attrs.end()) {
    s.diags.error(loc, LintCode::UndefinedAttribute,
                  fmt::format("undefined tenant attribute '{}'; declare it in tenant.schema.yaml "
                              "or the playbook's tenant block",
                              path),
                  did_you_mean(parts[1], s.attr_names()));
    return {};
  }
  // "tenant." + parts[1] is the start of the path itself: view it, do not build it.
  std::string_view attr_path = std::string_view(path).substr(0, 7 + parts[1].size());
  return descend(s, of_attr(*it->second, attr_path), parts, 2, path, loc);
}

Env transition_env(PlaybookScope& s, const Transition& t) {
  Env env;
  switch (t.trigger) {
    case TriggerKind::Event: {
      env.event_builtins = true;
      env.event_where = {EventWhere::Event, t.event};
      if (auto it = s.events.find(t.event); it != s.events.end())
        for (const auto& a : it->second->payload) env.event_fields.emplace(a.name, &a);
      break;
    }
    case TriggerKind::Task:
      env.event_builtins = true;
      env.event_where = {EventWhere::Task, {}, t.task};
      break;
    case TriggerKind::After:
    case TriggerKind::At:
    case TriggerKind::Remind:
      env.no_event = "this transition is triggered by a timer, not by an event";
      break;
    case TriggerKind::When:
    case TriggerKind::Otherwise:
      env.no_event = "a decision branch is not triggered by an event";
      break;
    case TriggerKind::Join:
      env.no_event = "a join is taken when regions finish, not on an event";
      break;
    case TriggerKind::Return:
      env.no_event = "the return of a called playbook is not an event; outcome(ID) reads it";
      break;
  }
  return env;
}

}  // namespace pb::check
