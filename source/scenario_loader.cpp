// scenario_loader.cpp — reads `*.scenario.yaml` and samples' tenant files
// into pb::scen::Scenario (scenario_loader.hpp), reporting every problem with
// file:line:col through the YAML loader's typed reader (grammar/yaml_reader).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/loader.hpp"
#include "grammar/migration_loader.hpp"
#include "grammar/yaml_reader.hpp"
#include "model/calendar_math.hpp"
#include "model/value.hpp"
#include "source/scenario_loader.hpp"

namespace pb::scen {

namespace {

using yaml::Field;
using yaml::Reader;

const yaml::KeyTable& keys(const char* construct) { return known_keys().at(construct); }
const yaml::KeyTable kAny = {};

bool instant(Reader& r, const Field& f, Instant& out) {
  std::string text;
  if (!r.str(f, text)) return false;
  if (parse_iso_instant(text, out)) return true;
  r.invalid(f.loc,
            fmt::format("{} '{}' is not an ISO-8601 date or a date-time with a zone (Z or ±HH:MM)",
                        f.name, text));
  return false;
}

// "2 business days", "3 days", "1 week", "4 hours".
bool duration(Reader& r, const Field& f, Step& s) {
  std::string text;
  if (!r.str(f, text)) return false;
  std::istringstream in(text);
  std::string unit, rest;
  in >> s.amount;
  std::getline(in >> std::ws, unit);
  struct U {
    const char* name;
    DurationUnit u;
  };
  static const U units[] = {{"business day", DurationUnit::BusinessDays},
                            {"business days", DurationUnit::BusinessDays},
                            {"day", DurationUnit::Days},
                            {"days", DurationUnit::Days},
                            {"week", DurationUnit::Weeks},
                            {"weeks", DurationUnit::Weeks},
                            {"hour", DurationUnit::Hours},
                            {"hours", DurationUnit::Hours},
                            {"business hour", DurationUnit::BusinessHours},
                            {"business hours", DurationUnit::BusinessHours},
                            {"month", DurationUnit::Months},
                            {"months", DurationUnit::Months}};
  if (!in.fail() && s.amount >= 0 && s.amount <= 36500)
    for (const auto& u : units)
      if (unit == u.name) return s.unit = u.u, true;
  r.invalid(f.loc, fmt::format("{} '{}' is not a duration like '2 business days', '3 days', "
                               "'1 week', '4 hours', '4 business hours' or '3 months'",
                               f.name, text));
  return false;
}

// A scalar mapping {k: v} → pairs (attribute paths or payload fields).
bool pairs(Reader& r, const Field& f, std::vector<std::pair<std::string, std::string>>& out) {
  if (!r.mapping(f, kAny)) return false;
  bool ok = true;
  for (const auto& k : *f.keys) {
    Field v = r.entry(k);
    std::string text;
    if (r.str(v, text))
      out.emplace_back(k.name, text);
    else
      ok = false;
  }
  return ok;
}

void check_list(Reader& r, const Field& f, const std::string& what, Step& s,
                void (*item)(Reader&, const Field&, Check&)) {
  auto items = what == "assignments" && f.node.IsSequence() && f.node.size() == 0
                   ? std::optional<std::vector<Field>>(std::vector<Field>{})
                   : r.list(f);
  if (!items) return;
  Check c{what, f.key_loc, "", "", false, false, {}};
  for (const auto& it : *items) item(r, it, c);
  s.expect.push_back(std::move(c));
}

void assignment_item(Reader& r, const Field& it, Check& c) {
  if (!r.mapping(it, keys("assignment"))) return;
  std::string queue, name;
  bool primary = false;
  if (auto q = r.get(it, "queue", true)) r.id(*q, queue);
  if (auto n = r.get(it, "name", true)) r.id(*n, name);
  if (auto p = r.get(it, "primary")) r.boolean(*p, primary);
  if (queue != "rm" && queue != "fm" && !queue.empty())
    r.invalid(it.loc, fmt::format("queue '{}' is not rm or fm", queue));
  c.list.push_back(fmt::format("{} {}{}", queue, name, primary ? " (primary)" : ""));
}

void timer_item(Reader& r, const Field& it, Check& c) {
  if (!r.mapping(it, keys("timer"))) return;
  Instant due;
  if (auto d = r.get(it, "due", true))
    if (instant(r, *d, due)) c.list.push_back(format_iso_instant(due));
}

void note_item(Reader& r, const Field& it, Check& c) {
  Check one{"notes", it.loc, "", "", false, false, {}};
  if (it.node.IsMap()) {
    if (!r.mapping(it, keys("note_prefix"))) return;
    if (auto p = r.get(it, "prefix", true)) r.str(*p, one.want);
    one.prefix = true;
  } else {
    r.str(it, one.want);
  }
  c.list.push_back((one.prefix ? "prefix:" : "text:") + one.want);
}

void expectations(Reader& r, const Field& f, Step& s) {
  if (!r.mapping(f, keys("expect"))) return;
  for (const auto& k : *f.keys) {
    Field v = r.entry(k);
    Check c{k.name, v.key_loc, "", "", false, false, {}};
    if (k.name == "step" || k.name == "refused" || k.name == "ended") {
      if (r.id(v, c.want)) s.expect.push_back(c);
    } else if (k.name == "tasks" || k.name == "attributes" || k.name == "regions") {
      if (!r.mapping(v, kAny)) continue;
      for (const auto& kk : *v.keys) {
        Field e = r.entry(kk);
        Check one{k.name, e.key_loc, kk.name, "", false, false, {}};
        if (!r.str(e, one.want)) continue;
        if (k.name == "tasks" && yaml::classify(kk.key) != yaml::Plain::Int) {
          r.diags.error(e.key_loc, LintCode::WrongType,
                        fmt::format("task '{}' in 'tasks' must be a task id (a number)", kk.name));
          continue;
        }
        TaskStatus st;
        if (k.name == "tasks" && !parse_task_status(one.want, st))
          r.invalid(e.loc, fmt::format("task state '{}' is not one of {}", one.want,
                                       fmt::join(task_status_names(), ", ")));
        s.expect.push_back(one);
      }
    } else if (k.name == "notes") {
      check_list(r, v, "notes", s, note_item);
    } else if (k.name == "assignments") {
      check_list(r, v, "assignments", s, assignment_item);
    } else if (k.name == "timers") {
      check_list(r, v, "timers", s, timer_item);
    }
  }
}

// mark: TASK with state: STATE (one of the task states).
bool mark_step(Reader& r, const Field& step, const Field& a, Step& s) {
  if (!r.integer(a, s.task)) return false;
  auto st = r.get(step, "state", true);
  if (!st || !r.id(*st, s.state)) return false;
  TaskStatus parsed;
  if (parse_task_status(s.state, parsed)) return true;
  r.invalid(st->loc, fmt::format("task state '{}' is not one of {}", s.state,
                                 fmt::join(task_status_names(), ", ")));
  return false;
}

// The action of a step: exactly one of fire, complete, start, advance, until, tick,
// or else a lone note (FM note) or a set (tenant set, with an optional note).
bool action(Reader& r, const Field& f, Step& s) {
  static const char* kinds[] = {"fire",    "complete", "mark",  "start",
                                "migrate", "advance",  "until", "tick"};
  std::vector<Field> found;
  for (const char* k : kinds)
    if (auto v = r.get(f, k)) found.push_back(*v);
  if (found.empty()) {
    auto n = r.get(f, "note");
    if (auto v = r.get(f, "set")) {  // tenant set, with the note given with it
      s.kind = StepKind::Set;
      return (!n || r.str(*n, s.note)) && pairs(r, *v, s.sets);
    }
    if (n) return s.kind = StepKind::Note, r.str(*n, s.note);
    r.diags.error(f.loc, LintCode::MissingKey,
                  "a step needs one of fire, complete, mark, start, migrate, note, set, advance, "
                  "until, tick");
    return false;
  }
  if (found.size() > 1) {
    r.diags.error(found[1].key_loc, LintCode::WrongType,
                  fmt::format("a step does one thing: {} and {} given together", found[0].name,
                              found[1].name));
    return false;
  }
  const Field& a = found[0];
  if (a.name == "'fire'") return s.kind = StepKind::Fire, r.id(a, s.event);
  if (a.name == "'complete'") return s.kind = StepKind::Complete, r.integer(a, s.task);
  if (a.name == "'mark'") return s.kind = StepKind::Mark, mark_step(r, f, a, s);
  if (a.name == "'start'") return s.kind = StepKind::Start, r.id(a, s.event);
  if (a.name == "'migrate'") return s.kind = StepKind::Migrate, r.str(a, s.migrate_file);
  if (a.name == "'advance'") return s.kind = StepKind::Advance, duration(r, a, s);
  if (a.name == "'until'") return s.kind = StepKind::Until, instant(r, a, s.until);
  bool yes = false;
  s.kind = StepKind::Tick;
  if (r.boolean(a, yes) && !yes) r.invalid(a.loc, "'tick' must be true");
  return yes;
}

void read_step(Reader& r, const Field& f, Step& s) {
  s.loc = f.loc;
  if (!r.mapping(f, keys("step"))) return;
  action(r, f, s);
  bool event_like =
      s.kind == StepKind::Fire || s.kind == StepKind::Complete || s.kind == StepKind::Mark;
  if (auto n = r.get(f, "note"); n && s.kind != StepKind::Note && s.kind != StepKind::Set) {
    if (event_like)
      r.str(*n, s.note);
    else
      r.invalid(n->key_loc,
                "'note' goes with 'fire', 'complete' or 'set', or stands alone (an FM note)");
  }
  if (auto k = r.get(f, "kind")) {
    if (s.note.empty())
      r.invalid(k->key_loc, "'kind' is the kind of the step's note: give it with 'note'");
    else
      r.id(*k, s.note_kind);
  }
  if (auto v = r.get(f, "set"); v && s.kind != StepKind::Set) {
    if (s.kind == StepKind::Fire)
      pairs(r, *v, s.sets);
    else
      r.invalid(v->key_loc, "'set' goes with 'fire' or stands alone (tenant set)");
  }
  if (auto v = r.get(f, "playbook")) r.id(*v, s.playbook);
  if (auto v = r.get(f, "as")) r.id(*v, s.actor);
  if (auto v = r.get(f, "id")) r.id(*v, s.key);
  if (auto v = r.get(f, "migration"); v && s.kind != StepKind::Migrate)
    r.invalid(v->key_loc, "'migration' goes with 'migrate' (the map of that migration)");
  if (auto v = r.get(f, "expect")) expectations(r, *v, s);
}

// A migrate step's files, relative to the scenario's directory: the new
// version, and its map (`migration:`, else PLAYBOOK.migration.yaml beside
// the new version when there is one).
void read_migration(Reader& r, const Field& f, const std::string& dir, const std::string& playbook,
                    Step& s) {
  namespace fs = std::filesystem;
  s.migrate_file = (fs::path(dir) / s.migrate_file).lexically_normal().string();
  if (!read_file(s.migrate_file, s.migrate_source, r.diags)) return;
  std::string map_file;
  if (auto v = r.get(f, "migration"); v && r.str(*v, map_file))
    map_file = (fs::path(dir) / map_file).lexically_normal().string();
  if (map_file.empty()) {
    std::string id = s.playbook.empty() ? playbook : s.playbook;
    auto beside = fs::path(s.migrate_file).parent_path() / (id + ".migration.yaml");
    std::error_code ec;
    if (!fs::exists(beside, ec)) return;
    map_file = beside.string();
  }
  std::string text;
  if (!read_file(map_file, text, r.diags)) return;
  if (auto map = parse_migration(text, map_file, r.diags)) s.map = std::move(*map);
}

// tenant attributes (scenario `tenant:` or a sample's `attributes:`) → writes.
void attributes(Reader& r, const Field& f, Scenario& out) {
  if (!r.mapping(f, kAny)) return;
  for (const auto& k : *f.keys) {
    Field v = r.entry(k);
    if (v.node.IsSequence()) {  // contacts
      std::string text;
      auto items = r.list(v);
      for (const auto& it : items ? *items : std::vector<Field>{}) {
        if (!r.mapping(it, keys("contact"))) continue;
        Contact c;
        if (auto x = r.get(it, "name", true)) r.id(*x, c.name);
        if (auto x = r.get(it, "email", true)) r.id(*x, c.email);
        if (auto x = r.get(it, "primary")) r.boolean(*x, c.primary);
        if (auto x = r.get(it, "do_not_contact")) r.boolean(*x, c.do_not_contact);
        if (auto x = r.get(it, "unsubscribed")) r.boolean(*x, c.unsubscribed);
        if (auto x = r.get(it, "role")) r.id(*x, c.role);
        text += (text.empty() ? "" : "; ") + contact_text(c);
      }
      out.attributes.emplace_back(k.name, text);
    } else if (v.node.IsMap()) {  // records: KEY → {FIELD: value}
      r.mapping(v, kAny);
      for (const auto& rec : *v.keys) {
        std::vector<std::pair<std::string, std::string>> fields;
        pairs(r, r.entry(rec), fields);
        for (auto& [name, val] : fields)
          out.attributes.emplace_back(k.name + "." + rec.name + "." + name, val);
      }
    } else {
      std::string text;
      if (r.str(v, text)) out.attributes.emplace_back(k.name, text);
    }
  }
}

std::optional<YAML::Node> parse(std::string_view text, const std::string& filename,
                                Diagnostics& diags) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    auto file = std::make_shared<const std::string>(filename);
    diags.error(Loc{file, uint32_t(e.mark.line + 1), uint32_t(e.mark.column + 1)},
                LintCode::SyntaxError, fmt::format("YAML syntax error: {}", e.msg));
    return std::nullopt;
  }
}

std::string dir_of(const std::string& file) {
  auto dir = std::filesystem::path(file).parent_path();
  return dir.empty() ? "." : dir.string();
}

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

const std::map<std::string, std::vector<std::string>>& known_keys() {
  static const std::map<std::string, std::vector<std::string>> k = {
      {"scenario", {"scenario", "description", "playbook", "start", "tenant", "sample", "steps"}},
      {"step",
       {"fire", "complete", "mark", "state", "start", "migrate", "migration", "note", "kind",
        "advance", "until", "tick", "set", "playbook", "as", "id", "expect"}},
      {"expect",
       {"step", "regions", "tasks", "notes", "attributes", "assignments", "timers", "refused",
        "ended"}},
      {"assignment", {"queue", "name", "primary"}},
      {"note_prefix", {"prefix"}},
      {"timer", {"due"}},
      {"contact", {"name", "email", "primary", "do_not_contact", "unsubscribed", "role"}},
      {"sample_file", {"tenant", "attributes"}},
  };
  return k;
}

bool load_sample(const std::string& path, Scenario& out, const Loc& at, Diagnostics& diags) {
  auto text = read_text(path);
  if (!text)
    return diags.error(at, LintCode::UnreadableFile,
                       fmt::format("cannot read sample tenant '{}'", path)),
           false;
  size_t before = diags.count(Severity::Error);
  auto doc = parse(*text, path, diags);
  if (!doc) return false;
  Reader r(*text, path, diags);
  Field root = r.root(*doc, "the tenant file");
  if (!r.mapping(root, keys("sample_file"))) return false;
  if (auto t = r.get(root, "tenant", true)) r.id(*t, out.tenant);
  if (auto a = r.get(root, "attributes", true)) attributes(r, *a, out);
  return diags.count(Severity::Error) == before;
}

std::optional<Scenario> load_scenario(std::string_view text, const std::string& filename,
                                      const std::string& samples_dir, Diagnostics& diags) {
  size_t before = diags.count(Severity::Error);
  auto doc = parse(text, filename, diags);
  if (!doc) return std::nullopt;
  Reader r(text, filename, diags);
  Field root = r.root(*doc, "the scenario");
  if (!r.mapping(root, keys("scenario"))) return std::nullopt;
  Scenario s;
  s.file = filename;
  if (auto v = r.get(root, "scenario")) r.str(*v, s.name);
  s.tenant_loc = s.playbook_loc = root.loc;
  if (auto v = r.get(root, "playbook", true)) r.id(*v, s.playbook), s.playbook_loc = v->loc;
  if (auto v = r.get(root, "start", true)) instant(r, *v, s.start);
  auto tenant = r.get(root, "tenant"), sample = r.get(root, "sample");
  if (tenant || sample) s.tenant_loc = (tenant ? tenant : sample)->key_loc;
  if (tenant && sample)
    r.diags.error(sample->key_loc, LintCode::WrongType, "give 'tenant' or 'sample', not both");
  else if (tenant)
    attributes(r, *tenant, s);
  else if (sample) {
    std::string name;
    if (r.id(*sample, name))
      load_sample(samples_dir + "/" + name + ".tenant.yaml", s, sample->loc, diags);
  } else
    r.diags.error(root.loc, LintCode::MissingKey, "missing 'tenant' or 'sample' in the scenario");
  if (auto v = r.get(root, "steps", true))
    if (auto items = r.list(*v))
      for (const auto& it : *items) {
        read_step(r, it, s.steps.emplace_back());
        if (s.steps.back().kind == StepKind::Migrate && !s.steps.back().migrate_file.empty())
          read_migration(r, it, dir_of(filename), s.playbook, s.steps.back());
      }
  if (s.name.empty()) s.name = filename;
  if (diags.count(Severity::Error) != before) return std::nullopt;
  return s;
}

std::optional<Scenario> load_scenario_file(const std::string& path, const std::string& samples_dir,
                                           Diagnostics& diags) {
  std::string text;
  if (!read_file(path, text, diags)) return std::nullopt;
  return load_scenario(text, path, samples_dir, diags);
}

}  // namespace pb::scen
