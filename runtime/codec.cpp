// codec.cpp — the stored JSON forms of values, calendars, visits and log
// records (world.hpp), and the content hash that pins playbooks.
#include <fmt/format.h>

#include <charconv>

#include "model/calendar_math.hpp"
#include "model/decimal.hpp"
#include "model/time_zone.hpp"
#include "world.hpp"

namespace pb::rt {

using json = nlohmann::json;

InstanceRec* TenantWorld::active(const std::string& playbook) {
  for (auto& i : instances)
    if (i.st.playbook == playbook && i.st.status == InstanceStatus::Active) return &i;
  return nullptr;
}

std::vector<InstanceRec*> TenantWorld::all_active() {
  std::vector<InstanceRec*> out;
  for (auto& i : instances)
    if (i.st.status == InstanceStatus::Active) out.push_back(&i);
  return out;
}

int64_t to_secs(Instant t) { return t.time_since_epoch().count(); }
Instant from_secs(int64_t s) { return Instant{std::chrono::seconds{s}}; }

// A contact; `role` only when given, so contacts without one store as before.
static json contact_json(const Contact& c) {
  json j{{"name", c.name},
         {"email", c.email},
         {"do_not_contact", c.do_not_contact},
         {"unsubscribed", c.unsubscribed},
         {"primary", c.primary}};
  if (!c.role.empty()) j["role"] = c.role;
  return j;
}

json value_to_json(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Unset: return nullptr;
    case Value::Kind::Bool: return v.i != 0;
    case Value::Kind::Int: return v.i;
    case Value::Kind::String: return v.s;
    case Value::Kind::Date: return json{{"date", to_text(v)}};
    case Value::Kind::Decimal: return json{{"decimal", to_text(v)}};
    case Value::Kind::Records: {
      json recs = json::object();
      for (const auto& [key, fields] : *v.records) {
        json f = json::object();
        for (const auto& [name, val] : fields) f[name] = value_to_json(val);
        recs[key] = f;
      }
      return json{{"records", recs}};
    }
    case Value::Kind::Contacts: {
      json list = json::array();
      for (const auto& c : *v.contacts) list.push_back(contact_json(c));
      return json{{"contacts", list}};
    }
  }
  return nullptr;
}

static bool records_from_json(const json& j, Value& out) {
  if (!j.is_object()) return false;
  RecordMap m;
  for (const auto& [key, fields] : j.items()) {
    if (!fields.is_object()) return false;
    m[key];  // a record whose fields were all unset stays a (empty) record
    for (const auto& [name, val] : fields.items())
      if (!value_from_json(val, m[key][name])) return false;
  }
  out = Value::of_records(std::move(m));
  return true;
}

static bool contacts_from_json(const json& j, Value& out) {
  if (!j.is_array()) return false;
  std::vector<Contact> list;
  for (const auto& c : j) {
    if (!c.is_object()) return false;
    list.push_back(Contact{c.value("name", ""), c.value("email", ""),
                           c.value("do_not_contact", false), c.value("unsubscribed", false),
                           c.value("primary", false), c.value("role", "")});
  }
  out = Value::of_contacts(std::move(list));
  return true;
}

bool value_from_json(const json& j, Value& out) {
  try {
    if (j.is_null()) return out = Value{}, true;
    if (j.is_boolean()) return out = Value::boolean(j.get<bool>()), true;
    if (j.is_number_integer()) return out = Value::integer(j.get<int64_t>()), true;
    if (j.is_string()) return out = Value::string(j.get<std::string>()), true;
    if (!j.is_object() || j.size() != 1) return false;
    Days d;
    if (j.contains("date"))
      return j["date"].is_string() && parse_iso_date(j["date"].get<std::string>(), d) &&
             (out = Value::date(d), true);
    if (j.contains("decimal")) {
      auto m =
          j["decimal"].is_string() ? parse_decimal(j["decimal"].get<std::string>()) : std::nullopt;
      return m && (out = Value::decimal(*m), true);
    }
    if (j.contains("records")) return records_from_json(j["records"], out);
    if (j.contains("contacts")) return contacts_from_json(j["contacts"], out);
  } catch (const json::exception&) {}
  return false;
}

json calendar_to_json(const Calendar& c) {
  json hol = json::object();
  for (const auto& [d, name] : c.holidays) hol[format_iso_date(d)] = name;
  json j{{"id", c.id}, {"country", c.country}, {"working", c.working}, {"holidays", hol}};
  // Only when not the defaults, so that a calendar without them pins as before.
  if (!c.time_zone.empty()) j["time_zone"] = c.time_zone;
  if (c.work_start != 9 * 60 || c.work_end != 17 * 60)
    j["working_hours"] = json::array({c.work_start, c.work_end});
  return j;
}

bool calendar_from_json(const json& j, Calendar& out) {
  try {
    out.id = j.at("id").get<std::string>();
    out.country = j.value("country", "");
    out.working = j.at("working").get<std::array<bool, 7>>();
    for (const auto& [date, name] : j.at("holidays").items()) {
      Days d;
      if (!parse_iso_date(date, d)) return false;
      out.holidays[d] = name.get<std::string>();
    }
    if (j.contains("working_hours")) {
      out.work_start = j["working_hours"].at(0).get<int>();
      out.work_end = j["working_hours"].at(1).get<int>();
    }
    out.time_zone = j.value("time_zone", "");
    if (!out.time_zone.empty() && !(out.zone = find_time_zone(out.time_zone))) return false;
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

static json writes_to_json(const std::vector<AttrWrite>& ws) {
  json a = json::array();
  for (const auto& w : ws)
    a.push_back(
        {{"attr", w.attr}, {"key", w.key}, {"field", w.field}, {"value", value_to_json(w.value)}});
  return a;
}

// A logged migration: {"steps": {old: new}, "tasks": {"old": new|0},
// "expect": {"hash", "step"}}. Positions are not kept.
static json migration_to_json(const LogMigration& m) {
  json steps = json::object(), tasks = json::object();
  for (const auto& s : m.map.steps) steps[s.from] = s.to;
  for (const auto& t : m.map.tasks) tasks[std::to_string(t.from)] = t.to;
  return {{"steps", steps},
          {"tasks", tasks},
          {"expect", {{"hash", m.expect_hash}, {"step", m.expect_step}}}};
}

static bool migration_from_json(const json& j, LogMigration& out) {
  for (const auto& [from, to] : j.at("steps").items())
    out.map.steps.push_back(StepMapping{{}, from, to.get<std::string>(), {}});
  for (const auto& [from, to] : j.at("tasks").items()) {
    int64_t id = 0;
    auto [end, ec] = std::from_chars(from.data(), from.data() + from.size(), id);
    if (ec != std::errc() || end != from.data() + from.size()) return false;
    out.map.tasks.push_back(TaskMapping{{}, id, to.get<int64_t>(), {}});
  }
  out.expect_hash = j.at("expect").at("hash").get<std::string>();
  out.expect_step = j.at("expect").at("step").get<std::string>();
  return true;
}

json log_to_json(const LogInput& in) {
  const Input& i = in.input;
  json j{{"op", to_string(in.op)},
         {"playbook", in.playbook},
         {"at", format_iso_instant(in.at)},
         {"actor", i.actor}};
  if (!i.event.empty()) j["event"] = i.event;
  if (!i.sets.empty()) j["sets"] = i.sets;
  if (!i.note.empty()) j["note"] = {{"kind", to_string(i.note_kind)}, {"text", i.note}};
  if (i.task) j["task"] = i.task;
  if (in.op == InputOp::Mark) j["state"] = to_string(i.status);
  if (in.op == InputOp::Tick)
    j["timer"] = {{"step", i.timer.step},
                  {"transition", i.timer.transition},
                  {"due", format_iso_instant(i.timer.due)}};
  if (!in.writes.empty()) j["writes"] = writes_to_json(in.writes);
  if (is_assignment(in.op))
    j["assign"] = {{"queue", to_string(in.assign.queue)},
                   {"name", in.assign.name},
                   {"primary", in.assign.primary}};
  if (!in.pins.empty()) j["pins"] = in.pins;
  if (!in.calendar.empty()) j["calendar"] = in.calendar;
  if (in.op == InputOp::Migrate) j["migration"] = migration_to_json(in.migration);
  return j;
}

// A kind is stored as its id (the built-ins as they always were: "status",
// "technical", "engagement"); which ids a playbook has is the evaluator's check.
static bool note_kind_from(const std::string& s, NoteKind& k) {
  if (s.empty()) return false;
  k = NoteKind{s};
  return true;
}

static bool writes_from_json(const json& a, std::vector<AttrWrite>& out) {
  for (const auto& w : a) {
    AttrWrite x{w.at("attr").get<std::string>(),
                w.at("key").get<std::string>(),
                w.at("field").get<std::string>(),
                {}};
    if (!value_from_json(w.at("value"), x.value)) return false;
    out.push_back(std::move(x));
  }
  return true;
}

// assign / unassign: the tenant-level input that changes one RM/FM assignment.
static bool assign_from_json(const json& a, LogInput& out) {
  std::string queue = a.at("queue").get<std::string>();
  if (queue != "rm" && queue != "fm") return false;
  out.input.kind = InputKind::Set;
  out.assign =
      AssignChange{queue == "fm" ? QueueKind::FM : QueueKind::RM, a.at("name").get<std::string>(),
                   a.value("primary", false), out.op == InputOp::Assign};
  return true;
}

bool log_from_json(const json& j, LogInput& out) {
  try {
    Input& i = out.input;
    if (!parse_input_op(j.at("op").get<std::string>(), out.op)) return false;
    i.kind = input_kind(out.op);
    if (is_assignment(out.op) && !assign_from_json(j.at("assign"), out)) return false;
    out.playbook = j.value("playbook", "");
    i.actor = j.value("actor", "");
    if (!parse_iso_instant(j.at("at").get<std::string>(), out.at)) return false;
    i.event = j.value("event", "");
    if (j.contains("sets"))
      i.sets = j["sets"].get<std::vector<std::pair<std::string, std::string>>>();
    if (j.contains("note")) {
      i.note = j["note"].at("text").get<std::string>();
      if (!note_kind_from(j["note"].at("kind").get<std::string>(), i.note_kind)) return false;
    }
    i.task = j.value("task", int64_t{0});
    if (out.op == InputOp::Mark && !parse_task_status(j.at("state").get<std::string>(), i.status))
      return false;
    if (j.contains("timer")) {
      i.timer.step = j["timer"].at("step").get<std::string>();
      i.timer.transition = j["timer"].at("transition").get<uint32_t>();
      if (!parse_iso_instant(j["timer"].at("due").get<std::string>(), i.timer.due)) return false;
    }
    if (j.contains("writes") && !writes_from_json(j["writes"], out.writes)) return false;
    if (j.contains("pins")) out.pins = j["pins"].get<std::map<std::string, std::string>>();
    out.calendar = j.value("calendar", "");
    if (out.op == InputOp::Migrate && !migration_from_json(j.at("migration"), out.migration))
      return false;
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

json visits_to_json(const std::map<std::string, int64_t, std::less<>>& v) {
  json j = json::object();
  for (const auto& [k, n] : v) j[k] = n;
  return j;
}

bool visits_from_json(const json& j, std::map<std::string, int64_t, std::less<>>& out) {
  if (!j.is_object()) return false;
  for (const auto& [k, n] : j.items()) {
    if (!n.is_number_integer()) return false;
    out[k] = n.get<int64_t>();
  }
  return true;
}

json arrived_to_json(const std::map<std::string, Instant, std::less<>>& a) {
  json j = json::object();
  for (const auto& [k, t] : a) j[k] = t.time_since_epoch().count();
  return j;
}

bool arrived_from_json(const json& j, std::map<std::string, Instant, std::less<>>& out) {
  if (!j.is_object()) return false;
  for (const auto& [k, n] : j.items()) {
    if (!n.is_number_integer()) return false;
    out[k] = Instant{std::chrono::seconds{n.get<int64_t>()}};
  }
  return true;
}

json regions_to_json(const std::vector<RegionState>& r) {
  json j = json::array();
  for (const auto& x : r)
    j.push_back({{"id", x.id}, {"step", x.step}, {"entered_at", to_secs(x.entered_at)}});
  return j;
}

bool regions_from_json(const json& j, std::vector<RegionState>& out) {
  if (!j.is_array()) return false;
  for (const auto& x : j) {
    if (!x.is_object() || !x.contains("id") || !x["id"].is_string() || !x.contains("step") ||
        !x["step"].is_string() || !x.contains("entered_at") || !x["entered_at"].is_number_integer())
      return false;
    out.push_back(RegionState{x["id"].get<std::string>(), x["step"].get<std::string>(),
                              from_secs(x["entered_at"].get<int64_t>())});
  }
  return true;
}

json returns_to_json(const std::map<std::string, std::string, std::less<>>& r) {
  json j = json::object();
  for (const auto& [k, v] : r) j[k] = v;
  return j;
}

bool returns_from_json(const json& j, std::map<std::string, std::string, std::less<>>& out) {
  if (!j.is_object()) return false;
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) return false;
    out[k] = v.get<std::string>();
  }
  return true;
}

std::string content_hash(std::string_view text) {
  uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
  for (unsigned char ch : text) {
    a = (a ^ ch) * 0x100000001b3ULL;
    b = (b ^ (ch + 0x9e)) * 0x100000001b3ULL;
    b ^= b >> 29;
  }
  return fmt::format("{:016x}{:016x}", a, b);
}

}  // namespace pb::rt
