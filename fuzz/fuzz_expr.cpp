// fuzz_expr.cpp — libFuzzer target for parse_expression / print_expr.
//
// Contract: parse_expression never crashes, hangs or throws; an expression
// read without errors prints to text that reads back to the same Expr and
// prints to the same bytes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "grammar/frontend.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  pb::Diagnostics d;
  pb::Loc base{std::make_shared<const std::string>("fuzz"), 3, 7};
  auto e = pb::parse_expression(text, base, d);
  if (!e || d.has_errors()) return 0;
  std::string once = pb::print_expr(*e);
  pb::Diagnostics d2;
  auto again = pb::parse_expression(once, base, d2);
  if (!again || d2.has_errors() || !(*again == *e) || pb::print_expr(*again) != once) {
    std::fprintf(stderr, "fuzz_expr: round trip failed\n--- input\n%.*s\n--- printed\n%s\n",
                 static_cast<int>(size), reinterpret_cast<const char*>(data), once.c_str());
    std::abort();
  }
  return 0;
}
