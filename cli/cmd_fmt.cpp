// cmd_fmt.cpp — `playbook fmt [--check] [--write] FILE…` and
// `playbook convert FILE --to yaml|dsl [-o OUT]`.
//
// fmt prints the canonical form of each file (DSL for .playbook, YAML for
// .playbook.yaml); --write rewrites files in place (atomically: temp file +
// rename), --check prints a unified diff (file → canonical form, as
// `patch -p0` applies it) of each file that is not canonical and exits 1. convert
// prints the file in the other form. A file that does not parse exits 2 with
// its diagnostics and nothing is written.
#include <cstdio>
#include <fstream>
#include <optional>

#include "cli/app.hpp"
#include "cli/diag_format.hpp"
#include "cli/text_diff.hpp"
#include "cli/options.hpp"
#include "cli/text_out.hpp"
#include "grammar/frontend.hpp"
#include "grammar/loader.hpp"
#include "grammar/source_kind.hpp"

namespace pb::cli {
namespace {

bool is_yaml(const std::string& path) { return source_kind(path) == SourceKind::YamlPlaybook; }

// Parses one playbook file in whichever form its name says.
std::optional<Playbook> load_one(const std::string& path, std::string& text, Diagnostics& d) {
  if (!read_file(path, text, d)) return std::nullopt;
  auto pb = parse_playbook_source(text, path, d);
  if (d.has_errors()) return std::nullopt;
  return pb;
}

bool write_atomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".fmt-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!(out << text) || !out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

int run_fmt(const std::vector<std::string>& files, bool check, bool write) {
  int rc = kOk;
  for (const auto& path : files) {
    std::string text;
    Diagnostics d;
    auto pb = load_one(path, text, d);
    fmt::print(stderr, "{}", format_text(d, {}, {}));
    if (!pb) {
      rc = kBadInput;
      continue;
    }
    std::string canon = is_yaml(path) ? print_yaml(*pb) : print_dsl(*pb);
    if (check) {
      if (canon != text) {
        fmt::print("{}", unified_diff(text, canon, path, path));
        if (rc == kOk) rc = kCheckFailed;
      }
    } else if (write) {
      if (canon != text && !write_atomically(path, canon)) {
        err_line("{}: cannot write", path);
        rc = kBadInput;
      }
    } else {
      fmt::print("{}", canon);
    }
  }
  return rc;
}

int run_convert(const std::string& path, const std::string& to, const std::string& out) {
  std::string text;
  Diagnostics d;
  auto pb = load_one(path, text, d);
  fmt::print(stderr, "{}", format_text(d, {}, {}));
  if (!pb) return kBadInput;
  std::string result = to == "yaml" ? print_yaml(*pb) : print_dsl(*pb);
  if (out.empty()) return fmt::print("{}", result), kOk;
  if (!write_atomically(out, result)) return err_line("{}: cannot write", out), kBadInput;
  return kOk;
}

Registrar reg_fmt(Place::Fmt, [](CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("fmt", "print or rewrite playbooks in canonical form");
  auto files = std::make_shared<std::vector<std::string>>();
  auto check = std::make_shared<bool>(false);
  auto write = std::make_shared<bool>(false);
  cmd->add_option("files", *files, "playbook files")->required()->check(existing_file());
  cmd->add_flag("--check", *check,
                "print a unified diff of files that are not canonical; exit 1 if any");
  cmd->add_flag("-w,--write", *write, "rewrite the files in place");
  cmd->callback([&g, files, check, write] { g.exit_code = run_fmt(*files, *check, *write); });
});

Registrar reg_convert(Place::Convert, [](CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("convert", "convert a playbook between the DSL and YAML");
  auto file = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("file", *file, "playbook file")->required()->check(existing_file());
  cmd->add_option("--to", *to, "target form")->required()->check(one_of({"yaml", "dsl"}));
  cmd->add_option("-o,--output", *out, "write here instead of standard output");
  cmd->callback([&g, file, to, out] { g.exit_code = run_convert(*file, *to, *out); });
});

}  // namespace
}  // namespace pb::cli
