// test_codec.cpp — the stored JSON forms (runtime/world.hpp) round-trip:
// values of every kind, calendars, log records; malformed JSON is refused.
#include <catch2/catch.hpp>

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
  std::vector<Value> all = {Value{}, Value::boolean(true), Value::integer(42), Value::string("x \"y\""),
                            Value::date(d), Value::of_records(m),
                            Value::of_contacts({Contact{"Ana", "a@x", true, false, true}})};
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
  in.op = "fire";
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
    in.op = add ? "assign" : "unassign";
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
                                          "assign": {"queue": "xm", "name": "Bob"}})"), out));
  CHECK_FALSE(log_from_json(json::parse(R"({"op": "assign", "at": "2026-01-01T00:00:00Z"})"), out));
}
