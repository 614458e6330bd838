import CBLAS
import _RecKernels
import Foundation

/// Runs a GRU over many perturbed copies of one input sequence at once.
///
/// A perturbation says, for each event and each feature group, whether the event's own value is
/// present or replaced by the baseline event's value (a bit pattern per event, bit g = group g
/// present). Because the input projection is linear, W_ih·x splits into one 3H-vector per
/// (event, group), precomputed for the present and the baseline value; and because a GRU state
/// depends only on the events so far, perturbations that agree on their first t events share
/// their first t hidden states. The evaluator walks the events oldest first, keeps one hidden
/// state per distinct prefix and advances all of them with one batched GRU step (sgemm), so the
/// 2ⁿ coalitions of an exact n-player game cost ~2ⁿ⁺¹ GRU steps instead of n·2ⁿ.
struct PerturbedSequenceEvaluator {
    let model: any GRUSequenceModel
    let eventCount: Int
    let groupCount: Int
    let hiddenSize: Int
    /// [event][group][3H]: W_ih[:, group] · x_event[group].
    let presentGates: [Float]
    /// [group][3H]: W_ih[:, group] · baseline[group].
    let baselineGates: [Float]

    /// Bit pattern with every group present.
    var allGroups: UInt32 { groupCount >= 32 ? UInt32.max : (1 << UInt32(groupCount)) - 1 }

    init(model: any GRUSequenceModel, inputs: Matrix, baseline: [Float]) {
        self.model = model
        let w = model.weights
        let groups = model.featureGroups
        eventCount = inputs.rows
        groupCount = groups.count
        hiddenSize = w.hiddenSize
        let gates = 3 * w.hiddenSize
        func project(_ x: ArraySlice<Float>, _ range: Range<Int>, into out: inout [Float], at offset: Int) {
            let base = x.startIndex
            for j in 0..<gates {
                var sum: Float = 0
                let row = j * w.inputSize
                for d in range where x[base + d] != 0 { sum += w.weightIH.values[row + d] * x[base + d] }
                out[offset + j] = sum
            }
        }
        var present = [Float](repeating: 0, count: eventCount * groups.count * gates)
        for e in 0..<eventCount {
            let x = inputs.values[(e * inputs.columns)..<((e + 1) * inputs.columns)]
            for (g, group) in groups.enumerated() { project(x, group.range, into: &present, at: (e * groups.count + g) * gates) }
        }
        var absent = [Float](repeating: 0, count: groups.count * gates)
        for (g, group) in groups.enumerated() { project(baseline[...], group.range, into: &absent, at: g * gates) }
        presentGates = present
        baselineGates = absent
    }

    /// Final hidden states (count × H) of `count` perturbations; `patterns[c * eventCount + e]`
    /// is perturbation c's bit pattern at event e.
    ///
    /// States are numbered in order of first occurrence over the perturbations at every event, so
    /// the batched GRU steps see the same rows in the same order however the bookkeeping is done.
    /// The bookkeeping is dense: each event has few distinct patterns, so a state's children are
    /// found in a (parents × patterns) table instead of a hash map, and the buffers of one event
    /// are reused by the next.
    func hiddenStates(patterns: [UInt32], count: Int) -> [Float] {
        let workspace = PerturbedWorkspace.take()
        defer { PerturbedWorkspace.give(workspace) }
        let h = hiddenSize
        hiddenStates(patterns: patterns, count: count, workspace: workspace)
        // Expand the distinct final states back to one row per perturbation.
        return [Float](unsafeUninitializedCapacity: count * h) { out, initialized in
            workspace.buffers.hidden.withUnsafeBufferPointer { from in
                workspace.buffers.stateOf.withUnsafeBufferPointer { stateOf in
                    for c in 0..<count { (out.baseAddress! + c * h).initialize(from: from.baseAddress! + Int(stateOf[c]) * h, count: h) }
                }
            }
            initialized = count * h
        }
    }

    /// The batched walk of ``hiddenStates(patterns:count:)``: leaves the distinct final states in
    /// `workspace.buffers.hidden` and perturbation c's state index in `workspace.buffers.stateOf[c]`;
    /// returns the number of distinct final states.
    @discardableResult
    private func hiddenStates(patterns: [UInt32], count: Int, workspace: PerturbedWorkspace) -> Int {
        // The buffers move into a local copy for the walk (a class's stored arrays would pay a
        // dynamic exclusivity check on every element access) and back at the end.
        var w = workspace.buffers
        workspace.buffers = PerturbedWorkspace.Buffers()
        defer { workspace.buffers = w }
        let h = hiddenSize, gates = 3 * h, n = eventCount
        w.stateOf.removeAll(keepingCapacity: true)
        w.stateOf.append(contentsOf: repeatElement(0, count: count))
        w.patternIndex.removeAll(keepingCapacity: true)
        w.patternIndex.append(contentsOf: repeatElement(0, count: count))
        if w.hidden.count < h { w.hidden = [Float](repeating: 0, count: h) }
        for j in 0..<h { w.hidden[j] = 0 }
        var stateCount = 1
        let bias = model.weights.biasIH
        for e in 0..<n {
            // The distinct patterns of this event (few) and each perturbation's index among them.
            w.distinct.removeAll(keepingCapacity: true)
            for c in 0..<count {
                let pattern = patterns[c * n + e]
                var k = 0
                while k < w.distinct.count && w.distinct[k] != pattern { k += 1 }
                if k == w.distinct.count { w.distinct.append(pattern) }
                w.patternIndex[c] = Int32(k)
            }
            // Children: state s reading pattern k becomes child[s * P + k], numbered as first met.
            let p = w.distinct.count
            w.child.removeAll(keepingCapacity: true)
            w.child.append(contentsOf: repeatElement(-1, count: stateCount * p))
            w.parents.removeAll(keepingCapacity: true)
            w.kinds.removeAll(keepingCapacity: true)
            for c in 0..<count {
                let slot = Int(w.stateOf[c]) * p + Int(w.patternIndex[c])
                if w.child[slot] < 0 {
                    w.child[slot] = Int32(w.parents.count)
                    w.parents.append(w.stateOf[c])
                    w.kinds.append(w.patternIndex[c])
                }
                w.stateOf[c] = w.child[slot]
            }
            // W_ih x + b_ih of each distinct pattern at this event.
            w.gateRows.removeAll(keepingCapacity: true)
            for pattern in w.distinct {
                var v = bias
                for g in 0..<groupCount {
                    let present = pattern & (1 << UInt32(g)) != 0
                    let offset = present ? (e * groupCount + g) * gates : g * gates
                    if present {
                        for j in 0..<gates { v[j] += presentGates[offset + j] }
                    } else {
                        for j in 0..<gates { v[j] += baselineGates[offset + j] }
                    }
                }
                w.gateRows += v
            }
            let states = w.parents.count
            // Every row these buffers hand on is written first: they grow without being cleared.
            PerturbedWorkspace.grow(&w.next, to: states * h)
            PerturbedWorkspace.grow(&w.scratch, to: stateCount * gates)
            // GRUCell.step with the hidden-side gates of each parent (one sgemm row per parent,
            // shared by its children, as the enumeration walk does) and each child's input gates
            // read from its pattern's row.
            w.hidden.withUnsafeBufferPointer { hp in
                w.scratch.withUnsafeMutableBufferPointer { gh in
                    w.next.withUnsafeMutableBufferPointer { out in
                        w.gateRows.withUnsafeBufferPointer { rows in
                            w.kinds.withUnsafeBufferPointer { kinds in
                                w.parents.withUnsafeBufferPointer { parents in
                                    GRUCell.hiddenGates(hidden: hp.baseAddress!, batch: stateCount, weights: model.weights, into: gh.baseAddress!)
                                    for s in 0..<states {
                                        let parent = Int(parents[s])
                                        rec_gru_gates_row(rows.baseAddress! + Int(kinds[s]) * gates, gh.baseAddress! + parent * gates,
                                                          hp.baseAddress! + parent * h, Int32(h), out.baseAddress! + s * h)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            swap(&w.hidden, &w.next)
            stateCount = states
        }
        return stateCount
    }

    /// count × E query vectors of `count` perturbations.
    func queries(patterns: [UInt32], count: Int) -> Matrix {
        let hidden = hiddenStates(patterns: patterns, count: count)
        return hidden.withUnsafeBufferPointer { model.queries(hidden: $0.baseAddress!, batch: count) }
    }

    /// Scores (count × targets, Double) of `targets` under `count` perturbations. Each distinct
    /// final state is projected and scored once and its scores handed to every perturbation that
    /// ends in it, so no per-perturbation copy of the states is made.
    func scores(patterns: [UInt32], count: Int, targets: [Int]) -> [Double] {
        let workspace = PerturbedWorkspace.take()
        defer { PerturbedWorkspace.give(workspace) }
        let states = hiddenStates(patterns: patterns, count: count, workspace: workspace)
        let q = workspace.buffers.hidden.withUnsafeBufferPointer { model.queries(hidden: $0.baseAddress!, batch: states) }
        let table = model.itemEmbeddings
        let k = targets.count
        var perState = [Double](repeating: 0, count: states * k)
        q.values.withUnsafeBufferPointer { qv in
            table.values.withUnsafeBufferPointer { rows in
                for (t, item) in targets.enumerated() {
                    let row = rows.baseAddress! + item * table.columns
                    for s in 0..<states {
                        perState[s * k + t] = Double(Float.dot(qv.baseAddress! + s * q.columns, row, count: q.columns))
                    }
                }
            }
        }
        return [Double](unsafeUninitializedCapacity: count * k) { out, initialized in
            workspace.buffers.stateOf.withUnsafeBufferPointer { stateOf in
                perState.withUnsafeBufferPointer { from in
                    for c in 0..<count { (out.baseAddress! + c * k).initialize(from: from.baseAddress! + Int(stateOf[c]) * k, count: k) }
                }
            }
            initialized = count * k
        }
    }
}

/// The buffers of one batched walk (``PerturbedSequenceEvaluator/hiddenStates(patterns:count:)``),
/// kept in a process-wide pool and reused by the next walk on any thread: a build's TimeSHAP
/// explanations make tens of thousands of walks over batches of up to a few thousand states, and
/// fresh buffers (several MB each) cost a page fault per 4 KB and a memset every time (~3 million
/// faults in an ML-100k build). A walk holds its workspace alone (taken from and given back to
/// the pool under a lock), so the pool holds at most one per concurrent walk. Buffers keep their
/// largest size: up to ~21 MB per workspace if one call scores all 2¹⁴ perturbations of an exact
/// 14-player game at H = 64 (two 2¹⁴ × H state buffers and the hidden-side gates of up to 2¹⁴
/// parents, once every coalition has its own state before the last event; ~42 MB with two
/// threads); the ML-100k build's peak RSS is 1.07–1.11 GiB.
final class PerturbedWorkspace: @unchecked Sendable {
    struct Buffers {
        var stateOf: [Int32] = [], patternIndex: [Int32] = [], child: [Int32] = [], parents: [Int32] = [], kinds: [Int32] = []
        var distinct: [UInt32] = []
        var gateRows: [Float] = [], next: [Float] = [], hidden: [Float] = [], scratch: [Float] = []
    }
    var buffers = Buffers()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var pool: [PerturbedWorkspace] = []

    static func take() -> PerturbedWorkspace {
        lock.lock()
        defer { lock.unlock() }
        return pool.popLast() ?? PerturbedWorkspace()
    }

    static func give(_ workspace: PerturbedWorkspace) {
        lock.lock()
        pool.append(workspace)
        lock.unlock()
    }

    /// Makes `buffer` hold at least `count` elements (new elements zero; existing ones kept).
    static func grow(_ buffer: inout [Float], to count: Int) {
        if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
    }
}
