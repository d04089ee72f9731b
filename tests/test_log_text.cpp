// test_log_text.cpp — the stored text of a log record written directly
// (runtime/log_text.hpp) is byte for byte log_to_json(in).dump(): every op,
// every optional member, every string escape, maps given out of order.
#include <catch2/catch.hpp>

#include "model/calendar_math.hpp"
#include "runtime/log_text.hpp"

using pb::rt::InputOp;
using pb::rt::LogInput;

namespace {

// Every member log_to_json may write, with `text` in each string.
LogInput full(InputOp op, const std::string& text) {
  LogInput in;
  in.op = op;
  in.playbook = "outreach" + text;
  in.at = pb::Instant{std::chrono::seconds{1772442000}};
  in.input.actor = "fm." + text;
  in.input.event = "ev" + text;
  in.input.sets = {{"contact", text}, {"b", "2"}};
  in.input.note = "note " + text;
  in.input.task = 3663;
  in.input.status = pb::TaskStatus::Blocked;
  in.input.timer = pb::TimerState{"email_1" + text, 2, in.at};
  in.writes = {pb::AttrWrite{"region", "k" + text, "f", pb::Value::string("EMEA" + text)},
               pb::AttrWrite{"managed", "", "", pb::Value::boolean(true)}};
  in.assign = pb::AssignChange{pb::QueueKind::FM, "fm.alex" + text, true, true};
  in.pins = {{"outreach", std::string(64, 'a')}, {"delivery" + text, "b"}};
  in.calendar = "88d208f6eb1249ff";
  in.migration.map.steps = {pb::StepMapping{{}, "phone", "call" + text, {}},
                            pb::StepMapping{{}, "a", "x", {}}, pb::StepMapping{{}, "a", "y", {}}};
  in.migration.map.tasks = {pb::TaskMapping{{}, 3664, 0, {}}, pb::TaskMapping{{}, 10, 3670, {}},
                            pb::TaskMapping{{}, 9, 1, {}}};
  in.migration.expect_hash = std::string(64, 'c');
  in.migration.expect_step = "phone" + text;
  return in;
}

}  // namespace

TEST_CASE("log_text writes what log_to_json dumps, byte for byte", "[codec]") {
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += char(c);
  for (const std::string& text :
       {std::string(""), std::string("plain"), std::string("q\"uo\\te/"), controls,
        std::string("\x7f del"), std::string("Zo\xc3\xab \xe2\x82\xac \xf0\x9f\x98\x80")}) {
    for (InputOp op : pb::rt::kInputOps) {
      LogInput in = full(op, text);
      INFO(pb::rt::to_string(op) << " " << in.input.event);
      CHECK(pb::rt::log_text(in) == pb::rt::log_to_json(in).dump());
      LogInput bare;  // every optional member empty
      bare.op = op;
      CHECK(pb::rt::log_text(bare) == pb::rt::log_to_json(bare).dump());
    }
  }
}

TEST_CASE("log_text refuses invalid UTF-8 as dump does", "[codec]") {
  LogInput in = full(InputOp::Fire, "bad \xff byte");
  CHECK_THROWS_AS(pb::rt::log_to_json(in).dump(), nlohmann::json::type_error);
  CHECK_THROWS_AS(pb::rt::log_text(in), nlohmann::json::type_error);
}
