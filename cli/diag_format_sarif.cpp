// diag_format_sarif.cpp — diagnostics as SARIF 2.1.0 (diag_format.hpp): the
// form code-scanning services read, checked in the test suite by the SARIF
// multitool's validator (tests/sarif_validate.sh).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "diag_format.hpp"
#include "version.hpp"

#ifndef PB_DOCS_URL
#define PB_DOCS_URL "file:///usr/local/share/doc/playbook/lint-codes.md"
#endif

namespace pb::cli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// A path as a URI path: forward slashes, reserved bytes (and ':', which would
// read as a scheme in a relative reference) percent-escaped.
std::string to_uri(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    bool plain =
        std::isalnum(c) ||
        std::string_view("-._~/@!$&'()*+,;=").find(static_cast<char>(c)) != std::string_view::npos;
    if (c == '\\')
      out += '/';
    else if (plain)
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// artifactLocation: relative to SRCROOT when the path is relative or under
// the base directory, else an absolute file:// URI.
json artifact(const std::string& path, const SarifOptions& o) {
  fs::path p = fs::path(path).lexically_normal();
  if (p.is_relative()) {
    json a = {{"uri", to_uri(p.generic_string())}};
    if (!o.base_dir.empty()) a["uriBaseId"] = "SRCROOT";
    return a;
  }
  if (!o.base_dir.empty()) {
    fs::path rel = p.lexically_relative(fs::path(o.base_dir).lexically_normal());
    if (!rel.empty() && *rel.begin() != ".." && rel != ".")
      return {{"uri", to_uri(rel.generic_string())}, {"uriBaseId", "SRCROOT"}};
  }
  return {{"uri", "file://" + to_uri(p.generic_string())}};
}

json location(const Loc& loc, const SarifOptions& o) {
  json phys = {{"artifactLocation", artifact(loc.filename(), o)}};
  if (loc.line > 0)
    phys["region"] = {{"startLine", loc.line}, {"startColumn", std::max<uint32_t>(1, loc.col)}};
  return {{"physicalLocation", phys}};
}

std::string help_uri(const std::string& docs, const std::string& code) {
  std::string anchor = code;
  std::transform(anchor.begin(), anchor.end(), anchor.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return docs + "#" + anchor;
}

json sarif_result(const Diagnostic& d, size_t rule_index, const SarifOptions& o) {
  std::string text = d.hint.empty() ? d.message : fmt::format("{} ({})", d.message, d.hint);
  json r = {{"ruleId", to_string(d.code)},
            {"ruleIndex", rule_index},
            {"level", to_string(d.severity)},  // SARIF's levels are ours: error, warning, note
            {"message", {{"text", text}}},
            {"locations", json::array({location(d.loc, o)})}};
  for (size_t i = 0; i < d.related.size(); ++i) {
    json rel = location(d.related[i].loc, o);
    rel["id"] = i + 1;
    rel["message"] = {{"text", d.related[i].message}};
    r["relatedLocations"].push_back(rel);
  }
  if (d.suppression) {
    bool in_source = d.suppression->kind == Suppression::Kind::InSource;
    r["suppressions"] = json::array({{{"kind", in_source ? "inSource" : "external"},
                                      {"justification", d.suppression->reason},
                                      {"location", location(d.suppression->loc, o)}}});
  }
  return r;
}

json rule(LintCode code, const std::string& docs) {
  const LintCodeInfo& info = lint_code_info(code);
  return {{"id", info.text},
          {"shortDescription", {{"text", info.summary}}},
          {"helpUri", help_uri(docs, std::string(info.text))}};
}

}  // namespace

std::string_view lint_docs_url() { return PB_DOCS_URL; }

std::string format_sarif(const Diagnostics& diags, const SarifOptions& options) {
  std::string docs = options.docs_url.empty() ? std::string(lint_docs_url()) : options.docs_url;
  json rules = json::array();
  std::map<LintCode, size_t> index;
  json results = json::array();
  for (const auto& d : diags.items()) {
    auto [it, fresh] = index.emplace(d.code, rules.size());
    if (fresh) rules.push_back(rule(d.code, docs));
    results.push_back(sarif_result(d, it->second, options));
  }
  json driver = {
      {"name", "playbook"}, {"version", kVersion}, {"informationUri", docs}, {"rules", rules}};
  json run = {{"tool", {{"driver", driver}}}, {"results", results}};
  if (!options.base_dir.empty()) {
    std::string base = fs::path(options.base_dir).lexically_normal().generic_string();
    if (!base.ends_with('/')) base += '/';
    run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", "file://" + to_uri(base)}}}};
  }
  json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({run})}};
  return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pb::cli
