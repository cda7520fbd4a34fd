// `caravan serve`: the HTTP JSON API and the map (src/server/).
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace caravan::cli {

int run_serve(const std::vector<std::string>& args, const std::string& network_dir,
              std::ostream& out, std::ostream& err);

}  // namespace caravan::cli
