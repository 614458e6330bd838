/// One minibatch of GRU4Rec training windows, time-major: position p = t·B + b is step t of
/// window b (B = `windows`, T = `steps`, P = T·B).
///
/// Window b holds inputs at steps 0 ..< nᵦ and is padded after them (input and target −1): it
/// starts from h₀ = 0 at step 0, and padded positions carry no loss. At step t the model reads
/// `inputs[p]` with `features[p·F ..< (p + 1)·F]` and is scored on predicting `targets[p]`
/// against the K shared `negatives`.
public struct GRUBatch: Sendable, Equatable {
    /// B.
    public internal(set) var windows: Int
    /// T, the longest window.
    public internal(set) var steps: Int
    /// F, event features per position.
    public let featureSize: Int
    /// P item indices (−1 = padding).
    public internal(set) var inputs: [Int32]
    /// P target item indices (−1 = no loss at this position).
    public internal(set) var targets: [Int32]
    /// P × F event features.
    public internal(set) var features: [Float]
    /// K negative item indices shared by every position.
    public var negatives: [Int32]

    /// An empty (all padding) batch of `windows` × `steps`.
    public init(windows: Int, steps: Int, featureSize: Int, negatives: [Int32] = []) {
        self.windows = windows
        self.steps = steps
        self.featureSize = featureSize
        inputs = [Int32](repeating: -1, count: windows * steps)
        targets = inputs
        features = [Float](repeating: 0, count: windows * steps * featureSize)
        self.negatives = negatives
    }

    /// P = T·B.
    public var positionCount: Int { windows * steps }

    /// Number of positions with a target (those carrying loss).
    public var scoredPositions: Int { targets.count { $0 >= 0 } }

    /// Sets step `t` of window `b`: input item, target item and the input's F features.
    public mutating func set(window b: Int, step t: Int, input: Int32, target: Int32, features f: [Float]) {
        precondition(f.count == featureSize, "GRUBatch: \(f.count) features, expected \(featureSize)")
        let p = t * windows + b
        inputs[p] = input
        targets[p] = target
        for c in 0..<featureSize { features[p * featureSize + c] = f[c] }
    }

    /// Makes the batch `windows` × `steps` and all padding again, keeping the storage.
    mutating func reset(windows: Int, steps: Int) {
        self.windows = windows
        self.steps = steps
        let p = windows * steps
        inputs.removeAll(keepingCapacity: true); inputs.append(contentsOf: repeatElement(-1, count: p))
        targets.removeAll(keepingCapacity: true); targets.append(contentsOf: repeatElement(-1, count: p))
        features.removeAll(keepingCapacity: true); features.append(contentsOf: repeatElement(0, count: p * featureSize))
    }
}
