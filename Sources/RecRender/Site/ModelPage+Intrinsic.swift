import RecCore

/// The global view of a model's own decomposition on its model page: shares by user activity,
/// their spread, and how they agree with `shap` over the same input groups.
extension ModelPage {
    func intrinsicContext(_ summary: IntrinsicAttributionSummary, model: ModelArtifact, slug: String) -> (context: [String: Any], files: [(String, String)]) {
        let parts = summary.parts
        var rows = [("All \(Display.count(summary.users)) users", summary.meanShares)]
        rows += summary.byActivity.map { ("\($0.label) (\(Display.count($0.users)) users)", $0.meanShares) }
        let chart = StackedBarChart(
            title: "Where \(model.displayName)'s top-\(summary.k) predictions come from, by user activity",
            segments: parts, labels: rows.map(\.0), values: rows.map(\.1), valueAxisTitle: "Mean share of the predicted probability")
        let figure = PlacedFigure(chart, key: "intrinsic-activity", file: "model-\(slug)-intrinsic-activity",
                                  caption: "Each bar averages, over the users of a group and their top-\(summary.k) recommended items, the share of the predicted probability that each sub-network contributes. Users are grouped by the number of their training events.",
                                  root: "../")
        var context: [String: Any] = ["figure": figure.context]
        context["quantiles"] = parts.indices.map { p -> [String: String] in
            ["part": parts[p], "mean": Display.percent(summary.meanShares[p]), "p10": Display.percent(summary.shareQuantiles[p][0]),
             "median": Display.percent(summary.shareQuantiles[p][1]), "p90": Display.percent(summary.shareQuantiles[p][2])]
        }
        context["pairs"] = Display.count(summary.users * summary.k)
        // The least and most active groups with enough users to say something (20), else the ends.
        let sizeable = summary.byActivity.filter { $0.users >= 20 }
        let groups = sizeable.count > 1 ? sizeable : summary.byActivity
        if let cold = groups.first, let warm = groups.last, groups.count > 1,
           let content = parts.firstIndex(of: "content") {
            let identity = { (shares: [Double]) in 1 - shares[content] }
            let leans = cold.meanShares[content] > warm.meanShares[content]
            context["coldNote"] = "Users with \(cold.label) get \(Display.percent(cold.meanShares[content])) of their predictions from content alone (demographics and genres), users with \(warm.label) \(Display.percent(warm.meanShares[content])); the sub-networks that read an identity give \(Display.percent(identity(cold.meanShares))) and \(Display.percent(identity(warm.meanShares))). "
                + (leans ? "Cold users do lean more on content." : "Cold users do not lean more on content here: the identity sub-networks still carry most of their predictions.")
        }
        if let a = summary.shapAgreement {
            context["shap"] = [
                "pairs": Display.count(a.pairs), "sameTop": Display.percent(a.sameTop), "kendall": formatFixed(a.meanKendall, digits: 3),
                "absent": a.absentSummary,
                "groups": a.groups.indices.map { g -> [String: Any] in
                    ["name": a.groups[g], "intrinsic": formatFixed(a.meanIntrinsic[g], digits: 3), "shapley": formatFixed(a.meanShapley[g], digits: 3),
                     "counts": a.topCounts[g].map { ["count": Display.count($0)] }]
                },
                "header": a.groups.map { ["name": $0] },
            ] as [String: Any]
        }
        return (context, figure.files)
    }
}
