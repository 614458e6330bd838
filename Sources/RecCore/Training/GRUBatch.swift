/// One minibatch of GRU4Rec training windows in packed time-major order (as PyTorch's
/// `PackedSequence`): windows sorted by length, longest first; step t holds the nₜ windows longer
/// than t, and position `stepOffsets[t] + b` is step t of window b (b < nₜ). No padding, so every
/// position carries loss.
///
/// At step t, window b reads `inputs[p]` with `features[p·F ..< (p + 1)·F]` and is scored on
/// predicting `targets[p]` against the K shared `negatives`; every window starts from h₀ = 0.
public struct GRUBatch: Sendable, Equatable {
    /// F, event features per position.
    public let featureSize: Int
    /// Length of each window, non-increasing.
    public internal(set) var lengths: [Int]
    /// T + 1 offsets: step t's positions are `stepOffsets[t] ..< stepOffsets[t + 1]`.
    public internal(set) var stepOffsets: [Int]
    /// P input item indices.
    public internal(set) var inputs: [Int32]
    /// P target item indices.
    public internal(set) var targets: [Int32]
    /// P × F event features.
    public internal(set) var features: [Float]
    /// K negative item indices shared by every position.
    public var negatives: [Int32]

    /// A batch of windows with these `lengths` (non-increasing, positive), inputs and targets 0.
    public init(lengths: [Int], featureSize: Int, negatives: [Int32] = []) {
        self.featureSize = featureSize
        self.lengths = []
        stepOffsets = [0]
        inputs = []
        targets = []
        features = []
        self.negatives = negatives
        reset(lengths: lengths)
    }

    /// B.
    public var windows: Int { lengths.count }
    /// T, the longest window.
    public var steps: Int { lengths.first ?? 0 }
    /// P = Σ lengths.
    public var positionCount: Int { stepOffsets.last ?? 0 }
    /// nₜ, the windows longer than t.
    @inlinable public func windows(atStep t: Int) -> Int { stepOffsets[t + 1] - stepOffsets[t] }

    /// Sets step `t` of window `b`: input item, target item and the input's F features.
    public mutating func set(window b: Int, step t: Int, input: Int32, target: Int32, features f: [Float]) {
        precondition(t < lengths[b] && f.count == featureSize, "GRUBatch: step \(t) of window \(b) or \(f.count) features")
        let p = stepOffsets[t] + b
        inputs[p] = input
        targets[p] = target
        for c in 0..<featureSize { features[p * featureSize + c] = f[c] }
    }

    /// Re-shapes the batch for `lengths`, keeping the storage.
    mutating func reset(lengths: [Int]) {
        precondition(zip(lengths, lengths.dropFirst()).allSatisfy { $0 >= $1 } && (lengths.last ?? 1) > 0,
                     "GRUBatch: window lengths must be positive and non-increasing")
        self.lengths = lengths
        stepOffsets.removeAll(keepingCapacity: true)
        stepOffsets.append(0)
        var count = lengths.count
        for t in 0..<(lengths.first ?? 0) {
            while count > 0 && lengths[count - 1] <= t { count -= 1 }
            stepOffsets.append(stepOffsets[t] + count)
        }
        let p = stepOffsets.last!
        inputs.removeAll(keepingCapacity: true); inputs.append(contentsOf: repeatElement(0, count: p))
        targets.removeAll(keepingCapacity: true); targets.append(contentsOf: repeatElement(0, count: p))
        features.removeAll(keepingCapacity: true); features.append(contentsOf: repeatElement(0, count: p * featureSize))
    }
}
