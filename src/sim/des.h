// Discrete-event simulation of corridor operations: shipment streams moving through capacity
// resources (servers such as border crossings and berths; ferries that sail when full or on a
// timetable), with weather closures by month. Deterministic in the seed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "network/distribution.h"

namespace caravan::sim {

struct ResourceSpec {
  std::string id, name;
  enum class Kind { Server, Ferry } kind = Kind::Server;
  int servers = 1;                    // Server: parallel servers (berths, tracks); Ferry: vessels
  network::Distribution service;      // Server: service time; Ferry: crossing time (one way)
  double capacity_units = 0;          // Ferry: wagons or TEU per sailing
  std::optional<double> every_hours;  // Ferry: timetable interval; none: sails when full
  std::optional<double>
      max_wait_hours;  // Ferry: sails with a part load once the first unit waited this long
  std::uint16_t closed_months = 0;  // bit m-1: no service starts in month m
};

struct Step {
  int resource = -1;             // index into resources, or -1 for a travel step
  network::Distribution travel;  // travel step: duration
};

struct StreamSpec {
  std::string id, name;
  network::Distribution interarrival;  // hours between shipments
  double units = 1;                    // wagons or TEU per shipment
  int batch = 1;                       // shipments per arrival (a block train of wagons)
  std::vector<Step> route;
  std::optional<int> max_shipments;  // stop generating after this many
};

struct SimConfig {
  std::vector<ResourceSpec> resources;
  std::vector<StreamSpec> streams;
  double horizon_hours = 8760;
  double warmup_hours = 0;  // statistics ignore what happens before
  int start_month = 1;      // the calendar month at time 0
  std::uint64_t seed = 1;
  std::uint64_t max_events = 50'000'000;
  double sample_every_hours = 24;  // queue-length time series
};

struct Summary {
  std::uint64_t n = 0;
  double mean = 0, p50 = 0, p90 = 0, max = 0;
};
// The count, mean, median, P90 and maximum of `v` (reordered in place).
Summary summarise(std::vector<double>& v);

struct ResourceStats {
  std::string id;
  double utilisation = 0;  // busy server-hours / (servers x observed hours); ferries: load factor
  double mean_queue = 0;   // time-average shipments waiting
  double max_queue = 0;
  Summary wait_hours;                // per shipment: arrival at the resource to start of service
  std::uint64_t sailings = 0;        // ferries
  std::vector<double> queue_series;  // sampled every sample_every_hours
};

struct StreamStats {
  std::string id;
  std::uint64_t entered = 0, completed = 0, in_system = 0;
  double units_completed = 0;
  Summary transit_hours;
  double throughput_per_day = 0;  // shipments completed per day after warm-up
};

struct SimResult {
  std::vector<ResourceStats> resources;
  std::vector<StreamStats> streams;
  std::uint64_t events = 0;
  double simulated_hours = 0;
  bool hit_event_limit = false;
};

// Checks the configuration (a zero-capacity ferry, a shipment larger than a ferry, a resource
// that is closed every month ...) and runs it.
Result<SimResult> simulate(const SimConfig& config);

}  // namespace caravan::sim
