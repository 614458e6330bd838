/// Shapley values of every player for every output.
///
/// Efficiency holds per output: `Σ_p values[p * outputCount + o] = full[o] − empty[o]`
/// (to rounding, for exact and KernelSHAP values alike).
public struct ShapleyValues: Sendable, Equatable {
    /// Number of players n.
    public var playerCount: Int
    /// Number of outputs K.
    public var outputCount: Int
    /// n × K, row-major: `values[p * outputCount + o]` is φ of player p for output o.
    public var values: [Double]
    /// v(all players), one per output.
    public var full: [Double]
    /// v(no player), one per output.
    public var empty: [Double]
    /// True when every coalition was evaluated (enumeration), so the values are the Shapley
    /// values up to rounding; false for a sampled KernelSHAP estimate.
    public var exact: Bool
    /// Number of coalitions evaluated, ∅ and the full set included.
    public var evaluations: Int

    /// Memberwise initialiser.
    public init(
        playerCount: Int, outputCount: Int, values: [Double], full: [Double], empty: [Double], exact: Bool,
        evaluations: Int
    ) {
        precondition(values.count == playerCount * outputCount && full.count == outputCount && empty.count == outputCount)
        self.playerCount = playerCount
        self.outputCount = outputCount
        self.values = values
        self.full = full
        self.empty = empty
        self.exact = exact
        self.evaluations = evaluations
    }

    /// φ of `player` for `output`. O(1).
    public func value(player: Int, output: Int) -> Double { values[player * outputCount + output] }

    /// The n values of one output, in player order. O(n).
    public func column(output: Int) -> [Double] {
        (0..<playerCount).map { values[$0 * outputCount + output] }
    }
}
