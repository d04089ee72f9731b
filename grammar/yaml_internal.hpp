// yaml_internal.hpp — the per-construct readers of the YAML loader, shared by
// yaml_loader.cpp, yaml_catalog.cpp and yaml_steps.cpp. Not a public API.
//
// Contract: each reader takes a Field (the YAML value and where it stands),
// reports every problem through the Reader and appends what it could build.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "yaml_reader.hpp"

namespace pb::yaml {

// text → the one YAML document of a file; PB001/PB002/PB006/PB013 on failure.
std::optional<YAML::Node> load_document(std::string_view text, const std::string& filename,
                                        Diagnostics& diags);

// Identifier `[A-Za-z_][A-Za-z0-9_]*`, slug `[a-z0-9][a-z0-9-]*`, path `ID(.ID)*`.
bool is_ident(std::string_view s);
bool is_slug(std::string_view s);
bool is_path(std::string_view s);
bool ident(Reader& r, const Field& f, std::string& out);
bool slug(Reader& r, const Field& f, std::string& out);
bool path(Reader& r, const Field& f, std::string& out);

// Free-function forms of the Reader's scalar reads, for read_key.
inline bool str(Reader& r, const Field& f, std::string& o) { return r.str(f, o); }
inline bool integer(Reader& r, const Field& f, int64_t& o) { return r.integer(f, o); }
inline bool boolean(Reader& r, const Field& f, bool& o) { return r.boolean(f, o); }
inline bool str_list(Reader& r, const Field& f, std::vector<std::string>& o) {
  return r.str_list(f, o);
}
inline bool int_list(Reader& r, const Field& f, std::vector<int64_t>& o) {
  return r.int_list(f, o);
}
bool slug_list(Reader& r, const Field& f, std::vector<std::string>& out,
               std::vector<Loc>* locs = nullptr);

// Reads key `key` of mapping `map` into `out` with `fn`, when present; PB014
// when `required` and absent. Returns false when something was wrong.
template <class T, class Fn>
bool read_key(Reader& r, const Field& map, const char* key, T& out, Fn fn, bool required = false) {
  auto f = r.get(map, key, required);
  return f ? fn(r, *f, out) : !required;
}

// Like read_key, also recording the value's position in `at`.
template <class T, class Fn>
bool read_key_at(Reader& r, const Field& map, const char* key, T& out, Loc& at, Fn fn,
                 bool required = false) {
  auto f = r.get(map, key, required);
  if (f) at = f->loc;
  return f ? fn(r, *f, out) : !required;
}

// The items of list `f`, each checked as a mapping of construct `what`.
std::vector<Field> items(Reader& r, const Field& f, const std::string& what);

void read_roles(Reader& r, const Field& f, std::vector<Role>& out);
void read_note_kinds(Reader& r, const Field& f, std::vector<NoteKindDecl>& out);
void read_extends(Reader& r, const Field& f, std::vector<EnumExtension>& out);
void read_tasks(Reader& r, const Field& f, std::vector<Task>& out);
void read_groups(Reader& r, const Field& f, std::vector<TaskGroup>& out);
void read_events(Reader& r, const Field& f, std::vector<EventDecl>& out);
void read_externals(Reader& r, const Field& f, std::vector<External>& out);
void read_attributes(Reader& r, const Field& f, std::vector<Attribute>& out, int depth);
void read_rules(Reader& r, const Field& f, std::vector<Rule>& out);
void read_steps(Reader& r, const Field& f, std::vector<Step>& out);
void read_anywhere(Reader& r, const Field& f, std::optional<Anywhere>& out);

// "business days" → the unit ("business day", "month"… singular too).
bool parse_unit(std::string_view u, DurationUnit& out);
// Splits "  12  rest" into 12 and "rest"; false without leading digits.
bool leading_int(std::string_view& s, int64_t& out);
// `after: {PATH: {KEY: "N UNIT", …, else: "N UNIT"}}` (yaml_wait.cpp).
void read_wait(Reader& r, const Field& f, Transition& t);
void read_scope(Reader& r, const Field& f, std::optional<ServiceScope>& out);
std::vector<Action> read_actions(Reader& r, const Field& f, int depth);

}  // namespace pb::yaml
