"""TimeSHAP peer for a GRU4Rec model (run by hand, never in CI): timeshap 1.0.4 on top of shap >= 0.43.

    python3 timeshap_peer.py --model gru4rec-out.npz --sequence "4 9 9 2" --target 7
        [--tolerance 0.025] [--samples 32000] [--seed 42] [--threads 2] [--no-l1]

Model: the GRU4Rec npz format of Data/fixtures/import/gru4rec-*.npz (`item_emb.weight`, `gru.*_l0`,
optional `out.weight`/`out.bias`, `item_ids` = raw id of each embedding row; -1 marks a padding row).
--sequence holds raw item ids oldest first; --target a raw item id.

Explained function. f(X), X [B, T, E] = event input vectors (the items' embedding rows): GRU from
h_0 = 0 over the T vectors, q = out(h_T) (or h_T without an out layer), value = q . item_emb[target].
It returns [B, 1] and no hidden state, so timeshap evaluates whole sequences (no hidden-state shortcut).

Baseline: the padding row's embedding (zeros; the models exported by gru4rec_torch.py have no
padding row, zeros are used then), passed to timeshap as a 2-D array [1, E] = "one average event",
which timeshap tiles over all T positions. An absent event is therefore the zero input vector at its
position (the GRU still steps over it), not a removed event.

Steps (timeshap.explainer API):
1. local_pruning(f, X, {"tol": tolerance}, baseline) -> temp_coalition_pruning: for
   split = T, T-1, ..., 0 it runs an exact 2-player KernelSHAP (4 samples, seed 0) between
   {events [split, T)} (recent) and {events [0, split)} (older), absent = baseline, and stops at the
   first split < T where |phi(older)| <= tolerance. It returns pruning_idx = split - T <= 0, i.e.
   pruning_idx = -k where k = the number of MOST RECENT events kept as individual players; the
   T - k older events form one grouped player ("Pruned Events"). If no split qualifies before 0
   (split = 0 always qualifies: the older coalition is then empty), pruning_idx = -T: nothing is
   pruned. (timeshap prints "Unable to prune sequence." when even the full sequence has
   |phi| <= tolerance; that text goes to stderr here.) Reported as "pruning_idx" (negative).
2. Event level: the positive index p = T + pruning_idx (= number of pruned events, as
   calc_local_report computes it) goes to local_event(f, X, {"rs": seed, "nsamples": samples}, ...)
   -> TimeShapKernel(mode="event"): players are events T-1, T-2, ..., p (most recent first), plus the
   grouped pruned player when p > 0. M = k (+1). With M <= 14, 2^M - 2 <= 32000 so every coalition is
   enumerated (exact Shapley values); beyond that, coalitions are sampled (seeded numpy global RNG)
   and timeshap's default l1_reg="auto" applies an AIC lasso that zeroes some values whenever
   samples / (2^M - 2) < 0.2 (M >= 18 at 32000 samples). --no-l1 runs the same TimeShapKernel
   with l1_reg=False instead (what local_event would do without the lasso).
Timing excludes loading and one untimed warm-up call of f.
Output (stdout, one JSON line): seconds_pruning, seconds_event, seconds_total (both steps plus the
glue between them), pruning_idx, players (M), l1_reg, score (f of the sequence), baseline_score
(f of the all-baseline sequence), events: [{"position": -1, "value": ...} (most recent event),
{"position": -2, ...}, ..., {"position": "pruned", "value": ...} (only if events were pruned)].
Values sum to score - baseline_score.
"""
import argparse, os, contextlib, json, sys, time
# On a shared machine, OpenMP threads that spin at barriers make tiny torch ops 10-100x slower whenever
# another process holds a core; passive waiting avoids it (set before torch is imported).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np
import torch

import shap.explainers._kernel as _shap_kernel
if not hasattr(_shap_kernel, "Kernel"):  # timeshap 1.0.4 imports the pre-0.43 name
    _shap_kernel.Kernel = _shap_kernel.KernelExplainer
from timeshap.explainer import local_pruning, local_event  # noqa: E402
from timeshap.explainer.kernel import TimeShapKernel  # noqa: E402


def load(path):
    z = np.load(path)
    emb = torch.from_numpy(z["item_emb.weight"].astype(np.float32))
    E = emb.shape[1]
    H = z["gru.weight_hh_l0"].shape[1]
    gru = torch.nn.GRU(E, H, batch_first=True)
    gru.load_state_dict({k: torch.from_numpy(z["gru." + k].astype(np.float32))
                         for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")})
    out = None
    if "out.weight" in z.files:
        out = torch.nn.Linear(H, E)
        out.load_state_dict({"weight": torch.from_numpy(z["out.weight"].astype(np.float32)),
                             "bias": torch.from_numpy(z["out.bias"].astype(np.float32))})
    ids = z["item_ids"].tolist()
    return emb, gru, out, {int(r): i for i, r in enumerate(ids)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--sequence", required=True)
    p.add_argument("--target", type=int, required=True)
    p.add_argument("--tolerance", type=float, default=0.025)
    p.add_argument("--samples", type=int, default=32000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--no-l1", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)

    emb, gru, out, row_of = load(a.model)
    seq = [int(x) for x in a.sequence.split()]
    rows = [row_of[r] for r in seq]
    target = emb[row_of[a.target]]
    baseline = (emb[row_of[-1]] if -1 in row_of else torch.zeros(emb.shape[1])).numpy()[None, :].astype(np.float64)

    @torch.no_grad()
    def f(X):
        X = torch.as_tensor(np.asarray(X), dtype=torch.float32)
        res = []
        for c in range(0, X.shape[0], 4096):
            h = gru(X[c:c + 4096])[0][:, -1]
            q = out(h) if out is not None else h
            res.append(q @ target)
        return torch.cat(res).double().numpy()[:, None]

    X = emb[rows].numpy().astype(np.float64)[None]  # [1, T, E]
    T = X.shape[1]
    f(np.repeat(X, 8, axis=0))  # warm-up (torch's first call is slow), not timed
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        _, pruning_idx = local_pruning(f, X, {"tol": a.tolerance}, baseline)
    t1 = time.perf_counter()
    pruning_idx = int(pruning_idx)
    kept_from = T + pruning_idx  # positive index: events [0, kept_from) are grouped
    with contextlib.redirect_stdout(sys.stderr):
        if a.no_l1:
            ex = TimeShapKernel(f, baseline, a.seed, "event")
            values = ex.shap_values(X, pruning_idx=kept_from, nsamples=a.samples, l1_reg=False)
        else:
            df = local_event(f, X, {"rs": a.seed, "nsamples": a.samples}, None, None, baseline, kept_from)
            values = df["Shapley Value"].to_numpy()
    t2 = time.perf_counter()

    k = T - kept_from
    events = [{"position": -(j + 1), "value": float(values[j])} for j in range(k)]
    if kept_from > 0:
        events.append({"position": "pruned", "value": float(values[k])})
    print(json.dumps({
        "seconds_pruning": t1 - t0, "seconds_event": t2 - t1, "seconds_total": t2 - t0,
        "pruning_idx": pruning_idx, "players": len(events), "l1_reg": False if a.no_l1 else "auto",
        "score": float(f(X)[0, 0]), "baseline_score": float(f(np.tile(baseline, (T, 1))[None])[0, 0]),
        "events": events}))


if __name__ == "__main__":
    main()
