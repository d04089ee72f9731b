// suppress.cpp — apply_allows (suppress.hpp): which lines each allow covers,
// moving the covered findings aside, and PB092 for allows that covered none.
#include "suppress.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <unordered_map>

namespace pb {

namespace {

// The lines of one step: from its header to the last line any of its parts
// stands on.
struct Span {
  std::string_view id;
  uint32_t first = 0, last = 0;
};
using Spans = std::unordered_map<std::string, std::vector<Span>>;  // file → its steps

uint32_t last_line(const Expr& e) {
  uint32_t l = e.loc.line;
  for (const auto& a : e.args) l = std::max(l, last_line(a));
  return l;
}

uint32_t last_line(const std::vector<Action>& actions) {
  uint32_t l = 0;
  for (const auto& a : actions) {
    l = std::max({l, a.loc.line, a.expr ? last_line(*a.expr) : 0u, last_line(a.body)});
  }
  return l;
}

uint32_t last_line(const Step& st) {
  uint32_t l = std::max({st.loc.line, st.role_loc.line, st.terminal_loc.line, last_line(st.enter)});
  for (const auto& t : st.transitions)
    l = std::max({l, t.loc.line, t.target_loc.line, t.guard ? last_line(*t.guard) : 0u,
                  last_line(t.actions)});
  return l;
}

Spans step_spans(const Project& project) {
  Spans out;
  for (const auto& p : project.playbooks)
    for (const auto& st : p.steps)
      out[st.loc.filename()].push_back({st.id, st.loc.line, last_line(st)});
  return out;
}

// What an allow covers: lines [first, last] of the files it applies to.
struct Cover {
  uint32_t first = 0, last = UINT32_MAX;
  const Span* step = nullptr;  // in source: the step starting on its line
};

bool file_matches(const Allow& a, const std::string& file) {
  namespace fs = std::filesystem;
  fs::path base = fs::path(a.dir.empty() ? "." : a.dir).lexically_normal();
  fs::path rel = fs::path(file).lexically_normal().lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return false;
  if (a.path.empty()) return true;
  std::string r = rel.generic_string(), pat = a.path;
  while (pat.size() > 1 && pat.back() == '/') pat.pop_back();
  return fnmatch(pat.c_str(), r.c_str(), FNM_PATHNAME) == 0 || r.starts_with(pat + "/");
}

std::optional<Cover> cover(const Allow& a, const std::string& file, const Spans& spans) {
  auto it = spans.find(file);
  const std::vector<Span> none;
  const auto& steps = it == spans.end() ? none : it->second;
  if (a.kind == Suppression::Kind::InSource) {
    if (file != a.loc.filename()) return std::nullopt;
    for (const auto& s : steps)
      if (s.first == a.line) return Cover{s.first, s.last, &s};
    return Cover{a.line, a.line, nullptr};
  }
  if (!file_matches(a, file)) return std::nullopt;
  if (a.step.empty()) return Cover{};
  for (const auto& s : steps)
    if (s.id == a.step) return Cover{s.first, s.last, &s};
  return std::nullopt;
}

std::string unused_message(const Allow& a, LintCode code, const Spans& spans) {
  if (a.kind == Suppression::Kind::InSource) {
    auto c = cover(a, a.loc.filename(), spans);
    std::string where =
        c && c->step ? fmt::format("in step '{}'", c->step->id) : fmt::format("on line {}", a.line);
    return fmt::format("`lint: allow {}` suppresses nothing: no {} finding {}; delete it", code,
                       code, where);
  }
  std::string files = a.path.empty() ? "the files of its directory" : fmt::format("'{}'", a.path);
  std::string step = a.step.empty() ? "" : fmt::format(", step '{}'", a.step);
  return fmt::format("the entry allowing {} suppresses nothing: no {} finding in {}{}; delete it",
                     code, code, files, step);
}

// "did you mean" over the steps of the files an external allow names.
std::string step_hint(const Allow& a, const Spans& spans) {
  if (a.kind != Suppression::Kind::External || a.step.empty()) return {};
  std::vector<std::string> ids;
  for (const auto& [file, steps] : spans) {
    if (!file_matches(a, file)) continue;
    for (const auto& s : steps) {
      if (s.id == a.step) return {};
      ids.emplace_back(s.id);
    }
  }
  std::sort(ids.begin(), ids.end());
  return did_you_mean(a.step, ids);
}

bool shown(const Allow& a, const std::set<std::string>& broken) {
  if (a.kind == Suppression::Kind::InSource) return !broken.contains(a.loc.filename());
  return std::none_of(broken.begin(), broken.end(),
                      [&](const std::string& f) { return file_matches(a, f); });
}

}  // namespace

SuppressResult apply_allows(const Diagnostics& diags, const std::vector<Allow>& allows,
                            const Project& project, const std::set<std::string>& broken) {
  SuppressResult out;
  if (allows.empty()) {
    out.kept = diags;
    return out;
  }
  Spans spans = step_spans(project);
  std::vector<std::vector<bool>> used(allows.size());
  for (size_t i = 0; i < allows.size(); ++i) used[i].assign(allows[i].codes.size(), false);
  for (const auto& d : diags.items()) {
    bool taken = false;
    for (size_t i = 0; i < allows.size() && !taken; ++i) {
      const Allow& a = allows[i];
      auto code = std::find(a.codes.begin(), a.codes.end(), d.code);
      if (code == a.codes.end()) continue;
      auto c = cover(a, d.loc.filename(), spans);
      if (!c || d.loc.line < c->first || d.loc.line > c->last) continue;
      used[i][static_cast<size_t>(code - a.codes.begin())] = true;
      Diagnostic s = d;
      s.suppression = Suppression{a.kind, a.loc, a.reason};
      out.suppressed.add(std::move(s));
      taken = true;
    }
    if (!taken) out.kept.add(d);
  }
  for (size_t i = 0; i < allows.size(); ++i) {
    if (!shown(allows[i], broken)) continue;
    for (size_t k = 0; k < allows[i].codes.size(); ++k)
      if (!used[i][k])
        out.kept.warning(allows[i].loc, LintCode::UnusedSuppression,
                         unused_message(allows[i], allows[i].codes[k], spans),
                         step_hint(allows[i], spans));
  }
  return out;
}

}  // namespace pb
