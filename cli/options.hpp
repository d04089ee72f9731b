// options.hpp — the checks of option values and the usage errors of the
// command line, in the project's words (never CLI11's own messages).
//
// Contract:
//  * The validators run before CLI11 converts a value, so a bad value is
//    reported as "--limit: must be 0 or more, not '-1'", never as a
//    conversion or range message of the library.
//  * usage_error prints one "error: …" line for any CLI11 parse error (an
//    unexpected argument, with "did you mean" among the command's options
//    and subcommands; a missing argument or value; a bad value), then where
//    to find the usage, and returns exit code 2. Help and --version are not
//    errors: they print and return 0.
#pragma once

#include <CLI/CLI.hpp>
#include <climits>
#include <string>
#include <vector>

namespace pb::cli {

// One of `choices` (with "did you mean").
CLI::Validator one_of(std::vector<std::string> choices);
// A whole number from `min` to `max`.
CLI::Validator whole_number(long long min, long long max = INT_MAX);
// A number (decimals allowed) from `min` to `max`.
CLI::Validator number(double min, double max);
// The path of a readable file.
CLI::Validator existing_file();

// The command the user picked: the deepest subcommand parsed (the app itself
// when none).
const CLI::App& chosen_command(const CLI::App& app);
// "playbook tenant import" for that command.
std::string command_path(const CLI::App& cmd);

// Prints a parse error in our words; returns the exit code (0 for help and
// --version, else 2).
int usage_error(const CLI::App& app, const CLI::ParseError& e);

}  // namespace pb::cli
