// yaml_reader.cpp — typed, reporting reads over YAML::Node (yaml_reader.hpp).
#include "yaml_reader.hpp"

#include <fmt/format.h>

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
  diags.error(f.loc, "PB012",
              fmt::format("{} must be {}, got {}", f.name, what, describe(f.node)));
}

void Reader::invalid(const Loc& at, const std::string& message, std::string hint) {
  diags.error(at, "PB090", message, std::move(hint));
}

bool Reader::tick(const Field& f) {
  if (budget_ > 0) {
    --budget_;
    return true;
  }
  if (!budget_reported_)
    diags.error(f.loc, "PB006", "too many YAML nodes (aliases expanding?); file not read further");
  budget_reported_ = true;
  return false;
}

bool Reader::deeper(const Field& f, int depth) {
  if (depth <= kMaxDepth) return true;
  diags.error(f.loc, "PB006", fmt::format("nesting deeper than {} levels", kMaxDepth));
  return false;
}

bool Reader::mapping(const Field& f, const KeyTable& table) {
  if (!tick(f)) return false;
  if (f.node.IsNull()) {
    diags.error(f.loc, "PB013", fmt::format("{} is empty", f.name));
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
      diags.error(kl, "PB012", fmt::format("keys in {} must be names", f.name));
      continue;
    }
    const std::string& key = it->first.Scalar();
    auto [pos, fresh] = seen.emplace(key, kl.line);
    if (fresh) f.keys->push_back({key, it->first, it->second});
    if (!fresh) {
      diags.error(kl, "PB011",
                  fmt::format("duplicate key '{}' (first given at line {})", key, pos->second));
    } else if (!table.empty() && std::find(table.begin(), table.end(), key) == table.end()) {
      diags.error(kl, "PB010", fmt::format("unknown key '{}' in {}", key, f.name),
                  did_you_mean(key, table));
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
    diags.error(map.loc, "PB014", fmt::format("{} needs the key '{}'", map.name, key));
  return std::nullopt;
}

std::optional<std::vector<Field>> Reader::list(const Field& f) {
  if (f.node.IsNull()) {
    diags.error(f.loc, "PB013", fmt::format("{} is empty", f.name));
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
    diags.error(f.loc, "PB013", fmt::format("{} is empty", f.name));
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
  diags.error(f.loc, "PB013", fmt::format("{} is empty", f.name));
  return false;
}

bool Reader::integer(const Field& f, int64_t& out) {
  if (!scalar(f, "an integer")) return false;
  if (classify(f.node) != Plain::Int) {
    wrong_type(f, "an integer");
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

bool Reader::boolean(const Field& f, bool& out) {
  if (!scalar(f, "a boolean (true or false)")) return false;
  if (classify(f.node) != Plain::Bool) {
    wrong_type(f, "a boolean (true or false)");
    return false;
  }
  out = f.node.Scalar()[0] != 'f' && f.node.Scalar()[0] != 'F';
  return true;
}

bool Reader::str_list(const Field& f, std::vector<std::string>& out) {
  auto items = list(f);
  if (!items) return false;
  bool ok = true;
  out.clear();
  for (auto& it : *items) {
    std::string s;
    if (str(it, s)) out.push_back(std::move(s));
    else ok = false;
  }
  return ok;
}

bool Reader::int_list(const Field& f, std::vector<int64_t>& out) {
  auto items = list(f);
  if (!items) return false;
  bool ok = true;
  out.clear();
  for (auto& it : *items) {
    int64_t v = 0;
    if (integer(it, v)) out.push_back(v);
    else ok = false;
  }
  return ok;
}

std::optional<Expr> Reader::expr(const Field& f) {
  if (!scalar(f, "an expression (a string)")) return std::nullopt;
  Loc base = f.loc;
  auto m = f.node.Mark();
  char c = m.is_null() ? '\0' : source.at(static_cast<size_t>(m.pos));
  if (c == '"' || c == '\'') ++base.col;
  return parse_expression(f.node.Scalar(), base, diags);
}

Comments Reader::comments(const Field& f) {
  return Comments{source.take_before(f.loc.line)};
}

Comments Reader::trailing(const Field& f) {
  return Comments{source.take_trailing(f.loc.line, f.loc.col)};
}

}  // namespace pb::yaml
