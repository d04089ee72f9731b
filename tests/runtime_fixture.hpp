// runtime_fixture.hpp — a temporary database and a small playbook directory
// (YAML texts) for the store/engine tests. Test-only.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "grammar/frontend.hpp"
#include "model/calendar_math.hpp"
#include "runtime/engine.hpp"
#include "source/directory_source.hpp"

namespace pbt {

inline const char* kOutreachYaml = R"(playbook: outreach
note_prefix: Re-engaged Customer
calendar: tenant.region
tenant:
  region: {type: enum, values: [AMERICAS, EMEA], calendar: true}
  managed: {type: bool}
  next_action_date: {type: date}
  contacts: {type: contacts}
roles:
  - {id: fm, name: FastTrack Manager}
tasks:
  - {id: 3663, name: "Send Email Outreach #1", mandatory: false, role: fm}
  - {id: 3664, name: "Send Email Outreach #2", mandatory: false, role: fm}
events:
  - {id: customer_replied, title: Customer replied}
  - id: paused
    title: Paused
    payload:
      until: {type: date}
start: email_1
steps:
  - id: email_1
    role: fm
    enter:
      - send: {template: Customer Outreach}
      - complete: 3663
    transitions:
      - {event: customer_replied, to: done}
      - {event: paused, to: paused, do: [{set: {path: tenant.next_action_date, expr: event.until}}]}
      - {after: 2 business days, to: phone, do: [{complete: 3664}]}
  - id: phone
    role: fm
    transitions:
      - {event: customer_replied, to: done}
      - {after: 1 week, to: done}
  - id: paused
    role: fm
    transitions:
      - {at: tenant.next_action_date - 2 days, to: email_1}
      - {event: customer_replied, to: done}
  - id: done
    goto: delivery
)";

inline const char* kDeliveryYaml = R"(playbook: delivery
start: working
events:
  - {id: delivered, title: Delivered}
steps:
  - id: working
    transitions:
      - {event: delivered, to: closed}
  - id: closed
    end: delivered
)";

inline const char* kPingYaml = R"(playbook: ping
start: a
events:
  - {id: ping, title: Ping}
steps:
  - id: a
    transitions:
      - {event: ping, to: b}
  - id: b
    transitions:
      - {event: ping, to: a}
)";

inline const char* kWaiterYaml = R"(playbook: waiter
start: w
steps:
  - id: w
    transitions:
      - {after: 1 hour, to: done}
  - id: done
    end: waited
)";

inline pb::Instant at(const char* s) {
  pb::Instant t;
  REQUIRE(pb::parse_iso_instant(s, t));
  return t;
}

struct TempDb {
  std::filesystem::path dir;
  TempDb() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() /
          ("pbtest-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string path() const { return (dir / "t.db").string(); }
};

struct Dir {
  pb::Project project;
  pb::rt::Catalog catalog;
  void add(const std::string& filename, const std::string& text) {
    pb::Diagnostics d;
    auto p = pb::parse_yaml_playbook(text, filename, d);
    INFO(filename);
    for (const auto& x : d.items()) INFO(x.loc.str() + " " + x.message);
    REQUIRE(p);
    REQUIRE_FALSE(d.has_errors());
    catalog.files[p->id] = pb::rt::PinnedSource{p->id, filename, text, "", ""};
    project.playbooks.push_back(std::move(*p));
  }
  Dir() {
    add("outreach.playbook.yaml", kOutreachYaml);
    add("delivery.playbook.yaml", kDeliveryYaml);
    add("ping.playbook.yaml", kPingYaml);
    add("waiter.playbook.yaml", kWaiterYaml);
    pb::Calendar c;
    c.id = "AMERICAS";
    pb::Days d;
    pb::parse_iso_date("2026-03-09", d);
    c.holidays[d] = "a Monday holiday";
    project.calendars.push_back(c);
  }
  pb::rt::Catalog cat() {
    pb::rt::Catalog c = catalog;
    c.project = &project;
    c.source = std::make_shared<pb::src::DirectorySource>(nullptr);
    return c;
  }
};

inline pb::rt::LogInput fire(const std::string& event, const char* now,
                             std::vector<std::pair<std::string, std::string>> sets = {},
                             std::string playbook = "") {
  pb::rt::LogInput in;
  in.op = pb::rt::InputOp::Fire;
  in.playbook = std::move(playbook);
  in.input.kind = pb::InputKind::Fire;
  in.input.event = event;
  in.input.sets = std::move(sets);
  in.input.actor = "fm1";
  in.at = at(now);
  return in;
}

inline pb::rt::LogInput start(const std::string& playbook, const char* now) {
  pb::rt::LogInput in;
  in.op = pb::rt::InputOp::Start;
  in.playbook = playbook;
  in.input.actor = "fm1";
  in.at = at(now);
  return in;
}

inline int64_t count_rows(pb::rt::Store& s, const char* sql) {
  pb::rt::Query q(s, sql);
  return q.step() ? q.i64(0) : -1;
}

}  // namespace pbt
