// A sweep on MPI ranks (`mpirun -np N caravan sweep --config FILE`): rank 0 deals the cells not yet
// in the store, one at a time as each rank asks (dynamic dealing: a slow cell never holds up the
// rest), runs cells itself on its own threads, and saves every result as it comes; the other ranks
// run what they are dealt and send the rows back. Each cell's random stream depends only on the
// seed and the cell (sweep::expand), so the rows are the same for any number of ranks or threads.
//
// A rank that is lost (killed, its machine gone) is noticed when it falls silent for
// `rank_timeout_seconds` (every rank beats twice a second, and rank 0 beats back): the others
// finish the remaining cells and the cells it held are reported missing; running the sweep again
// does only those. MPI_Finalize would wait for the lost rank, so then no rank calls it; and a
// rank lost before MPI has started (MPI_Init waits for all) ends the others after the same time
// with an error, no cell run. Open MPI aborts the whole job when a rank dies unless mpirun is given
// `--enable-recovery`; then what was saved stays, and a rerun does the rest (docs/sweeps.md).
#pragma once
#include <cstddef>
#include <functional>
#include <vector>

#include "core/result.h"
#include "sweep/sweep.h"

namespace caravan::cluster {

// True when this process was started by mpirun (Open MPI, or a PMI launcher such as Slurm's srun).
bool launched();

struct Options {
  unsigned threads = 1;  // cells a rank runs at once (one rank per core is the MPI way)
  double rank_timeout_seconds = 30;
  std::function<void(const sweep::Progress&)> progress;  // rank 0 only
};

struct Outcome {
  int rank = 0, ranks = 1;
  sweep::RunSummary summary;         // rank 0: the whole sweep; others: the cells they ran
  std::vector<std::size_t> missing;  // cells dealt to a lost rank and never returned
  std::vector<int> lost_ranks;
  std::vector<std::size_t> per_rank;  // rank 0: cells each rank ran
};

// Starts MPI (once per process), runs this rank's part and ends MPI. `store` is used on rank 0
// only (opened by the caller only there: `open_store` is called on rank 0 alone).
// An error in opening the store ends the sweep on every rank with that error.
Result<Outcome> run(const std::vector<sweep::Cell>& cells, const sweep::CellRunner& runner,
                    const std::function<Result<sweep::Store*>()>& open_store,
                    const Options& options);

}  // namespace caravan::cluster
