// yaml_reader.hpp — a small typed-reader layer over YAML::Node that reports
// instead of throwing (the style of cel-cpp's yaml_policy_parser).
//
// Contract:
//  * Every check adds at most one diagnostic at a 1-based file:line:col and
//    returns false/nullopt; callers carry on with the next key, so one pass
//    reports every problem of a file.
//  * Codes: PB010 unknown key (with "did you mean" against the keys valid
//    there), PB011 duplicate key (naming the first one's line), PB012 wrong
//    type, PB013 empty value, PB014 missing required key, PB090 invalid value,
//    PB006 too many nodes (alias bombs) or nesting too deep.
//  * Scalars: a quoted scalar is always a string; a plain one reads as the
//    YAML core type it spells (true/false, integer, date, else string).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.hpp"
#include "model/model.hpp"
#include "yaml_keys.hpp"
#include "yaml_source.hpp"

namespace pb::yaml {

// One value of a mapping, with where its key stands (empty values have no
// position of their own in yaml-cpp).
struct Field {
  std::string name;
  YAML::Node node;
  Loc key_loc;
  Loc loc;  // the value's position, or the key's when the value is empty
  // Filled by Reader::mapping: the first occurrence of each scalar key, so
  // that get() does not walk yaml-cpp's iterators again.
  struct Key {
    std::string name;
    YAML::Node key, value;
  };
  mutable std::shared_ptr<std::vector<Key>> keys;
};

// What a scalar spells when plain.
enum class Plain { Null, Bool, Int, Date, String };
Plain classify(const YAML::Node& n);

class Reader {
 public:
  static constexpr int kMaxDepth = 64;

  Reader(std::string_view text, const std::string& filename, Diagnostics& diags);

  Diagnostics& diags;
  Source source;
  std::shared_ptr<const std::string> file;

  Loc loc(const YAML::Node& n) const;

  // `n` is a mapping whose keys are in `table` (PB012/PB010/PB011). Also
  // counts toward the node budget; false when `n` must not be read.
  bool mapping(const Field& f, const KeyTable& table);
  // One key of a checked mapping as a Field named "'KEY'".
  Field entry(const Field::Key& k) const;
  // The key `key` of a checked mapping; PB014 when `required` and absent.
  std::optional<Field> get(const Field& map, const std::string& key, bool required = false);
  // `f` is a list (PB012/PB013); its items as Fields named "NAME item".
  std::optional<std::vector<Field>> list(const Field& f);

  bool str(const Field& f, std::string& out);  // any non-empty scalar
  bool id(const Field& f, std::string& out);   // a non-empty scalar, not ""
  bool integer(const Field& f, int64_t& out);
  bool boolean(const Field& f, bool& out);
  // Lists of scalars; `locs`, when given, receives each item's position.
  bool str_list(const Field& f, std::vector<std::string>& out, std::vector<Loc>* locs = nullptr);
  bool int_list(const Field& f, std::vector<int64_t>& out, std::vector<Loc>* locs = nullptr);
  std::optional<Expr> expr(const Field& f);

  // The comments before `f`'s line not handed out yet (yaml_source.hpp).
  Comments comments(const Field& f);
  Comments trailing(const Field& f);

  // The root as a Field named `what`.
  Field root(const YAML::Node& n, const std::string& what);

  // Depth guard for recursive constructs (records, each); PB006 past kMaxDepth.
  bool deeper(const Field& f, int depth);

  // PB012 "'NAME' must be WHAT, got …".
  void wrong_type(const Field& f, const std::string& what);
  void invalid(const Loc& at, const std::string& message, std::string hint = {});

 private:
  bool tick(const Field& f);
  bool scalar(const Field& f, const std::string& what);
  size_t budget_ = 200000;
  bool budget_reported_ = false;
};

// "a string", "a list", "a mapping", "an integer", … for messages.
std::string describe(const YAML::Node& n);

}  // namespace pb::yaml
