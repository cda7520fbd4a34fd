// Location search over ids, names and aliases.
#include "network/locate.h"

#include <algorithm>

#include "core/name_match.h"
#include "core/text.h"

namespace caravan::network {

std::vector<Match> locate(const Network& net, std::string_view query, std::size_t limit) {
  const text::NameQuery q(query);
  std::vector<Match> out;
  if (q.folded.empty()) return out;
  for (std::uint32_t i = 0; i < net.location_count(); ++i) {
    const Location& l = net.location(LocationId{i});
    std::vector<const std::string*> spellings = {&l.id, &l.name};
    for (const auto& a : l.aliases) spellings.push_back(&a);
    Match best{LocationId{i}, 1 << 20, ""};
    for (const auto* s : spellings) {
      const auto score = text::match_score(q, *s);
      if (score && *score < best.score) best = Match{LocationId{i}, *score, *s};
    }
    if (best.score < (1 << 20)) out.push_back(best);
  }
  std::sort(out.begin(), out.end(), [&](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score < b.score;
    return net.location(a.id).name < net.location(b.id).name;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<LocationId> resolve_location(const Network& net, std::string_view query,
                                    const std::string& field) {
  if (auto id = net.find_location(text::trim(query))) return *id;
  const auto matches = locate(net, query, 6);
  // The best class that has a match decides: a whole spelling, whole words, a beginning.
  std::vector<Match> exact, prefix;
  for (int level = 0; level <= 2 && exact.empty(); ++level)
    for (const auto& m : matches)
      if (m.score == level) exact.push_back(m);
  if (exact.size() == 1) return exact.front().id;
  std::vector<std::string> names;
  for (const auto& m : (exact.size() > 1 ? exact : matches))
    names.push_back(net.location(m.id).name + " (" + net.location(m.id).id + ")");
  if (exact.size() > 1)
    return make_error(ErrorCode::InvalidRequest,
                      "'" + std::string(query) + "' is ambiguous: " + text::join(names, ", "),
                      field);
  return make_error(ErrorCode::NotFound,
                    "unknown location '" + std::string(query) + "'" +
                        (names.empty() ? std::string(" (no close match; try 'caravan locate')")
                                       : " (closest: " + text::join(names, ", ") + ")") +
                        "; the network '" + net.tables().name + "' has " +
                        std::to_string(net.location_count()) +
                        " places (a larger one loads with --network DIR)",
                    field);
}

}  // namespace caravan::network
