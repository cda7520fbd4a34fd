// Names and parsers of the network vocabulary.
#include "network/types.h"

#include <algorithm>
#include <string>

#include "core/text.h"

namespace caravan::network {
namespace {
constexpr std::array<std::string_view, kModeCount> kModes = {"rail", "road", "sea", "ferry",
                                                             "pipeline"};
constexpr std::array<std::string_view, kLayerCount> kLayers = {"rail1520", "rail1435", "road",
                                                               "sea",      "ferry",    "pipeline"};
constexpr std::array<std::string_view, kHandlingCount> kHandlings = {"container", "dry_bulk",
                                                                     "liquid_bulk"};
constexpr std::array<std::string_view, 9> kKinds = {
    "city",     "mine",        "plant", "rail_terminal", "dry_port", "seaport", "border_crossing",
    "junction", "oil_terminal"};

template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}
}  // namespace

std::string_view name(Mode m) { return kModes[static_cast<int>(m)]; }
std::string_view name(Layer l) { return kLayers[static_cast<int>(l)]; }
std::string_view name(Handling h) { return kHandlings[static_cast<int>(h)]; }
std::string_view name(LocationKind k) { return kKinds[static_cast<int>(k)]; }
std::optional<Mode> parse_mode(std::string_view s) { return parse<Mode>(kModes, s); }
std::optional<Layer> parse_layer(std::string_view s) { return parse<Layer>(kLayers, s); }
std::optional<Handling> parse_handling(std::string_view s) {
  return parse<Handling>(kHandlings, s);
}
std::optional<LocationKind> parse_location_kind(std::string_view s) {
  return parse<LocationKind>(kKinds, s);
}
std::string_view mode_names() { return "rail, road, sea, ferry, pipeline"; }
std::string_view layer_names() { return "rail1520, rail1435, road, sea, ferry, pipeline"; }
std::string_view handling_names() { return "container, dry_bulk, liquid_bulk"; }
std::string_view location_kind_names() {
  return "city, mine, plant, rail_terminal, dry_port, seaport, border_crossing, junction, "
         "oil_terminal";
}

std::optional<Layer> layer_of(Mode m, int gauge_mm) {
  switch (m) {
    case Mode::Rail:
      if (gauge_mm == 1520) return Layer::Rail1520;
      if (gauge_mm == 1435) return Layer::Rail1435;
      return std::nullopt;
    case Mode::Road:
      return Layer::Road;
    case Mode::Sea:
      return Layer::Sea;
    case Mode::Ferry:
      return Layer::Ferry;
    case Mode::Pipeline:
      return Layer::Pipeline;
  }
  return std::nullopt;
}

Mode mode_of(Layer l) {
  switch (l) {
    case Layer::Rail1520:
    case Layer::Rail1435:
      return Mode::Rail;
    case Layer::Road:
      return Mode::Road;
    case Layer::Sea:
      return Mode::Sea;
    case Layer::Ferry:
      return Mode::Ferry;
    case Layer::Pipeline:
      return Mode::Pipeline;
  }
  return Mode::Rail;
}

int gauge_of(Layer l) {
  if (l == Layer::Rail1520) return 1520;
  if (l == Layer::Rail1435) return 1435;
  return 0;
}

Result<Triangular> make_triangular(double min, double mode, double max, std::string_view prefix) {
  if (!(min >= 0 && min <= mode && mode <= max)) {
    const std::string p(prefix);
    return make_error(ErrorCode::InvalidData, "expected " + std::string(min < 0 ? "0 <= " : "") +
                                                  p + "min <= " + p + "mode <= " + p +
                                                  "max, found " + text::compact(min) + ", " +
                                                  text::compact(mode) + ", " + text::compact(max));
  }
  return Triangular{Hours{min}, Hours{mode}, Hours{max}};
}

Result<std::string> parse_hs_prefix(std::string_view text) {
  std::string digits;
  for (char c : text)
    if (c != '.') digits += c;
  if (digits == "*") return digits;
  if (digits.empty() || digits.size() > 10 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return make_error(
        ErrorCode::InvalidData,
        "expected an HS prefix of 1 to 10 digits (or *), found '" + std::string(text) + "'");
  return digits;
}

}  // namespace caravan::network
