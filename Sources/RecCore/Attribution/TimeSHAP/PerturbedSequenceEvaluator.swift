import CBLAS

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
        let h = hiddenSize, gates = 3 * h, n = eventCount
        var stateOf = [Int32](repeating: 0, count: count)
        var hidden = [Float](repeating: 0, count: h)
        var scratch: [Float] = [], inputGates: [Float] = [], previous: [Float] = [], next: [Float] = []
        var patternIndex = [Int32](repeating: 0, count: count)
        var distinct: [UInt32] = [], gateRows: [Float] = [], child: [Int32] = []
        var parents: [Int32] = [], kinds: [Int32] = []
        var stateCount = 1
        let bias = model.weights.biasIH
        for e in 0..<n {
            // The distinct patterns of this event (few) and each perturbation's index among them.
            distinct.removeAll(keepingCapacity: true)
            for c in 0..<count {
                let pattern = patterns[c * n + e]
                var k = 0
                while k < distinct.count && distinct[k] != pattern { k += 1 }
                if k == distinct.count { distinct.append(pattern) }
                patternIndex[c] = Int32(k)
            }
            // Children: state s reading pattern k becomes child[s * P + k], numbered as first met.
            let p = distinct.count
            child.removeAll(keepingCapacity: true)
            child.append(contentsOf: repeatElement(-1, count: stateCount * p))
            parents.removeAll(keepingCapacity: true)
            kinds.removeAll(keepingCapacity: true)
            for c in 0..<count {
                let slot = Int(stateOf[c]) * p + Int(patternIndex[c])
                if child[slot] < 0 {
                    child[slot] = Int32(parents.count)
                    parents.append(stateOf[c])
                    kinds.append(patternIndex[c])
                }
                stateOf[c] = child[slot]
            }
            // W_ih x + b_ih of each distinct pattern at this event.
            gateRows.removeAll(keepingCapacity: true)
            for pattern in distinct {
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
                gateRows += v
            }
            let states = parents.count
            if inputGates.count < states * gates { inputGates = [Float](repeating: 0, count: states * gates) }
            if previous.count < states * h { previous = [Float](repeating: 0, count: states * h) }
            if next.count < states * h { next = [Float](repeating: 0, count: states * h) }
            inputGates.withUnsafeMutableBufferPointer { gi in
                previous.withUnsafeMutableBufferPointer { hp in
                    gateRows.withUnsafeBufferPointer { rows in
                        hidden.withUnsafeBufferPointer { from in
                            for s in 0..<states {
                                (gi.baseAddress! + s * gates).update(from: rows.baseAddress! + Int(kinds[s]) * gates, count: gates)
                                (hp.baseAddress! + s * h).update(from: from.baseAddress! + Int(parents[s]) * h, count: h)
                            }
                        }
                    }
                }
            }
            inputGates.withUnsafeBufferPointer { gi in
                previous.withUnsafeBufferPointer { hp in
                    next.withUnsafeMutableBufferPointer { out in
                        GRUCell.step(inputGates: gi.baseAddress!, hidden: hp.baseAddress!, batch: states, weights: model.weights, output: out.baseAddress!, scratch: &scratch)
                    }
                }
            }
            swap(&hidden, &next)
            stateCount = states
        }
        // Expand the distinct final states back to one row per perturbation.
        var result = [Float](repeating: 0, count: count * h)
        result.withUnsafeMutableBufferPointer { out in
            hidden.withUnsafeBufferPointer { from in
                for c in 0..<count { (out.baseAddress! + c * h).update(from: from.baseAddress! + Int(stateOf[c]) * h, count: h) }
            }
        }
        return result
    }

    /// count × E query vectors of `count` perturbations.
    func queries(patterns: [UInt32], count: Int) -> Matrix {
        let hidden = hiddenStates(patterns: patterns, count: count)
        return hidden.withUnsafeBufferPointer { model.queries(hidden: $0.baseAddress!, batch: count) }
    }

    /// Scores (count × targets, Double) of `targets` under `count` perturbations.
    func scores(patterns: [UInt32], count: Int, targets: [Int]) -> [Double] {
        let q = queries(patterns: patterns, count: count)
        let table = model.itemEmbeddings
        var result = [Double](repeating: 0, count: count * targets.count)
        for (t, item) in targets.enumerated() {
            let offset = item * table.columns
            for c in 0..<count {
                var sum: Float = 0
                for d in 0..<q.columns { sum += q.values[c * q.columns + d] * table.values[offset + d] }
                result[c * targets.count + t] = Double(sum)
            }
        }
        return result
    }
}
