// bench_lint.cpp — front-end speed. Generates a directory-sized
// set of playbooks (about 1,000, several MB) in both forms, then prints in one
// run: DSL parse+check MB/s, YAML parse+check MB/s, libyaml's raw event-parse
// MB/s on the same YAML (the baseline), and the time to lint the bundled
// playbooks/ directory. Usage: bench_lint [N_PLAYBOOKS] [PLAYBOOK_DIR]
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "grammar/frontend.hpp"
#include "grammar/loader.hpp"
#include "interpreter/checker.hpp"

using namespace pb;
using Clock = std::chrono::steady_clock;

namespace {

// One realistic playbook: header, catalog, rules and a chain of outreach
// steps with guards, waits and actions. `n` makes ids unique.
std::string make_playbook(int n, int steps) {
  std::string s = fmt::format(R"DSL(# Generated playbook {0} for the front-end benchmark.
playbook gen-{0} {{
  title "Generated playbook {0}"
  version {0}
  phase "Re-Engagement"
  motions "Customer Health", "RFA"
  owner "Benchmark"
  note_prefix "Re-engaged Customer"

  role fm "FastTrack Manager"
  role tm "Targeting Manager"

  tenant {{
    attr managed bool "Managed account"
    attr priority enum("High (overridden)", "Low (overridden)", Normal) "Priority"
    attr next_action_date date "Next action date"
  }}

  event customer_replied "Customer replied"
  event no_answer "No answer"
  event paused "Customer requested a delay" {{
    attr until date "Until"
    attr grt_lead_approved bool "GRT Lead approved"
  }}

  rule pause_under_90_days_{0} "A pause of 90 days or more needs the GRT Lead"
    on event paused
    require days_until(event.until) < 90 or event.grt_lead_approved

  start s0
)DSL",
                              n);
  for (int i = 0; i < steps; ++i) {
    int task = 100000 + n * 100 + i;
    s += fmt::format(
        "  task {} \"Outreach task {} of {}\" optional role fm services \"All Services\"\n", task,
        i, n);
  }
  for (int i = 0; i < steps; ++i) {
    int task = 100000 + n * 100 + i;
    std::string next = i + 1 < steps ? fmt::format("s{}", i + 1) : "done";
    s += fmt::format(R"DSL(
  # Step {0}: reach out and wait two business days.
  step s{0} "Outreach attempt {0}" role fm {{
    instructions "Send the outreach template, log the attempt and wait for a reply."
    tasks {1}
    enter {{ complete {1}; note status "Re-engaged Customer: attempt {0} sent" }}
    on customer_replied when not tenant.managed and visits(s{0}) < 3 -> done {{ set tenant.priority = "High (overridden)" }}
    on paused when days_until(event.until) < 90 -> {2} {{ set tenant.next_action_date = event.until }}
    on no_answer -> {2}
    after 2 business days -> {2}
  }}
)DSL",
                     i, task, next);
  }
  s += "\n  step done \"Finished\" {\n    end \"engaged\"\n  }\n}\n";
  return s;
}

struct Corpus {
  std::vector<std::string> names, dsl, yaml;
  size_t dsl_bytes = 0, yaml_bytes = 0;
};

Corpus generate(int count) {
  Corpus c;
  for (int n = 1; n <= count; ++n) {
    std::string name = fmt::format("gen-{}.playbook", n);
    std::string text = make_playbook(n, 12);
    Diagnostics d;
    auto pb = parse_dsl(text, name, d);
    if (!pb || d.has_errors()) {
      for (auto& x : d.items()) fmt::print(stderr, "{}: {}\n", x.loc.str(), x.message);
      std::exit(2);
    }
    c.names.push_back(name);
    c.dsl_bytes += text.size();
    c.dsl.push_back(std::move(text));
    c.yaml.push_back(print_yaml(*pb));
    c.yaml_bytes += c.yaml.back().size();
  }
  return c;
}

// Best of `reps` runs of f(), in seconds.
template <class F>
double best_of(int reps, F&& f) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

size_t parse_and_check(const Corpus& c, bool yaml, bool check = true) {
  Project project;
  Diagnostics d;
  const auto& texts = yaml ? c.yaml : c.dsl;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto pb = yaml ? parse_yaml_playbook(texts[i], c.names[i] + ".yaml", d)
                   : parse_dsl(texts[i], c.names[i], d);
    if (pb) project.playbooks.push_back(std::move(*pb));
  }
  if (check) check_project(project, d);
  return d.count(Severity::Error);
}

// libyaml's event parser over every YAML text: no tree, no model.
size_t libyaml_events(const Corpus& c) {
  size_t events = 0;
  for (const auto& text : c.yaml) {
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    yaml_event_t ev;
    bool done = false;
    while (!done && yaml_parser_parse(&parser, &ev)) {
      done = ev.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&ev);
      ++events;
    }
    yaml_parser_delete(&parser);
  }
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::string dir = argc > 2 ? argv[2] : "playbooks";
  Corpus c = generate(count);
  double mb_dsl = c.dsl_bytes / 1e6, mb_yaml = c.yaml_bytes / 1e6;
  fmt::print("corpus: {} playbooks, DSL {:.1f} MB, YAML {:.1f} MB\n", count, mb_dsl, mb_yaml);

  size_t errors = 0;
  double t_dsl = best_of(5, [&] { errors += parse_and_check(c, false); });
  double t_yaml = best_of(3, [&] { errors += parse_and_check(c, true); });
  double t_raw = best_of(5, [&] { libyaml_events(c); });
  double t_dsl_parse = best_of(5, [&] { parse_and_check(c, false, false); });
  if (errors) fmt::print("warning: {} errors in the generated corpus\n", errors);

  double dsl = mb_dsl / t_dsl, yaml = mb_yaml / t_yaml, raw = mb_yaml / t_raw;
  fmt::print("{:<38} {:>10}   {}\n", "figure", "measured", "target / baseline");
  fmt::print("{:<38} {:>7.1f} MB/s   >= 50 MB/s and >= 10x YAML ({:.1f}x)\n", "DSL parse+check",
             dsl, dsl / yaml);
  fmt::print("{:<38} {:>7.1f} MB/s   (parse alone; check is the rest)\n", "  of which DSL parse",
             mb_dsl / t_dsl_parse);
  fmt::print("{:<38} {:>7.1f} MB/s   baseline: yaml-cpp tree + model + check\n", "YAML parse+check",
             yaml);
  fmt::print("{:<38} {:>7.1f} MB/s   baseline: libyaml events only\n",
             "libyaml raw event parse (same YAML)", raw);

  double t_lint = best_of(5, [&] {
    Diagnostics d;
    auto loaded = load_paths({dir}, d);
    check_project(loaded.project, d);
  });
  fmt::print("{:<38} {:>7.2f} ms     well under 50 ms\n", "lint bundled " + dir + "/",
             t_lint * 1e3);
  return 0;
}
