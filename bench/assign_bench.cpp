// Assignment speed on the TNTP benchmarks: time to a relative gap, the gap-versus-time curve and
// peak memory. A timing main rather than Google Benchmark: one solve is the measurement.
// Usage: caravan_bench_assign [TNTP_DIR] [ALGORITHM=b] [GAP=1e-12] [THREADS=1]
#include <sys/resource.h>

#include <cstdio>
#include <string>

#include "api/assign_handler.h"
#include "io/tntp.h"

int main(int argc, char** argv) {
  using namespace caravan;
  const std::string dir =
      argc > 1 ? argv[1] : std::string(CARAVAN_DATA_DIR) + "/../../shared/data/tntp/Chicago-Sketch";
  const std::string alg = argc > 2 ? argv[2] : "b";
  const double gap = argc > 3 ? std::stod(argv[3]) : 1e-12;
  const int threads = argc > 4 ? std::stoi(argv[4]) : 1;
  auto inst = io::read_tntp(dir);
  if (!inst) {
    std::fprintf(stderr, "%s\n", inst.error().message.c_str());
    return 1;
  }
  const assign::Problem p = api::tntp_problem(*inst);
  auto o = api::parse_assign_options(
      {{"algorithm", alg}, {"gap", gap}, {"max_seconds", 120.0}, {"threads", threads}});
  if (!o) return 1;
  std::printf(
      "# %s, algorithm %s, target gap %g, %d thread(s)\n# iteration seconds relative_gap "
      "objective\n",
      inst->name.c_str(), alg.c_str(), gap, threads);
  o->progress = [](const assign::IterationReport& r) {
    std::printf("%d %.4f %.3e %.10g\n", r.iteration, r.seconds, r.relative_gap, r.objective);
  };
  const auto s = assign::solve(p, *o);
  if (!s) return 1;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("# total %.3f s, %d iterations, gap %.3e, stop %s, peak RSS %.1f MB\n", s->seconds,
              s->iterations, s->relative_gap,
              std::string(assign::stop_reason_name(s->stop)).c_str(),
              static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
