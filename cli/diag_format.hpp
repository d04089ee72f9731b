// diag_format.hpp — prints Diagnostics for people and for machines.
//
// Contract (docs/lint-codes.md):
//  * text:   `file:line:col: error: message (did you mean 'x'?) [PB030]`, one per
//            line; a suppressed finding ends with `(suppressed at F:L:C: reason)`;
//            with `context` the source line and a caret follow each;
//            with `color` ANSI colours are used. Nothing else is printed.
//  * json:   an array of {file, line, column, severity, code, message, hint},
//            plus `relatedLocations` [{file, line, column, message}] when the
//            finding names other places and `suppression` {kind, justification,
//            file, line, column} when it is suppressed.
//  * sarif:  SARIF 2.1.0 — runs[0].tool.driver (informationUri, and rules with
//            each code used, its summary and helpUri into docs/lint-codes.md);
//            results carry ruleId, ruleIndex, level, message.text, a
//            physicalLocation (artifactLocation, region.startLine/Column),
//            relatedLocations and suppressions (kind inSource/external,
//            justification). A relative path is a relative reference to the
//            uriBaseId SRCROOT (the run's originalUriBaseIds: `base_dir`), an
//            absolute one under it too, any other absolute path a file:// URI.
//  * github: `::error file=F,line=L,col=C,title=PB030::message` workflow commands.
// The caller sorts (Diagnostics::sort); printers keep the given order. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostics.hpp"

namespace pb::cli {

enum class DiagFormat { Text, Json, Sarif, Github };

std::optional<DiagFormat> parse_diag_format(std::string_view name);

struct TextStyle {
  bool color = false;    // ANSI colours
  bool context = false;  // quote the source line and put a caret under the column
};

// Whether text output is coloured: when asked (--color); else on a terminal,
// unless NO_COLOR is set and not empty (https://no-color.org). `no_color`
// is the variable's value, nullptr when unset.
bool wants_color(bool asked, bool tty, const char* no_color);

// path → file text, to quote source lines (LoadResult::sources).
using Sources = std::map<std::string, std::string>;

struct SarifOptions {
  std::string base_dir;  // absolute directory relative paths are relative to; "" = none declared
  std::string docs_url;  // docs/lint-codes.md as an absolute URI; "" = the built-in one
};

// The built-in location of docs/lint-codes.md (PB_DOCS_URL at build time).
std::string_view lint_docs_url();

std::string format_text(const Diagnostics& diags, const Sources& sources, TextStyle style);
std::string format_json(const Diagnostics& diags);
std::string format_sarif(const Diagnostics& diags, const SarifOptions& options = {});
std::string format_github(const Diagnostics& diags);
std::string format_diagnostics(DiagFormat f, const Diagnostics& diags, const Sources& sources,
                               TextStyle style, const SarifOptions& sarif = {});

// "2 errors, 1 warning in 5 files" / "no problems in 5 files", then
// " (3 suppressed)" when some were.
std::string summary_line(const Diagnostics& diags, size_t files, size_t suppressed = 0);

}  // namespace pb::cli
