// schema_codec.cpp — Schema ⇄ compact JSON (schema_codec.hpp). Nodes are
// arrays, members in a fixed order; a position is [file, line, col] with
// the file an index into the text's "files" (-1: none).
#include "source/schema_codec.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <vector>

namespace pb::src {

namespace {

using json = nlohmann::json;

class Writer {
 public:
  json files = json::array();

  json loc(const Loc& l) {
    int f = -1;
    if (l.file) {
      auto [it, fresh] = index_.try_emplace(*l.file, int(index_.size()));
      if (fresh) files.push_back(*l.file);
      f = it->second;
    }
    return json::array({f, l.line, l.col});
  }
  json attribute(const Attribute& a) {
    json fields = json::array();
    for (const auto& f : a.type.fields) fields.push_back(attribute(f));
    json type = json::array({int(a.type.kind), a.type.values, fields, a.type.key});
    return json::array({loc(a.loc), a.comments.lines, a.name, type, a.title, a.calendar});
  }
  json expr(const Expr& e) {
    json args = json::array();
    for (const auto& a : e.args) args.push_back(expr(a));
    return json::array({loc(e.loc), int(e.kind), e.text, e.bval, e.ival, args, e.parenthesized});
  }
  json rule(const Rule& r) {
    return json::array({loc(r.loc), r.comments.lines, r.id, r.message, int(r.on), r.task, r.path,
                        r.event, loc(r.on_loc), expr(r.condition)});
  }

 private:
  std::map<std::string, int> index_;
};

// A list of the text, or a throw.
const json& list(const json& j) {
  if (!j.is_array()) throw std::invalid_argument("not a list");
  return j;
}

// Throws (json's exceptions) on anything but what Writer wrote.
class Reader {
 public:
  explicit Reader(const json& files) {
    for (const auto& f : list(files))
      files_.push_back(std::make_shared<const std::string>(f.get<std::string>()));
  }

  Loc loc(const json& j) const {
    int f = j.at(0).get<int>();
    Loc l;
    if (f != -1) l.file = files_.at(size_t(f));
    l.line = j.at(1).get<uint32_t>();
    l.col = j.at(2).get<uint32_t>();
    return l;
  }
  template <class E>
  static E kind(const json& j, E last) {
    int k = j.get<int>();
    if (k < 0 || k > int(last)) throw std::out_of_range("enum");
    return E(k);
  }
  Attribute attribute(const json& j) const {
    Attribute a;
    a.loc = loc(j.at(0));
    a.comments.lines = j.at(1).get<std::vector<std::string>>();
    a.name = j.at(2).get<std::string>();
    const json& t = j.at(3);
    a.type.kind = kind(t.at(0), TypeKind::Unknown);
    a.type.values = t.at(1).get<std::vector<std::string>>();
    for (const auto& f : list(t.at(2))) a.type.fields.push_back(attribute(f));
    a.type.key = t.at(3).get<std::string>();
    a.title = j.at(4).get<std::string>();
    a.calendar = j.at(5).get<bool>();
    return a;
  }
  Expr expr(const json& j) const {
    Expr e;
    e.loc = loc(j.at(0));
    e.kind = kind(j.at(1), ExprKind::In);
    e.text = j.at(2).get<std::string>();
    e.bval = j.at(3).get<bool>();
    e.ival = j.at(4).get<int64_t>();
    for (const auto& a : list(j.at(5))) e.args.push_back(expr(a));
    e.parenthesized = j.at(6).get<bool>();
    return e;
  }
  Rule rule(const json& j) const {
    Rule r;
    r.loc = loc(j.at(0));
    r.comments.lines = j.at(1).get<std::vector<std::string>>();
    r.id = j.at(2).get<std::string>();
    r.message = j.at(3).get<std::string>();
    r.on = kind(j.at(4), RuleOn::Event);
    r.task = j.at(5).get<int64_t>();
    r.path = j.at(6).get<std::string>();
    r.event = j.at(7).get<std::string>();
    r.on_loc = loc(j.at(8));
    r.condition = expr(j.at(9));
    return r;
  }

 private:
  std::vector<std::shared_ptr<const std::string>> files_;
};

}  // namespace

std::string schema_to_json(const Schema& s, std::string_view of) {
  Writer w;
  json attrs = json::array(), rules = json::array();
  for (const auto& a : s.attributes) attrs.push_back(w.attribute(a));
  for (const auto& r : s.rules) rules.push_back(w.rule(r));
  json body = json::array({w.loc(s.loc), s.comments.lines, attrs, rules});
  return json{{"format", kSchemaCodecVersion}, {"of", of}, {"files", w.files}, {"schema", body}}
      .dump();
}

std::optional<Schema> schema_from_json(std::string_view text, std::string_view of) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    if (j.at("format").get<int>() != kSchemaCodecVersion || j.at("of").get<std::string>() != of)
      return std::nullopt;
    Reader r(j.at("files"));
    const json& body = j.at("schema");
    Schema s;
    s.loc = r.loc(body.at(0));
    s.comments.lines = body.at(1).get<std::vector<std::string>>();
    for (const auto& a : list(body.at(2))) s.attributes.push_back(r.attribute(a));
    for (const auto& x : list(body.at(3))) s.rules.push_back(r.rule(x));
    return s;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace pb::src
