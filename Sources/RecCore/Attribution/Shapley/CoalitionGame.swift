/// A cooperative game with several outputs (e.g. the scores of K recommended items) evaluated in batches.
///
/// The value of a coalition is what the model outputs when only its players are "present" (the
/// others replaced by a baseline, e.g. dropped from the history). Shapley values explain
/// `v(all players) − v(no player)` for each output.
public protocol CoalitionGame {
    /// Number of players (n ≥ 0).
    var playerCount: Int { get }
    /// Number of outputs explained together (≥ 1 for anything useful).
    var outputCount: Int { get }
    /// Values of every coalition for every output: `result[c * outputCount + o]`, so
    /// `coalitions.count × outputCount` entries. Called with ALL coalitions of one explanation
    /// at once (so the model can evaluate them as one batch).
    func values(of coalitions: CoalitionBatch) -> [Double]
    /// The values of all 2ⁿ coalitions in enumeration order (row c holds player p iff bit p of
    /// c), `2ⁿ × outputCount` entries, when the game has a faster way to enumerate them than
    /// `values(of:)` on the whole batch; nil (the default) otherwise.
    func enumeratedValues() -> [Double]?
}

extension CoalitionGame {
    public func enumeratedValues() -> [Double]? { nil }
}
