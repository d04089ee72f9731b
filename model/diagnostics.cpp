// diagnostics.cpp — collecting, sorting and "did you mean" for Diagnostic.
#include "diagnostics.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <tuple>

namespace pb {

static Diagnostic make(const Loc& loc, Severity s, LintCode code, std::string message,
                       std::string hint) {
  Diagnostic d;
  d.loc = loc;
  d.severity = s;
  d.code = code;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

void Diagnostics::error(const Loc& loc, LintCode code, std::string message, std::string hint) {
  items_.push_back(make(loc, Severity::Error, code, std::move(message), std::move(hint)));
}

void Diagnostics::warning(const Loc& loc, LintCode code, std::string message, std::string hint) {
  items_.push_back(make(loc, Severity::Warning, code, std::move(message), std::move(hint)));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return count(Severity::Error) > 0; }

size_t Diagnostics::count(Severity s) const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                           [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.filename(), a.loc.line, a.loc.col, a.code, a.message) <
           std::tie(b.loc.filename(), b.loc.line, b.loc.col, b.code, b.message);
  });
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.loc.filename() == b.loc.filename() && a.loc.line == b.loc.line &&
           a.loc.col == b.loc.col && a.code == b.code && a.message == b.message;
  };
  items_.erase(std::unique(items_.begin(), items_.end(), same), items_.end());
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps).
static size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::string closest(std::string_view name, const std::vector<std::string>& known) {
  if (name.size() > 200) return {};
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const auto& k : known) {
    if (k.size() > 200) continue;
    size_t d = edit_distance(name, k);
    if (d < best_d) best_d = d, best = k;
  }
  size_t limit = std::max<size_t>(1, std::min(name.size(), best.size()) / 3);
  return best_d <= limit && best_d > 0 ? best : std::string{};
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& known) {
  auto c = closest(name, known);
  return c.empty() ? std::string{} : fmt::format("did you mean '{}'?", c);
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words other tools (and FTOP's M/O columns) use for a keyword of the
// language; each applies only where its keyword is valid.
constexpr std::pair<std::string_view, std::string_view> kSynonyms[] = {
    {"wait", "after"},
    {"delay", "after"},
    {"timer", "after"},
    {"timeout", "after"},
    {"sleep", "after"},
    {"if", "when"},
    {"else", "otherwise"},
    {"default", "otherwise"},
    {"m", "mandatory"},
    {"required", "mandatory"},
    {"req", "mandatory"},
    {"o", "optional"},
    {"opt", "optional"},
    {"target", "to"},
    {"goto", "to"},
    {"next", "to"},
    {"actions", "do"},
    {"then", "do"},
    {"on_enter", "enter"},
    {"entry", "enter"},
    {"description", "instructions"},
    {"instruction", "instructions"},
    {"name", "title"},
    {"label", "title"},
    {"task", "tasks"},
    {"service", "services"},
    {"roles", "role"},
};

}  // namespace

std::string closest_keyword(std::string_view word, const std::vector<std::string>& known) {
  auto has = [&](std::string_view k) {
    return std::find(known.begin(), known.end(), k) != known.end();
  };
  std::string low = lower(word);
  if (low != word && has(low)) return low;
  for (const auto& [from, to] : kSynonyms)
    if (low == from && has(to)) return std::string(to);
  return closest(word, known);
}

std::string did_you_mean_keyword(std::string_view word, const std::vector<std::string>& known) {
  auto c = closest_keyword(word, known);
  return c.empty() || c == word ? std::string{} : fmt::format("did you mean '{}'?", c);
}

}  // namespace pb
