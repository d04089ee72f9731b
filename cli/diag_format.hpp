// diag_format.hpp — prints Diagnostics for people and for machines.
//
// Contract (DESIGN §4, docs/lint-codes.md):
//  * text:   `file:line:col: error: message (did you mean 'x'?) [PB030]`, one per
//            line; with `context` the source line and a caret follow each;
//            with `color` ANSI colours are used. Nothing else is printed.
//  * json:   an array of {file, line, column, severity, code, message, hint}.
//  * sarif:  SARIF 2.1.0 — runs[0].tool.driver.rules lists each code used;
//            results carry ruleId, ruleIndex, level, message.text and a
//            physicalLocation (artifactLocation.uri, region.startLine/Column).
//  * github: `::error file=F,line=L,col=C,title=PB030::message` workflow commands.
// The caller sorts (Diagnostics::sort); printers keep the given order. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "interpreter/diagnostics.hpp"

namespace pb::cli {

enum class DiagFormat { Text, Json, Sarif, Github };

std::optional<DiagFormat> parse_diag_format(std::string_view name);

struct TextStyle {
  bool color = false;    // ANSI colours
  bool context = false;  // quote the source line and put a caret under the column
};

// path → file text, to quote source lines (LoadResult::sources).
using Sources = std::map<std::string, std::string>;

std::string format_text(const Diagnostics& diags, const Sources& sources, TextStyle style);
std::string format_json(const Diagnostics& diags);
std::string format_sarif(const Diagnostics& diags);
std::string format_github(const Diagnostics& diags);
std::string format_diagnostics(DiagFormat f, const Diagnostics& diags, const Sources& sources,
                               TextStyle style);

// "2 errors, 1 warning in 5 files" / "no problems in 5 files".
std::string summary_line(const Diagnostics& diags, size_t files);

// One-line description of a code ("undefined step"); "" for an unknown code.
std::string_view code_summary(std::string_view code);

}  // namespace pb::cli
