// frontend.hpp — text → model, and model → text, for both file forms.
//
// Contract:
//  * Every parse function takes the text and the source name used in
//    diagnostics; none throws. On bad input they add diagnostics (with 1-based
//    line:col inside `filename`) and return what they could build, or nullopt
//    when nothing usable was read.
//  * Printers are canonical: printing a model parsed from printed text yields
//    the same bytes (fmt is idempotent). Comments in the model are printed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace pb {

// ---- shared text checks (UTF-8 validity, control and invisible characters, tabs)
// Reports PB002 (invalid UTF-8), PB003 (control character, invisible
// character), PB004 (tab, warning, only when `report_tabs`). Returns false
// when the text must not be parsed (invalid UTF-8, a control character).
bool check_text(std::string_view text, const std::string& filename, Diagnostics& diags,
                bool report_tabs);

// ---- DSL (grammar/dsl_*.cpp)
std::optional<Playbook> parse_dsl(std::string_view text, const std::string& filename,
                                  Diagnostics& diags);

// Parses one expression. `base` is where text[0] stands in its file, so that
// diagnostics and node locations point into the enclosing file (YAML scalars).
std::optional<Expr> parse_expression(std::string_view text, const Loc& base, Diagnostics& diags);

std::string print_dsl(const Playbook& pb);  // canonical DSL
// The canonical DSL without comments: the model as content, what names a
// version (source/version_id.hpp). Equal models print equal, whichever form
// and file they were read from.
std::string print_dsl_model(const Playbook& pb);
std::string print_dsl(const Playbook& pb, bool keep_comments);
std::string print_expr(const Expr& e);  // canonical expression text

// ---- YAML (grammar/yaml_*.cpp)
std::optional<Playbook> parse_yaml_playbook(std::string_view text, const std::string& filename,
                                            Diagnostics& diags);
std::optional<Schema> parse_yaml_schema(std::string_view text, const std::string& filename,
                                        Diagnostics& diags);
std::string print_yaml(const Playbook& pb);  // canonical YAML form

}  // namespace pb
