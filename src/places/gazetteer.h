// The gazetteer: every named place a query may start or end at (UN/LOCODE entries, World Port
// Index ports), found by code, name, other spelling or a near miss, through an index so that a
// look-up among 100,000+ places stays well under a millisecond.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geo.h"
#include "core/ids.h"
#include "core/result.h"

namespace caravan::places {

using PlaceId = Id<struct PlaceTag>;

// UN/LOCODE function classifiers (column "Function"), as bits.
enum Function : std::uint8_t {
  kPort = 1,
  kRail = 2,
  kRoad = 4,
  kAirport = 8,
  kPostal = 16,
  kInlandDepot = 32,  // multimodal function, inland clearance depot
  kFixed = 64,        // fixed transport (pipelines, ropeways)
  kBorder = 128,      // border crossing
};
// "port, rail, road" for the bits set.
std::string function_words(std::uint8_t functions);

// What the World Port Index says of a port.
struct PortFacts {
  std::string wpi_number;
  std::string harbor_size;  // "Very Small" .. "Large"
  std::string water_body;
  std::optional<double> channel_depth_m;
  std::optional<double> max_draft_m;
  // Facilities: nullopt where the index says "Unknown".
  std::optional<bool> container, bulk, roro;
  std::string railway;  // "Small", "Medium", "Large", "Unknown", "None"
};

struct Place {
  std::string locode;                // "NLRTM" (no space); "" for a WPI port without one
  std::string name;                  // as written by the source, with diacritics
  std::vector<std::string> aliases;  // other spellings (without diacritics, WPI alternates)
  std::string country;               // ISO 3166 alpha-2 when known
  std::string subdivision;
  LatLon at;
  bool has_position = false;
  bool geocoded = false;  // the position comes from a geocoder, not from the list
  std::uint8_t functions = 0;
  std::optional<PortFacts> port;
  std::string source;  // "UN/LOCODE", "WPI", "UN/LOCODE + WPI", "coordinates"
  // A sort key for ties: larger ports and places with a position first.
  int prominence() const;
};

struct PlaceMatch {
  PlaceId id;
  int score = 0;        // text::match_score's scale; lower is better
  std::string matched;  // the spelling that matched
};

// What a place is wanted for: a sea route wants a port; a land route any place with a position.
enum class Purpose { Any, Port };

class Gazetteer {
 public:
  Gazetteer() = default;
  explicit Gazetteer(std::vector<Place> places);

  std::size_t size() const { return places_.size(); }
  const Place& place(PlaceId id) const { return places_[id.value]; }
  // "NLRTM" or "NL RTM", any case.
  std::optional<PlaceId> find_locode(std::string_view code) const;
  // Best matches first (a code, a whole spelling, whole words, a beginning, a typo); at most
  // `limit`. Places fit for `purpose` rank before others with the same score.
  std::vector<PlaceMatch> search(std::string_view query, std::size_t limit,
                                 Purpose purpose = Purpose::Any) const;

 private:
  struct Spelling {
    std::string folded;
    std::string text;  // as written
    std::uint32_t place;
  };
  std::vector<Place> places_;
  std::vector<Spelling> spellings_;
  std::unordered_map<std::string, std::uint32_t> by_locode_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_word_;  // word -> spellings
  std::vector<std::uint32_t> sorted_;                  // spellings in folded order (prefixes)
  std::vector<std::vector<std::uint32_t>> by_bigram_;  // 65,536 lists of spellings (typos)
  // Parts of spellings: trigram of the folded spelling -> spellings.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_trigram_;
  // Typos of one-word queries: the distinct tokens (folded whole spellings and words), the
  // spellings each is in, and (bigram, token length) -> tokens.
  std::vector<std::string> tokens_;
  std::vector<std::vector<std::uint32_t>> token_spellings_;
  // Tokens are numbered by length, so that those of one length window are one range of ids.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_token_bigram_;
  std::vector<std::uint32_t> length_start_;  // the first token of each length (256 + 1)
};

// A country's main seaports: ports of `country` (ISO alpha-2) with a position, those with the
// facility the cargo needs first (the World Port Index's container or solid-bulk facility), then
// the most prominent (harbour size, then the deepest draft), each at least 1,000 km from those
// before it (one per coast), at most `n`. A market a network does not reach is served through
// these.
enum class Facility { Container, Bulk, Any };
std::vector<PlaceId> main_ports(const Gazetteer& g, std::string_view country, std::size_t n,
                                Facility wanted = Facility::Container);

// One place for a query: a UN/LOCODE, "lat,lon" (decimal degrees), or a name as `search` finds
// it; an error names `field` and lists the closest names when the query is unknown or ambiguous.
Result<Place> resolve(const Gazetteer& g, std::string_view query, const std::string& field,
                      Purpose purpose);

}  // namespace caravan::places
