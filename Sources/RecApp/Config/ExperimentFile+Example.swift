extension ExperimentFile {
    /// The commented example `reclens init` writes. Every value shown is the default.
    public static let example = """
        # RecLens experiment file. Every key is optional; command-line flags override it.
        # Paths are relative to the folder you run reclens from.

        # Dataset: a MovieLens folder (ml-100k, ml-1m, ml-latest-small) or a CSV file.
        # Leave it out to use the embedded synthetic dataset (see `synthetic` below).
        # data: ../shared/data/ml-100k
        format: auto            # auto | movielens-100k | movielens-1m | movielens-latest | csv
        seed: 42                # same data + same seed => byte-identical site
        out: site               # site folder, replaced atomically at the end of a build
        artifacts: .reclens     # artifact folder read by `reclens render`
        # templates: templates  # a folder of .mustache files to restyle the site
        users: "1000"           # explained users: N (seeded sample beyond N), all, or raw ids "1,7,42"
        k: 10                   # cut-off of the top-K lists and of every metric
        models: [popularity, itemknn, als, bpr, lmf, two-tower, mf, pmf, hybrid, gru4rec]

        split:
          strategy: time        # time (global) | leave-last-out | random
          test_fraction: 0.2    # time and random only
          min_relevant_rating: 4  # test interactions rated >= 4 are relevant; 0 = all

        filter:
          # min_rating: 4        # keep only interactions rated >= this (implicit feedback)
          min_user_interactions: 0
          min_item_interactions: 0
          k_core: false         # repeat both minimum filters until nothing changes

        itemknn:
          neighbours: 100       # neighbours kept per item

        gru4rec:
          embedding: 64         # item embedding size E
          hidden: 64            # GRU hidden size H
          length: 20            # events L the GRU reads (the user's most recent)
          epochs: 20            # at most; early stopping on held-out last events
          batch: 256            # windows per minibatch
          negatives: 256        # sampled negatives shared by a minibatch
          learning_rate: 0.01   # Adam
          loss: softmax         # softmax (sampled) | bpr-max
          patience: 2           # epochs without a better validation HR@10 before stopping
          output_layer: true    # q = W h + b; false: q = h (needs embedding == hidden)
          features: [rating, time-gap, genres]   # event features beside the item; [] = item only

        timeshap:
          prune_tolerance: 0.025  # events older than the first cut with |phi_older| <= this become one player; 0 = off
          baseline: zero        # absent event: zero | mean | item:RAWID
          samples: 4096         # KernelSHAP coalitions above 14 players

        csv:                    # only for format: csv
          delimiter: auto       # auto | "," | ";" | "\\t" | "|"
          header: true
          user: user            # column names (or 0-based indices without a header)
          item: item
          rating: rating        # optional column
          timestamp: timestamp  # optional column

        synthetic:              # only when no data is given
          users: 943
          items: 1682
          interactions: 100000

        """
}
