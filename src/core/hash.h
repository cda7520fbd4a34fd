// Stable hashes for identities and random streams that must not depend on the platform: FNV-1a
// over bytes and splitmix64's finaliser.
#pragma once
#include <cstdint>
#include <string_view>

namespace caravan {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;

inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnvOffset) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

inline std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace caravan
