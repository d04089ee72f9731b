// tenant_import.hpp — `playbook tenant import` (contract in tenant_import.cpp;
// the CSV reader is csv_reader.hpp).
#pragma once

#include <string>

#include "app.hpp"

namespace pb::cli {

struct ImportOpts {
  std::string file;
  bool skip_bad = false;
  int batch = 500;
};
int run_import(const Globals& g, const ImportOpts& o);

}  // namespace pb::cli
