"""Regenerates the GRU4Rec import fixtures: python3 scripts/peers/make_gru4rec_fixture.py (torch, numpy).

Writes into Data/fixtures/import/ (paths relative to this script, so it runs from anywhere):
- gru4rec-out.npz   (np.savez, stored): E = 6, H = 5, with an output layer `out` (Linear H -> E).
- gru4rec-tied.npz  (np.savez, stored): E = H = 5, no output layer (the last hidden state is the query).
- gru4rec-out-expected.csv, gru4rec-tied-expected.csv: header `sequence,item,score`.

Model (PyTorch names, all float32 in the npz):
    item_emb.weight   [12 x E]   row 0 = padding (all zeros), rows 1..11 = raw items 1..11
    gru.weight_ih_l0  [3H x E]   gates stacked r, z, n (PyTorch order)
    gru.weight_hh_l0  [3H x H]
    gru.bias_ih_l0    [3H]
    gru.bias_hh_l0    [3H]
    out.weight        [E x H]    (out variant only)
    out.bias          [E]        (out variant only)
    item_ids          int64 [12] = [-1, 1, 2, ..., 11]: raw id of each embedding row (-1 = padding)
Forward: h_0 = 0; h_t = GRU(item_emb[s_t], h_{t-1}) over the sequence oldest first;
q = out(h_T) (or h_T when tied); score(row) = q . item_emb[row].

Weights are randomised well beyond PyTorch's default init so the test is sensitive: embeddings
N(0, 0.5^2) with row 0 zero, GRU weights and biases U(-0.5, 0.5), out weight N(0, 0.5^2), out bias
U(-0.5, 0.5). Expected scores are the PyTorch forward of the same module run in float64 on the
stored (float32-rounded) weights, printed with %.9g; one row per raw item id 1..11 (the padding
row is not scored). The float32 forward agrees to about 1e-6 (checked below).
"""
import os
import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "Data", "fixtures", "import"))
N_ROWS = 12
ITEM_IDS = np.array([-1] + list(range(1, N_ROWS)), dtype=np.int64)


class GRU4Rec(nn.Module):
    def __init__(self, n_rows, E, H, with_out):
        super().__init__()
        self.item_emb = nn.Embedding(n_rows, E, padding_idx=0)
        self.gru = nn.GRU(E, H, batch_first=True)
        self.out = nn.Linear(H, E) if with_out else None  # out.weight is [E x H]

    def forward(self, seq):  # seq: LongTensor [B, T] of embedding ROW indices
        h_all, _ = self.gru(self.item_emb(seq))  # initial hidden = 0
        h = h_all[:, -1]  # last hidden [B, H]
        q = self.out(h) if self.out is not None else h  # tied: needs E == H
        return q @ self.item_emb.weight.T  # [B, n_rows]


def randomise(model):
    with torch.no_grad():
        model.item_emb.weight.normal_(0.0, 0.5)
        model.item_emb.weight[0].zero_()
        for name, p in model.gru.named_parameters():
            p.uniform_(-0.5, 0.5)
        if model.out is not None:
            model.out.weight.normal_(0.0, 0.5)
            model.out.bias.uniform_(-0.5, 0.5)


# Raw item ids 1..11 with repeats, oldest first; lengths 1, 2, 5, 8, 20, 25.
def sequences():
    g = np.random.default_rng(7)
    seqs = [[4], [9, 9]]
    for n in (5, 8, 20, 25):
        seqs.append([int(x) for x in g.integers(1, N_ROWS, size=n)])
    return seqs


def build(name, E, H, with_out, seed):
    torch.manual_seed(seed)
    model = GRU4Rec(N_ROWS, E, H, with_out)
    randomise(model)
    state = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    arrays = dict(state)
    arrays["item_ids"] = ITEM_IDS
    np.savez(os.path.join(OUT_DIR, f"{name}.npz"), **arrays)

    # Reload the stored values and run the same module in float64 (and float32 as a cross-check).
    stored = np.load(os.path.join(OUT_DIR, f"{name}.npz"))
    ref = GRU4Rec(N_ROWS, E, H, with_out)
    ref.load_state_dict({k: torch.from_numpy(stored[k]) for k in state})
    ref64 = GRU4Rec(N_ROWS, E, H, with_out).double()
    ref64.load_state_dict({k: torch.from_numpy(stored[k].astype(np.float64)) for k in state})
    row_of = {int(r): i for i, r in enumerate(stored["item_ids"])}
    rows = ["sequence,item,score"]
    worst = 0.0
    with torch.no_grad():
        for seq in sequences():
            idx = torch.tensor([[row_of[r] for r in seq]], dtype=torch.long)
            s64 = ref64(idx)[0].numpy()
            s32 = ref(idx)[0].numpy().astype(np.float64)
            worst = max(worst, float(np.max(np.abs(s64 - s32))))
            text = " ".join(str(r) for r in seq)
            for raw in range(1, N_ROWS):
                rows.append(f"{text},{raw},{'%.9g' % s64[row_of[raw]]}")
    with open(os.path.join(OUT_DIR, f"{name}-expected.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"{name}: {len(rows) - 1} scores, max |float32 - float64| = {worst:.2e}")


if __name__ == "__main__":
    torch.set_num_threads(2)
    build("gru4rec-out", E=6, H=5, with_out=True, seed=2024)
    build("gru4rec-tied", E=5, H=5, with_out=False, seed=2025)
