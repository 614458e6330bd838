"""Surprise peer for RecLens's explicit MF / PMF (run by hand or by `reclens-bench peers`, never in CI).

    python3 surprise_peer.py --train TRAIN.csv --test TEST.csv [--svdpp] [--seed 42]

Data: the split `reclens-bench mf` exports in the `peers` step: `user,item,rating` (dense 0-based
indices as strings to Surprise, ratings 1-5), the same 80/20 random split (seed 42) RecLens fits.
Models (scikit-surprise 1.1.x, pure Cython, single-threaded; no BLAS involved):
- SVD with Surprise's defaults (the ones behind its published ML-100k table): n_factors 100,
  n_epochs 20, biased, lr_all 0.005, reg_all 0.02, init N(0, 0.1²), random_state --seed.
- SVD++ (--svdpp) with its defaults (n_factors 20, n_epochs 20, lr_all 0.007, reg_all 0.02),
  for its RMSE; it is much slower.
Timing: `algo.fit(trainset)` alone (time.perf_counter), after building the trainset; RMSE by
`surprise.accuracy.rmse` on TEST (predictions clipped to [1, 5] as Surprise does; unknown users or
items get the global mean, as in RecLens).
Output (stdout, last line, JSON): {"svd": {"seconds": s, "rmse": x}, "svdpp": {...}, "versions": {...}}.
"""
import argparse
import json
import time

import surprise
from surprise import SVD, SVDpp, Dataset, Reader, accuracy


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--svdpp", action="store_true")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    reader = Reader(line_format="user item rating", sep=",", skip_lines=1, rating_scale=(1, 5))
    trainset = Dataset.load_from_file(a.train, reader=reader).build_full_trainset()
    testset = []
    with open(a.test) as f:
        next(f)
        for line in f:
            u, i, r = line.strip().split(",")[:3]
            testset.append((u, i, float(r)))
    result = {"versions": {"surprise": surprise.__version__}}
    models = [("svd", SVD(random_state=a.seed))]
    if a.svdpp:
        models.append(("svdpp", SVDpp(random_state=a.seed, cache_ratings=True)))
    for key, algo in models:
        t0 = time.perf_counter()
        algo.fit(trainset)
        seconds = time.perf_counter() - t0
        rmse = accuracy.rmse(algo.test(testset), verbose=False)
        result[key] = {"seconds": seconds, "rmse": rmse}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
