// lint_allow.cpp — collecting, checking and applying suppressions (lint_allow.hpp).
#include "lint_allow.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "grammar/lint_directives.hpp"

namespace pb::cli {

namespace {

bool is_playbook(const std::string& path, bool& yaml) {
  yaml = path.ends_with(".playbook.yaml") || path.ends_with(".playbook.yml");
  return yaml || path.ends_with(".playbook");
}

// Why `code` cannot be allowed, or "" when it can.
std::string refusal(LintCode code) {
  if (code <= LintCode::MissingKey)  // PB001–PB014
    return fmt::format("{} cannot be suppressed: the file is not read right until it is fixed",
                       code);
  if (code == LintCode::BadSuppression || code == LintCode::UnusedSuppression)
    return fmt::format("{} cannot be suppressed: fix or delete the suppression instead", code);
  return {};
}

std::vector<std::string> known_codes() {
  std::vector<std::string> out;
  for (const auto& c : lint_codes()) out.emplace_back(c.text);
  return out;
}

// Keeps the written codes lint can allow as `codes`; PB091 for each other
// one. False when none is left.
bool check_codes(Allow& a, Diagnostics& diags) {
  a.codes.clear();
  for (const auto& text : a.written) {
    auto code = lint_code_named(text);
    std::string why = code ? refusal(*code) : fmt::format("{} is not a lint code", text);
    if (why.empty())
      a.codes.push_back(*code);
    else
      diags.error(a.loc, LintCode::BadSuppression, why,
                  code ? "" : did_you_mean(text, known_codes()));
  }
  return !a.codes.empty();
}

}  // namespace

SuppressResult suppress_findings(const LoadResult& loaded, Diagnostics findings,
                                 const std::set<std::string>& broken) {
  std::vector<Allow> allows;
  Diagnostics own;
  for (const auto& [path, text] : loaded.sources) {
    bool yaml = false;
    if (!is_playbook(path, yaml) || broken.contains(path)) continue;
    auto found = scan_allows(text, path, yaml, own);
    std::move(found.begin(), found.end(), std::back_inserter(allows));
  }
  for (const auto& path : loaded.lint_configs) {
    auto found = parse_lint_config(loaded.sources.at(path), path, own);
    std::move(found.begin(), found.end(), std::back_inserter(allows));
  }
  std::vector<Allow> usable;
  for (auto& a : allows)
    if (check_codes(a, own)) usable.push_back(std::move(a));
  findings.append(own);
  return apply_allows(findings, usable, loaded.project, broken);
}

}  // namespace pb::cli
