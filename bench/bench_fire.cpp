// bench_fire.cpp — `playbook fire` and `playbook status` as whole processes
// on the bundled playbook directory, beside the previous build's binary
// (--old-binary) measured in the same run, each on a database of its own:
//   * fire: one accepted input per process (`fire tN research_done` on a
//     tenant running customer-engagement), median wall time of --tenants
//     processes, as processes/s, and the median CPU time (user + system, the
//     children's rusage) of one process; the two binaries alternate, so both
//     see the same machine load. The wall time includes the commit's fsync
//     (synchronous=FULL), which no saving of CPU work shortens;
//   * playbook parses per command: the binary run with PB_STATS=1 prints
//     `parses: N` on stderr (cli/main.cpp); a binary that does not print it
//     shows "-";
//   * status: `status t1`, median of 21 processes.
// Targets: at most one parse per playbook the command touches (fire: one);
// fire process time down by at least a third; status not slower.
// Run by hand:
//   bench_fire [--tenants 30] [--old-binary PATH] [--playbooks DIR] [--dir TMPPARENT]
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>

#include "bench_proc.hpp"

namespace {

using bench::line;
namespace fs = std::filesystem;

struct Opts : bench::ProcOpts {
  int tenants = 30;
  std::string old_binary;
};

const char* const kNow = "2026-12-23T09:00:00Z";

struct Bin {
  std::string path, db;
  std::vector<double> fire, fire_cpu, status, status_cpu;
};

// The CPU time (user + system) of every child waited for so far.
double children_cpu() {
  struct rusage ru {};
  getrusage(RUSAGE_CHILDREN, &ru);
  auto secs = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return secs(ru.ru_utime) + secs(ru.ru_stime);
}

// Runs one command, adding its wall and CPU time to `wall` and `cpu`.
void timed(const std::vector<std::string>& args, std::vector<double>& wall,
           std::vector<double>& cpu) {
  double before = children_cpu();
  wall.push_back(bench::spawn(args, false).secs);
  cpu.push_back(children_cpu() - before);
}

std::vector<std::string> cmd(const Opts& o, const Bin& b, std::vector<std::string> args) {
  std::vector<std::string> out{b.path,  "--db", b.db,   "--playbooks", o.playbooks,
                               "--now", kNow,   "--as", "bench"};
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

void setup(const Opts& o, Bin& b) {
  for (int i = 1; i <= o.tenants; ++i) {
    std::string t = fmt::format("t{}", i);
    bench::spawn(cmd(o, b,
                     {"tenant", "add", t, "--set", "region=EMEA", "--set", "managed=false", "--set",
                      "contacts=Sam Okafor <sam.okafor@fabrikam.example> primary"}),
                 false);
    bench::spawn(cmd(o, b, {"start", t, "customer-engagement"}), false);
  }
}

// The `parses: N` line of the command run with PB_STATS=1, or "-".
std::string parses(const Opts& o, const Bin& b, const std::vector<std::string>& args) {
  std::string sh = "PB_STATS=1";
  for (const auto& a : cmd(o, b, args)) sh += " '" + a + "'";
  bench::Proc p = bench::spawn({"/bin/sh", "-c", sh + " 2>&1 >/dev/null"}, true, false);
  auto at = p.out.find("parses: ");
  if (at == std::string::npos) return "-";
  return p.out.substr(at + 8, p.out.find('\n', at) - at - 8);
}

std::string ms(double secs) { return fmt::format("{:.1f} ms", secs * 1e3); }
std::string per_s(double secs) { return fmt::format("{:.1f}/s", 1.0 / secs); }

int run(Opts& o) {
  std::string self = fs::read_symlink("/proc/self/exe").string();
  if (o.binary.empty())
    o.binary = (fs::path(self).parent_path().parent_path() / "cli" / "playbook").string();
  fs::path dir = bench::scratch_dir(o.dir, "bench_fire");
  std::string load;
  std::getline(std::ifstream("/proc/loadavg"), load);
  fmt::print("bench_fire: {} tenants on {} in {} (load average {})\n", o.tenants, o.playbooks,
             dir.string(), load.substr(0, load.find(' ')));
  std::vector<Bin> bins{{o.binary, (dir / "new.db").string(), {}, {}, {}, {}}};
  if (!o.old_binary.empty())
    bins.push_back({o.old_binary, (dir / "old.db").string(), {}, {}, {}, {}});
  for (auto& b : bins) setup(o, b);
  std::vector<std::string> fire_parses, status_parses;
  for (auto& b : bins) {
    fire_parses.push_back(parses(o, b, {"fire", "t1", "research_done"}));
    status_parses.push_back(parses(o, b, {"status", "t1"}));
  }
  for (int i = 2; i <= o.tenants; ++i)
    for (auto& b : bins)
      timed(cmd(o, b, {"fire", fmt::format("t{}", i), "research_done"}), b.fire, b.fire_cpu);
  for (int k = 0; k < 21; ++k)
    for (auto& b : bins) timed(cmd(o, b, {"status", "t1"}), b.status, b.status_cpu);

  double fire = bench::median(bins[0].fire), status = bench::median(bins[0].status);
  bool old = bins.size() > 1;
  double old_fire = old ? bench::median(bins[1].fire) : 0,
         old_status = old ? bench::median(bins[1].status) : 0;
  line("fire, whole process", per_s(fire), old ? per_s(old_fire) + " (prev)" : "-",
       old ? old_fire / fire : 0, "x1.5 (time -1/3)", !old || fire <= old_fire * 2 / 3);
  line("fire, process time", ms(fire), old ? ms(old_fire) + " (prev)" : "-",
       old ? fire / old_fire : 0, "<= 0.67", !old || fire <= old_fire * 2 / 3);
  double cpu = bench::median(bins[0].fire_cpu), old_cpu = old ? bench::median(bins[1].fire_cpu) : 0;
  line("fire, CPU time", ms(cpu), old ? ms(old_cpu) + " (prev)" : "-", old ? cpu / old_cpu : 0,
       "<= 0.67", !old || cpu <= old_cpu * 2 / 3);
  line("fire, playbook parses", fire_parses[0], old ? fire_parses[1] + " (prev)" : "-", 0, "<= 1",
       fire_parses[0] == "1" || fire_parses[0] == "0");
  line("status, process time", ms(status), old ? ms(old_status) + " (prev)" : "-",
       old ? status / old_status : 0, "as fast as before", !old || status <= old_status * 1.1);
  double scpu = bench::median(bins[0].status_cpu),
         old_scpu = old ? bench::median(bins[1].status_cpu) : 0;
  line("status, CPU time", ms(scpu), old ? ms(old_scpu) + " (prev)" : "-",
       old ? scpu / old_scpu : 0, "as fast as before", !old || scpu <= old_scpu * 1.1);
  line("status, playbook parses", status_parses[0], old ? status_parses[1] + " (prev)" : "-", 0,
       "<= 1", status_parses[0] == "1" || status_parses[0] == "0");
  if (o.keep)
    fmt::print("kept {}\n", dir.string());
  else
    fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Opts o;
  CLI::App app{"fire and status benchmark (whole processes)"};
  app.add_option("--tenants", o.tenants, "tenants, one fire each (default 30)")
      ->check(CLI::Range(2, 100000));
  app.add_option("--old-binary", o.old_binary,
                 "the previous build's playbook binary, measured in the same run");
  bench::add_proc_options(app, o);
  CLI11_PARSE(app, argc, argv);
  return bench::run_main("bench_fire", [&] { return run(o); });
}
