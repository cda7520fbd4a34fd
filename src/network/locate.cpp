// Location search over ids, names and aliases.
#include "network/locate.h"

#include <algorithm>

#include "core/text.h"

namespace caravan::network {

std::vector<Match> locate(const Network& net, std::string_view query, std::size_t limit) {
  const std::string q = text::fold(query);
  std::vector<Match> out;
  if (q.empty()) return out;
  for (std::uint32_t i = 0; i < net.location_count(); ++i) {
    const Location& l = net.location(LocationId{i});
    std::vector<const std::string*> spellings = {&l.id, &l.name};
    for (const auto& a : l.aliases) spellings.push_back(&a);
    Match best{LocationId{i}, 1 << 20, ""};
    for (const auto* s : spellings) {
      const std::string f = text::fold(*s);
      int score;
      if (f == q)
        score = 0;
      else if (f.rfind(q, 0) == 0)
        score = 1;
      else if (f.find(q) != std::string::npos && q.size() >= 3)
        score = 2;
      else {
        const auto d = text::edit_distance(
            q, f.substr(0, std::max(q.size(), std::min(f.size(), q.size() + 2))));
        const auto full = text::edit_distance(q, f);
        score = 3 + static_cast<int>(std::min(d, full));
        if (static_cast<std::size_t>(score - 3) > std::max<std::size_t>(2, q.size() / 3)) continue;
      }
      if (score < best.score) best = Match{LocationId{i}, score, *s};
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
  std::vector<Match> exact, prefix;
  for (const auto& m : matches) {
    if (m.score == 0) exact.push_back(m);
    if (m.score == 1) prefix.push_back(m);
  }
  if (exact.size() == 1) return exact.front().id;
  if (exact.empty() && prefix.size() == 1) return prefix.front().id;
  std::vector<std::string> names;
  for (const auto& m : (exact.size() > 1 ? exact : matches))
    names.push_back(net.location(m.id).name + " (" + net.location(m.id).id + ")");
  if (exact.size() > 1 || prefix.size() > 1)
    return make_error(ErrorCode::InvalidRequest,
                      "'" + std::string(query) + "' is ambiguous: " + text::join(names, ", "),
                      field);
  return make_error(ErrorCode::NotFound,
                    "unknown location '" + std::string(query) + "'" +
                        (names.empty() ? std::string(" (no close match; try 'caravan locate')")
                                       : " (closest: " + text::join(names, ", ") + ")"),
                    field);
}

}  // namespace caravan::network
