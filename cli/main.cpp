// main.cpp — the `playbook` entry point; everything else lives in cli/*.cpp.
#include "cli/app.hpp"

int main(int argc, char** argv) { return pb::cli::run(argc, argv); }
