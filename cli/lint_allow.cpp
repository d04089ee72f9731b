// lint_allow.cpp — collecting, checking and applying suppressions (lint_allow.hpp).
#include "lint_allow.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/diag_format.hpp"
#include "grammar/lint_directives.hpp"

namespace pb::cli {

namespace {

bool is_playbook(const std::string& path, bool& yaml) {
  yaml = path.ends_with(".playbook.yaml") || path.ends_with(".playbook.yml");
  return yaml || path.ends_with(".playbook");
}

// Why `code` cannot be allowed, or "" when it can.
std::string refusal(const std::string& code) {
  if (code_summary(code).empty()) return fmt::format("{} is not a lint code", code);
  if (code < "PB020")
    return fmt::format("{} cannot be suppressed: the file is not read right until it is fixed",
                       code);
  if (code == "PB091" || code == "PB092")
    return fmt::format("{} cannot be suppressed: fix or delete the suppression instead", code);
  return {};
}

std::vector<std::string> known_codes() {
  std::vector<std::string> out;
  for (int n = 1; n < 1000; ++n) {
    std::string c = fmt::format("PB{:03}", n);
    if (!code_summary(c).empty()) out.push_back(c);
  }
  return out;
}

// Drops the codes lint cannot allow (PB091 each); false when none is left.
bool check_codes(Allow& a, Diagnostics& diags) {
  std::vector<std::string> ok;
  for (const auto& c : a.codes) {
    std::string why = refusal(c);
    if (why.empty())
      ok.push_back(c);
    else
      diags.error(a.loc, "PB091", why,
                  code_summary(c).empty() ? did_you_mean(c, known_codes()) : "");
  }
  a.codes = std::move(ok);
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
