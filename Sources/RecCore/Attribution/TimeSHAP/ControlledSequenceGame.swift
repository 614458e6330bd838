/// A cooperative game over perturbations of one sequence: every (event, feature group) cell is
/// controlled by one player; a coalition keeps the cells of its players and replaces the others
/// by the baseline event's values. Event-, feature- and cell-level TimeSHAP games differ only in
/// the controller table. Outputs are the scores of the explained items.
struct ControlledSequenceGame: CoalitionGame {
    let evaluator: PerturbedSequenceEvaluator
    let targets: [Int]
    /// `controller[e * groupCount + g]`: the player controlling group g of event e.
    let controller: [Int]
    let playerCount: Int
    var outputCount: Int { targets.count }

    func values(of coalitions: CoalitionBatch) -> [Double] {
        evaluator.scores(patterns: patterns(of: coalitions), count: coalitions.count, targets: targets)
    }

    /// One bit pattern per (coalition, event).
    func patterns(of coalitions: CoalitionBatch) -> [UInt32] {
        let n = evaluator.eventCount, groups = evaluator.groupCount
        var result = [UInt32](repeating: 0, count: coalitions.count * n)
        for c in 0..<coalitions.count {
            for e in 0..<n {
                var bits: UInt32 = 0
                for g in 0..<groups where coalitions.contains(c, controller[e * groups + g]) { bits |= 1 << UInt32(g) }
                result[c * n + e] = bits
            }
        }
        return result
    }
}
