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
    /// Whether `enumeratedValues()` may walk the shared-prefix tree.
    var treeEnumeration = true
    var outputCount: Int { targets.count }

    func values(of coalitions: CoalitionBatch) -> [Double] {
        evaluator.scores(patterns: patterns(of: coalitions), count: coalitions.count, targets: targets)
    }

    /// Every coalition's values down the shared-prefix tree over the events
    /// (`PerturbedSequenceEvaluator.enumeratedScores`), when every player controls some cell;
    /// nil otherwise (or with `treeEnumeration` off).
    func enumeratedValues() -> [Double]? {
        let n = evaluator.eventCount, groups = evaluator.groupCount
        guard treeEnumeration, playerCount >= 1, playerCount <= 30, n >= 1, groups >= 1, Set(controller) == Set(0..<playerCount) else { return nil }
        return evaluator.enumeratedScores(controller: controller, playerCount: playerCount, targets: targets)
    }

    /// One bit pattern per (coalition, event). O(count · events · groups), over raw buffers (a
    /// KernelSHAP game's 2,048 coalitions × tens of events × groups were ~10 % of TimeSHAP's own
    /// time through checked array accesses).
    func patterns(of coalitions: CoalitionBatch) -> [UInt32] {
        let n = evaluator.eventCount, groups = evaluator.groupCount, width = coalitions.playerCount, count = coalitions.count
        return [UInt32](unsafeUninitializedCapacity: count * n) { result, initialised in
            coalitions.masks.withUnsafeBufferPointer { masks in
                controller.withUnsafeBufferPointer { controller in
                    // No players: every pattern is empty (no cell is kept).
                    guard let first = masks.baseAddress else {
                        result.initialize(repeating: 0)
                        return
                    }
                    for c in 0..<count {
                        let mask = first + c * width, row = result.baseAddress! + c * n
                        for e in 0..<n {
                            var bits: UInt32 = 0
                            for g in 0..<groups where mask[controller[e * groups + g]] { bits |= 1 << UInt32(g) }
                            row[e] = bits
                        }
                    }
                }
            }
            initialised = count * n
        }
    }
}
