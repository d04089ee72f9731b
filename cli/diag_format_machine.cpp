// diag_format_machine.cpp — diagnostics for machines: JSON (an array of
// objects), SARIF 2.1.0 (code scanning) and GitHub workflow commands.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "diag_format.hpp"

namespace pb::cli {

namespace {

using nlohmann::json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// A relative path as a URI reference: forward slashes, reserved bytes escaped.
std::string to_uri(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    bool plain = std::isalnum(c) ||
                 std::string_view("-._~/:@!$&'()*+,;=").find(static_cast<char>(c)) != std::string_view::npos;
    if (c == '\\') out += '/';
    else if (plain) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

json sarif_result(const Diagnostic& d, size_t rule_index) {
  std::string text = d.hint.empty() ? d.message : fmt::format("{} ({})", d.message, d.hint);
  json phys = {{"artifactLocation", {{"uri", to_uri(d.loc.filename())}}}};
  if (d.loc.line > 0)
    phys["region"] = {{"startLine", d.loc.line}, {"startColumn", std::max<uint32_t>(1, d.loc.col)}};
  return {{"ruleId", d.code},
          {"ruleIndex", rule_index},
          {"level", sarif_level(d.severity)},
          {"message", {{"text", text}}},
          {"locations", json::array({{{"physicalLocation", phys}}})}};
}

// GitHub workflow command escaping (data, and property values).
std::string gh_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

std::string format_json(const Diagnostics& diags) {
  json arr = json::array();
  for (const auto& d : diags.items())
    arr.push_back({{"file", d.loc.filename()},
                   {"line", d.loc.line},
                   {"column", d.loc.col},
                   {"severity", to_string(d.severity)},
                   {"code", d.code},
                   {"message", d.message},
                   {"hint", d.hint}});
  return arr.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string format_sarif(const Diagnostics& diags) {
  json rules = json::array();
  std::map<std::string, size_t> index;
  json results = json::array();
  for (const auto& d : diags.items()) {
    auto [it, fresh] = index.emplace(d.code, rules.size());
    if (fresh) {
      std::string summary(code_summary(d.code));
      rules.push_back({{"id", d.code},
                       {"shortDescription", {{"text", summary.empty() ? d.code : summary}}}});
    }
    results.push_back(sarif_result(d, it->second));
  }
  json driver = {{"name", "playbook"}, {"version", "0.1"}, {"rules", rules}};
  json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({{{"tool", {{"driver", driver}}}, {"results", results}}})}};
  return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string format_github(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) {
    const char* cmd = d.severity == Severity::Error ? "error"
                      : d.severity == Severity::Warning ? "warning" : "notice";
    std::string msg = d.hint.empty() ? d.message : fmt::format("{} ({})", d.message, d.hint);
    out += fmt::format("::{} file={}", cmd, gh_escape(d.loc.filename(), true));
    if (d.loc.line) out += fmt::format(",line={},col={}", d.loc.line, std::max<uint32_t>(1, d.loc.col));
    out += fmt::format(",title={}::{}\n", gh_escape(d.code, true), gh_escape(msg, false));
  }
  return out;
}

}  // namespace pb::cli
