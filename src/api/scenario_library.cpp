// Scenario name resolution (moved here from the CLI so that the server shares it).
#include "api/scenario_library.h"

#include <algorithm>
#include <filesystem>

#include "core/text.h"

namespace caravan::api {

Result<std::vector<scenario::Scenario>> load_scenarios(const network::Network& net,
                                                       const std::string& network_dir,
                                                       const std::vector<std::string>& names,
                                                       bool library_only) {
  namespace fs = std::filesystem;
  const fs::path library = fs::path(network_dir) / "scenarios";
  std::error_code ec;
  auto known_names = [&] {
    std::vector<std::string> known;
    if (fs::is_directory(library, ec))
      for (const auto& e : fs::directory_iterator(library, ec))
        if (e.path().extension() == ".scenario") known.push_back(e.path().stem().string());
    std::sort(known.begin(), known.end());
    return known;
  };
  std::vector<std::string> paths;
  for (const auto& n : names) {
    const bool plain_name = !n.empty() && n.find_first_of("/\\") == std::string::npos &&
                            n.find("..") == std::string::npos;
    if (n == "all") {
      std::vector<std::string> all;
      for (const auto& k : known_names()) all.push_back((library / (k + ".scenario")).string());
      if (all.empty())
        return make_error(ErrorCode::NotFound, library.string() + ": no scenario files",
                          "scenario");
      paths.insert(paths.end(), all.begin(), all.end());
    } else if (!library_only && fs::exists(n, ec)) {
      paths.push_back(n);
    } else if (plain_name && fs::exists(library / (n + ".scenario"), ec)) {
      paths.push_back((library / (n + ".scenario")).string());
    } else {
      return make_error(ErrorCode::NotFound,
                        "unknown scenario '" + n +
                            "': " + (library_only ? "not one of: " : "not a file, nor one of: ") +
                            text::join(known_names(), ", "),
                        "scenario");
    }
  }
  std::vector<scenario::Scenario> out;
  for (const auto& p : paths) {
    auto sc = scenario::load(net.tables(), p);
    if (!sc) return sc.error();
    out.push_back(std::move(*sc));
  }
  return out;
}

std::vector<std::string> scenario_names(const std::string& network_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  const fs::path dir = fs::path(network_dir) / "scenarios";
  if (fs::is_directory(dir, ec))
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".scenario") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace caravan::api
