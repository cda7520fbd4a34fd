// Shipment construction from the commodity catalogue.
#include "cost/shipment.h"

#include <cmath>

#include "core/text.h"

namespace caravan::cost {

Result<Shipment> make_shipment(const network::Network& net, const std::string& commodity,
                               std::optional<double> tonnes, std::optional<double> teu,
                               std::optional<double> value_usd) {
  const auto id = net.find_commodity(commodity);
  if (!id) {
    std::vector<std::string> ids;
    for (const auto& c : net.tables().commodities) ids.push_back(c.id);
    return make_error(
        ErrorCode::NotFound,
        "unknown commodity '" + commodity + "' (known: " + text::join(ids, ", ") + ")",
        "commodity");
  }
  const auto& c = net.commodity(*id);
  if (tonnes && teu)
    return make_error(ErrorCode::InvalidRequest, "give the quantity as tonnes or as TEU, not both",
                      "tonnes");
  if (!tonnes && !teu)
    return make_error(ErrorCode::InvalidRequest, "give a quantity: tonnes or TEU", "tonnes");
  if (tonnes && !(*tonnes > 0 && *tonnes <= 1e9))
    return make_error(ErrorCode::InvalidRequest,
                      "tonnes must be in (0, 1e9], found " + text::compact(*tonnes), "tonnes");
  if (teu && !(*teu > 0 && *teu <= 1e7))
    return make_error(ErrorCode::InvalidRequest,
                      "teu must be in (0, 1e7], found " + text::compact(*teu), "teu");
  if (teu && c.handling != network::Handling::Container)
    return make_error(ErrorCode::InvalidRequest,
                      "'" + c.id + "' travels as " + std::string(network::name(c.handling)) +
                          ", so its quantity is given in tonnes, not TEU",
                      "teu");
  if (value_usd && !(*value_usd >= 0 && *value_usd <= 1e13))
    return make_error(ErrorCode::InvalidRequest, "value_usd must be in [0, 1e13]", "value_usd");
  Shipment s;
  s.commodity = c.id;
  s.hs = c.hs;
  s.handling = c.handling;
  if (teu) {
    s.teu = Teu{*teu};
    s.tonnes = Tonnes{*teu * c.tonnes_per_teu};
  } else {
    s.tonnes = Tonnes{*tonnes};
    if (c.handling == network::Handling::Container)
      s.teu = Teu{std::ceil(*tonnes / c.tonnes_per_teu - 1e-9)};
  }
  s.value = value_usd ? Usd{*value_usd} : Usd{s.tonnes.value * c.value_usd_per_t};
  return s;
}

}  // namespace caravan::cost
