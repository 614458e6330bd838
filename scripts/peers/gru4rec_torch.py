"""PyTorch GRU4Rec peer for side-by-side benchmarks with RecLens (run by hand, never in CI).

    python3 gru4rec_torch.py --train train.csv --test test.csv --items N [--loss softmax|bpr-max]
        [--epochs 20] [--emb 64] [--hidden 64] [--length 20] [--batch 256] [--negatives 256]
        [--lr 0.002] [--threads 2] [--seed 1] [--patience 2] [--validation-users 0.1] [--export model.npz]

The scheme (the Swift implementation follows the same one; random draws differ, of course):

Data. CSVs with header `user,item,rating,timestamp`, dense 0-based user and item indices; the train
file is sorted by user then time and that order is kept (ratings and timestamps are not used).
Items are 0..N-1 (`--items N`); there is no padding row.

Model. item_emb [N x E], init N(0, 0.1^2), used both for the input and the output (tied);
nn.GRU(E, H) with PyTorch's default init; out = nn.Linear(H, E) (default init). For a sequence
x_1..x_T the GRU runs from h_0 = 0 over item_emb[x_t]; the query is q = out(h_T) and the score of
item j is q . item_emb[j]. Item inputs only (no event features), no dropout, no weight decay.

Validation split (early stopping). Users with >= 2 training events are eligible; round(f * eligible)
of them (f = --validation-users), drawn without replacement by numpy default_rng(seed), have their
LAST training event held out as a validation target: it is not trained on and is never an input.

Training windows. For each user with training events s_1..s_n (after the hold-out), inputs are
s_1..s_{n-1} and targets s_2..s_n. They are cut into consecutive windows of at most L (--length)
inputs, taken from the END backwards: the last window holds the last L positions, the one before
it the L before those, ..., the first window may be shorter. Every window starts from h = 0
(truncated BPTT, no hidden state carried between windows). Windows shorter than L are right-padded
(with item 0) and the padded positions are masked out of the loss (the GRU is causal, so padding
after the real positions does not change them). Users with n < 2 give no window.

Epochs. The windows are shuffled at the start of every epoch (numpy default_rng(seed), one stream for
the whole run) and cut into minibatches of B (--batch) windows (the last one may be smaller).
Every minibatch draws K (--negatives) item indices uniformly from 0..N-1 WITH replacement (torch
generator seeded with seed), shared by every position of the minibatch. Per valid position with
target t and scores r (r_t for the target, r_1..r_K for the negatives):
  softmax:  -log( exp(r_t) / (exp(r_t) + sum_j exp(r_j)) )   (no sampling correction; a negative that
            happens to equal the target stays in the sum)
  bpr-max:  -log( sum_j s_j sigmoid(r_t - r_j) + 1e-24 ) + 1.0 * sum_j s_j r_j^2,  s = softmax(r_1..r_K)
            (Hidasi & Karatzoglou 2018; gradients flow through s, as in the original code)
The minibatch loss is the MEAN over its valid positions; one Adam(lr) step per minibatch (PyTorch
defaults betas (0.9, 0.999), eps 1e-8).
After each epoch: validation HR@10 (below) on the held-out targets. An epoch improves if its HR@10
is strictly greater than the best so far; training stops after `patience` consecutive epochs
without improvement or after --epochs epochs, and the best epoch's weights are restored. With no
validation users, all epochs are trained and the last one is kept.

Ranking. For a user, the GRU runs over the user's last L events of the input history (from h = 0)
and scores every item. rank = number of candidate items other than the target whose score is
STRICTLY greater than the target's (0-based); HR@10 = [rank < 10]; NDCG@10 = 1/log2(rank + 2) if
rank < 10 else 0. Averages over users.
- Validation: history = the user's training events before the held-out one; candidates = all
  items except those in that history (full ranking).
- Test (leave-last-out): target = the user's FIRST test event (file order); history = all of the
  user's training events (held-out validation events included); (a) full ranking: candidates = all
  items not in the user's training events; (b) sampled: candidates = 100 items drawn uniformly
  without replacement (numpy default_rng(seed + 1)) from the items the user never interacted with
  (train or test). Test users without training events are skipped (counted in "test_users" only
  when evaluated).

Progress (mean minibatch loss, epoch seconds, validation HR@10) goes to stderr, one line per epoch.
Output: one JSON line on stdout with seconds_per_epoch (mean wall time of the training part of
each trained epoch, validation excluded), epochs, best_epoch (1-based), hr10, ndcg10, hr10_sampled,
ndcg10_sampled, threads, plus loss, test_users and validation_users.
--export FILE.npz writes the (best) model in the GRU4Rec fixture format of
Data/fixtures/import/gru4rec-*.npz: float32 `item_emb.weight` [N x E], `gru.weight_ih_l0` [3H x E],
`gru.weight_hh_l0` [3H x H], `gru.bias_ih_l0`, `gru.bias_hh_l0` [3H], `out.weight` [E x H],
`out.bias` [E], and `item_ids` = arange(N) int64 (the dense index; no padding row).
"""
import argparse, copy, os, json, sys, time
# On a shared machine, OpenMP threads that spin at barriers make tiny torch ops 10-100x slower whenever
# another process holds a core; passive waiting avoids it (set before torch is imported).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class GRU4Rec(nn.Module):
    def __init__(self, n_items, E, H):
        super().__init__()
        self.item_emb = nn.Embedding(n_items, E)
        nn.init.normal_(self.item_emb.weight, 0.0, 0.1)
        self.gru = nn.GRU(E, H, batch_first=True)
        self.out = nn.Linear(H, E)

    def queries(self, seq):  # [B, T] -> [B, T, E]: a query after every position
        h_all, _ = self.gru(self.item_emb(seq))
        return self.out(h_all)

    def last_queries(self, seq, lengths):  # right-padded [B, T], lengths [B] -> [B, E]
        h_all, _ = self.gru(self.item_emb(seq))
        h = h_all[torch.arange(seq.shape[0]), lengths - 1]
        return self.out(h)


def read_csv(path):
    a = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
    return a[:, 0], a[:, 1]


def group(users, items):  # keeps file order within each user
    seqs = {}
    for u, i in zip(users.tolist(), items.tolist()):
        seqs.setdefault(u, []).append(i)
    return seqs


def make_windows(seqs, L):
    inputs, targets = [], []
    for s in seqs.values():
        n = len(s)
        end = n - 1  # number of (input, target) positions
        while end > 0:
            start = max(0, end - L)
            inputs.append(s[start:end])
            targets.append(s[start + 1:end + 1])
            end = start
    W = len(inputs)
    X = np.zeros((W, L), dtype=np.int64)
    Y = np.zeros((W, L), dtype=np.int64)
    M = np.zeros((W, L), dtype=bool)
    for w, (x, y) in enumerate(zip(inputs, targets)):
        X[w, :len(x)], Y[w, :len(y)], M[w, :len(x)] = x, y, True
    return torch.from_numpy(X), torch.from_numpy(Y), torch.from_numpy(M)


def loss_fn(kind, q, tgt, neg, emb):
    # q [P, E] queries at valid positions, tgt [P] target items, neg [K] shared negatives
    r_t = (q * emb[tgt]).sum(-1)  # [P]
    r_n = q @ emb[neg].T  # [P, K]
    if kind == "softmax":
        logits = torch.cat([r_t[:, None], r_n], 1)
        return F.cross_entropy(logits, torch.zeros(len(tgt), dtype=torch.long))
    s = torch.softmax(r_n, 1)
    bpr = -torch.log((s * torch.sigmoid(r_t[:, None] - r_n)).sum(1) + 1e-24)
    reg = 1.0 * (s * r_n ** 2).sum(1)
    return (bpr + reg).mean()


@torch.no_grad()
def rank_targets(model, histories, targets, L, candidates_fn, chunk=512):
    """histories: list of item lists; returns 0-based ranks (np.int64)."""
    ranks = []
    emb = model.item_emb.weight
    for c in range(0, len(histories), chunk):
        hs = [h[-L:] for h in histories[c:c + chunk]]
        lengths = torch.tensor([len(h) for h in hs])
        X = torch.zeros((len(hs), L), dtype=torch.long)
        for k, h in enumerate(hs):
            X[k, :len(h)] = torch.tensor(h)
        scores = (model.last_queries(X, lengths) @ emb.T).numpy()
        for k in range(len(hs)):
            n = c + k
            t = targets[n]
            cand = candidates_fn(n)  # bool mask over items or index array
            st = scores[k, t]
            if cand.dtype == bool:
                better = (scores[k] > st) & cand
                better[t] = False
                ranks.append(int(better.sum()))
            else:
                cs = scores[k, cand[cand != t]]
                ranks.append(int((cs > st).sum()))
    return np.array(ranks, dtype=np.int64)


def metrics(ranks):
    hit = ranks < 10
    ndcg = np.where(hit, 1.0 / np.log2(ranks + 2.0), 0.0)
    return float(hit.mean()) if len(ranks) else 0.0, float(ndcg.mean()) if len(ranks) else 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--items", type=int, required=True)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--emb", type=int, default=64)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--length", type=int, default=20)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--negatives", type=int, default=256)
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--loss", choices=["softmax", "bpr-max"], default="softmax")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--patience", type=int, default=2)
    p.add_argument("--validation-users", type=float, default=0.1)
    p.add_argument("--export")
    p.add_argument("--item-ids", help="text file with the raw id of dense item i on line i; exported as item_ids (default: the dense index)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    N, L = a.items, a.length

    train = group(*read_csv(a.train))
    test = group(*read_csv(a.test))

    # Validation hold-out: last training event of a seeded fraction of eligible users.
    eligible = sorted(u for u, s in train.items() if len(s) >= 2)
    n_val = int(round(a.validation_users * len(eligible)))
    val_users = sorted(rng.choice(eligible, size=n_val, replace=False).tolist()) if n_val else []
    fit = dict(train)
    for u in val_users:
        fit[u] = train[u][:-1]
    val_hist = [fit[u] for u in val_users]
    val_tgt = [train[u][-1] for u in val_users]

    def val_candidates(n):
        m = np.ones(N, dtype=bool)
        m[val_hist[n]] = False
        return m

    X, Y, M = make_windows(fit, L)
    model = GRU4Rec(N, a.emb, a.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)

    epoch_times, best_hr, best_epoch, best_state, stale = [], -1.0, 0, None, 0
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        model.train()
        perm = torch.from_numpy(rng.permutation(len(X)))
        total, batches = 0.0, 0
        for b in range(0, len(X), a.batch):
            idx = perm[b:b + a.batch]
            x, y, m = X[idx], Y[idx], M[idx]
            q = model.queries(x)[m]  # [P, E]
            neg = torch.randint(0, N, (a.negatives,), generator=gen)
            loss = loss_fn(a.loss, q, y[m], neg, model.item_emb.weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total, batches = total + loss.item(), batches + 1
        epoch_times.append(time.perf_counter() - t0)
        if not val_users:
            best_epoch = epoch
            print(f"epoch {epoch}: loss {total / batches:.4f}, {epoch_times[-1]:.2f} s", file=sys.stderr)
            continue
        model.eval()
        hr, _ = metrics(rank_targets(model, val_hist, val_tgt, L, val_candidates))
        print(f"epoch {epoch}: loss {total / batches:.4f}, {epoch_times[-1]:.2f} s, validation HR@10 {hr:.4f}", file=sys.stderr)
        if hr > best_hr:
            best_hr, best_epoch, best_state, stale = hr, epoch, copy.deepcopy(model.state_dict()), 0
        else:
            stale += 1
            if stale >= a.patience:
                break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()

    # Test: first test event of each user with training events.
    test_users = sorted(u for u in test if u in train and train[u])
    hist = [train[u] for u in test_users]
    tgt = [test[u][0] for u in test_users]

    def full_candidates(n):
        m = np.ones(N, dtype=bool)
        m[hist[n]] = False
        return m

    rng_eval = np.random.default_rng(a.seed + 1)
    sampled = []
    for u in test_users:
        m = np.ones(N, dtype=bool)
        m[train[u]] = False
        m[test[u]] = False
        pool = np.flatnonzero(m)
        sampled.append(rng_eval.choice(pool, size=min(100, len(pool)), replace=False))

    hr10, ndcg10 = metrics(rank_targets(model, hist, tgt, L, full_candidates))
    hr10s, ndcg10s = metrics(rank_targets(model, hist, tgt, L, lambda n: sampled[n]))

    if a.export:
        sd = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
        ids = np.arange(N, dtype=np.int64)
        if a.item_ids:
            with open(a.item_ids) as f:
                ids = np.array([line.strip() for line in f if line.strip()])
            assert len(ids) == N, f"{a.item_ids}: {len(ids)} ids for {N} items"
        np.savez(a.export, **sd, item_ids=ids)

    print(json.dumps({
        "seconds_per_epoch": float(np.mean(epoch_times)), "epochs": len(epoch_times),
        "best_epoch": best_epoch, "hr10": hr10, "ndcg10": ndcg10,
        "hr10_sampled": hr10s, "ndcg10_sampled": ndcg10s, "threads": a.threads,
        "loss": a.loss, "test_users": len(test_users), "validation_users": len(val_users),
        "torch": torch.__version__}))


if __name__ == "__main__":
    main()
