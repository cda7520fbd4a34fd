// The vocabulary of the network: modes, layers (mode + gauge), handling classes, location kinds.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/units.h"

namespace caravan::network {

enum class Mode : std::uint8_t { Rail, Road, Sea, Ferry, Pipeline };
inline constexpr int kModeCount = 5;

// A layer is where a vehicle can run without a transfer: rail splits by gauge.
enum class Layer : std::uint8_t { Rail1520, Rail1435, Road, Sea, Ferry, Pipeline };
inline constexpr int kLayerCount = 6;

enum class Handling : std::uint8_t { Container, DryBulk, LiquidBulk };
inline constexpr int kHandlingCount = 3;

enum class LocationKind : std::uint8_t {
  City,
  Mine,
  Plant,
  RailTerminal,
  DryPort,
  Seaport,
  BorderCrossing,
  Junction,
  OilTerminal
};

std::string_view name(Mode m);
std::string_view name(Layer l);
std::string_view name(Handling h);
std::string_view name(LocationKind k);
std::optional<Mode> parse_mode(std::string_view s);
std::optional<Layer> parse_layer(std::string_view s);
std::optional<Handling> parse_handling(std::string_view s);
std::optional<LocationKind> parse_location_kind(std::string_view s);
// The accepted spellings, for error messages ("rail, road, sea, ferry, pipeline").
std::string_view mode_names();
std::string_view layer_names();
std::string_view handling_names();
std::string_view location_kind_names();

// The layer a link of this mode and gauge runs on; nullopt for rail with an unknown gauge.
std::optional<Layer> layer_of(Mode m, int gauge_mm);
Mode mode_of(Layer l);
// Track gauge of a rail layer, 0 for other layers.
int gauge_of(Layer l);

// A duration known as min / most likely / max. Routing uses the mean.
struct Triangular {
  Hours min{0}, mode{0}, max{0};
  Hours mean() const { return Hours{(min.value + mode.value + max.value) / 3.0}; }
  bool is_zero() const { return max.value == 0.0; }
};
// The one check of a triangular duration: 0 <= min <= mode <= max (InvalidData otherwise). The
// message names the figures `prefix`min, `prefix`mode, `prefix`max (e.g. "hours_").
Result<Triangular> make_triangular(double min, double mode, double max,
                                   std::string_view prefix = "");

// The one parser of an HS prefix in rules, requests and scenarios: digits (dots allowed, dropped),
// 1 to 10 of them, or "*" for every commodity. Returns the digits (or "*").
Result<std::string> parse_hs_prefix(std::string_view text);

}  // namespace caravan::network
