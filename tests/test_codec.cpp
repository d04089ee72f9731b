// test_codec.cpp — the stored JSON forms (runtime/world.hpp) round-trip:
// values of every kind, calendars, log records; malformed JSON is refused.
#include <catch2/catch.hpp>

#include <iterator>
#include <set>

#include "model/calendar_math.hpp"
#include "runtime/world.hpp"

using namespace pb;
using namespace pb::rt;
using json = nlohmann::json;

TEST_CASE("values round-trip through JSON", "[codec]") {
  Days d;
  REQUIRE(parse_iso_date("2028-02-29", d));
  RecordMap m;
  m["Azure"]["esd"] = Value::date(d);
  m["Azure"]["n"] = Value::integer(-3);
  m["Empty"];
  std::vector<Value> all = {Value{},
                            Value::boolean(true),
                            Value::integer(42),
                            Value::string("x \"y\""),
                            Value::date(d),
                            Value::of_records(m),
                            Value::of_contacts({Contact{"Ana", "a@x", true, false, true, ""}})};
  for (const auto& v : all) {
    Value back;
    REQUIRE(value_from_json(json::parse(value_to_json(v).dump()), back));
    CHECK(back == v);
  }
  Value bad;
  CHECK_FALSE(value_from_json(json::parse(R"({"date": "2027-02-29"})"), bad));
  CHECK_FALSE(value_from_json(json::parse(R"({"records": [1]})"), bad));
  CHECK_FALSE(value_from_json(json::parse(R"({"what": 1})"), bad));
  CHECK_FALSE(value_from_json(json::parse("1.5"), bad));
}

TEST_CASE("calendars and log records round-trip", "[codec]") {
  Calendar c;
  c.id = "EMEA";
  c.working[6] = true;
  Days d;
  REQUIRE(parse_iso_date("2026-12-25", d));
  c.holidays[d] = "Christmas";
  Calendar back;
  REQUIRE(calendar_from_json(json::parse(calendar_to_json(c).dump()), back));
  CHECK(back.working == c.working);
  CHECK(back.holidays == c.holidays);

  LogInput in;
  in.op = pb::rt::InputOp::Fire;
  in.playbook = "p";
  in.input.kind = InputKind::Fire;
  in.input.event = "paused";
  in.input.sets = {{"until", "2026-04-01"}};
  in.input.note = "Re-engaged Customer: x";
  in.input.note_kind = NoteKind::TechnicalEnablement;
  in.input.actor = "maria";
  REQUIRE(parse_iso_instant("2026-03-06T10:00:00Z", in.at));
  in.pins["q"] = "abc";
  in.calendar = "def";
  in.writes.push_back(AttrWrite{"workloads", "Azure", "esd", Value::date(d)});
  LogInput out;
  REQUIRE(log_from_json(json::parse(log_to_json(in).dump()), out));
  CHECK(out.op == in.op);
  CHECK(out.input.kind == InputKind::Fire);
  CHECK(out.input.sets == in.input.sets);
  CHECK(out.input.note_kind == NoteKind::TechnicalEnablement);
  CHECK(out.at == in.at);
  CHECK(out.pins == in.pins);
  CHECK(out.writes.at(0).value == in.writes[0].value);
  CHECK_FALSE(log_from_json(json::parse(R"({"op": "explode", "at": "2026-01-01"})"), out));
  CHECK_FALSE(log_from_json(json::parse(R"({"op": "fire"})"), out));
  CHECK(content_hash("a") != content_hash("b"));
  CHECK(content_hash("a").size() == 32);
}

TEST_CASE("assign and unassign log records round-trip", "[codec]") {
  for (bool add : {true, false}) {
    LogInput in;
    in.op = add ? pb::rt::InputOp::Assign : pb::rt::InputOp::Unassign;
    in.input.kind = InputKind::Set;
    in.input.actor = "maria";
    in.assign = AssignChange{QueueKind::FM, "FTCQ CSS EMEA", add, add};
    REQUIRE(parse_iso_instant("2026-03-06T10:00:00Z", in.at));
    LogInput out;
    REQUIRE(log_from_json(json::parse(log_to_json(in).dump()), out));
    CHECK(out.op == in.op);
    CHECK(out.assign.queue == QueueKind::FM);
    CHECK(out.assign.name == "FTCQ CSS EMEA");
    CHECK(out.assign.primary == add);
    CHECK(out.assign.add == add);
  }
  LogInput out;
  CHECK_FALSE(log_from_json(json::parse(R"({"op": "assign", "at": "2026-01-01T00:00:00Z",
                                          "assign": {"queue": "xm", "name": "Bob"}})"),
                            out));
  CHECK_FALSE(log_from_json(json::parse(R"({"op": "assign", "at": "2026-01-01T00:00:00Z"})"), out));
}

// Log records as the store holds them (written by an earlier build), one of
// every op: each decodes to its op and encodes back to the same bytes, so a
// database written before replays.
static const char* const kStoredLog[] = {
    R"json({"actor":"ana","at":"2026-01-05T09:00:00Z","op":"tenant-add","playbook":"","sets":[["region","EMEA"]],"writes":[{"attr":"region","field":"","key":"","value":"EMEA"}]})json",
    R"json({"actor":"ana","at":"2026-01-05T09:01:00Z","note":{"kind":"status","text":"Ops set"},"op":"tenant-set","playbook":"","sets":[["region","APJ"]],"writes":[{"attr":"region","field":"","key":"","value":"APJ"}]})json",
    R"json({"actor":"ana","assign":{"name":"Bo Li","primary":true,"queue":"fm"},"at":"2026-01-05T09:02:00Z","op":"assign","playbook":""})json",
    R"json({"actor":"ana","assign":{"name":"Bo Li","primary":false,"queue":"fm"},"at":"2026-01-05T09:03:00Z","op":"unassign","playbook":""})json",
    R"json({"actor":"ana","at":"2026-01-05T09:04:00Z","op":"start","pins":{"ops":"1b4b8e7a4ded513a08eba558df909a61"},"playbook":"ops"})json",
    R"json({"actor":"ana","at":"2026-01-05T09:05:00Z","note":{"kind":"status","text":"Ops done"},"op":"complete","playbook":"","task":1})json",
    R"json({"actor":"ana","at":"2026-01-05T09:06:00Z","op":"reset","playbook":"","task":1})json",
    R"json({"actor":"ana","at":"2026-01-05T09:07:00Z","note":{"kind":"technical","text":"Ops note"},"op":"note","playbook":""})json",
    R"json({"actor":"ana","at":"2026-01-05T09:08:00Z","event":"go","note":{"kind":"status","text":"Ops fired"},"op":"fire","playbook":"","sets":[["who","me"]]})json",
    R"json({"actor":"ana","at":"2026-01-05T09:09:00Z","op":"mark","playbook":"","state":"blocked","task":1})json",
    R"json({"actor":"timer","at":"2026-01-08T09:08:00Z","op":"tick","playbook":"ops","timer":{"due":"2026-01-06T09:08:00Z","step":"two","transition":0}})json",
    R"json({"actor":"ana","at":"2026-01-09T09:00:00Z","migration":{"expect":{"hash":"1b4b8e7a4ded513a08eba558df909a61","step":"two"},"steps":{"two":"three"},"tasks":{"1":0,"2":3}},"op":"migrate","pins":{"ops":"5f0c6d0a0e5b0b9d5d3c0f1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"},"playbook":"ops"})json",
};

TEST_CASE("a stored log record of every op decodes and encodes back byte for byte", "[codec]") {
  std::set<InputOp> seen;
  for (const char* text : kStoredLog) {
    INFO(text);
    LogInput out;
    REQUIRE(log_from_json(json::parse(text), out));
    CHECK(to_string(out.op) == json::parse(text).at("op").get<std::string>());
    CHECK(out.input.kind == input_kind(out.op));
    CHECK(log_to_json(out).dump() == text);
    seen.insert(out.op);
  }
  CHECK(seen.size() == std::size(kInputOps));
}

TEST_CASE("every op has one spelling, and it parses back", "[codec]") {
  std::set<std::string> spellings;
  for (InputOp op : kInputOps) {
    InputOp back = InputOp::Tick;
    REQUIRE(parse_input_op(to_string(op), back));
    CHECK(back == op);
    spellings.insert(to_string(op));
  }
  CHECK(spellings.size() == std::size(kInputOps));
  InputOp x = InputOp::Fire;
  CHECK_FALSE(parse_input_op("set", x));
  CHECK(x == InputOp::Fire);
}
