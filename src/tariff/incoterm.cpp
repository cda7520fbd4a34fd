// The Incoterms table.
#include "tariff/incoterm.h"

#include <array>
#include <cctype>
#include <string>

namespace caravan::tariff {
namespace {
constexpr std::array<std::string_view, 7> kNames = {"EXW", "FCA", "FOB", "CFR",
                                                    "CIF", "DAP", "DDP"};
}

std::optional<Incoterm> parse_incoterm(std::string_view s) {
  std::string up;
  for (char c : s) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == up) return static_cast<Incoterm>(i);
  return std::nullopt;
}

std::string_view name(Incoterm t) { return kNames[static_cast<std::size_t>(t)]; }
std::string_view name(Party p) { return p == Party::Seller ? "seller" : "buyer"; }

Party payer(Incoterm t, Duty d) {
  using enum Incoterm;
  switch (d) {
    case Duty::ExportClearance:  // the buyer clears export only under EXW
      return t == Exw ? Party::Buyer : Party::Seller;
    case Duty::PreCarriage:  // FCA: delivered to the buyer's carrier at the origin
      return (t == Exw || t == Fca) ? Party::Buyer : Party::Seller;
    case Duty::MainCarriage:
      return (t == Exw || t == Fca || t == Fob) ? Party::Buyer : Party::Seller;
    case Duty::MainCarriageRisk:  // risk and ownership pass at shipment except under D terms
      return (t == Dap || t == Ddp) ? Party::Seller : Party::Buyer;
    case Duty::Insurance:  // CIF obliges the seller to insure; under D terms the seller bears risk
      return (t == Cif || t == Dap || t == Ddp) ? Party::Seller : Party::Buyer;
    case Duty::ImportClearance:
      return t == Ddp ? Party::Seller : Party::Buyer;
  }
  return Party::Buyer;
}

}  // namespace caravan::tariff
