"""PyTorch Mult-VAE peer for side-by-side benchmarks with RecLens (run by hand, never in CI).

    python3 vae_peer.py --train train.csv --test test.csv --items N --users U [--epochs 100]
        [--time-epochs 5] [--batch 100] [--lr 0.001] [--hidden 600] [--latent 200] [--dropout 0.5]
        [--kl-cap 0.2] [--anneal-epochs 80] [--threads 2] [--seed 1]

`reclens-bench vae --python PATH` runs it on the split it exports. The configuration is RecLens's
`vae` (Sources/RecCore/Models/MultVAE), which follows Liang et al. 2018 and their code
(dawenl/vae_cf); random draws differ, of course.

Data. CSVs with header `user,item,rating,timestamp`, dense 0-based indices; ratings and timestamps
are not used. A user's input is the binary vector of the distinct items of their training rows.

Model. enc1 = Linear(I, H), enc2 = Linear(H, 2L) (first L outputs mu, last L log sigma^2),
dec1 = Linear(L, H), dec2 = Linear(H, I); tanh after enc1 and dec1; weights Glorot-uniform, biases
N(0, 0.001^2). Training forward: x~ = dropout(normalize(x), p) (kept entries scaled by 1/(1-p)),
z = mu + eps * exp(logvar / 2), eps ~ N(0, 1); loss = -mean_rows sum_i x_i log softmax(logits)_i
+ beta * mean_rows sum_k 0.5 (-logvar + exp(logvar) + mu^2 - 1) (x the raw binary input), no
weight decay. beta = min(cap, t / T) before update t + 1 (t = updates so far), T = anneal_epochs *
updates_per_epoch / cap. Adam(lr), PyTorch defaults otherwise. Users with a training row are
shuffled each epoch (numpy default_rng(seed)) and cut into minibatches of B (the last may be
smaller). The input is a dense B x I tensor, as in the reference implementations.

Evaluation. Scores = log softmax(logits) at z = mu, no dropout, from the user's whole training
row; a user's training items are excluded; relevant = the user's distinct test items; NDCG@10 =
DCG / ideal DCG over min(|R|, 10) positions, Recall@20 = hits in the top 20 / |R|; means over users
with a test item.

Output: one JSON line on stdout with seconds_per_epoch (mean wall time of the first --time-epochs
training epochs), fit_seconds (all epochs), ndcg10, recall20, test_users, threads, epochs, and the
last epoch's mean loss. Threads: torch.set_num_threads(--threads) (intra-op); OMP_WAIT_POLICY is
PASSIVE so waiting threads do not spin on a shared machine.
"""
import argparse, json, os, sys, time
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class MultVAE(nn.Module):
    def __init__(self, items, hidden, latent, dropout):
        super().__init__()
        self.latent, self.dropout = latent, dropout
        self.enc1, self.enc2 = nn.Linear(items, hidden), nn.Linear(hidden, 2 * latent)
        self.dec1, self.dec2 = nn.Linear(latent, hidden), nn.Linear(hidden, items)
        for layer in (self.enc1, self.enc2, self.dec1, self.dec2):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.normal_(layer.bias, std=0.001)

    def forward(self, x):
        h = F.normalize(x, dim=1)
        h = F.dropout(h, p=self.dropout, training=self.training)
        o = self.enc2(torch.tanh(self.enc1(h)))
        mu, logvar = o[:, :self.latent], o[:, self.latent:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.dec2(torch.tanh(self.dec1(z))), mu, logvar


def read_rows(path, users):
    rows = [set() for _ in range(users)]
    with open(path) as f:
        next(f)
        for line in f:
            u, i = line.split(",")[:2]
            rows[int(u)].add(int(i))
    return [sorted(r) for r in rows]


def dense(rows, batch, items):
    x = torch.zeros(len(batch), items)
    for r, u in enumerate(batch):
        if rows[u]:
            x[r, rows[u]] = 1
    return x


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--items", type=int, required=True)
    p.add_argument("--users", type=int, required=True)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--time-epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--hidden", type=int, default=600)
    p.add_argument("--latent", type=int, default=200)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--kl-cap", type=float, default=0.2)
    p.add_argument("--anneal-epochs", type=float, default=80)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    train = read_rows(a.train, a.users)
    test = read_rows(a.test, a.users)
    users = np.array([u for u in range(a.users) if train[u]])
    per_epoch = (len(users) + a.batch - 1) // a.batch
    anneal_total = max(1.0, a.anneal_epochs * per_epoch / a.kl_cap) if a.kl_cap > 0 else 1.0
    model = MultVAE(a.items, a.hidden, a.latent, a.dropout)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr)
    step, times, loss_sum = 0, [], 0.0
    fit_start = time.perf_counter()
    for epoch in range(a.epochs):
        started = time.perf_counter()
        model.train()
        order = rng.permutation(users)
        loss_sum = 0.0
        for first in range(0, len(order), a.batch):
            x = dense(train, order[first:first + a.batch], a.items)
            beta = min(a.kl_cap, step / anneal_total) if a.anneal_epochs > 0 else a.kl_cap
            logits, mu, logvar = model(x)
            nll = -(F.log_softmax(logits, dim=1) * x).sum(1).mean()
            kl = (0.5 * (-logvar + torch.exp(logvar) + mu * mu - 1)).sum(1).mean()
            loss = nll + beta * kl
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            loss_sum += float(loss)
        times.append(time.perf_counter() - started)
        print(f"epoch {epoch + 1}: loss {loss_sum / per_epoch:.2f}, {times[-1]:.3f} s", file=sys.stderr)
    fit_seconds = time.perf_counter() - fit_start

    model.eval()
    evaluated = [u for u in range(a.users) if test[u]]
    ndcg, recall = 0.0, 0.0
    with torch.no_grad():
        for first in range(0, len(evaluated), 256):
            batch = evaluated[first:first + 256]
            x = dense(train, batch, a.items)
            logits, _, _ = model(x)
            scores = F.log_softmax(logits, dim=1)
            scores[x > 0] = -float("inf")
            top = torch.topk(scores, 20, dim=1).indices.numpy()
            for r, u in enumerate(batch):
                relevant = set(test[u])
                hits = [i in relevant for i in top[r]]
                dcg = sum(1 / np.log2(k + 2) for k, h in enumerate(hits[:10]) if h)
                ideal = sum(1 / np.log2(k + 2) for k in range(min(len(relevant), 10)))
                ndcg += dcg / ideal
                recall += sum(hits) / len(relevant)
    n = max(1, len(evaluated))
    timed = times[:a.time_epochs] if times else [float("nan")]
    print(json.dumps({
        "seconds_per_epoch": float(np.mean(timed)), "fit_seconds": fit_seconds, "ndcg10": ndcg / n, "recall20": recall / n,
        "test_users": float(len(evaluated)), "threads": a.threads, "epochs": a.epochs, "last_loss": loss_sum / max(1, per_epoch),
    }))


if __name__ == "__main__":
    main()
