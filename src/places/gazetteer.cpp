// The gazetteer's indexes and search.
#include "places/gazetteer.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <tuple>
#include <unordered_set>

#include "core/geo.h"
#include "core/name_match.h"
#include "core/text.h"

namespace caravan::places {

namespace {

std::string normal_locode(std::string_view code) {
  std::string out;
  for (char c : text::trim(code))
    if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The distinct byte pairs of a folded spelling.
std::vector<std::uint16_t> bigrams(std::string_view f) {
  std::vector<std::uint16_t> out;
  for (std::size_t i = 0; i + 1 < f.size(); ++i)
    out.push_back(static_cast<std::uint16_t>((static_cast<unsigned char>(f[i]) << 8) |
                                             static_cast<unsigned char>(f[i + 1])));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool fits(const Place& p, Purpose purpose) {
  if (purpose == Purpose::Port) return (p.functions & kPort) != 0 || p.port.has_value();
  return true;
}

}  // namespace

std::string function_words(std::uint8_t f) {
  static constexpr std::pair<std::uint8_t, const char*> kWords[] = {{kPort, "port"},
                                                                    {kRail, "rail"},
                                                                    {kRoad, "road"},
                                                                    {kAirport, "airport"},
                                                                    {kPostal, "postal"},
                                                                    {kInlandDepot, "inland depot"},
                                                                    {kFixed, "fixed transport"},
                                                                    {kBorder, "border crossing"}};
  std::vector<std::string> out;
  for (const auto& [bit, word] : kWords)
    if (f & bit) out.emplace_back(word);
  return text::join(out, ", ");
}

int Place::prominence() const {
  int p = has_position ? 1 : 0;
  if (port) {
    static constexpr std::pair<std::string_view, int> kSizes[] = {
        {"Large", 5}, {"Medium", 4}, {"Small", 3}, {"Very Small", 2}};
    p += 1;
    for (const auto& [size, weight] : kSizes)
      if (port->harbor_size == size) p += weight;
  }
  if (!geocoded) p += 1;
  return p;
}

std::uint32_t trigram(std::string_view f, std::size_t i) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(f[i])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(f[i + 1])) << 8) |
         static_cast<unsigned char>(f[i + 2]);
}

std::uint32_t bigram_key(std::uint16_t bigram, std::size_t length) {
  return (static_cast<std::uint32_t>(bigram) << 8) |
         static_cast<std::uint32_t>(std::min<std::size_t>(length, 255));
}

Gazetteer::Gazetteer(std::vector<Place> places) : places_(std::move(places)) {
  by_bigram_.resize(1 << 16);
  std::unordered_map<std::string, std::uint32_t> token_ids;
  auto token = [&](const std::string& t, std::uint32_t spelling) {
    auto [it, fresh] = token_ids.emplace(t, static_cast<std::uint32_t>(tokens_.size()));
    if (fresh) {
      tokens_.push_back(t);
      token_spellings_.emplace_back();
      for (auto b : bigrams(t)) by_token_bigram_[bigram_key(b, t.size())].push_back(it->second);
    }
    auto& list = token_spellings_[it->second];
    if (list.empty() || list.back() != spelling) list.push_back(spelling);
  };
  for (std::uint32_t i = 0; i < places_.size(); ++i) {
    const Place& p = places_[i];
    if (!p.locode.empty()) by_locode_.emplace(p.locode, i);
    std::unordered_set<std::string> seen;
    auto add = [&](const std::string& s) {
      std::string f = text::fold(s);
      if (f.empty() || !seen.insert(f).second) return;
      const auto id = static_cast<std::uint32_t>(spellings_.size());
      // Bigrams of the folded spelling and of its words run together (a query may match a run
      // of words, which folding does not join when a '/' or '(' stands between them).
      std::string joined;
      token(f, id);
      for (const auto& w : text::words_of(s)) {
        by_word_[w].push_back(id);
        token(w, id);
        joined += w;
      }
      auto grams = bigrams(f + "\x01" + joined);
      for (auto b : grams) by_bigram_[b].push_back(id);
      std::vector<std::uint32_t> tri;
      for (std::size_t k = 0; k + 2 < f.size(); ++k) tri.push_back(trigram(f, k));
      std::sort(tri.begin(), tri.end());
      tri.erase(std::unique(tri.begin(), tri.end()), tri.end());
      for (auto t : tri) by_trigram_[t].push_back(id);
      spellings_.push_back({std::move(f), s, i});
    };
    add(p.name);
    for (const auto& a : p.aliases) add(a);
  }
  // Number the tokens by length (stable), and renumber every list.
  std::vector<std::uint32_t> order(tokens_.size()), rank(tokens_.size());
  for (std::uint32_t t = 0; t < order.size(); ++t) order[t] = t;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::min<std::size_t>(tokens_[a].size(), 255) <
           std::min<std::size_t>(tokens_[b].size(), 255);
  });
  for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  {
    std::vector<std::string> t2(tokens_.size());
    std::vector<std::vector<std::uint32_t>> s2(tokens_.size());
    for (std::uint32_t t = 0; t < order.size(); ++t) {
      t2[rank[t]] = std::move(tokens_[t]);
      s2[rank[t]] = std::move(token_spellings_[t]);
    }
    tokens_ = std::move(t2);
    token_spellings_ = std::move(s2);
  }
  for (auto& [key, list] : by_token_bigram_) {
    for (auto& t : list) t = rank[t];
    std::sort(list.begin(), list.end());
  }
  length_start_.assign(257, 0);
  for (const auto& t : tokens_) ++length_start_[std::min<std::size_t>(t.size(), 255) + 1];
  for (std::size_t l = 0; l < 256; ++l) length_start_[l + 1] += length_start_[l];
  sorted_.resize(spellings_.size());
  for (std::uint32_t i = 0; i < sorted_.size(); ++i) sorted_[i] = i;
  std::sort(sorted_.begin(), sorted_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return spellings_[a].folded < spellings_[b].folded;
  });
}

std::optional<PlaceId> Gazetteer::find_locode(std::string_view code) const {
  const auto c = normal_locode(code);
  if (c.size() != 5) return std::nullopt;
  if (auto it = by_locode_.find(c); it != by_locode_.end()) return PlaceId{it->second};
  return std::nullopt;
}

std::vector<PlaceMatch> Gazetteer::search(std::string_view query, std::size_t limit,
                                          Purpose purpose) const {
  const text::NameQuery q(query);
  std::vector<PlaceMatch> out;
  if (q.folded.empty()) return out;
  // Candidate spellings from the indexes; each is then scored by the shared rule.
  std::vector<std::uint32_t> candidates;
  // Beginnings of a whole spelling (and so the whole spelling itself).
  auto lo = std::lower_bound(
      sorted_.begin(), sorted_.end(), q.folded,
      [&](std::uint32_t s, const std::string& v) { return spellings_[s].folded < v; });
  for (auto it = lo; it != sorted_.end(); ++it) {
    if (spellings_[*it].folded.compare(0, q.folded.size(), q.folded) != 0) break;
    candidates.push_back(*it);
  }
  // Whole words and beginnings of words (a query of one word; several words go through the
  // bigrams below).
  if (!q.words.empty())
    if (auto it = by_word_.find(q.words.front()); it != by_word_.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  // Parts of a spelling (score 3): every spelling that holds the query holds its rarest trigram.
  if (q.folded.size() >= 3) {
    const std::vector<std::uint32_t>* rarest = nullptr;
    bool all = true;
    for (std::size_t i = 0; i + 2 < q.folded.size() && all; ++i) {
      auto it = by_trigram_.find(trigram(q.folded, i));
      if (it == by_trigram_.end())
        all = false;
      else if (!rarest || it->second.size() < rarest->size())
        rarest = &it->second;
    }
    if (all && rarest) candidates.insert(candidates.end(), rarest->begin(), rarest->end());
  }
  // Near misses (4+ letters). A run within k edits of the query shares at least (distinct
  // bigrams of the query) - 2k bigrams with it when no edit is a swap of two letters (an
  // insertion, deletion or change breaks at most two); a swap breaks up to three, so each
  // variant of the query with one swap undone is looked up too, with k - 1 edits left.
  if (q.folded.size() >= 4) {
    const auto k = static_cast<int>(text::typos_allowed(q.folded.size()));
    // An insertion, deletion or change of a letter breaks at most two of the query's bigrams, a
    // swap of two letters at most three: a run within k edits shares at least nb - 3k of them.
    // When that bound is not positive (4 or 7 letters), each variant of the query with one swap
    // undone is looked up as well, the query itself then with no swap (nb - 2k) and the
    // variants with k - 1 edits left (nb - 3(k - 1)).
    std::vector<std::string> variants = {q.folded};
    std::vector<int> slack = {3 * k};
    if (static_cast<int>(bigrams(q.folded).size()) - 3 * k < 1) {
      slack[0] = 2 * k;
      for (std::size_t i = 0; i + 1 < q.folded.size(); ++i) {
        std::string v = q.folded;
        std::swap(v[i], v[i + 1]);
        if (v == q.folded) continue;
        variants.push_back(std::move(v));
        slack.push_back(3 * (k - 1));
      }
    }
    if (q.words.size() <= 1) {
      // One word: a typo of a whole spelling or of one of its words, i.e. of a token whose
      // length is within k of the query's. One pass over the lists of every bigram of the query
      // and its variants marks, per token, which of those bigrams it has (a bit each); a token
      // is a candidate when it has `need` of some variant's bigrams.
      std::vector<std::uint16_t> all;  // the bigrams of every variant, each once
      std::vector<std::uint64_t> masks(variants.size(), 0);
      std::vector<int> needs;
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const auto vb = bigrams(variants[v]);
        for (auto b : vb) {
          auto it = std::find(all.begin(), all.end(), b);
          if (it == all.end()) it = all.insert(all.end(), b);
          masks[v] |= std::uint64_t{1} << (it - all.begin());
        }
        needs.push_back(static_cast<int>(vb.size()) - slack[v]);
      }
      // A bound that is not positive (repeated letters) filters nothing: every token of the
      // length window is checked.
      const bool filter = all.size() <= 64 && *std::min_element(needs.begin(), needs.end()) >= 1;
      std::vector<std::uint32_t> found;
      const std::size_t lo_len = q.folded.size() - static_cast<std::size_t>(k);
      const std::size_t hi_len =
          std::min<std::size_t>(q.folded.size() + static_cast<std::size_t>(k), 255);
      const std::uint32_t base = length_start_[lo_len];
      if (filter) {
        thread_local std::vector<std::uint64_t> has;
        has.assign(length_start_[hi_len + 1] - base, 0);
        std::vector<std::uint32_t> touched;
        for (std::size_t i = 0; i < all.size(); ++i)
          for (auto len = lo_len; len <= hi_len; ++len) {
            auto it = by_token_bigram_.find(bigram_key(all[i], len));
            if (it == by_token_bigram_.end()) continue;
            for (auto t : it->second) {
              auto& h = has[t - base];
              if (h == 0) touched.push_back(t);
              h |= std::uint64_t{1} << i;
            }
          }
        for (auto t : touched)
          for (std::size_t v = 0; v < variants.size(); ++v)
            if (std::popcount(has[t - base] & masks[v]) >= needs[v]) {
              found.push_back(t);
              break;
            }
      } else {
        for (std::uint32_t t = base; t < length_start_[hi_len + 1]; ++t) found.push_back(t);
      }
      for (auto t : found)
        if (text::typo_distance(q.folded, tokens_[t]) <= static_cast<std::size_t>(k))
          candidates.insert(candidates.end(), token_spellings_[t].begin(),
                            token_spellings_[t].end());
    } else {
      // Several words: a typo of a run of words, through the spellings' bigrams.
      std::vector<std::uint16_t> hits(spellings_.size(), 0);
      std::vector<std::uint32_t> touched;
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const auto vb = bigrams(variants[v]);
        const int need = static_cast<int>(vb.size()) - slack[v];
        if (need < 1) {  // the bound filters nothing: every spelling is a candidate
          for (std::uint32_t sp = 0; sp < spellings_.size(); ++sp) candidates.push_back(sp);
          break;
        }
        for (auto b : vb)
          for (auto sp : by_bigram_[b]) {
            if (hits[sp] == 0) touched.push_back(sp);
            if (++hits[sp] == need) candidates.push_back(sp);
          }
        for (auto sp : touched) hits[sp] = 0;
        touched.clear();
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::unordered_map<std::uint32_t, std::size_t> at;  // place -> index in out
  for (auto s : candidates) {
    const auto score = text::match_score(q, spellings_[s].text);
    if (!score) continue;
    const std::uint32_t p = spellings_[s].place;
    if (auto it = at.find(p); it != at.end()) {
      if (*score < out[it->second].score)
        out[it->second] = {PlaceId{p}, *score, spellings_[s].text};
      continue;
    }
    at.emplace(p, out.size());
    out.push_back({PlaceId{p}, *score, spellings_[s].text});
  }
  // A code matches as well as a whole name.
  if (auto id = find_locode(query); id && !at.count(id->value))
    out.push_back({*id, 0, places_[id->value].locode});
  std::sort(out.begin(), out.end(), [&](const PlaceMatch& a, const PlaceMatch& b) {
    if (a.score != b.score) return a.score < b.score;
    const Place& pa = places_[a.id.value];
    const Place& pb = places_[b.id.value];
    if (fits(pa, purpose) != fits(pb, purpose)) return fits(pa, purpose);
    if (pa.prominence() != pb.prominence()) return pa.prominence() > pb.prominence();
    if (pa.name != pb.name) return pa.name < pb.name;
    return pa.locode < pb.locode;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

namespace {

std::string label(const Place& p) {
  std::string s = p.name;
  if (!p.locode.empty())
    s += " (" + p.locode + ")";
  else if (!p.country.empty())
    s += " (" + p.country + ")";
  return s;
}

// "35.45,139.65" or "35.45 139.65": a point, lat then lon.
std::optional<LatLon> parse_point(std::string_view q) {
  std::string s(text::trim(q));
  for (char& c : s)
    if (c == ' ' || c == ';') c = ',';
  const auto parts = text::split(s, ',');
  std::vector<double> v;
  for (const auto& part : parts) {
    if (text::trim(part).empty()) continue;
    const auto d = text::parse_double(text::trim(part));
    if (!d) return std::nullopt;
    v.push_back(*d);
  }
  if (v.size() != 2) return std::nullopt;
  return LatLon{v[0], v[1]};
}

}  // namespace

Result<Place> resolve(const Gazetteer& g, std::string_view query, const std::string& field,
                      Purpose purpose) {
  if (auto pt = parse_point(query)) {
    if (pt->lat < -90 || pt->lat > 90 || pt->lon < -180 || pt->lon > 180)
      return make_error(ErrorCode::InvalidRequest,
                        "'" + std::string(query) +
                            "' is not a position: latitude must be in [-90, 90] and longitude "
                            "in [-180, 180] (write lat,lon)",
                        field);
    Place p;
    p.name = text::format_number(pt->lat, 4) + "," + text::format_number(pt->lon, 4);
    p.at = *pt;
    p.has_position = true;
    p.source = "coordinates";
    return p;
  }
  if (auto id = g.find_locode(query)) return g.place(*id);
  const auto matches = g.search(query, 8, purpose);
  // The best class that has a match decides: a whole spelling, whole words, a beginning. Among
  // equals, one fit for the purpose wins when it is the only one fit, then the most prominent
  // when it stands out (a large port over a village of the same name).
  std::vector<PlaceMatch> top;
  for (int level = 0; level <= 2 && top.empty(); ++level)
    for (const auto& m : matches)
      if (m.score == level) top.push_back(m);
  if (!top.empty()) {
    std::vector<PlaceMatch> fit;
    for (const auto& m : top)
      if (fits(g.place(m.id), purpose)) fit.push_back(m);
    if (!fit.empty()) top = fit;
    if (top.size() == 1 || g.place(top[0].id).prominence() > g.place(top[1].id).prominence() + 1)
      return g.place(top.front().id);
  }
  std::vector<std::string> names;
  for (const auto& m : (top.size() > 1 ? top : matches)) names.push_back(label(g.place(m.id)));
  if (top.size() > 1)
    return make_error(ErrorCode::InvalidRequest,
                      "'" + std::string(query) + "' is ambiguous: " + text::join(names, ", ") +
                          " (give the UN/LOCODE)",
                      field);
  return make_error(ErrorCode::NotFound,
                    "unknown place '" + std::string(query) + "'" +
                        (names.empty() ? std::string(" (no close match)")
                                       : " (closest: " + text::join(names, ", ") + ")") +
                        "; the gazetteer has " + std::to_string(g.size()) +
                        " places (a fuller UN/LOCODE file loads with --unlocode FILE)",
                    field);
}

std::vector<PlaceId> main_ports(const Gazetteer& g, std::string_view country, std::size_t n,
                                Facility wanted) {
  std::vector<std::tuple<int, double, std::uint32_t>> ports;  // the sort key: fit, size, draft
  for (std::uint32_t i = 0; i < g.size(); ++i) {
    const auto& p = g.place(PlaceId{i});
    if (p.country != country || !p.has_position || !(p.port || (p.functions & kPort))) continue;
    const bool fits =
        wanted == Facility::Any ||
        (p.port &&
         (wanted == Facility::Container ? p.port->container : p.port->bulk).value_or(false));
    const double draft = p.port ? p.port->max_draft_m.value_or(0) : 0;
    ports.push_back({(fits ? 0 : 100) - p.prominence(), -draft, i});
  }
  std::sort(ports.begin(), ports.end());
  // One port per coast: the next port taken is at least kApartKm from those taken (Ho Chi Minh
  // City and Hai Phong, not three harbours of one bay).
  constexpr double kApartKm = 1000;
  std::vector<PlaceId> out;
  for (const auto& [rank, draft, i] : ports) {
    if (out.size() >= n) break;
    const auto& at = g.place(PlaceId{i}).at;
    if (std::all_of(out.begin(), out.end(),
                    [&](PlaceId o) { return great_circle(at, g.place(o).at).value >= kApartKm; }))
      out.push_back(PlaceId{i});
  }
  return out;
}

}  // namespace caravan::places
