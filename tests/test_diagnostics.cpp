// test_diagnostics.cpp — "did you mean", sorting and the shared text checks.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "model/diagnostics.hpp"

using namespace pb;

TEST_CASE("did you mean finds a close name and ignores far ones") {
  std::vector<std::string> known{"customer_replied", "unsubscribed", "paused"};
  CHECK(did_you_mean("customer_repled", known) == "did you mean 'customer_replied'?");
  CHECK(did_you_mean("unsubscirbed", known) == "did you mean 'unsubscribed'?");
  CHECK(did_you_mean("zzz", known).empty());
  CHECK(did_you_mean("paused", known).empty());
}

TEST_CASE("check_text reports bad UTF-8, invisible characters and tabs with positions") {
  Diagnostics d;
  CHECK_FALSE(check_text("ab\ncd\xff", "f.playbook", d, true));
  REQUIRE(d.items().size() == 1);
  CHECK(to_string(d.items()[0].code) == "PB002");
  CHECK(d.items()[0].loc.str() == "f.playbook:2:3");

  Diagnostics d2;
  CHECK(check_text("x\xe2\x80\x8by\n\tz", "g", d2, true));  // reported, still parsed
  REQUIRE(d2.items().size() == 2);
  CHECK(to_string(d2.items()[0].code) == "PB003");
  CHECK(d2.items()[0].loc.str() == "g:1:2");
  CHECK(to_string(d2.items()[1].code) == "PB004");
  CHECK(d2.items()[1].loc.str() == "g:2:1");

  Diagnostics d3;
  CHECK_FALSE(check_text(std::string("a\nb\x01"
                                     "c\0",
                                     6),
                         "h", d3, false));
  REQUIRE(d3.items().size() == 1);
  CHECK(to_string(d3.items()[0].code) == "PB003");
  CHECK(d3.items()[0].message == "control character U+0001 is not allowed");
  CHECK(d3.items()[0].loc.str() == "h:2:2");
}

TEST_CASE("check_text sees every byte value at every place of its eight-byte words") {
  auto plain = [](unsigned c) { return c < 0x7F && (c >= 0x20 || c == '\n' || c == '\r'); };
  for (unsigned c = 0; c < 256; ++c)
    for (size_t at = 0; at < 16; ++at) {
      std::string text(24, 'a');
      text[at] = static_cast<char>(c);
      Diagnostics d;
      check_text(text, "w", d, true);
      INFO("byte " << c << " at " << at);
      CHECK(d.empty() == plain(c));  // a tab is PB004, the rest PB002 / PB003
    }
}
