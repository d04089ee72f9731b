// log_text.cpp — log_text (log_text.hpp): a small JSON writer for the one
// shape log_to_json builds. Objects are written with their keys in byte
// order, as nlohmann's std::map orders them; a change to log_to_json must
// be made here too (the codec test fails until it is).
#include "log_text.hpp"

#include <fmt/format.h>

#include <map>

#include "model/calendar_math.hpp"
#include "text.hpp"

namespace pb::rt {

namespace {

using json = nlohmann::json;

// A JSON string as nlohmann's dump() escapes it (ensure_ascii off).
void put_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20)
          out += fmt::format("\\u{:04x}", c);
        else
          out += char(c);
    }
  }
  out += '"';
}

// An object being written: members must come in key order.
class Obj {
 public:
  explicit Obj(std::string& out) : out_(out) { out_ += '{'; }
  ~Obj() { out_ += '}'; }
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  std::string& key(std::string_view k) {
    if (!first_) out_ += ',';
    first_ = false;
    put_string(out_, k);
    out_ += ':';
    return out_;
  }
  void text(std::string_view k, std::string_view v) { put_string(key(k), v); }
  void number(std::string_view k, int64_t v) { key(k) += std::to_string(v); }

 private:
  std::string& out_;
  bool first_ = true;
};

void put_sets(std::string& out, const std::vector<std::pair<std::string, std::string>>& sets) {
  out += '[';
  for (size_t i = 0; i < sets.size(); ++i) {
    if (i) out += ',';
    out += '[';
    put_string(out, sets[i].first);
    out += ',';
    put_string(out, sets[i].second);
    out += ']';
  }
  out += ']';
}

void put_writes(std::string& out, const std::vector<AttrWrite>& ws) {
  out += '[';
  for (size_t i = 0; i < ws.size(); ++i) {
    if (i) out += ',';
    Obj o(out);
    o.text("attr", ws[i].attr);
    o.text("field", ws[i].field);
    o.text("key", ws[i].key);
    o.key("value") += value_to_json(ws[i].value).dump();
  }
  out += ']';
}

// {"expect": {"hash", "step"}, "steps": {old: new}, "tasks": {"old": new}}:
// a map given twice keeps its last entry, as assigning into a json does.
void put_migration(std::string& out, const LogMigration& m) {
  Obj o(out);
  {
    Obj e(o.key("expect"));
    e.text("hash", m.expect_hash);
    e.text("step", m.expect_step);
  }
  std::map<std::string, std::string> steps;
  for (const auto& s : m.map.steps) steps[s.from] = s.to;
  std::map<std::string, int64_t> tasks;
  for (const auto& t : m.map.tasks) tasks[std::to_string(t.from)] = t.to;
  {
    Obj s(o.key("steps"));
    for (const auto& [from, to] : steps) s.text(from, to);
  }
  Obj t(o.key("tasks"));
  for (const auto& [from, to] : tasks) t.number(from, to);
}

void put_record(std::string& out, const LogInput& in) {
  const Input& i = in.input;
  Obj o(out);
  o.text("actor", i.actor);
  if (is_assignment(in.op)) {
    Obj a(o.key("assign"));
    a.text("name", in.assign.name);
    a.key("primary") += in.assign.primary ? "true" : "false";
    a.text("queue", to_string(in.assign.queue));
  }
  o.text("at", format_iso_instant(in.at));
  if (!in.calendar.empty()) o.text("calendar", in.calendar);
  if (!i.event.empty()) o.text("event", i.event);
  if (in.op == InputOp::Migrate) put_migration(o.key("migration"), in.migration);
  if (!i.note.empty()) {
    Obj n(o.key("note"));
    n.text("kind", to_string(i.note_kind));
    n.text("text", i.note);
  }
  o.text("op", to_string(in.op));
  if (!in.pins.empty()) {
    Obj p(o.key("pins"));
    for (const auto& [id, hash] : in.pins) p.text(id, hash);
  }
  o.text("playbook", in.playbook);
  if (!i.sets.empty()) put_sets(o.key("sets"), i.sets);
  if (in.op == InputOp::Mark) o.text("state", to_string(i.status));
  if (i.task) o.number("task", i.task);
  if (in.op == InputOp::Tick) {
    Obj t(o.key("timer"));
    t.text("due", format_iso_instant(i.timer.due));
    t.text("step", i.timer.step);
    t.number("transition", i.timer.transition);
  }
  if (!in.writes.empty()) put_writes(o.key("writes"), in.writes);
}

}  // namespace

std::string log_text(const LogInput& in) {
  std::string out;
  out.reserve(512);
  put_record(out, in);
  // dump() refuses invalid UTF-8; the text rules keep it out of inputs, so
  // this is the rare path that lets it say so.
  if (invalid_utf8_at(out)) return log_to_json(in).dump();
  return out;
}

}  // namespace pb::rt
