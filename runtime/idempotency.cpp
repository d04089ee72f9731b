// idempotency.cpp — what a used idempotency key answers (engine_impl.hpp,
// docs/runtime.md): the identical command gets its first event back as a
// duplicate; any other command is refused `key-reused` (exit 1), naming the
// first event.
//
// A command is identical when its canonical text is: tenant, operation,
// playbook, event or task, the payload sets in order, the note with its
// kind, and the actor. Not the time (a retry comes later) and nothing the
// engine derives. A key saved before the command was stored (command '') is
// compared with the command rebuilt from its event's logged input, so it
// behaves exactly like a new one.
#include <fmt/format.h>

#include "engine_impl.hpp"

namespace pb::rt {

namespace {

using json = nlohmann::json;

json command_json(const std::string& tenant, const LogInput& in) {
  const Input& i = in.input;
  json j = {
      {"tenant", tenant}, {"op", to_string(in.op)}, {"playbook", in.playbook}, {"actor", i.actor}};
  if (!i.event.empty()) j["event"] = i.event;
  if (i.task) j["task"] = i.task;
  if (in.op == InputOp::Mark) j["state"] = to_string(i.status);
  if (!i.sets.empty()) j["sets"] = i.sets;
  if (!i.note.empty()) j["note"] = {{"text", i.note}, {"kind", to_string(i.note_kind)}};
  return j;
}

// The command of an event, from its logged input ("" when unreadable).
std::string command_of_event(Store& s, int64_t event) {
  Query q(s, "SELECT tenant, input FROM events WHERE id = ?");
  q.bind(1, event);
  if (!q.step()) return "";
  LogInput li;
  if (!log_from_json(json::parse(q.text(1), nullptr, false), li)) return "";
  return command_text(q.text(0), li);
}

// "fire paused on tenant 'acme'" for a person.
std::string describe(const std::string& command) {
  json j = json::parse(command, nullptr, false);
  if (!j.is_object()) return "another command";
  std::string what = j.value("op", "");
  if (j.contains("event"))
    what += " " + j.value("event", "");
  else if (j.contains("task"))
    what += " " + j["task"].dump() + (j.contains("state") ? " " + j.value("state", "") : "");
  else if (!j.value("playbook", "").empty())
    what += " " + j.value("playbook", "");
  return fmt::format("{} on tenant '{}' by {}", what, j.value("tenant", ""), j.value("actor", ""));
}

}  // namespace

std::string command_text(const std::string& tenant, const LogInput& in) {
  return command_json(tenant, in).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Response> answer_key(Store& s, const std::string& key, const std::string& command) {
  auto use = find_key(s, key);
  if (!use) return std::nullopt;
  std::string first = use->command.empty() ? command_of_event(s, use->event) : use->command;
  if (first != command)
    return failure(
        kRefused, RefusalCode::KeyReused,
        fmt::format("the idempotency key '{}' was already used for another command: event {} ({}); "
                    "only the identical command is a duplicate",
                    key, use->event, describe(first)));
  Response r;
  r.duplicate = true;
  r.event = use->event;
  r.message = fmt::format("already applied (event {})", use->event);
  return r;
}

}  // namespace pb::rt
