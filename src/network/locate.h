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
  // 0 the whole spelling, 1 whole words of it ("Osaka" in "Kobe/Osaka (Hanshin)"), 2 its
  // beginning, 3 the beginning of a word or a part of 3+ letters, 10+ a typo (10 + 100 x (1 -
  // Jaro-Winkler similarity), when the typo distance is small for the length).
  int score = 0;
  std::string matched;  // the spelling that matched
};

// Best matches first; at most `limit`.
std::vector<Match> locate(const Network& net, std::string_view query, std::size_t limit = 10);

// One location for a query: an exact id, name or alias (case and accents ignored) or a unique
// prefix; otherwise a NotFound error that lists the closest names. `field` names the option.
Result<LocationId> resolve_location(const Network& net, std::string_view query,
                                    const std::string& field);

}  // namespace caravan::network
