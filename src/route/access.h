// Places beyond the network: a gazetteer place (any UN/LOCODE entry, a World Port Index port, a
// position) that is not a location of the network is joined to it by estimated access legs, by
// road to the nearest locations of its country and, where the place is a rail point or an inland
// clearance depot (UN/LOCODE functions 2 and 6; depots are mostly rail-served), by rail to
// the nearest rail nodes; their figures are derived from the network's own links of that mode in
// that country and are marked estimated. A port (or a position) the land network does not reach (a
// country it does not cover, another continent) is joined by estimated sailings over the global
// maritime layer from the network's seaports nearest to it by sea.
#pragma once
#include <string>
#include <vector>

#include "core/result.h"
#include "network/network.h"
#include "places/gazetteer.h"
#include "sea/sea_route.h"

namespace caravan::route {

struct AccessOptions {
  int nearest = 3;  // locations joined per mode
  Km max_km{600};   // no access leg longer than this, great circle
  double road_circuity = 1.25;
  double rail_circuity = 1.2;
  // Sea access (none without a layer): sailings from the `sea_ports` network seaports nearest by
  // sea, over the lanes, avoiding what the layer avoids by default; each end within
  // `max_snap_km` of a lane. Cost and speed: the layer's default container class and its first
  // dry-bulk class (sourced in data/sea/vessel_classes.csv), at the middle of their ranges.
  const sea::SeaData* sea = nullptr;
  int sea_ports = 5;
  Km max_snap_km{300};
};

// A place to add, with the id it gets in the network (its UN/LOCODE, else a made-up one).
struct AccessPlace {
  std::string id;
  places::Place place;
  std::string query;  // as the request named it ("48.0,60.0"): the location's alias
};

// The network with each place added as a location joined by access links (a place whose id is
// already a location of the network only gets the query's spelling as an alias) (ids
// "access-<mode>-<place>-<location>", `estimated`), and a source row that says how their figures
// were derived. Errors: a place outside the network's countries, or with no location of its
// country within max_km, when it cannot be joined by sea either (no layer, not a port, too far
// from the lanes: the error names the nearest lane node and its distance).
Result<network::Network> with_access(const network::Network& net,
                                     const std::vector<AccessPlace>& ends,
                                     const AccessOptions& options = {});

// The places of `queries` that the network does not know but the gazetteer does, resolved
// (UN/LOCODE, name or lat,lon); queries the network resolves are left out. A place whose code
// the network has comes back too: with_access adds the query's spelling to that location's
// aliases instead of joining it. `fields` name the request fields for errors.
Result<std::vector<AccessPlace>> places_beyond(const network::Network& net,
                                               const places::Gazetteer& gazetteer,
                                               const std::vector<std::string>& queries,
                                               const std::vector<std::string>& fields);

}  // namespace caravan::route
