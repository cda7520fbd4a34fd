// Scenario networks drawn as ASCII maps, for tests.
//
//   A---B===C        letters are locations; runs of one connector character join the two letters
//       ~   #        at their ends, horizontally or vertically:
//       D~~~E          - road   = rail 1520   # rail 1435   ~ sea   : ferry   * pipeline
//
// Each connector character is `km_per_char` km. Every location gets default transfers between all
// of its layers (`transfer_usd_per_t`, `transfer_hours`), except rail1520 <-> rail1435, which is
// allowed only at the letters in `gauge_change_at`. Countries are given per letter in `countries`
// ("AB:KZ CDE:CN"; default "XA"); a land link between countries gets a border each way with
// `border_hours` dwell.
#pragma once
#include <string>
#include <string_view>

#include "network/network.h"

namespace caravan::testing {

struct AsciiOptions {
  double km_per_char = 100.0;
  std::string countries;
  std::string gauge_change_at;
  double transfer_usd_per_t = 5.0;
  double transfer_hours = 2.0;
  double border_hours = 10.0;
};

network::Tables tables_from_ascii(std::string_view map, const AsciiOptions& options = {});
network::Network network_from_ascii(std::string_view map, const AsciiOptions& options = {});

// The id of country `iso2` in tables built from a map (its countries are numbered as they appear).
CountryId country_id(const network::Tables& t, std::string_view iso2);

// "A-B B=C": each link of the route as from, connector, to; transfers are left out.
std::string describe(const network::Network& net, const std::vector<ArcId>& arcs);

}  // namespace caravan::testing
