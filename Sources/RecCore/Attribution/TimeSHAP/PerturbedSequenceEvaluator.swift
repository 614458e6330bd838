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
    private let hiddenSize: Int
    /// [event][group][3H]: W_ih[:, group] · x_event[group].
    private let presentGates: [Float]
    /// [group][3H]: W_ih[:, group] · baseline[group].
    private let baselineGates: [Float]

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
    func hiddenStates(patterns: [UInt32], count: Int) -> [Float] {
        let h = hiddenSize, gates = 3 * h, n = eventCount
        var stateOf = [Int32](repeating: 0, count: count)
        var hidden = [Float](repeating: 0, count: h)
        var scratch: [Float] = []
        var gateCache: [UInt64: [Float]] = [:]
        let bias = model.weights.biasIH
        for e in 0..<n {
            var newIndex: [UInt64: Int32] = [:]
            newIndex.reserveCapacity(min(count, 1 << 16))
            var parents: [Int32] = []
            var keys: [UInt32] = []
            for c in 0..<count {
                let pattern = patterns[c * n + e]
                let key = UInt64(UInt32(bitPattern: stateOf[c])) << 32 | UInt64(pattern)
                if let s = newIndex[key] {
                    stateOf[c] = s
                } else {
                    let s = Int32(parents.count)
                    newIndex[key] = s
                    parents.append(stateOf[c])
                    keys.append(pattern)
                    stateOf[c] = s
                }
            }
            let states = parents.count
            var inputGates = [Float](repeating: 0, count: states * gates)
            var previous = [Float](repeating: 0, count: states * h)
            for s in 0..<states {
                let cacheKey = UInt64(e) << 32 | UInt64(keys[s])
                let row: [Float]
                if let cached = gateCache[cacheKey] {
                    row = cached
                } else {
                    var v = bias
                    for g in 0..<groupCount {
                        let present = keys[s] & (1 << UInt32(g)) != 0
                        let offset = present ? (e * groupCount + g) * gates : g * gates
                        if present {
                            for j in 0..<gates { v[j] += presentGates[offset + j] }
                        } else {
                            for j in 0..<gates { v[j] += baselineGates[offset + j] }
                        }
                    }
                    gateCache[cacheKey] = v
                    row = v
                }
                inputGates.replaceSubrange((s * gates)..<((s + 1) * gates), with: row)
                let p = Int(parents[s]) * h
                previous.replaceSubrange((s * h)..<((s + 1) * h), with: hidden[p..<(p + h)])
            }
            var next = [Float](repeating: 0, count: states * h)
            inputGates.withUnsafeBufferPointer { gi in
                previous.withUnsafeBufferPointer { hp in
                    next.withUnsafeMutableBufferPointer { out in
                        GRUCell.step(inputGates: gi.baseAddress!, hidden: hp.baseAddress!, batch: states, weights: model.weights, output: out.baseAddress!, scratch: &scratch)
                    }
                }
            }
            hidden = next
        }
        // Expand the distinct final states back to one row per perturbation.
        var result = [Float](repeating: 0, count: count * h)
        for c in 0..<count {
            let s = Int(stateOf[c]) * h
            result.replaceSubrange((c * h)..<((c + 1) * h), with: hidden[s..<(s + h)])
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
