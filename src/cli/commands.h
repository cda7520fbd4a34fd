// The command line: options -> request JSON -> api -> table, JSON, GeoJSON or CSV on stdout.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace caravan::cli {
// Runs one command line; returns the process exit code (from the api error table).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
}  // namespace caravan::cli
