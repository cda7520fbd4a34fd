// The landed-cost and deal commands: options -> request JSON -> api -> table or JSON.
#include "cli/landed_cost_command.h"

#include <iostream>

#include "api/error_table.h"
#include "api/trade_codec.h"
#include "cli/shipment_options.h"
#include "io/network_reader.h"

namespace caravan::cli {
using nlohmann::json;

void add_landed_terms(CLI::App* cmd, LandedCliOptions& o) {
  cmd->add_option("--incoterm", o.incoterm, "EXW|FCA|FOB|CFR|CIF|DAP|DDP (default DAP)");
  cmd->add_flag("--vat-recoverable", o.vat_recoverable,
                "the importer recovers import VAT: shown, not counted in the landed cost");
  cmd->add_option("--tariffs", o.tariffs, "tariff folder (default: the embedded schedules)");
  cmd->add_option(
      "--hs-nomenclature", o.hs_nomenclature,
      "HS nomenclature CSV (default: ../shared/data/hs/harmonized-system.csv if present)");
}

void add_landed_options(CLI::App* cmd, LandedCliOptions& o) {
  cmd->add_flag("--landed-cost", o.enabled,
                "rank routes by landed cost (duties, taxes, insurance, transit; see landed-cost)");
  add_landed_terms(cmd, o);
}

void add_landed_request(json& request, const LandedCliOptions& o) {
  if (o.enabled) request["landed_cost"] = true;
  if (!o.incoterm.empty()) request["incoterm"] = o.incoterm;
  if (o.vat_recoverable) request["vat_recoverable"] = true;
  if (!o.tariffs.empty()) request["tariffs"] = o.tariffs;
  if (!o.hs_nomenclature.empty()) request["hs_nomenclature"] = o.hs_nomenclature;
}

namespace {

// The shared shipment options plus this command's own: an HS code instead of a commodity, the
// landed-cost options and JSON output.
struct Shipment {
  ShipmentOptions s;
  std::string hs;
  bool json_out = false;
  LandedCliOptions landed;
};

void add_shipment(CLI::App& app, Shipment& o) {
  add_shipment_options(&app, o.s);
  app.add_option("--hs", o.hs, "HS code instead of a catalogue commodity, e.g. 2846.90");
  add_landed_terms(&app, o.landed);
  app.add_flag("--json", o.json_out, "JSON output");
}

json request_of(const Shipment& o) {
  json r = shipment_request(o.s);
  if (!o.hs.empty()) r["hs"] = o.hs;
  add_landed_request(r, o.landed);
  return r;
}

int fail(const Error& e, std::ostream& err) {
  err << "error: " << e.message << "\n";
  return api::error_info(e.code).exit_code;
}

// Parses with CLI11; returns -1 to go on, or an exit code.
int parse(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
          std::ostream& err) {
  std::vector<std::string> rev(args.rbegin(), args.rend());
  try {
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "error: " << e.what() << "\n(run 'caravan " << app.get_name() << " --help')\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  return -1;
}

}  // namespace

int run_landed_cost(const std::vector<std::string>& args, const std::string& network_dir,
                    std::ostream& out, std::ostream& err) {
  CLI::App app{
      "landed cost of a shipment on its best route(s): duties, taxes, export duty, "
      "transit, insurance, carrying cost and the Incoterm split",
      "landed-cost"};
  Shipment o;
  app.add_option("--alternatives", o.s.alternatives, "k distinct routes, ranked by landed cost");
  bool processing = false;
  std::string product, plant;
  std::optional<double> grade, recovery, cost_origin, cost_dest;
  app.add_flag("--compare-processing", processing,
               "compare shipping --commodity (default rare-earth-concentrate) and processing at "
               "the destination with processing at a plant near the origin (--tonnes of product)");
  app.add_option("--product", product, "final product (default rare-earth-oxide)");
  app.add_option("--plant", plant,
                 "origin-side plant (default: a plant of the step in the origin's country)");
  app.add_option("--input-grade", grade, "grade of the input (mass fraction), overrides the data");
  app.add_option("--recovery", recovery,
                 "recovery of the first step (fraction), overrides the data");
  app.add_option("--processing-cost-origin", cost_origin, "USD per t of product at the plant");
  app.add_option("--processing-cost-destination", cost_dest,
                 "USD per t of product at the destination");
  add_shipment(app, o);
  if (int rc = parse(app, args, out, err); rc >= 0) return rc;
  auto net = io::load_network(network_dir);
  if (!net) return fail(net.error(), err);
  json request = request_of(o);
  Result<json> r = make_error(ErrorCode::Internal, "no command");
  if (processing) {
    if (!product.empty()) request["product"] = product;
    if (!plant.empty()) request["plant"] = plant;
    if (grade) request["input_grade"] = *grade;
    if (recovery) request["recovery"] = *recovery;
    if (cost_origin) request["processing_cost_origin_usd_per_t"] = *cost_origin;
    if (cost_dest) request["processing_cost_destination_usd_per_t"] = *cost_dest;
    r = api::processing_compare(*net, request);
  } else {
    r = api::landed_cost(*net, request);
  }
  if (!r) return fail(r.error(), err);
  if (o.json_out)
    out << r->dump(2) << "\n";
  else
    out << (processing ? api::processing_text(*r) : api::landed_table(*r));
  if (!processing && (*r)["routes"].empty()) {
    err << "no route: " << (*r)["no_route_reason"].get<std::string>() << "\n";
    return api::kExitNoRoute;
  }
  return 0;
}

int run_deal(const std::vector<std::string>& args, const std::string& network_dir,
             std::ostream& out, std::ostream& err) {
  CLI::App app{
      "a deal on each corridor: landed cost per tonne, margin at a sale price, and the "
      "subsidy per tonne at which one corridor matches another",
      "deal"};
  Shipment o;
  double annual = 0, price = 0;
  std::optional<double> shipments;
  app.add_option("--annual-tonnes", annual, "annual volume, tonnes")->required();
  app.add_option("--sale-price", price, "sale price at the destination, USD per tonne")->required();
  app.add_option("--shipments-per-year", shipments, "consignments per year (default 12)");
  add_shipment(app, o);
  if (int rc = parse(app, args, out, err); rc >= 0) return rc;
  auto net = io::load_network(network_dir);
  if (!net) return fail(net.error(), err);
  json request = request_of(o);
  request.erase("tonnes");
  request["annual_tonnes"] = annual;
  request["sale_price_usd_per_t"] = price;
  if (shipments) request["shipments_per_year"] = *shipments;
  auto r = api::deal(*net, request);
  if (!r) return fail(r.error(), err);
  out << (o.json_out ? r->dump(2) + "\n" : api::deal_table(*r));
  return 0;
}

}  // namespace caravan::cli
