// tenant_import.hpp — `playbook tenant import` (contract in tenant_import.cpp)
// and the CSV reader it uses.
#pragma once

#include <string>
#include <vector>

#include "app.hpp"

namespace pb::cli {

// RFC 4180 records (quoted fields, "" escapes, line breaks inside quotes);
// blank lines are skipped. lines[i] is the 1-based line rows[i] starts on.
struct CsvTable {
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> lines;
};
CsvTable parse_csv(const std::string& text);

struct ImportOpts {
  std::string file;
  bool skip_bad = false;
  int batch = 500;
};
int run_import(const Globals& g, const ImportOpts& o);

}  // namespace pb::cli
