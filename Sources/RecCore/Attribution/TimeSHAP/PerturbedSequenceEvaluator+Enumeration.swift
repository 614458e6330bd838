import Dispatch
import _RecKernels

extension PerturbedSequenceEvaluator {
    /// States per batched GRU step of the enumeration (children of one step); the tree is walked
    /// depth-first below this width so that its buffers stay in cache (2¹² × H floats).
    static let enumerationWidth = 1 << 12

    /// Scores of `targets` for every coalition of a game over this sequence's cells, `2ⁿ ×
    /// targets.count` values, row c = the coalition holding player p iff bit p of c is set (the
    /// order of ``ShapleyEngine/exact(_:)``), n = `playerCount` ≤ 30.
    ///
    /// `controller[e * groupCount + g]` is the player that controls feature group g of event e
    /// (present: the event's own value; absent: the baseline event's): one player per event at the
    /// event level (TimeSHAP's pruned group owns several events), one per feature group across
    /// the events at the feature level, and a mix at the cell level. Every player must control at
    /// least one cell.
    ///
    /// The coalitions form a tree over the events, oldest first: all coalitions agree on the
    /// GRU state before the first event whose cells a player controls, and each event multiplies
    /// the states by 2^k for the k players it meets for the first time (each absent | present),
    /// the others advance every state once. A level's h·W_hhᵀ is one sgemm over its parent states,
    /// shared by all their children; the input side of an event takes one precomputed value per
    /// combination of its controlling players (W_ih x + b_ih summed over the groups in order, as
    /// ``scores(patterns:count:targets:)`` does). So the cost is the number of distinct prefixes,
    /// ~2ⁿ⁺¹ rows for an event-level game and far fewer when players first appear late (a cell
    /// game's top events are usually the most recent), without the generic evaluator's per-
    /// coalition bookkeeping over every event. The tree is walked depth-first in batches of at
    /// most ``enumerationWidth`` states, in two fixed halves on two threads (BLAS single-
    /// threaded), so memory is O(events · width · H) and the result does not depend on the
    /// machine's core count. Values equal the generic evaluator's up to float rounding of the
    /// sgemm blocking (tested to 1e-6 on small models). O(prefixes · H · (3H + E + K)) time.
    func enumeratedScores(controller: [Int], playerCount n: Int, targets: [Int]) -> [Double] {
        let groups = groupCount, events = eventCount
        precondition(controller.count == events * groups && n >= 0 && n <= 30, "one player per cell, at most 30 players")
        precondition(Set(controller) == Set(0..<n), "every player controls at least one cell")
        let h = hiddenSize, gates = 3 * h, k = targets.count
        let weights = model.weights
        // Per event: its controlling players (in group order), the players met first here, and
        // W_ih x + b_ih for each combination of its controllers' presence (bit i = controllers[i]).
        var controllers = [[Int]](repeating: [], count: events), newPlayers = [[Int]](repeating: [], count: events)
        var inputRows = [[Float]](repeating: [], count: events)
        var seen = Set<Int>()
        for e in 0..<events {
            for g in 0..<groups {
                let p = controller[e * groups + g]
                if !controllers[e].contains(p) { controllers[e].append(p) }
                if seen.insert(p).inserted { newPlayers[e].append(p) }
            }
            let owners = controllers[e]
            var rows = [Float](repeating: 0, count: (1 << owners.count) * gates)
            for combination in 0..<(1 << owners.count) {
                var v = weights.biasIH
                for g in 0..<groups {
                    let present = combination & (1 << owners.firstIndex(of: controller[e * groups + g])!) != 0
                    if present {
                        for j in 0..<gates { v[j] += presentGates[(e * groups + g) * gates + j] }
                    } else {
                        for j in 0..<gates { v[j] += baselineGates[g * gates + j] }
                    }
                }
                for j in 0..<gates { rows[combination * gates + j] = v[j] }
            }
            inputRows[e] = rows
        }
        let table = model.itemEmbeddings
        let plan = EnumerationPlan(
            model: model, weights: weights, hiddenSize: h, controllers: controllers, newPlayers: newPlayers, inputRows: inputRows,
            targets: targets, targetRows: targets.flatMap { Array(table.values[($0 * table.columns)..<(($0 + 1) * table.columns)]) },
            queryWidth: table.columns)

        var result = [Double](repeating: 0, count: (1 << n) * k)
        result.withUnsafeMutableBufferPointer { out in
            let output = UnsafeSendable(out)
            BLAS.withSingleThread {
                // Advance the root until it has two states (or the events run out), then split.
                let root = EnumerationWalker(plan: plan, width: Self.enumerationWidth)
                var hidden = [Float](repeating: 0, count: h), codes: [Int32] = [0], level = 0
                while level < events && codes.count < 2 {
                    let factor = plan.branchFactor(level)
                    var childHidden = [Float](repeating: 0, count: factor * codes.count * h), childCodes = [Int32](repeating: 0, count: factor * codes.count)
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
    /// Per event: the players controlling its cells, in group order.
    let controllers: [[Int]]
    /// Per event: the players whose first cell it holds (each doubles the states).
    let newPlayers: [[Int]]
    /// Per event: [combination of `controllers[e]` present (bit i = controller i)][3H].
    let inputRows: [[Float]]
    let targets: [Int]
    /// K × E embedding rows of the targets.
    let targetRows: [Float]
    let queryWidth: Int

    /// Children per state at event `e`.
    func branchFactor(_ e: Int) -> Int { 1 << newPlayers[e].count }
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
        for e in plan.newPlayers.indices {
            let capacity = max(width, plan.branchFactor(e))
            levelHidden.append(.allocate(capacity: capacity * h))
            levelCodes.append(.allocate(capacity: capacity))
        }
    }

    deinit {
        hiddenGates.deallocate()
        cache.deallocate()
        levelHidden.forEach { $0.deallocate() }
        levelCodes.forEach { $0.deallocate() }
    }

    /// The children of `m` states at `level` (hidden states row by row, and codes): with f =
    /// 2^k for the k players first met at this event, child `c · m + s` is state s with the
    /// players of combination c (bit i = `newPlayers[level][i]`) added, so c = 0 keeps the
    /// states' codes. Returns the number of children, f · m; m ≤ width / f unless f > width.
    func step(level e: Int, hidden: UnsafePointer<Float>, codes: UnsafePointer<Int32>, count m: Int,
              into outHidden: UnsafeMutablePointer<Float>, _ outCodes: UnsafeMutablePointer<Int32>) -> Int {
        let h = plan.hiddenSize, gates = 3 * h, gh = hiddenGates
        plan.weights.biasHH.withUnsafeBufferPointer { bias in
            for s in 0..<m { (gh + s * gates).update(from: bias.baseAddress!, count: gates) }
        }
        plan.weights.weightHH.values.withUnsafeBufferPointer { w in
            Float.product(false, true, m: m, n: gates, k: h, hidden, lda: h, w.baseAddress!, ldb: h, beta: 1, gh, ldc: gates)
        }
        let fresh = plan.newPlayers[e], owners = plan.controllers[e], factor = 1 << fresh.count
        plan.inputRows[e].withUnsafeBufferPointer { rows in
            for combination in 0..<factor {
                var added: Int32 = 0
                for (i, p) in fresh.enumerated() where combination & (1 << i) != 0 { added |= Int32(1) << Int32(p) }
                for parent in 0..<m {
                    let child = combination * m + parent, code = codes[parent] | added
                    outCodes[child] = code
                    var row = 0
                    for (i, p) in owners.enumerated() where code & (Int32(1) << Int32(p)) != 0 { row |= 1 << i }
                    // `GRUCell.gates`'s arithmetic, in C (vectorised per CPU; bit-identical results).
                    rec_gru_gates_row(rows.baseAddress! + row * gates, gh + parent * gates, hidden + parent * h, Int32(h), outHidden + child * h)
                }
            }
        }
        return factor * m
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
        if level == plan.newPlayers.count {
            finish(hidden: hidden, codes: codes, count: m, into: output)
            return
        }
        let h = plan.hiddenSize
        if plan.branchFactor(level) * m > width && m > 1 {
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
