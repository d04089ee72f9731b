// test_contacts.cpp — contacts as records with roles (issue 14): `role=` in
// contact text, contact.role in conditions, `send … to contacts where … cc
// contacts where …`, and `mark contact … unsubscribed`, in both forms, typed
// by the checker and run by the evaluator.
#include <catch2/catch.hpp>

#include "evaluator_run.hpp"
#include "grammar/frontend.hpp"
#include "interpreter/checker.hpp"
#include "model/value.hpp"

using namespace pb;
using pbtest::EvalRun;

namespace {

constexpr const char* kPlaybook = R"(playbook people {
  title "People"
  start ask
  event stuck "No answer"
  event unsubscribe "Unsubscribe" { attr contact string "Who" }
  tenant { attr contacts contacts }
  step ask "Ask the account team" {
    on stuck -> done {
      send "ATU Help" to contacts where contact.role in ["csm", "tam"]
          cc contacts where contact.role == "atu"
    }
    on unsubscribe -> done { mark contact event.contact unsubscribed }
    after 2 days -> done
  }
  step done "Done" { end "done" }
}
)";

Value contacts(const char* text) {
  Value v;
  std::string why;
  Type t;
  t.kind = TypeKind::Contacts;
  INFO(why);
  REQUIRE(parse_value(t, text, v, why));
  return v;
}

std::string lint_text(const std::string& text) {
  Diagnostics d;
  auto pb = parse_dsl(text, "c.playbook", d);
  std::string out;
  for (const auto& x : d.items()) out += std::string(to_string(x.code)) + " " + x.message + "\n";
  if (!pb) return out;
  Project project;
  project.playbooks.push_back(std::move(*pb));
  Diagnostics diags;
  check_project(project, diags);
  for (const auto& x : diags.items())
    out += std::string(to_string(x.code)) + " " + x.message + " " + x.hint + "\n";
  return out;
}

}  // namespace

TEST_CASE("a contact's role is read from text and written back", "[contacts]") {
  Value v = contacts("Ann <ann@x.example> primary; Tom <tom@x.example> role=tam");
  REQUIRE(v.contacts->size() == 2);
  CHECK(v.contacts->at(1).role == "tam");
  CHECK(contacts_text(*v.contacts) == "Ann <ann@x.example> primary; Tom <tom@x.example> role=tam");
  Value bad;
  std::string why;
  Type t;
  t.kind = TypeKind::Contacts;
  CHECK_FALSE(parse_value(t, "Tom <tom@x.example> role=tamm", bad, why));
  CHECK(why.find("did you mean 'tam'") != std::string::npos);
}

TEST_CASE("send to and cc contacts and mark contact round-trip through both forms", "[contacts]") {
  Diagnostics d;
  auto pb = parse_dsl(kPlaybook, "people.playbook", d);
  REQUIRE(pb);
  REQUIRE_FALSE(d.has_errors());
  std::string dsl = print_dsl(*pb);
  CHECK(dsl.find("cc contacts where contact.role == \"atu\"") != std::string::npos);
  CHECK(dsl.find("mark contact event.contact unsubscribed") != std::string::npos);
  auto yaml = parse_yaml_playbook(print_yaml(*pb), "people.playbook.yaml", d);
  REQUIRE(yaml);
  CHECK_FALSE(d.has_errors());
  CHECK(*yaml == *pb);
  CHECK(lint_text(kPlaybook).empty());
}

TEST_CASE("the checker types contact conditions and mark contact", "[contacts]") {
  std::string text = kPlaybook;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return lint_text(t);
  };
  CHECK(with("contact.role == \"atu\"", "contact.role == \"atuu\"").find("PB035") !=
        std::string::npos);
  CHECK(with("contact.role == \"atu\"", "contact.rol == \"atu\"").find("PB034") !=
        std::string::npos);
  CHECK(with("mark contact event.contact", "mark contact 3").find("PB040") != std::string::npos);
}

TEST_CASE("send copies cc recipients and refuses an unsubscribed one", "[contacts]") {
  EvalRun r(kPlaybook, "people.playbook");
  r.t.attrs["contacts"] = contacts(
      "Ann <ann@x.example> primary; Tom <tom@x.example> role=tam; "
      "Cat <cat@x.example> role=csm; Al <al@x.example> role=atu");
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  EvalRun copy = r;
  auto ok = copy.fire("stuck", "2026-12-01T10:00:00Z");
  REQUIRE(ok.ok());
  REQUIRE(ok.outcome->sent.size() == 3);
  CHECK(ok.outcome->sent[0].contact == "Tom");
  CHECK_FALSE(ok.outcome->sent[0].cc);
  CHECK(ok.outcome->sent[1].contact == "Cat");
  CHECK(ok.outcome->sent[2].contact == "Al");
  CHECK(ok.outcome->sent[2].cc);
  r.t.attrs["contacts"] =
      contacts("Tom <tom@x.example> role=tam; Al <al@x.example> role=atu unsubscribed");
  auto bad = r.fire("stuck", "2026-12-01T10:00:00Z");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.refusal.code == RefusalCode::Unsubscribed);  // a refusal, not a filter
  r.t.attrs["contacts"] = contacts("Al <al@x.example> role=atu");
  auto nobody = r.fire("stuck", "2026-12-01T10:00:00Z");
  REQUIRE_FALSE(nobody.ok());
  CHECK(nobody.refusal.code == RefusalCode::NoContact);
}

TEST_CASE("mark contact writes the contacts through the outcome", "[contacts]") {
  EvalRun r(kPlaybook, "people.playbook");
  r.t.attrs["contacts"] = contacts("Ann <ann@x.example> primary; Tom <tom@x.example> role=tam");
  REQUIRE(r.start("2026-12-01T09:00:00Z").ok());
  auto unknown = r.fire("unsubscribe", "2026-12-01T10:00:00Z", {{"contact", "Tim"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.refusal.code == RefusalCode::NoContact);
  auto ok = r.fire("unsubscribe", "2026-12-01T10:00:00Z", {{"contact", "Tom"}});
  REQUIRE(ok.ok());
  REQUIRE(ok.outcome->attrs.size() == 1);
  CHECK(contacts_text(*r.t.attrs["contacts"].contacts) ==
        "Ann <ann@x.example> primary; Tom <tom@x.example> unsubscribed role=tam");
}
