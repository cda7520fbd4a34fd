// Building the maritime layer: CSR arrays, passage tags, the main connected part, the snap grid.
#include "sea/sea_network.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

namespace caravan::sea {

namespace {

constexpr int kCols = 360, kRows = 180;  // 1-degree cells
constexpr double kKmPerDegree = 111.19;  // on the 6,371 km sphere

int col_of(double lon) {
  int c = static_cast<int>(std::floor(lon + 180.0));
  return ((c % kCols) + kCols) % kCols;
}
int row_of(double lat) {
  return std::clamp(static_cast<int>(std::floor(lat + 90.0)), 0, kRows - 1);
}

// Whether the segment a-b (lon/lat, the short way not across the antimeridian) meets the box
// (Liang-Barsky clipping).
bool crosses(LatLon a, LatLon b, const Passage& p) {
  if (std::abs(b.lon - a.lon) > 180.0) return false;
  double t0 = 0, t1 = 1;
  const double dx = b.lon - a.lon, dy = b.lat - a.lat;
  const double ps[4] = {-dx, dx, -dy, dy};
  const double qs[4] = {a.lon - p.min_lon, p.max_lon - a.lon, a.lat - p.min_lat, p.max_lat - a.lat};
  for (int i = 0; i < 4; ++i) {
    if (ps[i] == 0) {
      if (qs[i] < 0) return false;
      continue;
    }
    const double t = qs[i] / ps[i];
    if (ps[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

}  // namespace

Result<SeaNetwork> SeaNetwork::build(std::vector<LatLon> nodes, const std::vector<LaneInput>& lanes,
                                     std::vector<Passage> passages, std::string source) {
  SeaNetwork s;
  s.source_ = std::move(source);
  s.pos_ = std::move(nodes);
  s.passages_ = std::move(passages);
  const auto n = static_cast<std::uint32_t>(s.pos_.size());
  // Passage of each lane: the file's tag first, else the first box it crosses.
  std::vector<std::uint8_t> tag(lanes.size(), kNoPassage);
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const auto& l = lanes[i];
    if (l.a >= n || l.b >= n)
      return make_error(ErrorCode::InvalidData,
                        s.source_ + ": lane " + std::to_string(i) + " names a node out of range");
    if (!l.pass.empty()) {
      auto it = std::find_if(s.passages_.begin(), s.passages_.end(),
                             [&](const Passage& p) { return p.marnet_pass == l.pass; });
      if (it == s.passages_.end()) {
        Passage p;
        p.id = l.pass;
        p.name = l.pass + " (tagged in " + s.source_ + ")";
        p.marnet_pass = l.pass;
        s.passages_.push_back(p);
        it = s.passages_.end() - 1;
      }
      tag[i] = static_cast<std::uint8_t>(it - s.passages_.begin());
      continue;
    }
    for (std::size_t p = 0; p < s.passages_.size(); ++p)
      if (s.passages_[p].has_box && crosses(s.pos_[l.a], s.pos_[l.b], s.passages_[p])) {
        tag[i] = static_cast<std::uint8_t>(p);
        break;
      }
  }
  if (s.passages_.size() >= kNoPassage)
    return make_error(ErrorCode::InvalidData, s.source_ + ": more than 254 passages");
  // CSR, each lane both ways.
  s.offset_.assign(n + 1, 0);
  for (const auto& l : lanes) {
    if (l.a == l.b) continue;
    ++s.offset_[l.a + 1];
    ++s.offset_[l.b + 1];
  }
  for (std::uint32_t v = 0; v < n; ++v) s.offset_[v + 1] += s.offset_[v];
  s.head_.resize(s.offset_[n]);
  s.length_.resize(s.offset_[n]);
  s.passage_.resize(s.offset_[n]);
  std::vector<std::uint32_t> fill(s.offset_.begin(), s.offset_.end() - 1);
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const auto& l = lanes[i];
    if (l.a == l.b) continue;
    for (auto [from, to] : {std::pair{l.a, l.b}, std::pair{l.b, l.a}}) {
      const auto k = fill[from]++;
      s.head_[k] = to;
      s.length_[k] = static_cast<float>(l.length.value);
      s.passage_[k] = tag[i];
    }
  }
  // The largest connected part.
  std::vector<std::uint32_t> part(n, UINT32_MAX);
  std::uint32_t main_part = 0, main_size = 0, parts = 0;
  std::vector<std::uint32_t> stack;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (part[v] != UINT32_MAX) continue;
    std::uint32_t size = 0;
    stack.push_back(v);
    part[v] = parts;
    while (!stack.empty()) {
      const auto u = stack.back();
      stack.pop_back();
      ++size;
      for (auto k = s.offset_[u]; k < s.offset_[u + 1]; ++k)
        if (part[s.head_[k]] == UINT32_MAX) {
          part[s.head_[k]] = parts;
          stack.push_back(s.head_[k]);
        }
    }
    if (size > main_size) main_size = size, main_part = parts;
    ++parts;
  }
  if (main_size == 0) return make_error(ErrorCode::InvalidData, s.source_ + ": no sea lanes");
  // The snap grid over the main part.
  s.cell_start_.assign(kCols * kRows + 1, 0);
  auto cell = [&](std::uint32_t v) {
    return row_of(s.pos_[v].lat) * kCols + col_of(s.pos_[v].lon);
  };
  for (std::uint32_t v = 0; v < n; ++v)
    if (part[v] == main_part) ++s.cell_start_[cell(v) + 1];
  for (std::size_t c = 0; c + 1 < s.cell_start_.size(); ++c)
    s.cell_start_[c + 1] += s.cell_start_[c];
  s.cell_nodes_.resize(main_size);
  std::vector<std::uint32_t> at(s.cell_start_.begin(), s.cell_start_.end() - 1);
  for (std::uint32_t v = 0; v < n; ++v)
    if (part[v] == main_part) s.cell_nodes_[at[cell(v)]++] = v;
  return s;
}

std::optional<PassageId> SeaNetwork::find_passage(std::string_view id) const {
  // The id as written ("cape_good_hope"), in any case, or the passage's name ("Suez Canal").
  auto fold = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c)))
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const auto q = fold(id);
  for (std::uint32_t i = 0; i < passages_.size(); ++i)
    if (passages_[i].id == id || fold(passages_[i].id) == q || fold(passages_[i].name) == q)
      return PassageId{i};
  return std::nullopt;
}

std::size_t SeaNetwork::lanes_in(PassageId p) const {
  return static_cast<std::size_t>(
             std::count(passage_.begin(), passage_.end(), static_cast<std::uint8_t>(p.value))) /
         2;
}

Snap SeaNetwork::snap(LatLon p) const {
  Snap best{SeaNodeId{}, Km{INFINITY}};
  const int r0 = row_of(p.lat), c0 = col_of(p.lon);
  for (int ring = 0; ring <= kCols / 2; ++ring) {
    if (ring >= 2) {
      // Every cell of this ring is at least ring-1 degrees away in latitude or in longitude.
      const double lat_edge = std::min(90.0, std::abs(p.lat) + ring);
      const double bound =
          0.9 * (ring - 1) *
          kKmPerDegree *  // 0.9: a chord of a parallel is shorter than the parallel
          std::max(0.0, std::cos(lat_edge * std::numbers::pi / 180.0));
      if (best.node.valid() && bound > best.distance.value) break;
      if (ring > kRows && best.node.valid()) break;
    }
    for (int dr = -ring; dr <= ring; ++dr) {
      const int r = r0 + dr;
      if (r < 0 || r >= kRows) continue;
      const bool edge_row = std::abs(dr) == ring;
      for (int dc = -ring; dc <= ring; dc += edge_row ? 1 : 2 * std::max(ring, 1)) {
        const int c = ((c0 + dc) % kCols + kCols) % kCols;
        const auto cid = static_cast<std::size_t>(r * kCols + c);
        for (auto k = cell_start_[cid]; k < cell_start_[cid + 1]; ++k) {
          const auto v = cell_nodes_[k];
          const Km d = great_circle(p, pos_[v]);
          if (d < best.distance) best = {SeaNodeId{v}, d};
        }
        if (ring == 0) break;
      }
    }
  }
  return best;
}

}  // namespace caravan::sea
