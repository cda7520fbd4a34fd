// The feature table's groups, one file each (features_*.cpp); features.cpp joins them.
#pragma once
#include <optional>
#include <ostream>
#include <vector>

#include "api/feature.h"
#include "places/gazetteer.h"

namespace caravan::api {

std::vector<Feature> route_features();    // route, compare, reliability, why-not, locate
std::vector<Feature> study_features();    // scenario(s), simulate, landed-cost, deal, assign
std::vector<Feature> network_features();  // network info, validate, export
std::vector<Feature> global_features();   // sea-route, places
std::vector<Feature> sweep_features();    // sweep (sweep_codec.cpp)
std::vector<Feature> report_features();   // report (report_codec.cpp)

// The network a routing request runs on: the context's (nullopt), or a copy of it joined by
// estimated access legs to the places its "from" and "to" name that only the gazetteer knows
// (route/access.h; the gazetteer is io::default_sea_files()'s), and to the main seaports
// (places::main_ports) of `market_countries` it has no place in, by sea.
Result<std::optional<network::Network>> joined_network(
    const Context& ctx, const nlohmann::json& request,
    const std::vector<std::string>& market_countries = {},
    places::Facility facility = places::Facility::Container);

// Places of the gazetteer that match `q` and are not locations of the network (UN/LOCODE, name,
// WPI data), at most `limit`: what `locate` adds when the network has no exact match.
Result<nlohmann::json> gazetteer_matches(const network::Network& net, const std::string& q,
                                         std::size_t limit);

// The CLI's exit code for answers with a "routes" list: 6 when it is empty.
int no_route_exit(const nlohmann::json& response, std::ostream& err);

}  // namespace caravan::api
