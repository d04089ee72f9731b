// diag_format_text.cpp — the text form of diagnostics (with optional source
// context and colours) and the summary line.
#include <fmt/color.h>
#include <fmt/format.h>

#include "diag_format.hpp"

namespace pb::cli {

namespace {

// The text of line `line` (1-based) of `text`, without its newline.
std::string_view line_of(std::string_view text, uint32_t line) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  auto s = text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

// The source line and a caret under `col` (tabs kept so the caret lines up).
std::string context_lines(const Diagnostic& d, const Sources& sources, bool color) {
  auto it = sources.find(d.loc.filename());
  if (it == sources.end() || d.loc.line == 0) return {};
  auto src = line_of(it->second, d.loc.line);
  if (src.size() > 400) return {};  // a 10 MB line is not worth quoting
  std::string pad;
  for (size_t i = 0; i + 1 < d.loc.col && i < src.size(); ++i) pad += src[i] == '\t' ? '\t' : ' ';
  std::string caret = color ? fmt::format(fmt::emphasis::bold | fg(fmt::terminal_color::green), "^")
                            : std::string("^");
  return fmt::format("  {}\n  {}{}\n", src, pad, caret);
}

// Bold and the severity's colour: errors red, warnings magenta, notes cyan.
fmt::text_style severity_style(Severity s) {
  auto colour = s == Severity::Error     ? fmt::terminal_color::red
                : s == Severity::Warning ? fmt::terminal_color::magenta
                                         : fmt::terminal_color::cyan;
  return fmt::emphasis::bold | fg(colour);
}

}  // namespace

std::optional<DiagFormat> parse_diag_format(std::string_view name) {
  if (name == "text") return DiagFormat::Text;
  if (name == "json") return DiagFormat::Json;
  if (name == "sarif") return DiagFormat::Sarif;
  if (name == "github") return DiagFormat::Github;
  return std::nullopt;
}

bool wants_color(bool asked, bool tty, const char* no_color) {
  return asked || (tty && (no_color == nullptr || *no_color == '\0'));
}

std::string format_text(const Diagnostics& diags, const Sources& sources, TextStyle style) {
  std::string out;
  for (const auto& d : diags.items()) {
    std::string where = d.loc.line ? d.loc.str() : d.loc.filename();
    std::string sev = to_string(d.severity);
    if (style.color) {
      where = fmt::format(fmt::emphasis::bold, "{}", where);
      sev = fmt::format(severity_style(d.severity), "{}", sev);
    }
    std::string hint = d.hint.empty() ? "" : fmt::format(" ({})", d.hint);
    std::string allowed = d.suppression
                              ? fmt::format(" (suppressed at {}: {})", d.suppression->loc.str(),
                                            d.suppression->reason)
                              : "";
    out += fmt::format("{}: {}: {}{} [{}]{}\n", where, sev, d.message, hint, d.code, allowed);
    if (style.context) out += context_lines(d, sources, style.color);
  }
  return out;
}

std::string summary_line(const Diagnostics& diags, size_t files, size_t suppressed) {
  size_t e = diags.count(Severity::Error), w = diags.count(Severity::Warning);
  std::string in = fmt::format("in {} file{}", files, files == 1 ? "" : "s");
  if (suppressed) in += fmt::format(" ({} suppressed)", suppressed);
  if (e == 0 && w == 0) return "no problems " + in;
  std::string errs = fmt::format("{} error{}", e, e == 1 ? "" : "s");
  std::string warns = fmt::format("{} warning{}", w, w == 1 ? "" : "s");
  if (w == 0) return errs + " " + in;
  if (e == 0) return warns + " " + in;
  return errs + ", " + warns + " " + in;
}

std::string format_diagnostics(DiagFormat f, const Diagnostics& diags, const Sources& sources,
                               TextStyle style, const SarifOptions& sarif) {
  switch (f) {
    case DiagFormat::Text: return format_text(diags, sources, style);
    case DiagFormat::Json: return format_json(diags);
    case DiagFormat::Sarif: return format_sarif(diags, sarif);
    case DiagFormat::Github: return format_github(diags);
  }
  return {};
}

}  // namespace pb::cli
