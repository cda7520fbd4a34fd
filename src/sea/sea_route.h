// The sea route use-case: from any port (UN/LOCODE, name, or lat,lon) to any port over the global
// maritime layer, with the passages it uses, any passage avoided, and time, cost and CO2 by
// vessel class.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "places/gazetteer.h"
#include "sea/sea_network.h"
#include "sea/sea_path.h"
#include "sea/vessel.h"

namespace caravan::sea {

// What a sea query needs: the layer and the vessel classes.
struct SeaData {
  SeaNetwork network;
  std::vector<VesselClass> vessels;  // the first is the default
};

struct SeaRouteRequest {
  std::string from, to;            // UN/LOCODE, a name, or "lat,lon"
  std::vector<std::string> avoid;  // passage ids ("suez", "babelmandeb", "cape_good_hope")
  std::vector<std::string> allow;  // passages avoided by default that may be used ("northeast")
  std::string vessel;              // a vessel class id; "" for the default
  Tonnes tonnes{0};                // cargo; with teu 0 too, figures are per tonne or per TEU
  Teu teu{0};
  double tonnes_per_teu = 20;  // to turn tonnes into TEU and back
  Km max_snap{300};            // a place farther than this from any sea lane is an error
};

struct SeaEnd {
  places::Place place;
  Snap snap;
};

struct SeaRouteResponse {
  SeaEnd from, to;
  std::vector<PassageId> avoided;             // asked
  std::vector<PassageId> avoided_by_default;  // not allowed by the query
  std::optional<SeaPath> path;                // nullopt: no sea route; `reason` says why
  std::string reason;
  Km total;  // along the lanes plus the two approaches (port to the nearest lane node)
  // When avoiding changed the route: the length and passages without the avoidance.
  std::optional<Km> unconstrained;
  std::vector<PassageId> unconstrained_passages;
  const VesselClass* vessel = nullptr;
  // For the cargo asked, or for one unit (a TEU on container ships, else a tonne) when none was.
  Range sailing_hours, cost_usd, co2_kg;
  Tonnes cargo_tonnes;
  Teu cargo_teu;
  bool per_unit = false;  // no quantity was asked: the figures are for one unit
};

Result<SeaRouteResponse> plan_sea_route(const SeaData& data, const places::Gazetteer& places,
                                        const SeaRouteRequest& request);

// Nautical miles in a length.
constexpr double nautical_miles(Km k) { return k.value / 1.852; }

}  // namespace caravan::sea
