extension ItemKNN: ExactlyDecomposable {
    public var exactSummary: String {
        "Exact decomposition: each history item's contribution to a recommended item's score is its stored similarity to that item, so the contributions of a user's history add up exactly to the score."
    }

    /// Per target, each training event's stored similarity to it (an item seen several times is
    /// credited to its most recent event); the score they add up to (0 when no history item
    /// points to the target).
    public func exactContributions(ofUser user: Int, targets: [Int]) -> (columns: [[Float]], output: [Float]) {
        var all = [Float](repeating: 0, count: itemCount)
        scores(forUser: user, into: &all)
        return (targets.map { contributions(ofUser: user, toItem: $0) }, targets.map { all[$0].isFinite ? all[$0] : 0 })
    }
}
