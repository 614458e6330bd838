"""shap and lime peers for RecLens's history explainers (run by hand, never in CI).

    python3 explainers_peer.py INPUT.json > OUTPUT.json

INPUT (written by `reclens-bench explainers`): the imported factor model's `item_factors` [I × F],
`item_bias` [I], the fold-in's `lambda` and `alpha`, `budgets` (KernelSHAP coalition budgets),
`threads`, and `users`: [{"history": [item indices], "target": item, "lime_masks": [[0/1 × n], ...]}].

Explained function (the same as RecLens's imported-factor fold-in, in numpy float64):
    p(m) = (YᵀY + α Σ_j m_j y_j y_jᵀ + λI)⁻¹ (1 + α) Σ_j m_j y_j,   f(m) = p(m)·y_target + b_target,
over binary masks m of the user's n history items (m = 0: the item is removed from the history).
f takes a [B × n] array and solves the B systems with one batched `np.linalg.solve`.

shap: `shap.KernelExplainer(f, zeros((1, n)))` (background = the empty history, as RecLens's
baseline), `shap_values(ones((1, n)), nsamples=B, l1_reg=False, silent=True)` — l1_reg=False because
shap ≥ 0.47's default keeps only 10 non-zero values (PLATFORM.md); seeded with np.random.seed.
lime: `lime.lime_base.LimeBase(kernel)` with lime_text's kernel √exp(−d²/σ²), σ = 0.25 on the cosine
distance between a mask and the full history (lime_text uses distance × 100 and width 25: the same),
`explain_instance_with_data(masks, f(masks), distances, label=0, num_features=n,
feature_selection="none")` (lime's default Ridge(alpha=1) surrogate) on RecLens's own perturbation
masks, so both tools fit the same data and their weights must agree.
Timing: per user, shap_values alone; lime = f on the masks + distances + explain_instance_with_data.
Thread counts: OPENBLAS_NUM_THREADS / OMP_NUM_THREADS = `threads` (set before numpy is imported).
Output: {"users": [{"shap": {"B": {"seconds": s, "values": [...]}}, "lime": {"seconds": s,
"values": [...]}}], "versions": {...}}.
"""
import json
import os
import sys

config = json.load(open(sys.argv[1]))
threads = str(config.get("threads", 1))
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = threads
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import time  # noqa: E402
import numpy as np  # noqa: E402
import shap  # noqa: E402
import lime  # noqa: E402
import lime.lime_base  # noqa: E402
import sklearn  # noqa: E402

Y = np.asarray(config["item_factors"], dtype=np.float64)
b = np.asarray(config["item_bias"], dtype=np.float64)
lam, alpha = float(config["lambda"]), float(config["alpha"])
F = Y.shape[1]
gram = Y.T @ Y + lam * np.eye(F)


def make_f(history, target):
    H = Y[history]                                   # n × F
    outer = np.einsum("jf,jg->jfg", H, H)            # n × F × F
    yt, bt = Y[target], b[target]

    def f(masks):
        masks = np.atleast_2d(np.asarray(masks, dtype=np.float64))
        A = gram[None] + alpha * np.einsum("bj,jfg->bfg", masks, outer)
        rhs = (1 + alpha) * masks @ H
        p = np.linalg.solve(A, rhs[..., None])[..., 0]
        return p @ yt + bt
    return f


def kernel(distances, width=0.25):
    return np.sqrt(np.exp(-(distances ** 2) / width ** 2))


results = []
for user in config["users"]:
    history, target = user["history"], user["target"]
    n = len(history)
    f = make_f(history, target)
    entry = {"shap": {}}
    for budget in config["budgets"]:
        np.random.seed(0)
        explainer = shap.KernelExplainer(f, np.zeros((1, n)))
        start = time.perf_counter()
        values = explainer.shap_values(np.ones((1, n)), nsamples=budget, l1_reg=False, silent=True)
        seconds = time.perf_counter() - start
        entry["shap"][str(budget)] = {"seconds": seconds, "values": np.asarray(values).reshape(-1).tolist()}
    masks = np.asarray(user["lime_masks"], dtype=np.float64)
    base = lime.lime_base.LimeBase(kernel, random_state=0)
    start = time.perf_counter()
    labels = f(masks)[:, None]
    present = masks.sum(axis=1)
    distances = np.where(present > 0, 1 - np.sqrt(present / n), 1.0)
    _, weights, _, _ = base.explain_instance_with_data(masks, labels, distances, 0, n, feature_selection="none")
    seconds = time.perf_counter() - start
    dense = [0.0] * n
    for feature, weight in weights:
        dense[feature] = float(weight)
    entry["lime"] = {"seconds": seconds, "values": dense}
    results.append(entry)

json.dump({"users": results, "versions": {"shap": shap.__version__, "lime": getattr(lime, "__version__", "0.2"),
                                          "numpy": np.__version__, "sklearn": sklearn.__version__}}, sys.stdout)
