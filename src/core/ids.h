// Typed ids: a LinkId cannot be passed where a LocationId is expected.
#pragma once
#include <compare>
#include <cstdint>
#include <functional>

namespace caravan {

template <class Tag>
struct Id {
  static constexpr std::uint32_t kInvalid = UINT32_MAX;
  std::uint32_t value = kInvalid;
  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t v) : value(v) {}
  constexpr bool valid() const { return value != kInvalid; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using LocationId = Id<struct LocationTag>;
using LinkId = Id<struct LinkTag>;
using NodeId = Id<struct NodeTag>;
using ArcId = Id<struct ArcTag>;
using CountryId = Id<struct CountryTag>;
using ChokepointId = Id<struct ChokepointTag>;
using CommodityId = Id<struct CommodityTag>;
using SourceId = Id<struct SourceTag>;

}  // namespace caravan

template <class Tag>
struct std::hash<caravan::Id<Tag>> {
  std::size_t operator()(caravan::Id<Tag> id) const noexcept { return id.value; }
};
