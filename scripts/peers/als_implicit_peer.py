"""implicit ALS peer for RecLens's ImplicitALS (run by hand or by `reclens-bench peers`, never in CI).

    python3 als_implicit_peer.py --train TRAIN.csv --test TEST.csv [--shape SHAPE.csv] [--factors 64] [--iterations 15]
        [--regularization 0.01] [--alpha 2] [--threads 2] [--repeats 3] [--solvers cg,cholesky]

Data: the split `reclens-bench` exports (RECLENS_ALS_EXPORT, or the `peers` step): `user,item,rating`
with dense 0-based indices; shapes = 1 + the largest index over train and test. Binary data: every
training pair gets value 1 (RecLens's `binary: true`), duplicates summed by scipy then clipped to 1.

Settings (implicit 0.7.x `implicit.cpu.als.AlternatingLeastSquares`):
- confidence: implicit multiplies the matrix by `alpha` (c = α·r, absent pairs 1); RecLens uses
  c = 1 + α·r. On binary data implicit α = 2 ≙ RecLens α = 1 (c = 2 on seen pairs): --alpha 2.
- factors 64, regularization 0.01, 15 iterations, cg_steps 3 (implicit's default) for CG;
  use_cg=False for Cholesky; float32; random_state 42 (initial factors uniform [0, 0.01) as RecLens).
- threads: num_threads = --threads (2 = the machine's cores), and OPENBLAS_NUM_THREADS /
  MKL_NUM_THREADS / OMP_NUM_THREADS = 1 (implicit's own recommendation, `check_blas_config`), set
  before numpy is imported; OMP_WAIT_POLICY=PASSIVE (the fair setting on a shared machine).
  OPENBLAS_CORETYPE is inherited from the caller (reclens-bench sets it
  when OpenBLAS would fall back to Prescott kernels); numpy's bundled OpenBLAS (scipy-openblas)
  detects this CPU by itself, the variable does not hurt it.
Timing: implicit's fit callback (wall seconds of each iteration: both half-iterations, no setup,
no loss); per run the mean over iterations; --repeats fits, reported: min and median s/iteration.
Quality: NDCG@10 on TEST (training items excluded, full ranking, binary relevance, users with a
test item), computed here in numpy with the same formula as RecLens's Evaluator:
DCG = Σ_{hits at rank k} 1/log2(k + 1), IDCG over min(|test|, 10) hits.
Output (stdout, last line, JSON): {"cg": {"min": s, "median": s, "ndcg10": x}, "cholesky": {...},
"versions": {...}}.
"""
import argparse
import json
import os

for variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ[variable] = "1"
# implicit's fit runs OpenMP loops (num_threads = --threads); on a shared machine threads that spin
# at barriers lose whole time slices whenever another process holds a core: wait passively.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import implicit  # noqa: E402
from implicit.cpu.als import AlternatingLeastSquares  # noqa: E402


def read(path):
    a = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1), dtype=np.int64, ndmin=2)
    return a[:, 0], a[:, 1]


def ndcg(model, train, test_u, test_i, k=10):
    users = np.unique(test_u)
    relevant = {}
    for u, i in zip(test_u, test_i):
        relevant.setdefault(int(u), set()).add(int(i))
    scores = model.user_factors[users] @ model.item_factors.T
    total = 0.0
    for row, u in enumerate(users):
        s = scores[row]
        s[train[u].indices] = -np.inf
        top = np.argpartition(-s, k)[:k]
        top = top[np.argsort(-s[top], kind="stable")]
        rel = relevant[int(u)]
        dcg = sum(1 / np.log2(r + 2) for r, item in enumerate(top) if int(item) in rel)
        idcg = sum(1 / np.log2(r + 2) for r in range(min(len(rel), k)))
        total += dcg / idcg
    return total / len(users)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--factors", type=int, default=64)
    p.add_argument("--iterations", type=int, default=15)
    p.add_argument("--regularization", type=float, default=0.01)
    p.add_argument("--alpha", type=float, default=2.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--solvers", default="cg,cholesky")
    p.add_argument("--shape", help="CSV `users,items` with the matrix shape (default: 1 + the largest indices)")
    a = p.parse_args()
    tu, ti = read(a.train)
    eu, ei = read(a.test)
    shape = (int(max(tu.max(), eu.max())) + 1, int(max(ti.max(), ei.max())) + 1)
    if a.shape:
        shape = tuple(int(v) for v in open(a.shape).read().split("\n")[1].split(","))
    train = sp.csr_matrix((np.ones(len(tu), dtype=np.float32), (tu, ti)), shape=shape)
    train.sum_duplicates()
    train.data[:] = 1
    result = {"versions": {"implicit": implicit.__version__, "numpy": np.__version__}}
    for solver in a.solvers.split(","):
        per_run, model = [], None
        for _ in range(a.repeats):
            times = []
            model = AlternatingLeastSquares(factors=a.factors, regularization=a.regularization, alpha=a.alpha,
                                            iterations=a.iterations, use_cg=(solver == "cg"), num_threads=a.threads,
                                            random_state=42, calculate_training_loss=False)
            model.fit(train, show_progress=False, callback=lambda it, elapsed, loss: times.append(elapsed))
            per_run.append(sum(times) / len(times))
        per_run.sort()
        result[solver] = {"min": per_run[0], "median": per_run[len(per_run) // 2], "ndcg10": ndcg(model, train, eu, ei)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
