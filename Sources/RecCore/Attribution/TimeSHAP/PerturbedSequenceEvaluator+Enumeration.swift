import Dispatch
import _RecKernels

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
                let root = EnumerationWalker(plan: plan, width: Self.enumerationWidth)
                var hidden = [Float](repeating: 0, count: h), codes: [Int32] = [0], level = 0
                while level < events && codes.count < 2 {
                    var childHidden = [Float](repeating: 0, count: 2 * codes.count * h), childCodes = [Int32](repeating: 0, count: 2 * codes.count)
                    let count = root.step(level: level, hidden: hidden, codes: codes, count: codes.count, into: &childHidden, &childCodes)
                    (hidden, codes) = (Array(childHidden[0..<(count * h)]), Array(childCodes[0..<count]))
                    level += 1
                }
                if level == events || codes.count < 2 {
                    root.finish(hidden: hidden, codes: codes, count: codes.count, into: output.buffer)
                    return
                }
                let start = level, half = codes.count / 2, rootHidden = hidden, rootCodes = codes
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    let rows = part == 0 ? 0..<half : half..<rootCodes.count
                    let walker = EnumerationWalker(plan: plan, width: Self.enumerationWidth)
                    rootHidden.withUnsafeBufferPointer { hp in
                        rootCodes.withUnsafeBufferPointer { cp in
                            walker.walk(level: start, hidden: hp.baseAddress! + rows.lowerBound * h, codes: cp.baseAddress! + rows.lowerBound,
                                        count: rows.count, into: output.buffer)
                        }
                    }
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

/// Walks one subtree of the coalition tree depth-first (one per thread), with one buffer of
/// `width` states per level, reused by every subtree that passes through the level.
final class EnumerationWalker {
    let plan: EnumerationPlan
    let width: Int
    private let hiddenGates: UnsafeMutablePointer<Float>
    private let cache: UnsafeMutablePointer<Float>
    /// Per level: the children's hidden states (width × H) and codes (width).
    private var levelHidden: [UnsafeMutablePointer<Float>] = []
    private var levelCodes: [UnsafeMutablePointer<Int32>] = []

    init(plan: EnumerationPlan, width: Int) {
        self.plan = plan
        self.width = width
        let h = plan.hiddenSize
        hiddenGates = .allocate(capacity: width * 3 * h)
        cache = .allocate(capacity: 4 * h)
        for _ in plan.branches {
            levelHidden.append(.allocate(capacity: width * h))
            levelCodes.append(.allocate(capacity: width))
        }
    }

    deinit {
        hiddenGates.deallocate()
        cache.deallocate()
        levelHidden.forEach { $0.deallocate() }
        levelCodes.forEach { $0.deallocate() }
    }

    /// The children of `m` states at `level` (hidden states row by row, and codes): every state
    /// twice (owner absent for rows 0..<m, owner present for rows m..<2m) when the level branches,
    /// once otherwise. Returns the number of children; m ≤ width (≤ width / 2 when branching).
    func step(level e: Int, hidden: UnsafePointer<Float>, codes: UnsafePointer<Int32>, count m: Int,
              into outHidden: UnsafeMutablePointer<Float>, _ outCodes: UnsafeMutablePointer<Int32>) -> Int {
        let h = plan.hiddenSize, gates = 3 * h, gh = hiddenGates
        plan.weights.biasHH.withUnsafeBufferPointer { bias in
            for s in 0..<m { (gh + s * gates).update(from: bias.baseAddress!, count: gates) }
        }
        plan.weights.weightHH.values.withUnsafeBufferPointer { w in
            Float.product(false, true, m: m, n: gates, k: h, hidden, lda: h, w.baseAddress!, ldb: h, beta: 1, gh, ldc: gates)
        }
        let branching = plan.branches[e], bit = Int32(1) << Int32(plan.owner[e])
        let childCount = branching ? 2 * m : m
        plan.inputRows.withUnsafeBufferPointer { rows in
            let absent = rows.baseAddress! + (2 * e) * gates, present = absent + gates
            for child in 0..<childCount {
                let parent = branching ? (child < m ? child : child - m) : child
                let on = branching ? child >= m : codes[parent] & bit != 0
                outCodes[child] = codes[parent] | (branching && on ? bit : 0)
                // `GRUCell.gates`'s arithmetic, in C (vectorised per CPU; bit-identical results).
                rec_gru_gates_row(on ? present : absent, gh + parent * gates, hidden + parent * h, Int32(h), outHidden + child * h)
            }
        }
        return childCount
    }

    /// Array form of ``step(level:hidden:codes:count:into:_:)`` for the few root steps.
    func step(level e: Int, hidden: [Float], codes: [Int32], count m: Int, into outHidden: inout [Float], _ outCodes: inout [Int32]) -> Int {
        hidden.withUnsafeBufferPointer { hp in
            codes.withUnsafeBufferPointer { cp in
                outHidden.withUnsafeMutableBufferPointer { oh in
                    outCodes.withUnsafeMutableBufferPointer { oc in
                        step(level: e, hidden: hp.baseAddress!, codes: cp.baseAddress!, count: m, into: oh.baseAddress!, oc.baseAddress!)
                    }
                }
            }
        }
    }

    /// Walks the subtree below `m` states at `level` and writes the final scores.
    func walk(level: Int, hidden: UnsafePointer<Float>, codes: UnsafePointer<Int32>, count m: Int, into output: UnsafeMutableBufferPointer<Double>) {
        if level == plan.branches.count {
            finish(hidden: hidden, codes: codes, count: m, into: output)
            return
        }
        let h = plan.hiddenSize
        if plan.branches[level] && 2 * m > width && m > 1 {
            let half = m / 2
            walk(level: level, hidden: hidden, codes: codes, count: half, into: output)
            walk(level: level, hidden: hidden + half * h, codes: codes + half, count: m - half, into: output)
            return
        }
        let children = step(level: level, hidden: hidden, codes: codes, count: m, into: levelHidden[level], levelCodes[level])
        walk(level: level + 1, hidden: levelHidden[level], codes: levelCodes[level], count: children, into: output)
    }

    func finish(hidden: [Float], codes: [Int32], count m: Int, into output: UnsafeMutableBufferPointer<Double>) {
        hidden.withUnsafeBufferPointer { hp in
            codes.withUnsafeBufferPointer { cp in finish(hidden: hp.baseAddress!, codes: cp.baseAddress!, count: m, into: output) }
        }
    }

    /// Scores of the final states: `output[code * K + t]`, the dot products in the order of
    /// ``PerturbedSequenceEvaluator/scores(patterns:count:targets:)``.
    func finish(hidden: UnsafePointer<Float>, codes: UnsafePointer<Int32>, count m: Int, into output: UnsafeMutableBufferPointer<Double>) {
        let k = plan.targets.count, e = plan.queryWidth
        let q = plan.model.queries(hidden: hidden, batch: m)
        q.values.withUnsafeBufferPointer { qv in
            plan.targetRows.withUnsafeBufferPointer { rows in
                for t in 0..<k {
                    let row = rows.baseAddress! + t * e
                    for s in 0..<m {
                        output[Int(codes[s]) * k + t] = Double(Float.dot(qv.baseAddress! + s * e, row, count: e))
                    }
                }
            }
        }
    }
}
