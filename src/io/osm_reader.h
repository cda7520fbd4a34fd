// Reads the railway lines and stations of an OpenStreetMap file (.osm.pbf, .osm, .osm.bz2) with
// libosmium into network::RailInput: ways tagged railway=rail or narrow_gauge (gauge, usage,
// service, electrified, maxspeed) with their nodes' positions, and station, halt and yard nodes.
#pragma once
#include <string>

#include "core/result.h"
#include "network/rail_import.h"

namespace caravan::io {

// Errors name the file: missing, unreadable or malformed (with libosmium's message).
Result<network::RailInput> read_osm_rail(const std::string& path);

}  // namespace caravan::io
