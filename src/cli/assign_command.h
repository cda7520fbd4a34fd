// `caravan assign`: annual demand assigned to the network at equilibrium, or a TNTP benchmark.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace caravan::cli {

int run_assign(const std::vector<std::string>& args, const std::string& network_dir,
               std::ostream& out, std::ostream& err);

}  // namespace caravan::cli
