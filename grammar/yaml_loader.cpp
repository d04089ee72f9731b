// yaml_loader.cpp — parse_yaml_playbook and parse_yaml_schema (frontend.hpp):
// the document, the playbook header, and the dispatch to the construct
// readers in yaml_catalog.cpp and yaml_steps.cpp.
//
// Contract: never throws; yaml-cpp's exceptions become PB001 (syntax) or
// PB006 (too deep) at their 1-based position. Keys of the root mapping are
// read in file order so comments are handed to the right node.
#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include "frontend.hpp"
#include "region_ids.hpp"
#include "templates.hpp"
#include "yaml_internal.hpp"

namespace pb::yaml {

namespace {

constexpr size_t kMaxFileBytes = 32u << 20;

Loc mark_loc(const std::string& filename, const YAML::Mark& m) {
  auto file = std::make_shared<const std::string>(filename);
  if (m.is_null() || m.line < 0) return Loc{file, 1, 1};
  return Loc{file, static_cast<uint32_t>(m.line + 1), static_cast<uint32_t>(m.column + 1)};
}

// The line of a `---` that starts a second document (after content), or 0.
uint32_t second_document_line(std::string_view text) {
  bool content = false;
  uint32_t line = 1;
  for (size_t i = 0; i < text.size(); ++line) {
    size_t end = std::min(text.find('\n', i), text.size());
    std::string_view l = text.substr(i, end - i);
    bool marker = l.starts_with("---") && (l.size() == 3 || l[3] == ' ' || l[3] == '\r');
    if (marker && content) return line;
    if (!l.empty() && l[0] != '#' && l[0] != '%' && l[0] != '\r') content = true;
    i = end + 1;
  }
  return 0;
}

}  // namespace

std::optional<YAML::Node> load_document(std::string_view text, const std::string& filename,
                                        Diagnostics& diags) {
  Loc start = mark_loc(filename, YAML::Mark::null_mark());
  if (text.size() > kMaxFileBytes) {
    diags.error(start, LintCode::TooDeepOrLarge,
                fmt::format("file larger than {} MB", kMaxFileBytes >> 20));
    return std::nullopt;
  }
  if (!check_text(text, filename, diags, false)) return std::nullopt;
  try {
    // Not YAML::LoadAll: yaml-cpp 0.7 loops forever on some broken later documents.
    YAML::Node doc = YAML::Load(std::string(text));
    if (uint32_t line = second_document_line(text))
      diags.error(Loc{start.file, line, 1}, LintCode::SyntaxError,
                  "a file holds one YAML document; a second one starts here");
    if (doc.IsNull()) {
      diags.error(start, LintCode::EmptyValue, "the file is empty");
      return std::nullopt;
    }
    return doc;
  } catch (const YAML::DeepRecursion& e) {
    diags.error(mark_loc(filename, e.mark), LintCode::TooDeepOrLarge, "YAML nested too deeply");
  } catch (const YAML::Exception& e) {
    diags.error(mark_loc(filename, e.mark), LintCode::SyntaxError,
                fmt::format("YAML syntax error: {}", e.msg));
  } catch (const std::exception& e) {
    diags.error(start, LintCode::TooDeepOrLarge, fmt::format("cannot read YAML: {}", e.what()));
  }
  return std::nullopt;
}

bool is_ident(std::string_view s) {
  if (s.empty() || !(isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

bool is_slug(std::string_view s) {
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (s.empty() || !ok(s[0])) return false;
  for (char c : s)
    if (!(ok(c) || c == '-')) return false;
  return true;
}

bool is_path(std::string_view s) {
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '.') continue;
    if (!is_ident(s.substr(start, i - start))) return false;
    start = i + 1;
  }
  return true;
}

namespace {

bool shaped(Reader& r, const Field& f, std::string& out, bool (*ok)(std::string_view),
            const char* what) {
  if (!r.id(f, out)) return false;
  if (ok(out)) return true;
  r.invalid(f.loc, fmt::format("{} must be {}; got '{}'", f.name, what, out));
  return false;
}

}  // namespace

bool ident(Reader& r, const Field& f, std::string& out) {
  return shaped(r, f, out, is_ident, "an identifier (letters, digits, _)");
}
bool slug(Reader& r, const Field& f, std::string& out) {
  return shaped(r, f, out, is_slug, "a slug (lower-case letters, digits, -)");
}
bool path(Reader& r, const Field& f, std::string& out) {
  return shaped(r, f, out, is_path, "a path (identifiers joined by '.')");
}

bool slug_list(Reader& r, const Field& f, std::vector<std::string>& out, std::vector<Loc>* locs) {
  if (!r.str_list(f, out, locs)) return false;
  bool ok = true;
  for (const auto& s : out)
    if (!is_slug(s)) {
      r.invalid(f.loc, fmt::format("{} must hold slugs; got '{}'", f.name, s));
      ok = false;
    }
  return ok;
}

namespace {

// One key of the playbook's root mapping.
void read_header_key(Reader& r, const Field& f, Playbook& p) {
  const std::string k = f.name.substr(1, f.name.size() - 2);
  if (k == "playbook")
    slug(r, f, p.id);
  else if (k == "title")
    r.str(f, p.title);
  else if (k == "version")
    r.integer(f, p.version);
  else if (k == "phase")
    r.str(f, p.phase);
  else if (k == "motions")
    r.str_list(f, p.motions);
  else if (k == "owner")
    r.str(f, p.owner);
  else if (k == "note_prefix")
    r.str(f, p.note_prefix);
  else if (k == "calendar")
    p.calendar_loc = f.loc, path(r, f, p.calendar);
  else if (k == "scope")
    read_scope(r, f, p.scope);
  else if (k == "next")
    slug_list(r, f, p.next, &p.next_locs);
  else if (k == "roles")
    read_roles(r, f, p.roles);
  else if (k == "note_kinds")
    read_note_kinds(r, f, p.note_kinds);
  else if (k == "tasks")
    read_tasks(r, f, p.tasks);
  else if (k == "groups")
    read_groups(r, f, p.groups);
  else if (k == "events")
    read_events(r, f, p.events);
  else if (k == "externals")
    read_externals(r, f, p.externals);
  else if (k == "extend")
    read_extends(r, f, p.extends);
  else if (k == "rules")
    read_rules(r, f, p.rules);
  else if (k == "start")
    p.start_loc = f.loc, ident(r, f, p.start);
  else if (k == "steps")
    read_steps(r, f, p.steps);
  else if (k == "anywhere")
    read_anywhere(r, f, p.anywhere);
  else if (k == "tenant") {
    p.tenant.loc = f.key_loc;
    p.tenant.comments = r.comments(Field{f.name, f.node, f.key_loc, f.key_loc, nullptr});
    read_attributes(r, f, p.tenant.attributes, 1);
  }
}

}  // namespace

// Every key of the checked mapping `root` in file order (first occurrences).
template <class Fn>
void each_key(Reader& r, const Field& root, Fn fn) {
  for (const auto& k : *root.keys) fn(r.entry(k));
}

}  // namespace pb::yaml

namespace pb {

std::optional<Playbook> parse_yaml_playbook(std::string_view text, const std::string& filename,
                                            Diagnostics& diags) {
  using namespace yaml;
  auto doc = load_document(text, filename, diags);
  if (!doc) return std::nullopt;
  Reader r(text, filename, diags);
  Field root = r.root(*doc, "the playbook");
  Playbook p;
  p.loc = root.loc;
  p.comments = r.comments(root);
  if (!r.mapping(root, keys("playbook"))) return std::nullopt;
  r.get(root, "playbook", true);
  each_key(r, root, [&](const Field& f) { read_header_key(r, f, p); });
  p.trailing = Comments{r.source.take_final()};
  check_parallel_ids(p, diags);
  fill_templates(p, diags);
  return p;
}

std::optional<Schema> parse_yaml_schema(std::string_view text, const std::string& filename,
                                        Diagnostics& diags) {
  using namespace yaml;
  auto doc = load_document(text, filename, diags);
  if (!doc) return std::nullopt;
  Reader r(text, filename, diags);
  Field root = r.root(*doc, "the schema file");
  Schema s;
  s.loc = root.loc;
  s.comments = r.comments(root);
  if (!r.mapping(root, keys("schema_file"))) return std::nullopt;
  std::string kind;
  if (auto k = r.get(root, "schema", true); k && ident(r, *k, kind) && kind != "tenant")
    r.invalid(k->loc, fmt::format("'schema' must be 'tenant'; got '{}'", kind));
  each_key(r, root, [&](const Field& f) {
    if (f.name == "'attributes'")
      read_attributes(r, f, s.attributes, 1);
    else if (f.name == "'rules'")
      read_rules(r, f, s.rules);
  });
  return s;
}

}  // namespace pb
