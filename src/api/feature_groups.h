// The feature table's groups, one file each (features_*.cpp); features.cpp joins them.
#pragma once
#include <ostream>
#include <vector>

#include "api/feature.h"

namespace caravan::api {

std::vector<Feature> route_features();    // route, compare, reliability, why-not, locate
std::vector<Feature> study_features();    // scenario(s), simulate, landed-cost, deal, assign
std::vector<Feature> network_features();  // network info, validate, export
std::vector<Feature> global_features();   // sea-route, places

// The CLI's exit code for answers with a "routes" list: 6 when it is empty.
int no_route_exit(const nlohmann::json& response, std::ostream& err);

}  // namespace caravan::api
