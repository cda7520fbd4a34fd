// Finding locations by name in any common spelling, by UN/LOCODE, or by the nearest match to a
// typo.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "network/network.h"

namespace caravan::network {

struct Match {
  LocationId id;
  int score = 0;        // 0 exact, 1 prefix, 2+ edit distance + 1
  std::string matched;  // the spelling that matched
};

// Best matches first; at most `limit`.
std::vector<Match> locate(const Network& net, std::string_view query, std::size_t limit = 10);

// One location for a query: an exact id, name or alias (case and accents ignored) or a unique
// prefix; otherwise a NotFound error that lists the closest names. `field` names the option.
Result<LocationId> resolve_location(const Network& net, std::string_view query,
                                    const std::string& field);

}  // namespace caravan::network
