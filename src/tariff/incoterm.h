// Incoterms 2020: which party carries each landed-cost component.
#pragma once
#include <optional>
#include <string_view>

namespace caravan::tariff {

enum class Incoterm { Exw, Fca, Fob, Cfr, Cif, Dap, Ddp };
enum class Party { Seller, Buyer };

// The components a rule assigns. Pre-carriage runs from the origin to the port of shipment (the
// first sea or ferry leg); main carriage from there to the destination.
enum class Duty {
  ExportClearance,   // export duty and export formalities
  PreCarriage,       // freight, handling, border fees and carrying cost before the port of shipment
  MainCarriage,      // the same after it, and transit regime costs
  MainCarriageRisk,  // goods in transit after the port of shipment (carrying cost): the owner
  Insurance,         // cargo insurance for the whole route
  ImportClearance,   // import duty, excise and import VAT
};

std::optional<Incoterm> parse_incoterm(std::string_view s);  // case-insensitive
std::string_view name(Incoterm t);
std::string_view name(Party p);
Party payer(Incoterm t, Duty d);

}  // namespace caravan::tariff
