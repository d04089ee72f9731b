// yaml_keys.cpp — the key tables of yaml_keys.hpp (docs/language.md, YAML column).
#include "yaml_keys.hpp"

namespace pb::yaml {

const std::map<std::string, KeyTable>& known_keys() {
  static const std::map<std::string, KeyTable> tables = {
      {"playbook", {"playbook",    "title",    "version",  "phase",     "motions", "owner",
                    "note_prefix", "calendar", "scope",    "next",      "roles",   "note_kinds",
                    "tasks",       "groups",   "events",   "externals", "tenant",  "extend",
                    "rules",       "start",    "anywhere", "steps"}},
      {"anywhere", {"except", "transitions"}},
      {"role", {"id", "name"}},
      {"note_kind", {"id", "name"}},
      {"extend", {"enum", "values"}},
      {"task", {"id", "name", "mandatory", "role", "services"}},
      {"group", {"id", "title", "exactly_one"}},
      {"event", {"id", "title", "payload"}},
      {"external", {"id", "title"}},
      {"attribute", {"type", "title", "values", "key", "fields", "calendar"}},
      {"rule", {"id", "message", "on", "require"}},
      {"rule_on", {"complete", "set", "event"}},
      {"step",
       {"id", "title", "renamed_from", "role", "services", "instructions", "tasks",
        "require_mandatory_tasks", "enter", "parallel", "call", "transitions", "end", "goto",
        "handoff", "done"}},
      {"region", {"region", "title", "steps"}},
      {"transition",
       {"event", "task", "after", "at", "remind", "every", "since", "text", "when", "otherwise",
        "join", "return", "to", "do"}},
      {"action",
       {"complete", "reset", "mark", "note", "set", "assign", "unassign", "send", "require", "each",
        "mark_contact"}},  // in ActionKind's order
      {"mark_contact", {"contact", "flag"}},
      {"mark", {"task", "state"}},
      {"scope", {"records", "service", "where"}},
      {"note", {"kind", "text"}},
      {"set", {"path", "value", "expr"}},
      {"assign", {"queue", "name", "me", "primary"}},
      {"unassign", {"queue", "name", "me"}},
      {"send", {"template", "to", "to_contacts", "cc_contacts"}},
      {"require", {"expr", "message", "code"}},
      {"each", {"var", "in", "where", "do"}},
      {"schema_file", {"schema", "attributes", "rules"}},
      {"calendar_file",
       {"calendar", "country", "time_zone", "working_days", "working_hours", "holidays"}},
      {"holiday", {"date", "name"}},
      {"migration_file", {"migration", "steps", "tasks"}},
  };
  return tables;
}

const KeyTable& keys(const std::string& construct) { return known_keys().at(construct); }

const KeyTable& action_kinds() { return keys("action"); }

}  // namespace pb::yaml
