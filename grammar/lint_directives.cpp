// lint_directives.cpp — `# lint: allow …` comments and `.playbook-lint.yaml`
// (lint_directives.hpp) → Allow records; PB091 for what cannot be read.
#include "lint_directives.hpp"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <optional>

#include "lint_comments.hpp"
#include "yaml_internal.hpp"

namespace pb {

namespace {

// How a directive is written, for messages.
std::string form(std::string_view code = "PB054") {
  return fmt::format("write `# lint: allow {} — why the finding does not apply here`", code);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_code(std::string_view s) {
  return s.size() == 5 && s.starts_with("PB") && std::isdigit(static_cast<unsigned char>(s[2])) &&
         std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4]));
}

// Reads `PB054, PB053 …` off the front of `s`.
std::vector<std::string> read_codes(std::string_view& s) {
  std::vector<std::string> codes;
  for (;;) {
    std::string_view rest = trim(s);
    if (!codes.empty() && rest.starts_with(",")) rest = trim(rest.substr(1));
    size_t n = 0;
    while (n < rest.size() && std::isalnum(static_cast<unsigned char>(rest[n]))) ++n;
    if (!is_code(rest.substr(0, n))) return codes;
    codes.emplace_back(rest.substr(0, n));
    s = rest.substr(n);
  }
}

// The codes of `written` that lint knows, in order (lint_allow checks the rest).
std::vector<LintCode> known(const std::vector<std::string>& written) {
  std::vector<LintCode> out;
  for (const auto& text : written)
    if (auto c = lint_code_named(text)) out.push_back(*c);
  return out;
}

// Reads the separator before the reason; false when there is none.
bool read_separator(std::string_view& s) {
  s = trim(s);
  for (std::string_view sep : {"\u2014", "\u2013", "--", "-", ":"})
    if (s.starts_with(sep)) {
      s.remove_prefix(sep.size());
      return true;
    }
  return false;
}

// The text of one comment after `lint:` → an Allow, or PB091.
std::optional<Allow> parse_directive(std::string_view text, const Loc& at, Diagnostics& diags) {
  std::string_view s = trim(text);
  size_t n = 0;
  while (n < s.size() && std::isalpha(static_cast<unsigned char>(s[n]))) ++n;
  std::string verb(s.substr(0, n));
  if (verb != "allow") {
    diags.error(at, LintCode::BadSuppression,
                fmt::format("unknown lint directive '{}'; {}", verb.empty() ? std::string(s) : verb,
                            form()),
                did_you_mean(verb, {"allow"}));
    return std::nullopt;
  }
  s.remove_prefix(n);
  Allow a;
  a.loc = at;
  a.written = read_codes(s);
  a.codes = known(a.written);
  if (a.written.empty()) {
    diags.error(at, LintCode::BadSuppression,
                fmt::format("`lint: allow` names no code (PBnnn); {}", form()));
    return std::nullopt;
  }
  bool sep = read_separator(s);
  a.reason = std::string(trim(s));
  if (!sep && !a.reason.empty()) {
    diags.error(at, LintCode::BadSuppression,
                fmt::format("expected '—' (or '--') between the codes and the reason; {}",
                            form(a.written.front())));
    return std::nullopt;
  }
  if (a.reason.empty()) {
    diags.error(at, LintCode::BadSuppression,
                fmt::format("a suppression needs a reason: {}", form(a.written.front())));
    return std::nullopt;
  }
  return a;
}

}  // namespace

std::vector<Allow> scan_allows(std::string_view text, const std::string& filename, bool yaml,
                               Diagnostics& diags) {
  std::vector<Allow> out;
  if (text.find("lint:") == std::string_view::npos) return out;  // the usual case: nothing to scan
  lint::CommentScan scan = yaml ? lint::scan_yaml_comments(text) : lint::scan_dsl_comments(text);
  auto file = std::make_shared<const std::string>(filename);
  for (const auto& c : scan.comments) {
    std::string_view body = trim(c.text);
    if (!body.starts_with("lint:")) continue;
    auto a = parse_directive(body.substr(5), Loc{file, c.line, c.col}, diags);
    if (!a) continue;
    a->line = c.after_code ? c.line : scan.next_code_line(c.line);
    if (a->line == 0) {
      diags.error(a->loc, LintCode::BadSuppression,
                  "`lint: allow` stands after the last line of code; put it above "
                  "the line or step it is about");
      continue;
    }
    out.push_back(std::move(*a));
  }
  return out;
}

namespace {

const yaml::KeyTable kConfigKeys = {"allow"};
const yaml::KeyTable kEntryKeys = {"code", "path", "step", "reason"};

bool read_entry_codes(yaml::Reader& r, const yaml::Field& f, std::vector<std::string>& codes) {
  bool ok = f.node.IsSequence() ? r.str_list(f, codes) : [&] {
    std::string c;
    return r.str(f, c) && (codes.push_back(c), true);
  }();
  for (const auto& c : codes)
    if (!is_code(c)) {
      r.diags.error(f.loc, LintCode::BadSuppression,
                    fmt::format("'{}' is not a lint code (PBnnn)", c));
      return false;
    }
  return ok && !codes.empty();
}

std::optional<Allow> read_entry(yaml::Reader& r, const yaml::Field& it, const std::string& dir) {
  Allow a;
  a.kind = Suppression::Kind::External;
  a.loc = it.loc;
  a.dir = dir;
  auto code = r.get(it, "code", true);
  bool ok = code && read_entry_codes(r, *code, a.written);
  a.codes = known(a.written);
  if (auto p = r.get(it, "path")) ok = r.str(*p, a.path) && ok;
  if (auto st = r.get(it, "step")) ok = yaml::ident(r, *st, a.step) && ok;
  auto reason = r.get(it, "reason");
  if (reason) ok = r.str(*reason, a.reason) && ok;
  if (!reason || trim(a.reason).empty()) {
    r.diags.error(it.loc, LintCode::BadSuppression,
                  "a suppression needs a reason: add `reason: why the finding does not apply`");
    return std::nullopt;
  }
  return ok ? std::optional<Allow>(std::move(a)) : std::nullopt;
}

}  // namespace

std::vector<Allow> parse_lint_config(std::string_view text, const std::string& filename,
                                     Diagnostics& diags) {
  std::vector<Allow> out;
  auto doc = yaml::load_document(text, filename, diags);
  if (!doc) return out;
  yaml::Reader r(text, filename, diags);
  yaml::Field root = r.root(*doc, "the lint configuration");
  if (!r.mapping(root, kConfigKeys)) return out;
  auto list = r.get(root, "allow", true);
  auto items = list ? r.list(*list) : std::nullopt;
  if (!items) return out;
  std::string dir = std::filesystem::path(filename).parent_path().string();
  for (auto& it : *items) {
    it.name = "an allow entry";
    size_t before = diags.items().size();
    if (!r.mapping(it, kEntryKeys)) continue;
    auto a = read_entry(r, it, dir);
    if (a && diags.items().size() == before)
      out.push_back(std::move(*a));  // a flawed entry allows nothing
  }
  return out;
}

}  // namespace pb
