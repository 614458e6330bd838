import Dispatch

extension PerturbedSequenceEvaluator {
    /// States per batched GRU step of the enumeration (children of one step); the tree is walked
    /// depth-first below this width so that its buffers stay in cache (2¹² × H floats).
    static let enumerationWidth = 1 << 12

    /// Scores of `targets` for every coalition of an event-level game, `2ⁿ × targets.count`
    /// values, row c = the coalition holding player p iff bit p of c is set (the order of
    /// ``ShapleyEngine/exact(_:)``), n = `playerCount` ≤ 30.
    ///
    /// `owner[e]` is the player that controls every feature group of event e (present: the event's
    /// own values; absent: the baseline event's). A player may own several events (TimeSHAP's
    /// pruned group); every player must own at least one.
    ///
    /// The coalitions form a tree over the events, oldest first: all coalitions agree on the
    /// GRU state before their first event, and each event whose owner is met for the first time
    /// doubles the states (owner absent | owner present), the others advance every state once.
    /// A level's h·W_hhᵀ is one sgemm over its parent states, shared by both children; the input
    /// side takes only two values per event (present, baseline), precomputed. So the 2ⁿ final
    /// states cost 2ⁿ − 1 (+ the non-branching steps) rows of h·W_hhᵀ and ~2ⁿ⁺¹ gate updates,
    /// instead of the 2ⁿ⁺¹ sgemm rows and the n·2ⁿ bookkeeping of ``scores(patterns:count:targets:)``.
    /// The tree is walked depth-first in batches of at most ``enumerationWidth`` states, in two
    /// fixed halves on two threads (BLAS single-threaded), so memory is O(n · width · H) and the
    /// result does not depend on the machine's core count. Values equal the generic evaluator's
    /// up to float rounding of the sgemm blocking (tested to 1e-6 on small models).
    /// O(2ⁿ · H · (3H + E + K)) time.
    func enumeratedScores(owner: [Int], playerCount n: Int, targets: [Int]) -> [Double] {
        precondition(owner.count == eventCount && n >= 0 && n <= 30, "one owner per event, at most 30 players")
        precondition(Set(owner) == Set(0..<n), "every player owns at least one event")
        let h = hiddenSize, gates = 3 * h, events = eventCount, k = targets.count
        let weights = model.weights
        // Input-side gates (W_ih x + b_ih) of each event, present and absent, summed as
        // `scores(patterns:)` does for an all-present and an all-absent pattern.
        var inputRows = [Float](repeating: 0, count: events * 2 * gates)
        for e in 0..<events {
            for present in [false, true] {
                var v = weights.biasIH
                for g in 0..<groupCount {
                    if present {
                        for j in 0..<gates { v[j] += presentGates[(e * groupCount + g) * gates + j] }
                    } else {
                        for j in 0..<gates { v[j] += baselineGates[g * gates + j] }
                    }
                }
                let offset = (e * 2 + (present ? 1 : 0)) * gates
                for j in 0..<gates { inputRows[offset + j] = v[j] }
            }
        }
        var branches = [Bool](repeating: false, count: events)
        var seen = Set<Int>()
        for e in 0..<events { branches[e] = seen.insert(owner[e]).inserted }
        // Target embeddings, for the final dot products.
        let table = model.itemEmbeddings
        let plan = EnumerationPlan(
            model: model, weights: weights, hiddenSize: h, owner: owner, branches: branches, inputRows: inputRows, targets: targets,
            targetRows: targets.flatMap { Array(table.values[($0 * table.columns)..<(($0 + 1) * table.columns)]) }, queryWidth: table.columns)

        var result = [Double](repeating: 0, count: (1 << n) * k)
        result.withUnsafeMutableBufferPointer { out in
            let output = UnsafeSendable(out)
            BLAS.withSingleThread {
                // Advance the root until it has two states (or the events run out), then split.
                var walker = EnumerationWalker(plan: plan, width: Self.enumerationWidth)
                var hidden = [Float](repeating: 0, count: h), codes: [Int32] = [0], level = 0
                while level < events && codes.count < 2 {
                    (hidden, codes) = walker.step(level: level, hidden: hidden, codes: codes)
                    level += 1
                }
                if level == events || codes.count < 2 {
                    walker.finish(hidden: hidden, codes: codes, into: output.buffer)
                    return
                }
                let start = level, half = codes.count / 2, rootHidden = hidden, rootCodes = codes
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    let rows = part == 0 ? 0..<half : half..<rootCodes.count
                    var walker = EnumerationWalker(plan: plan, width: Self.enumerationWidth)
                    walker.walk(level: start, hidden: Array(rootHidden[(rows.lowerBound * h)..<(rows.upperBound * h)]),
                                codes: Array(rootCodes[rows]), into: output.buffer)
                }
            }
        }
        return result
    }
}

/// What every part of one enumeration shares (read-only).
struct EnumerationPlan: @unchecked Sendable {
    let model: any GRUSequenceModel
    let weights: GRUWeights
    let hiddenSize: Int
    let owner: [Int]
    let branches: [Bool]
    /// [event][absent | present][3H].
    let inputRows: [Float]
    let targets: [Int]
    /// K × E embedding rows of the targets.
    let targetRows: [Float]
    let queryWidth: Int
}

/// Walks one subtree of the coalition tree depth-first (one per thread).
struct EnumerationWalker {
    let plan: EnumerationPlan
    let width: Int
    private var hiddenGates: [Float] = []
    private var cache: [Float]

    init(plan: EnumerationPlan, width: Int) {
        self.plan = plan
        self.width = width
        cache = [Float](repeating: 0, count: 4 * plan.hiddenSize)
    }

    /// The children of `codes.count` states at `level` (their hidden states row by row):
    /// every state twice (owner absent, then owner present) when the level branches, once otherwise.
    mutating func step(level e: Int, hidden: [Float], codes: [Int32]) -> ([Float], [Int32]) {
        let h = plan.hiddenSize, gates = 3 * h, m = codes.count, plan = plan
        var hiddenGates = self.hiddenGates, cache = self.cache
        (self.hiddenGates, self.cache) = ([], [])
        defer { (self.hiddenGates, self.cache) = (hiddenGates, cache) }
        if hiddenGates.count < m * gates { hiddenGates = [Float](repeating: 0, count: m * gates) }
        let branching = plan.branches[e], bit = Int32(1) << Int32(plan.owner[e])
        let childCount = branching ? 2 * m : m
        var children = [Float](repeating: 0, count: childCount * h)
        var childCodes = [Int32](repeating: 0, count: childCount)
        hiddenGates.withUnsafeMutableBufferPointer { gh in
            hidden.withUnsafeBufferPointer { hp in
                plan.weights.biasHH.withUnsafeBufferPointer { bias in
                    for s in 0..<m { (gh.baseAddress! + s * gates).update(from: bias.baseAddress!, count: gates) }
                }
                plan.weights.weightHH.values.withUnsafeBufferPointer { w in
                    Float.product(false, true, m: m, n: gates, k: h, hp.baseAddress!, lda: h, w.baseAddress!, ldb: h, beta: 1, gh.baseAddress!, ldc: gates)
                }
                children.withUnsafeMutableBufferPointer { out in
                    plan.inputRows.withUnsafeBufferPointer { rows in
                        cache.withUnsafeMutableBufferPointer { c in
                            let absent = rows.baseAddress! + (2 * e) * gates, present = absent + gates
                            for child in 0..<childCount {
                                let parent = branching ? child % m : child
                                let on = branching ? child >= m : codes[parent] & bit != 0
                                childCodes[child] = codes[parent] | (branching && on ? bit : 0)
                                GRUCell.gates(
                                    inputGates: on ? present : absent, hiddenGates: gh.baseAddress! + parent * gates, hidden: hp.baseAddress! + parent * h,
                                    batch: 1, hiddenSize: h, output: out.baseAddress! + child * h, cache: c.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        return (children, childCodes)
    }

    /// Walks the subtree below `codes.count` states at `level` and writes the final scores.
    mutating func walk(level: Int, hidden: [Float], codes: [Int32], into output: UnsafeMutableBufferPointer<Double>) {
        if level == plan.branches.count {
            finish(hidden: hidden, codes: codes, into: output)
            return
        }
        let m = codes.count, h = plan.hiddenSize
        if plan.branches[level] && 2 * m > width && m > 1 {
            let half = m / 2
            walk(level: level, hidden: Array(hidden[0..<(half * h)]), codes: Array(codes[0..<half]), into: output)
            walk(level: level, hidden: Array(hidden[(half * h)...]), codes: Array(codes[half...]), into: output)
            return
        }
        let (children, childCodes) = step(level: level, hidden: hidden, codes: codes)
        walk(level: level + 1, hidden: children, codes: childCodes, into: output)
    }

    /// Scores of the final states: `output[code * K + t]`, the dot products in the order of
    /// ``PerturbedSequenceEvaluator/scores(patterns:count:targets:)``.
    func finish(hidden: [Float], codes: [Int32], into output: UnsafeMutableBufferPointer<Double>) {
        let m = codes.count, k = plan.targets.count, e = plan.queryWidth
        let q = hidden.withUnsafeBufferPointer { plan.model.queries(hidden: $0.baseAddress!, batch: m) }
        q.values.withUnsafeBufferPointer { qv in
            plan.targetRows.withUnsafeBufferPointer { rows in
                for t in 0..<k {
                    let row = rows.baseAddress! + t * e
                    for s in 0..<m {
                        let query = qv.baseAddress! + s * e
                        var sum: Float = 0
                        for d in 0..<e { sum += query[d] * row[d] }
                        output[Int(codes[s]) * k + t] = Double(sum)
                    }
                }
            }
        }
    }
}
