// test_fmt_wrap.cpp — canonical text wraps at 100 columns: lists are packed,
// expressions break before `and`/`or` (and after `where`), `require … else`
// and inline blocks move to their own lines, in the DSL and in the YAML
// form; wrapping is idempotent and never changes the model. Goldens in
// tests/data/fmt/ (PB_UPDATE_GOLDEN=1 rewrites them; review by eye).
#include <catch2/catch.hpp>
#include <cstdlib>

#include "grammar/frontend.hpp"
#include "grammar/layout.hpp"
#include "run_binary.hpp"

namespace fs = std::filesystem;
using pbtest::slurp;

namespace {

const fs::path kData = fs::path(PB_SOURCE_DIR) / "tests" / "data" / "fmt";

bool updating() {
  const char* v = std::getenv("PB_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

pb::Playbook parse(const std::string& text, bool yaml) {
  pb::Diagnostics d;
  auto m = yaml ? pb::parse_yaml_playbook(text, "t.playbook.yaml", d)
                : pb::parse_dsl(text, "t.playbook", d);
  INFO(text);
  REQUIRE(m);
  REQUIRE_FALSE(d.has_errors());
  return *m;
}

std::string print(const pb::Playbook& m, bool yaml) {
  return yaml ? pb::print_yaml(m) : pb::print_dsl(m);
}

// Lines wider than 100 columns hold a string that cannot be broken.
void check_width(const std::string& text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl - start);
    INFO(line);
    if (line.size() > 100) CHECK(line.find('"') != std::string::npos);
    start = nl + 1;
  }
}

void compare_golden(const std::string& text, const fs::path& golden) {
  if (updating()) {
    std::ofstream(golden, std::ios::binary) << text;
    return;
  }
  CHECK(text == slurp(golden));
}

}  // namespace

TEST_CASE("fmt wraps at 100 columns in both forms, canonically and without changing the model",
          "[fmt]") {
  pb::Playbook model = parse(slurp(kData / "long_lines.playbook"), false);
  for (bool yaml : {false, true}) {
    INFO((yaml ? "yaml" : "dsl"));
    std::string once = print(model, yaml);
    compare_golden(once, kData / (yaml ? "long_lines.playbook.yaml.expected"
                                       : "long_lines.playbook.expected"));
    check_width(once);
    pb::Playbook back = parse(once, yaml);
    CHECK(back == model);
    CHECK(print(back, yaml) == once);                  // idempotent
    CHECK(print(back, !yaml) == print(model, !yaml));  // and the other form agrees
  }
}

TEST_CASE("a short playbook prints exactly as before wrapping existed", "[fmt]") {
  std::string text =
      "playbook p {\n  motions \"A\", \"B\"\n\n  role fm \"FM\"\n\n  task 1 \"T\" optional role fm "
      "services \"S\"\n\n  event go\n\n  start a\n\n  step a role fm {\n    tasks 1\n"
      "    on go when tenant.x and tenant.y -> a { complete 1 }\n  }\n}\n";
  CHECK(pb::print_dsl(parse(text, false)) == text);
}

TEST_CASE("layout: a fill packs items, a group breaks as a whole", "[fmt]") {
  namespace l = pb::grammar::layout;
  l::Docs items;
  for (int i = 0; i < 10; ++i) {
    if (i) items.push_back(l::brk());
    items.push_back(l::text("item" + std::to_string(i) + (i < 9 ? "," : "")));
  }
  l::Doc d = l::nest(4, {l::text("list "), l::fill(items)});
  CHECK(l::render(d, 0, 30) ==
        "list item0, item1, item2,\n    item3, item4, item5,\n    item6, item7, item8, item9");
  CHECK(l::flat(d) == "list item0, item1, item2, item3, item4, item5, item6, item7, item8, item9");
  l::Doc g = l::group({l::text("a"), l::brk(), l::text("and b"), l::brk(), l::text("and c")});
  CHECK(l::render(g, 0, 20) == "a and b and c");
  CHECK(l::render(g, 10, 20, 0) == "a\nand b\nand c");
}

TEST_CASE("a guard folded over YAML lines keeps the positions of its tokens", "[fmt]") {
  std::string text =
      "playbook: p\nstart: a\nsteps:\n  - id: a\n    transitions:\n      - when: tenant.managed\n"
      "          and tenant.seats > 20,000\n        to: a\n";
  pb::Diagnostics d;
  pb::parse_yaml_playbook(text, "p.playbook.yaml", d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].loc.str() == "p.playbook.yaml:7:30");
  CHECK(d.items()[0].message.find("20000") != std::string::npos);
}
