// Loads a tariff folder (docs/landed-cost.md: sources, regimes, duties, export, transit, fx,
// parameters, processing) into a tariff::Schedule, and an HS nomenclature CSV.
#pragma once
#include <memory>
#include <string>

#include "core/result.h"
#include "tariff/hs_code.h"
#include "tariff/schedule.h"
#include "tariff/trade_data.h"

namespace caravan::io {

// Every error names file, line and field; a rate out of range is an error; "unknown" is a value.
Result<tariff::Schedule> load_tariffs(const std::string& dir);

// A nomenclature CSV with the columns hscode and description (the HS 2022 file of
// ../shared/data/hs has section,hscode,description,parent,level).
Result<tariff::Nomenclature> load_nomenclature(const std::string& path);

// Both, read once per (folder, nomenclature file) and shared while none of their files changes: a
// server does not re-read the schedules and the 7,000-line HS file on every request, and an edited
// schedule is picked up by the next one. An empty `nomenclature_file` means format checks only.
Result<std::shared_ptr<const tariff::TradeData>> load_trade_data(
    const std::string& tariffs_dir, const std::string& nomenclature_file);

// $CARAVAN_TARIFFS, else the embedded data/eurasia/tariffs.
std::string default_tariffs_dir();
// $CARAVAN_HS_NOMENCLATURE, else the shared HS 2022 file when present, else "" (format-only
// validation).
std::string default_hs_nomenclature();

}  // namespace caravan::io
