// test_yaml_dsl.cpp — the two file forms mean the same thing: the DSL and
// YAML examples of docs/language.md load to the same model, and DSL → YAML →
// DSL keeps the model, the comments and the canonical DSL text.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "yaml_test_util.hpp"

using namespace pb;
using pb::test::render;

namespace {

Playbook dsl(const std::string& text) {
  Diagnostics d;
  auto pb = parse_dsl(text, "x.playbook", d);
  INFO(render(d));
  REQUIRE(pb);
  REQUIRE(!d.has_errors());
  return *pb;
}

Playbook yml(const std::string& text) {
  Diagnostics d;
  auto pb = parse_yaml_playbook(text, "x.playbook.yaml", d);
  INFO(render(d));
  INFO(text);
  REQUIRE(pb);
  REQUIRE(!d.has_errors());
  return *pb;
}

}  // namespace

TEST_CASE("the docs' DSL and YAML examples are the same playbook") {
  std::string d = test::doc_block("", "## A complete small playbook");
  std::string y = test::doc_block("yaml");
  REQUIRE(!d.empty());
  Playbook a = dsl(d), b = yml(y);
  CHECK(a == b);
  CHECK(a.comments.lines == b.comments.lines);
  CHECK(print_yaml(a) == y);
  CHECK(print_dsl(b) == print_dsl(a));
}

TEST_CASE("DSL → YAML → DSL keeps the model, the comments and the text") {
  std::string src =
      test::slurp(std::string(PB_SOURCE_DIR) + "/tests/data/dsl/all_constructs.playbook");
  REQUIRE(!src.empty());
  Playbook m = dsl(src);
  std::string y = print_yaml(m);
  Playbook back = yml(y);
  CHECK(back == m);
  CHECK(print_dsl(back) == print_dsl(m));
  CHECK(print_yaml(back) == y);
}

TEST_CASE("YAML → DSL → YAML keeps the canonical YAML") {
  std::string y = test::slurp(std::string(PB_SOURCE_DIR) + "/tests/data/yaml/full.playbook.yaml");
  Playbook m = yml(y);
  std::string d = print_dsl(m);
  INFO(d);
  Playbook back = dsl(d);
  CHECK(back == m);
  CHECK(print_yaml(back) == y);
}
