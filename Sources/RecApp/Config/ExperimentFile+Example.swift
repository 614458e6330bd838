extension ExperimentFile {
    /// The commented example `reclens init` writes (and the README shows). Every value is the
    /// default: the model and explainer sections are written from their field lists and
    /// `BuildSettings()`, so the example cannot drift from what the parser accepts.
    public static var example: String {
        let defaults = BuildSettings()
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let optIn = ModelRegistry.all.filter { !$0.inDefaultBuild }.map(\.name)
        lines.append(commented("models: [\(ModelRegistry.defaultNames.joined(separator: ", "))]",
                               ModelRegistry.dependencyNote + (optIn.isEmpty ? "" : "; also \(optIn.joined(separator: ", "))")))
        lines.append(commented("# explainers: [\(knownExplainerNames.prefix(3).joined(separator: ", "))]", "for every model; default: each model's own set"))
        lines.append("")
        lines.append("# One section per model (every model also takes `explainers: [...]`, overriding the global list).")
        lines.append("# mf and pmf are the same MatrixFactorization: mf never regularises, pmf learns its priors.")
        for registration in ModelRegistry.all {
            lines += registration.section.exampleLines(defaults)
            lines.append("")
        }
        for section in ExplainerSections.all {
            lines += section.exampleLines(defaults)
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n" + tail
    }

    /// `text` with `# comment` from column 25 (or two spaces after a longer text).
    static func commented(_ text: String, _ comment: String) -> String {
        guard !comment.isEmpty else { return text }
        let padding = max(2, 24 - text.count)
        return text + String(repeating: " ", count: padding) + "# " + comment
    }

    private static let head = """
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
        """

    private static let tail = """
        timeshap:
          prune_tolerance: 0.025  # events older than the first cut with |phi_older| <= this become one player; 0 = off
          baseline: zero        # absent event: zero | mean | item:RAWID
          samples: 4096         # KernelSHAP coalitions above 20 event players (14 for features, cells)

        # import:               # models trained elsewhere, named KIND-imported
        #   mf: factors.npz     # or {path: factors.npz, fold_in: {lambda: 1, alpha: 1}}:
        #                       # fold-in of users without a row, c = 1 + alpha·r, ridge lambda

        ego:
          # similarity: itemknn # default: itemknn when built, else the first model with item vectors;
                                # or als, pmf, bpr, two-tower, lmf, mf, KIND-imported
          radius: 2             # hops from the item (1-4)
          neighbours: 5         # neighbours followed per node (1-10)

        split:
          strategy: time        # time (global) | leave-last-out | random
          test_fraction: 0.2    # time and random only
          min_relevant_rating: 4  # test interactions rated >= 4 are relevant; 0 = all

        filter:
          # min_rating: 4        # keep only interactions rated >= this (implicit feedback)
          min_user_interactions: 0
          min_item_interactions: 0
          k_core: false         # repeat both minimum filters until nothing changes

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
