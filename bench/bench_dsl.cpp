// bench_dsl.cpp — DSL front-end throughput on a large generated playbook:
// parse_dsl and print_dsl in MB/s of CPU time, beside two baselines measured
// in the same run (a memchr line count and check_text over the same bytes).
// Prints figures only; it asserts nothing.
#include <algorithm>
#include <cstring>
#include <ctime>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "grammar/frontend.hpp"

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Best CPU time of `runs` calls of f.
template <class F>
double best_of(int runs, F f) {
  double best = 1e30;
  for (int i = 0; i < runs; ++i) {
    double t0 = cpu_seconds();
    f();
    best = std::min(best, cpu_seconds() - t0);
  }
  return best;
}

constexpr const char* kStep = R"(
  # Step {0}: outreach.
  step s{0} "Send Email Outreach #{0}" role fm {{
    services "All Services", "Teams"
    instructions """
      Send the outreach email.
      Then wait for the customer.
      """
    tasks 3663, 3664
    enter {{
      send "Customer Outreach" to tenant.contacts.primary
      note status "Re-engaged Customer: outreach {0} sent"
      each workload in tenant.workloads where workload.l1 == "In Progress" {{
        set workload.esd = 2026-03-01
      }}
    }}
    on customer_replied -> s{1}
    on paused when days_until(event.until) < 90 or event.grt_lead_approved -> s{1} {{ complete 3663 }}
    after 2 business days when visits(s{0}) < 3 and not task(3664) -> s{1}
    at tenant.next_action_date - 2 days -> s{1}
  }}
)";

std::string generate(size_t bytes) {
  std::string text =
      "playbook big {\n  title \"Big\"\n  role fm \"FastTrack Manager\"\n  start s0\n";
  for (int i = 0; text.size() < bytes; ++i) text += fmt::format(kStep, i, i + 1);
  return text + "}\n";
}

}  // namespace

int main() {
  std::string text = generate(20u << 20);
  double mb = static_cast<double>(text.size()) / 1e6;
  size_t lines = 0;
  double scan = best_of(3, [&] {
    lines = 0;
    for (const char* c = text.data();
         (c = static_cast<const char*>(std::memchr(c, '\n', text.data() + text.size() - c))); ++c)
      ++lines;
  });
  double check = best_of(3, [&] {
    pb::Diagnostics d;
    pb::check_text(text, "big.playbook", d, true);
  });
  std::vector<std::optional<pb::Playbook>> models(3);  // destroyed outside the timing
  size_t run = 0;
  double parse = best_of(3, [&] {
    pb::Diagnostics d;
    models[run++] = pb::parse_dsl(text, "big.playbook", d);
  });
  const auto& model = models[0];
  std::string printed;
  double print = best_of(3, [&] { printed = pb::print_dsl(*model); });
  fmt::print("input: {:.1f} MB, {} lines, {} steps\n", mb, lines, model ? model->steps.size() : 0);
  fmt::print("baseline memchr line count: {:8.0f} MB/s\n", mb / scan);
  fmt::print("baseline check_text:        {:8.0f} MB/s\n", mb / check);
  fmt::print("parse_dsl:                  {:8.0f} MB/s\n", mb / parse);
  fmt::print("print_dsl:                  {:8.0f} MB/s (output {:.1f} MB)\n",
             static_cast<double>(printed.size()) / 1e6 / print,
             static_cast<double>(printed.size()) / 1e6);
  return 0;
}
