/// The attribution network's own decomposition (`intrinsic`) and its scores with input groups
/// removed (`shap` over the input groups).
extension AttributionNet: IntrinsicallyAttributing, InputGroupScoring {
    public var intrinsicParts: [String] {
        kind == .interpretable ? architecture.subsets.map(Self.subsetName) : []
    }

    public var intrinsicSummary: String {
        "The model's own decomposition: its prediction is a mixture of sub-networks that each see only some inputs (content = the user's demographics and the item's genres and year; user and item = identity embeddings). The value of a subset is its mixture weight × its head's prediction, so an item's values add up to the predicted probability that the user watches it."
    }

    public func intrinsicAttribution(user: Int, targets: [Int]) -> (parts: [[Float]], output: [Float], rest: [Float]) {
        let heads = heads(user: user, items: targets)
        var parts: [[Float]] = [], output: [Float] = [], rest: [Float] = []
        for t in targets.indices {
            let d = AttributionMixture.decompose(heads.map { $0[t] }, architecture: architecture, rule: configuration.confidence, fullRoot: configuration.rootConfidence == .full)
            parts.append(d.parts)
            output.append(d.prediction)
            rest.append(d.rest)
        }
        return (parts, output, rest)
    }

    /// The mixture weights w_s = α_s / Σ α of (user, items[r]) (row-major, items × subsets).
    public func mixtureWeights(user: Int, items: [Int]) -> [[Float]] {
        let heads = heads(user: user, items: items)
        return items.indices.map { r in AttributionMixture.decompose(heads.map { $0[r] }, architecture: architecture, rule: configuration.confidence, fullRoot: configuration.rootConfidence == .full).weights }
    }

    public var inputGroups: [String] { inputs.groups.map(\.displayName) }

    public var absentInputSummary: String {
        "an absent group is replaced by its average: the mean user embedding, the mean item embedding, or the mean content vector (each demographic code averaged over users, each genre and the year over items)"
    }

    /// Scores with the coalition's groups present and the others at their means: one forward
    /// pass over coalitions × targets rows (a mean row appended to the embeddings and content).
    public func scores(user: Int, targets: [Int], coalitions: CoalitionBatch) -> [Float] {
        let a = architecture, e = a.embeddingSize
        var p = parameters
        for block in [AttributionArchitecture.userEmbedding, AttributionArchitecture.itemEmbedding] {
            let rows = p.blocks[block].count / max(1, e)
            var mean = [Double](repeating: 0, count: e)
            for r in 0..<rows { for k in 0..<e { mean[k] += Double(p.blocks[block][r * e + k]) } }
            p.blocks[block] += mean.map { Float($0 / Double(max(1, rows))) }
        }
        var extended = inputs
        let meanContent = inputs.meanContent
        extended.userContent += meanContent[0..<inputs.userWidth]
        extended.itemContent += meanContent[inputs.userWidth...]
        let groups = inputs.groups
        var users: [Int] = [], items: [Int] = [], contentUsers: [Int] = [], contentItems: [Int] = []
        for c in 0..<coalitions.count {
            let present = Array(coalitions.masks[(c * groups.count)..<((c + 1) * groups.count)])
            func has(_ g: AttributionInputs.Group) -> Bool { groups.firstIndex(of: g).map { present[$0] } ?? false }
            for item in targets {
                users.append(has(.user) ? user : a.users)
                items.append(has(.item) ? item : a.items)
                contentUsers.append(has(.content) ? user : a.users)
                contentItems.append(has(.content) ? item : a.items)
            }
        }
        let f = AttributionNetwork.forward(p, inputs: extended, users: users, items: items, contentRows: (contentUsers, contentItems))
        return (0..<f.rows).map { AttributionMixture.decompose(f.heads(row: $0), architecture: a, rule: configuration.confidence, fullRoot: configuration.rootConfidence == .full).prediction }
    }
}
