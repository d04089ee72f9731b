// checker_catalog.cpp — what must agree across files: playbook ids are unique
// (PB021); a task id is one FTOP task everywhere — one name (compared after
// NFC), one mandatory flag, one role (by its display name, whatever its local
// id) and one set of services (PB070); a tenant attribute, a record field or
// an event's payload field declared in several files has one type and one set
// of enum values (PB071).
//
// Each disagreement is reported once: on the last place, in path order, that
// differs from what most places say (the first place when they tie), naming
// every place that says something else and what it says (on a tie, the shared
// schema is right); the other places are the finding's related locations. Names that differ only by characters a
// reader cannot see are explained (text_compare.hpp). Linear in the number of
// declarations; names are normalised only when their bytes differ.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "checker_internal.hpp"
#include "text_compare.hpp"

namespace pb {

namespace {

// The order files were read in (Project::files), else their names.
class PathOrder {
 public:
  explicit PathOrder(const Project& p) {
    for (size_t i = 0; i < p.files.size(); ++i) rank_.emplace(p.files[i], i);
  }
  bool before(const Loc& a, const Loc& b) const {
    size_t ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    return std::tie(a.filename(), a.line, a.col) < std::tie(b.filename(), b.line, b.col);
  }

 private:
  size_t rank(const Loc& l) const {
    auto it = rank_.find(l.filename());
    return it == rank_.end() ? SIZE_MAX : it->second;
  }
  std::unordered_map<std::string, size_t> rank_;
};

// What one place says about one aspect: `key` is compared, `shown` is how
// messages write it, `raw` (the names or enum values it gives) is searched
// for invisible differences.
struct Said {
  const Loc* loc;
  std::string key, shown;
  std::vector<std::string> raw;
  bool shared = false;  // from tenant.schema.yaml: it wins a tie
};

struct Wording {
  std::string subject;    // "task 3663"
  std::string_view verb;  // "is named", "is", "has"
  std::string_view noun;  // "names" / "values", for invisible differences
};

// The group of places that says `key`, in path order.
using Groups = std::vector<std::pair<std::string, std::vector<const Said*>>>;

Groups group(const std::vector<Said>& said) {
  Groups out;
  for (const auto& s : said) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.first == s.key; });
    if (it == out.end())
      out.push_back({s.key, {&s}});
    else
      it->second.push_back(&s);
  }
  return out;
}

std::string places(const std::vector<const Said*>& ss) {
  std::vector<std::string> at;
  for (const Said* s : ss) at.push_back(s->loc->str());
  if (at.size() == 1) return at[0];
  std::string last = at.back();
  at.pop_back();
  return check::join(at, ", ") + " and " + last;
}

// The one name (or value) only in `a` and the one only in `b`, when each
// has exactly one the other lacks.
std::optional<std::pair<std::string, std::string>> odd_pair(const std::vector<std::string>& a,
                                                            const std::vector<std::string>& b) {
  auto only = [](const auto& x, const auto& y) {
    std::vector<std::string> out;
    for (const auto& v : x)
      if (std::none_of(y.begin(), y.end(), [&](const auto& w) { return same_text(v, w); }))
        out.push_back(v);
    return out;
  };
  auto x = only(a, b), y = only(b, a);
  if (x.size() != 1 || y.size() != 1) return std::nullopt;
  return std::pair{x[0], y[0]};
}

// "; the names differ only by a ZERO WIDTH SPACE (U+200B) at column 7 here";
// for two enums one value apart, which value.
std::string difference_note(const Said& here, const Said& there, const Wording& w) {
  auto pair = odd_pair(here.raw, there.raw);
  if (!pair) return {};
  if (auto d = invisible_difference(pair->first, pair->second)) {
    std::string where = d->in_first ? "here" : "in the one at " + there.loc->str();
    return fmt::format("; the {} differ only by {} {}", w.noun, describe(*d), where);
  }
  if (here.raw.size() < 2) return {};  // one name each: the message shows both already
  return fmt::format("; of the {}, {} here is {} at {}", w.noun, quoted(pair->first),
                     quoted(pair->second), there.loc->str());
}

void report(std::vector<Said> said, const PathOrder& order, const Wording& w, LintCode code,
            Diagnostics& diags) {
  std::stable_sort(said.begin(), said.end(),
                   [&](const Said& a, const Said& b) { return order.before(*a.loc, *b.loc); });
  Groups groups = group(said);
  if (groups.size() < 2) return;
  // Most places win; on a tie, what the shared schema says, else what was said first.
  auto shared = [](const auto& g) {
    return std::any_of(g.second.begin(), g.second.end(), [](const Said* s) { return s->shared; });
  };
  auto ref = std::max_element(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
    return a.second.size() < b.second.size() ||
           (a.second.size() == b.second.size() && !shared(a) && shared(b));
  });
  const Said* here = nullptr;
  for (const auto& s : said)
    if (s.key != ref->first) here = &s;
  std::vector<std::string> others;
  std::string note;
  for (const auto& [key, ss] : groups) {
    if (key == here->key) continue;
    others.push_back(fmt::format("{} at {}", ss.front()->shown, places(ss)));
    if (note.empty()) note = difference_note(*here, *ss.front(), w);
  }
  Diagnostic d;
  d.loc = *here->loc;
  d.code = code;
  d.message = fmt::format("{} {} {} here but {}{}", w.subject, w.verb, here->shown,
                          check::join(others, ", "), note);
  for (const auto& s : said)
    if (&s != here)
      d.related.push_back({*s.loc, fmt::format("{} {} {} here", w.subject, w.verb, s.shown)});
  diags.add(std::move(d));
}

// ---- the task catalog (PB070)

struct TaskPlace {
  const Task* task;
  const Playbook* pb;
};

std::string services_key(const std::vector<std::string>& services) {
  std::set<std::string> set;
  for (const auto& s : services) set.insert(nfc(s));
  return check::join({set.begin(), set.end()}, "\n");
}

std::string services_shown(const std::vector<std::string>& services) {
  if (services.empty()) return "no services";
  std::vector<std::string> q;
  for (const auto& s : services) q.push_back(quoted(s));
  return "services " + check::join(q, ", ");
}

void compare_task(int64_t id, const std::vector<TaskPlace>& ps, const PathOrder& order,
                  Diagnostics& diags) {
  std::vector<Said> name, flag, role, services;
  bool names_differ = false;
  for (const auto& p : ps) {
    const Task& t = *p.task;
    names_differ = names_differ || t.name != ps.front().task->name;
    name.push_back({&t.loc, t.name, quoted(t.name), {t.name}});
    flag.push_back({&t.loc, t.mandatory ? "m" : "o", t.mandatory ? "mandatory" : "optional", {}});
    if (const Role* r = p.pb->role(t.role))  // an undefined role is PB031
      role.push_back({&t.loc, nfc(r->name), quoted(r->name), {r->name}});
    services.push_back({&t.loc, services_key(t.services), services_shown(t.services), t.services});
  }
  std::string subject = fmt::format("task {}", id);
  if (names_differ) {
    for (auto& s : name) s.key = nfc(s.key);
    report(std::move(name), order, {subject, "is named", "names"}, LintCode::TaskMismatch, diags);
  }
  report(std::move(flag), order, {subject, "is", ""}, LintCode::TaskMismatch, diags);
  report(std::move(role), order, {subject, "has role", "role names"}, LintCode::TaskMismatch,
         diags);
  report(std::move(services), order, {subject, "has", "services"}, LintCode::TaskMismatch, diags);
}

void check_task_catalog(const Project& project, const PathOrder& order, Diagnostics& diags) {
  // Most ids are declared once: the first place is kept inline, a vector
  // holds the places only of ids declared again.
  std::unordered_map<int64_t, std::pair<TaskPlace, std::vector<TaskPlace>>> by_id;
  std::vector<int64_t> repeated;  // first-repeat order, for a stable output
  for (const auto& p : project.playbooks) {
    std::unordered_set<int64_t> own;  // a repeat inside one playbook is PB020
    for (const auto& t : p.tasks) {
      if (!own.insert(t.id).second) continue;
      auto [it, fresh] = by_id.try_emplace(t.id, TaskPlace{&t, &p}, std::vector<TaskPlace>{});
      if (fresh) continue;
      auto& more = it->second.second;
      if (more.empty()) {
        repeated.push_back(t.id);
        more.push_back(it->second.first);
      }
      more.push_back({&t, &p});
    }
  }
  for (int64_t id : repeated) compare_task(id, by_id[id].second, order, diags);
}

// ---- attribute types (PB071)

std::string type_text(const Type& t) {
  if (t.kind == TypeKind::Enum) {
    std::vector<std::string> q;
    for (const auto& v : t.values) q.push_back(quoted(v));
    return "enum(" + check::join(q, ", ") + ")";
  }
  if (t.kind == TypeKind::Records) {
    std::vector<std::string> f;
    for (const auto& a : t.fields) f.push_back(a.name);
    std::sort(f.begin(), f.end());
    return fmt::format("records {} {{ {} }}", t.key, check::join(f, ", "));
  }
  return to_string(t.kind);
}

std::string type_key(const Type& t) {
  if (t.kind != TypeKind::Enum) return type_text(t);  // records: key and field names
  std::set<std::string> values;
  for (const auto& v : t.values) values.insert(nfc(v));
  return "enum\n" + check::join({values.begin(), values.end()}, "\n");
}

// Declarations of one attribute path ("workloads.esd"), in reading order;
// `true` for those of the shared schema.
using AttrPlaces = std::map<std::string, std::vector<std::pair<const Attribute*, bool>>>;

// Adds `a` (and, for records, its fields) under `prefix`; `seen_here` holds
// the paths its file declared already (a repeat in one file is PB020).
void flatten(const Attribute& a, const std::string& prefix, bool shared, AttrPlaces& out,
             std::set<std::string>& seen_here) {
  std::string path = prefix.empty() ? a.name : prefix + "." + a.name;
  if (!seen_here.insert(path).second) return;
  out[path].emplace_back(&a, shared);
  for (const auto& f : a.type.fields) flatten(f, path, shared, out, seen_here);
}

void compare_attribute(const std::string& subject,
                       const std::vector<std::pair<const Attribute*, bool>>& as,
                       const PathOrder& order, Diagnostics& diags) {
  std::vector<Said> said;
  for (const auto& [a, shared] : as)
    said.push_back({&a->loc, type_key(a->type), type_text(a->type), a->type.values, shared});
  report(std::move(said), order, {subject, "is", "values"}, LintCode::AttributeTypeMismatch, diags);
}

void check_attribute_types(const Project& project, const PathOrder& order, Diagnostics& diags) {
  AttrPlaces tenant;
  std::map<std::string, AttrPlaces> payloads;         // event id → its payload fields
  std::map<std::string, std::set<std::string>> seen;  // file → paths declared in it
  if (project.schema)
    for (const auto& a : project.schema->attributes)
      flatten(a, "", true, tenant, seen[a.loc.filename()]);
  for (const auto& p : project.playbooks) {
    std::set<std::string> own;
    for (const auto& a : p.tenant.attributes) flatten(a, "", false, tenant, own);
    std::set<std::string> events;
    for (const auto& e : p.events) {
      if (!events.insert(e.id).second) continue;
      std::set<std::string> fields;
      for (const auto& a : e.payload) flatten(a, "", false, payloads[e.id], fields);
    }
  }
  for (const auto& [path, as] : tenant)
    if (as.size() > 1)
      compare_attribute(fmt::format("tenant attribute '{}'", path), as, order, diags);
  for (const auto& [event, fields] : payloads)
    for (const auto& [path, as] : fields)
      if (as.size() > 1)
        compare_attribute(fmt::format("payload field '{}' of event '{}'", path, event), as, order,
                          diags);
}

}  // namespace

bool check::same_type(const Type& a, const Type& b) { return type_key(a) == type_key(b); }

void check_playbook_ids(const Project& project, Diagnostics& diags) {
  std::unordered_map<std::string, const Playbook*> first;
  for (const auto& p : project.playbooks) {
    if (p.id.empty()) continue;  // the front end reported the missing id
    auto [it, fresh] = first.emplace(p.id, &p);
    if (fresh) continue;
    Diagnostic d;
    d.loc = p.loc;
    d.code = LintCode::DuplicatePlaybookId;
    d.message = fmt::format(
        "playbook id '{}' is also used at {}; playbook ids must be unique "
        "across the playbook directories",
        p.id, it->second->loc.str());
    d.related.push_back({it->second->loc, fmt::format("playbook '{}' is declared here", p.id)});
    diags.add(std::move(d));
  }
}

void check::check_catalog(const Project& project, Diagnostics& diags) {
  PathOrder order(project);
  check_task_catalog(project, order, diags);
  check_attribute_types(project, order, diags);
}

}  // namespace pb
