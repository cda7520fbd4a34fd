// Results as JSON (the CLI's --json and the HTTP bodies are the same), GeoJSON and CSV.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "route/planner.h"

namespace caravan::api {

nlohmann::json itinerary_json(const network::Network& net, const route::Itinerary& it);
// Every regime the route meets: regime, issuer, kind, effect, usd, hours, risk, known, dates,
// the leg and place where it applies, and its sources.
nlohmann::json policy_exposure_json(const network::Network& net, const route::Itinerary& it);
nlohmann::json shipment_json(const network::Network& net, const route::PlanRequest& r);
// A FeatureCollection: one LineString per leg, with the route index and mode as properties,
// and Points for border crossings, gauge breaks and transshipments.
nlohmann::json routes_geojson(const network::Network& net, const nlohmann::json& response);
// One CSV row per leg of every route.
std::string routes_csv(const nlohmann::json& response);

}  // namespace caravan::api
