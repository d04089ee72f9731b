// options.cpp — option checks and usage errors in our words (options.hpp).
#include "cli/options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <filesystem>

#include "model/diagnostics.hpp"

namespace pb::cli {

namespace {

std::string hint(const std::string& s, const std::vector<std::string>& known) {
  std::string h = did_you_mean(s, known);
  return h.empty() ? "" : " (" + h + ")";
}

bool parse_whole(const std::string& s, long long& v) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// Text after the first ": " of a CLI11 message (its option name comes before).
std::string after_colon(const std::string& what, std::string& name) {
  auto c = what.find(": ");
  if (c == std::string::npos) return what;
  name = what.substr(0, c);
  return what.substr(c + 2);
}

// Every option name (--long and -s) and subcommand name `cmd` takes,
// including the global options it falls through to.
std::vector<std::string> known_words(const CLI::App& cmd) {
  std::vector<std::string> out;
  for (const CLI::App* a = &cmd; a; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options()) {
      for (const auto& n : o->get_lnames()) out.push_back("--" + n);
      for (const auto& n : o->get_snames()) out.push_back("-" + n);
    }
    if (a == &cmd)
      for (const CLI::App* sub : a->get_subcommands([](const CLI::App*) { return true; }))
        out.push_back(sub->get_name());
  }
  return out;
}

std::string subcommand_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::App* sub : cmd.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string type_words(const CLI::App& cmd, const std::string& name) {
  const CLI::Option* o = nullptr;
  for (const CLI::App* a = &cmd; a && !o; a = a->get_parent()) o = a->get_option_no_throw(name);
  std::string t = o ? o->get_type_name() : "";
  if (t == "INT" || t == "UINT") return "a whole number";
  if (t == "FLOAT") return "a number";
  return "a valid value";
}

std::string extras_message(const CLI::App& cmd, const std::string& what) {
  std::string list = what.substr(what.find(": ") == std::string::npos ? 0 : what.find(": ") + 2);
  std::string first =
      list.substr(list.rfind(' ') == std::string::npos ? 0 : list.rfind(' ') + 1);  // listed last
  std::string path = command_path(cmd);
  if (first.starts_with("-"))
    return fmt::format("`{}` has no option '{}'{}", path, first, hint(first, known_words(cmd)));
  return fmt::format("`{}` does not take '{}'{}", path, first, hint(first, known_words(cmd)));
}

std::string required_message(const CLI::App& cmd, const std::string& what) {
  std::string name = what.substr(0, what.rfind(" is required"));
  if (name == "A subcommand") {
    std::vector<std::string> rest;  // an unknown word falls through to the parents
    for (const CLI::App* a = &cmd; a && rest.empty(); a = a->get_parent()) rest = a->remaining();
    if (!rest.empty() && !rest.front().starts_with("-"))
      return fmt::format("`{}` has no command '{}'{}; its commands: {}", command_path(cmd),
                         rest.front(), hint(rest.front(), known_words(cmd)), subcommand_names(cmd));
    return fmt::format("`{}` needs a command: {}", command_path(cmd), subcommand_names(cmd));
  }
  const CLI::Option* o = cmd.get_option_no_throw(name);
  std::string shown = name;
  if (o && o->get_positional())
    for (char& c : shown) c = char(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format("`{}` needs {}{}", command_path(cmd), shown,
                     o && !o->get_description().empty() ? " (" + o->get_description() + ")" : "");
}

std::string conversion_message(const CLI::App& cmd, const std::string& what) {
  const std::string prefix = "Could not convert: ";
  if (what.starts_with(prefix)) {
    std::string rest = what.substr(prefix.size());
    auto eq = rest.find(" = ");
    std::string name = rest.substr(0, eq),
                value = eq == std::string::npos ? "" : rest.substr(eq + 3);
    return fmt::format("{}: '{}' is not {}", name, value, type_words(cmd, name));
  }
  std::string name, rest = after_colon(what, name);
  if (!name.empty() && (rest.starts_with("too many inputs") || rest.starts_with("Should be true")))
    return fmt::format("{} is a flag: it takes no value", name);
  return what;
}

std::string message_of(const CLI::App& cmd, const CLI::ParseError& e) {
  std::string what = e.what(), name;
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) return extras_message(cmd, what);
  if (dynamic_cast<const CLI::RequiredError*>(&e)) return required_message(cmd, what);
  if (dynamic_cast<const CLI::ConversionError*>(&e)) return conversion_message(cmd, what);
  std::string rest = after_colon(what, name);
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && !name.empty())
    return rest.starts_with("At Most") ? fmt::format("{} is given more than once", name)
                                       : fmt::format("{} needs a value", name);
  if (dynamic_cast<const CLI::ValidationError*>(&e) && !name.empty())
    return name.starts_with("-") ? fmt::format("{}: {}", name, rest)
                                 : rest;  // our validators' words
  return what;
}

}  // namespace

CLI::Validator one_of(std::vector<std::string> choices) {
  std::string desc = fmt::format("{}", fmt::join(choices, "|"));
  return CLI::Validator(
      [choices](std::string& v) -> std::string {
        if (std::find(choices.begin(), choices.end(), v) != choices.end()) return "";
        return fmt::format("must be {}, not '{}'{}", fmt::join(choices, ", "), v, hint(v, choices));
      },
      desc, "one_of");
}

CLI::Validator whole_number(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& v) -> std::string {
        long long n = 0;
        if (!parse_whole(v, n)) return fmt::format("'{}' is not a whole number", v);
        if (n < min) return fmt::format("must be {} or more, not {}", min, v);
        if (n > max) return fmt::format("must be at most {}, not {}", max, v);
        return "";
      },
      "", "whole_number");
}

CLI::Validator number(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& v) -> std::string {
        double d = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec != std::errc() || end != v.data() + v.size() || v.empty())
          return fmt::format("'{}' is not a number", v);
        if (d < min || d > max) return fmt::format("must be from {} to {}, not {}", min, max, v);
        return "";
      },
      "", "number");
}

CLI::Validator existing_file() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        std::error_code ec;
        if (std::filesystem::is_regular_file(v, ec)) return "";
        return std::filesystem::exists(v, ec) ? fmt::format("'{}' is not a file", v)
                                              : fmt::format("cannot read '{}': no such file", v);
      },
      "", "existing_file");
}

const CLI::App& chosen_command(const CLI::App& app) {
  const CLI::App* a = &app;
  while (!a->get_subcommands().empty()) a = a->get_subcommands().front();
  return *a;
}

std::string command_path(const CLI::App& cmd) {
  std::string path = cmd.get_name();
  for (const CLI::App* a = cmd.get_parent(); a; a = a->get_parent())
    path = a->get_name() + " " + path;
  return path;
}

int usage_error(const CLI::App& app, const CLI::ParseError& e) {
  if (dynamic_cast<const CLI::Success*>(&e)) return app.exit(e) == 0 ? 0 : 2;
  const CLI::App& cmd = chosen_command(app);
  fmt::print(stderr, "error: {}\n(`{} --help` shows the usage)\n", message_of(cmd, e),
             command_path(cmd));
  return 2;
}

}  // namespace pb::cli
