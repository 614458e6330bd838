"""Leave-last-out split of MovieLens 100k for the GRU4Rec peer: python3 ml100k_leave_last_out.py OUTDIR [U_DATA]

Reads u.data (user \\t item \\t rating \\t timestamp; default /work/shared/data/ml-100k/u.data) and writes
OUTDIR/train.csv and OUTDIR/test.csv with header `user,item,rating,timestamp`:
- dense 0-based ids: users and items are numbered by sorted raw id (raw 1 -> 0, ...), over the whole file;
- per user, events ordered by (timestamp, line order in u.data); the last one goes to test.csv, the
  rest to train.csv; both files sorted by user then that order.
Prints {"users": ..., "items": ..., "train": ..., "test": ...}; pass "items" as --items to gru4rec_torch.py.
OUTDIR must be outside the repository (MovieLens licence: no copies of the data in git).
"""
import json, os, sys
import numpy as np

def main():
    out = sys.argv[1]
    src = sys.argv[2] if len(sys.argv) > 2 else "/work/shared/data/ml-100k/u.data"
    a = np.loadtxt(src, dtype=np.int64, delimiter="\t")
    users, u = np.unique(a[:, 0], return_inverse=True)
    items, i = np.unique(a[:, 1], return_inverse=True)
    order = np.lexsort((np.arange(len(a)), a[:, 3], u))  # by user, then timestamp, then line order
    u, i, r, t = u[order], i[order], a[order, 2], a[order, 3]
    last = np.r_[u[1:] != u[:-1], True]  # last event of each user
    os.makedirs(out, exist_ok=True)
    for name, mask in (("train", ~last), ("test", last)):
        with open(os.path.join(out, f"{name}.csv"), "w") as f:
            f.write("user,item,rating,timestamp\n")
            f.writelines(f"{x},{y},{z},{w}\n" for x, y, z, w in zip(u[mask], i[mask], r[mask], t[mask]))
    print(json.dumps({"users": len(users), "items": len(items), "train": int((~last).sum()), "test": int(last.sum())}))

if __name__ == "__main__":
    main()
