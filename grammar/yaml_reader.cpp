// yaml_reader.cpp — typed, reporting reads over YAML::Node (yaml_reader.hpp).
#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <map>
#include <algorithm>

#include "frontend.hpp"

namespace pb::yaml {

namespace {

bool is_int_text(const std::string& s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool is_date_text(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

Plain classify(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return Plain::Null;
  if (!n.IsScalar() || n.Tag() != "?") return Plain::String;
  const std::string& s = n.Scalar();
  static const char* bools[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
  for (const char* b : bools)
    if (s == b) return Plain::Bool;
  if (is_int_text(s)) return Plain::Int;
  if (is_date_text(s)) return Plain::Date;
  return Plain::String;
}

std::string describe(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing";
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  switch (classify(n)) {
    case Plain::Bool: return "a boolean";
    case Plain::Int: return "an integer";
    case Plain::Date: return "a date";
    default: return "a string";
  }
}

Reader::Reader(std::string_view text, const std::string& filename, Diagnostics& d)
    : diags(d), source(text), file(std::make_shared<const std::string>(filename)) {}

Loc Reader::loc(const YAML::Node& n) const {
  auto m = n.Mark();
  if (m.is_null() || m.line < 0) return Loc{file, 0, 0};
  return Loc{file, static_cast<uint32_t>(m.line + 1), static_cast<uint32_t>(m.column + 1)};
}

Field Reader::root(const YAML::Node& n, const std::string& what) {
  Loc l = loc(n);
  if (l.line == 0) l = Loc{file, 1, 1};
  return Field{what, n, l, l, nullptr};
}

void Reader::wrong_type(const Field& f, const std::string& what) {
  diags.error(f.loc, LintCode::WrongType,
              fmt::format("{} must be {}, got {}", f.name, what, describe(f.node)));
}

void Reader::invalid(const Loc& at, const std::string& message, std::string hint) {
  diags.error(at, LintCode::InvalidValue, message, std::move(hint));
}

bool Reader::tick(const Field& f) {
  if (budget_ > 0) {
    --budget_;
    return true;
  }
  if (!budget_reported_)
    diags.error(f.loc, LintCode::TooDeepOrLarge,
                "too many YAML nodes (aliases expanding?); file not read further");
  budget_reported_ = true;
  return false;
}

bool Reader::deeper(const Field& f, int depth) {
  if (depth <= kMaxDepth) return true;
  diags.error(f.loc, LintCode::TooDeepOrLarge,
              fmt::format("nesting deeper than {} levels", kMaxDepth));
  return false;
}

bool Reader::mapping(const Field& f, const KeyTable& table) {
  if (!tick(f)) return false;
  if (f.node.IsNull()) {
    diags.error(f.loc, LintCode::EmptyValue, fmt::format("{} is empty", f.name));
    return false;
  }
  if (!f.node.IsMap()) {
    wrong_type(f, "a mapping");
    return false;
  }
  std::map<std::string, uint32_t> seen;
  f.keys = std::make_shared<std::vector<Field::Key>>();
  for (auto it = f.node.begin(); it != f.node.end(); ++it) {
    Loc kl = loc(it->first);
    if (!it->first.IsScalar()) {
      diags.error(kl, LintCode::WrongType, fmt::format("keys in {} must be names", f.name));
      continue;
    }
    const std::string& key = it->first.Scalar();
    auto [pos, fresh] = seen.emplace(key, kl.line);
    if (fresh) f.keys->push_back({key, it->first, it->second});
    if (!fresh) {
      diags.error(kl, LintCode::DuplicateKey,
                  fmt::format("duplicate key '{}' (first given at line {})", key, pos->second));
    } else if (!table.empty() && std::find(table.begin(), table.end(), key) == table.end()) {
      diags.error(kl, LintCode::UnknownKey, fmt::format("unknown key '{}' in {}", key, f.name),
                  did_you_mean_keyword(key, table));
    }
  }
  return true;
}

Field Reader::entry(const Field::Key& k) const {
  Loc kl = loc(k.key);
  Loc vl = k.value.IsNull() ? kl : loc(k.value);
  if (vl.line == 0) vl = kl;
  return Field{"'" + k.name + "'", k.value, kl, vl, nullptr};
}

std::optional<Field> Reader::get(const Field& map, const std::string& key, bool required) {
  if (map.keys) {
    for (const auto& k : *map.keys)
      if (k.name == key) return entry(k);
  } else if (map.node.IsMap()) {
    for (auto it = map.node.begin(); it != map.node.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == key)
        return entry({key, it->first, it->second});
  }
  if (required)
    diags.error(map.loc, LintCode::MissingKey, fmt::format("{} needs the key '{}'", map.name, key));
  return std::nullopt;
}

std::optional<std::vector<Field>> Reader::list(const Field& f) {
  if (f.node.IsNull()) {
    diags.error(f.loc, LintCode::EmptyValue, fmt::format("{} is empty", f.name));
    return std::nullopt;
  }
  if (!f.node.IsSequence()) {
    wrong_type(f, "a list");
    return std::nullopt;
  }
  std::vector<Field> out;
  for (const auto& item : f.node) {
    Loc l = loc(item);
    if (l.line == 0 || item.IsNull()) l = f.loc;
    Field it{"an item of " + f.name, item, l, l, nullptr};
    if (!tick(it)) return std::nullopt;
    out.push_back(std::move(it));
  }
  return out;
}

bool Reader::scalar(const Field& f, const std::string& what) {
  if (f.node.IsNull()) {
    diags.error(f.loc, LintCode::EmptyValue, fmt::format("{} is empty", f.name));
    return false;
  }
  if (!f.node.IsScalar()) {
    wrong_type(f, what);
    return false;
  }
  return true;
}

bool Reader::str(const Field& f, std::string& out) {
  if (!scalar(f, "a string")) return false;
  out = f.node.Scalar();
  return true;
}

bool Reader::id(const Field& f, std::string& out) {
  if (!str(f, out)) return false;
  if (!out.empty()) return true;
  diags.error(f.loc, LintCode::EmptyValue, fmt::format("{} is empty", f.name));
  return false;
}

namespace {

// "3652 3654" (a missing comma) → "did you mean '3652, 3654'?"; "20,000"
// (a thousands separator) → "did you mean '20000'?".
std::string int_hint(const std::string& s) {
  std::vector<std::string> groups;
  bool commas = false;
  std::string cur;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      cur += c;
    else if ((c == ' ' || c == ',') && !cur.empty())
      groups.push_back(cur), cur.clear(), commas |= c == ',';
    else if (c != ' ')
      return {};
  }
  if (!cur.empty()) groups.push_back(cur);
  if (groups.size() < 2) return {};
  bool thousands = commas;
  for (size_t i = 1; i < groups.size(); ++i) thousands &= groups[i].size() == 3;
  std::string joined;
  for (const auto& g : groups) joined += (joined.empty() || thousands ? "" : ", ") + g;
  return fmt::format("did you mean '{}'?", joined);
}

}  // namespace

bool Reader::integer(const Field& f, int64_t& out) {
  if (!scalar(f, "an integer")) return false;
  if (classify(f.node) != Plain::Int) {
    diags.error(f.loc, LintCode::WrongType,
                fmt::format("{} must be an integer, got {}", f.name, describe(f.node)),
                int_hint(f.node.Scalar()));
    return false;
  }
  std::string s = f.node.Scalar();
  if (s[0] == '+') s.erase(0, 1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc{} || p != s.data() + s.size()) {
    invalid(f.loc, fmt::format("{} is out of range: {}", f.name, f.node.Scalar()));
    return false;
  }
  return true;
}

namespace {

// `M`, `Mandatory`, `yes`… for true and `O`, `optional`, `no`… for false.
std::string bool_hint(std::string_view word) {
  std::string w(word);
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* t : {"m", "mandatory", "required", "yes", "y", "on"})
    if (w == t) return "did you mean 'true'?";
  for (const char* t : {"o", "optional", "no", "n", "off"})
    if (w == t) return "did you mean 'false'?";
  return {};
}

}  // namespace

bool Reader::boolean(const Field& f, bool& out) {
  if (!scalar(f, "a boolean (true or false)")) return false;
  if (classify(f.node) != Plain::Bool) {
    diags.error(
        f.loc, LintCode::WrongType,
        fmt::format("{} must be a boolean (true or false), got {}", f.name, describe(f.node)),
        bool_hint(f.node.Scalar()));
    return false;
  }
  out = f.node.Scalar()[0] != 'f' && f.node.Scalar()[0] != 'F';
  return true;
}

bool Reader::str_list(const Field& f, std::vector<std::string>& out, std::vector<Loc>* locs) {
  auto items = list(f);
  if (!items) return false;
  bool ok = true;
  out.clear();
  if (locs) locs->clear();
  for (auto& it : *items) {
    std::string s;
    if (!str(it, s)) {
      ok = false;
      continue;
    }
    out.push_back(std::move(s));
    if (locs) locs->push_back(it.loc);
  }
  return ok;
}

bool Reader::int_list(const Field& f, std::vector<int64_t>& out, std::vector<Loc>* locs) {
  auto items = list(f);
  if (!items) return false;
  bool ok = true;
  out.clear();
  if (locs) locs->clear();
  for (auto& it : *items) {
    int64_t v = 0;
    if (!integer(it, v)) {
      ok = false;
      continue;
    }
    out.push_back(v);
    if (locs) locs->push_back(it.loc);
  }
  return ok;
}

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// For a plain scalar over several lines (its line breaks read as single
// spaces): the file position of each byte of its value, and one past the
// end. Empty when the scalar is on one line or the text does not match.
std::vector<Loc> folded_positions(std::string_view src, size_t pos, const std::string& value,
                                  const Loc& base) {
  std::vector<Loc> at;
  Loc here = base;
  bool folded = false;
  for (size_t i = 0; i <= value.size(); ++i) {
    at.push_back(here);
    if (i == value.size()) break;
    if (pos < src.size() && src[pos] == value[i] && src[pos] != '\n') {
      ++pos, ++here.col;
      continue;
    }
    if (value[i] != ' ' || pos >= src.size() || !blank(src[pos])) return {};
    for (; pos < src.size() && blank(src[pos]); ++pos) {
      if (src[pos] == '\n')
        ++here.line, here.col = 1, folded = true;
      else
        ++here.col;
    }
  }
  return folded ? at : std::vector<Loc>{};
}

// Moves a position on the value's first line to where that byte stands.
void refold(Loc& l, const Loc& base, const std::vector<Loc>& at) {
  if (l.line != base.line || l.col < base.col) return;
  size_t k = l.col - base.col;
  if (k < at.size()) l = Loc{l.file, at[k].line, at[k].col};
}

void refold(Expr& e, const Loc& base, const std::vector<Loc>& at) {
  refold(e.loc, base, at);
  for (auto& a : e.args) refold(a, base, at);
}

}  // namespace

std::optional<Expr> Reader::expr(const Field& f) {
  if (!scalar(f, "an expression (a string)")) return std::nullopt;
  Loc base = f.loc;
  auto m = f.node.Mark();
  char c = m.is_null() ? '\0' : source.at(static_cast<size_t>(m.pos));
  if (c == '"' || c == '\'') ++base.col;
  const std::string& text = f.node.Scalar();
  std::vector<Loc> at;
  if (!m.is_null() && c != '"' && c != '\'' && c != '|' && c != '>')
    at = folded_positions(source.text(), static_cast<size_t>(m.pos), text, base);
  if (at.empty()) return parse_expression(text, base, diags);
  Diagnostics local;
  auto e = parse_expression(text, base, local);
  for (auto d : local.items()) {
    refold(d.loc, base, at);
    diags.add(std::move(d));
  }
  if (e) refold(*e, base, at);
  return e;
}

Comments Reader::comments(const Field& f) { return Comments{source.take_before(f.loc.line)}; }

Comments Reader::trailing(const Field& f) {
  return Comments{source.take_trailing(f.loc.line, f.loc.col)};
}

}  // namespace pb::yaml
