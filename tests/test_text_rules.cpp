// test_text_rules.cpp — the text rules of runtime/text.hpp: which text may
// enter, the id charsets, the repair of stored text and the escaping of text
// for a terminal.
#include <catch2/catch.hpp>

#include "runtime/text.hpp"

using namespace pb::rt;

TEST_CASE("text: valid UTF-8 without controls enters; the first bad byte is named", "[text]") {
  CHECK_FALSE(text_fault("Re-engaged Customer: Zoë 日本 🙂\tline\r\nnext"));
  auto f = text_fault("ab\xff");
  REQUIRE(f);
  CHECK(f->offset == 2);
  CHECK(f->what == "is not valid UTF-8");
  CHECK(text_fault("\xc0\x80")->offset == 0);       // overlong NUL
  CHECK(text_fault("x\xed\xa0\x80")->offset == 1);  // a surrogate
  CHECK(text_fault("\xe2\x82")->offset == 0);       // truncated
  f = text_fault("note \x1b[2J");
  REQUIRE(f);
  CHECK(f->offset == 5);
  CHECK(f->what == "is a control character (U+001B)");
  CHECK(text_fault("a\x7f")->offset == 1);      // DEL
  CHECK(text_fault("a\xc2\x85")->offset == 1);  // C1: NEXT LINE
  CHECK(text_fault(std::string("a\0b", 3))->offset == 1);
  CHECK_FALSE(invalid_utf8_at("a\x1b"));
  CHECK(invalid_utf8_at("a\xff") == size_t{1});
}

TEST_CASE("text: ids have a charset and a length", "[text]") {
  CHECK_FALSE(id_fault(IdKind::Tenant, "3f2a9c1e-77b0-4c1e-9d6a-0b1c2d3e4f50"));
  CHECK_FALSE(id_fault(IdKind::Tenant, "contoso_ltd.emea-2"));
  CHECK(*id_fault(IdKind::Tenant, "") == "is empty");
  CHECK(*id_fault(IdKind::Tenant, "   ") == "has byte 0x20 at byte offset 0");
  CHECK(*id_fault(IdKind::Tenant, "a\nb") == "has byte 0x0a at byte offset 1");
  CHECK(*id_fault(IdKind::Tenant, "-a") == "has '-' at byte offset 0");
  CHECK(*id_fault(IdKind::Tenant, "gam,ma") == "has ',' at byte offset 3");
  CHECK(*id_fault(IdKind::Tenant, std::string(129, 'a')) == "is 129 bytes long, more than 128");
  CHECK_FALSE(id_fault(IdKind::Tenant, std::string(128, 'a')));
  CHECK_FALSE(id_fault(IdKind::Actor, "jane.doe+fm@contoso.example"));
  CHECK(*id_fault(IdKind::Actor, "jane doe") == "has byte 0x20 at byte offset 4");
  CHECK(*id_fault(IdKind::Actor, "zo\xc3\xab") == "has byte 0xc3 at byte offset 2");
  CHECK_FALSE(id_fault(IdKind::Key, "ticket-42/retry:1#{x}"));
  CHECK(*id_fault(IdKind::Key, "a b") == "has byte 0x20 at byte offset 1");
}

TEST_CASE("text: stored text is repaired as it is read", "[text]") {
  std::string s = "ok \xff\xfe ok \xe2\x82\xac";
  repair_utf8(s);
  CHECK(s == "ok \xEF\xBF\xBD\xEF\xBF\xBD ok \xe2\x82\xac");
  std::string good = "Zoë";
  repair_utf8(good);
  CHECK(good == "Zoë");
}

TEST_CASE("text: escaping for a terminal", "[text]") {
  CHECK(escape_controls("plain Zoë 🙂 \\x1b") == "plain Zoë 🙂 \\x1b");
  CHECK(escape_controls("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(escape_controls("\x1b[2J\x7f\x01") == "\\x1b[2J\\x7f\\x01");
  CHECK(escape_controls("a\xc2\x85z") == "a\\u0085z");
  CHECK(escape_controls("abc\xe2\x80\xae") == "abc\\u202e");  // right-to-left override
  CHECK(escape_controls("bad\xff") == "bad\xEF\xBF\xBD");
  std::string once = escape_controls("x\x1b\ny");
  CHECK(escape_controls(once) == once);
}
