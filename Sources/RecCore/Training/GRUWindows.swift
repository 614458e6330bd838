/// The truncated-BPTT windows of GRU4Rec training and the validation hold-out.
///
/// A seeded share of the users with ≥ 3 training events have their last event held out as a
/// validation target (never trained on). For every user, the remaining events s₁…sₙ give inputs
/// s₁…sₙ₋₁ and targets s₂…sₙ, cut into consecutive windows of at most L inputs taken from the
/// end backwards (the last window is full, the first may be shorter).
struct GRUWindows: Sendable {
    /// One window: inputs are events `offset ..< offset + length` of the training matrix, targets
    /// the events one later; `userStart` is the user's first event (for the time gap).
    struct Window: Sendable, Equatable {
        var userStart: Int
        var offset: Int
        var length: Int
    }

    /// One held-out validation target.
    struct Holdout: Sendable, Equatable {
        var user: Int
        /// Index of the held-out event in the training matrix (the user's last).
        var event: Int
    }

    private(set) var windows: [Window] = []
    private(set) var holdouts: [Holdout] = []

    /// O(events + users).
    init(train: InteractionMatrix, maxLength: Int, validationShare: Double, rng: inout SplitMix64) {
        precondition(maxLength > 0, "GRU4Rec: maxLength must be positive")
        let eligible = (0..<train.userCount).filter { train.rowCount(ofUser: $0) >= 3 }
        let count = min(eligible.count, max(0, Int((validationShare * Double(eligible.count)).rounded())))
        var heldOut = [Bool](repeating: false, count: train.userCount)
        for index in rng.sample(count, from: eligible.count) {
            let u = eligible[index]
            heldOut[u] = true
            holdouts.append(Holdout(user: u, event: train.rowStart[u + 1] - 1))
        }
        for u in 0..<train.userCount {
            let range = train.range(ofUser: u)
            let pairs = range.count - (heldOut[u] ? 1 : 0) - 1
            var stop = pairs
            while stop > 0 {
                let begin = max(0, stop - maxLength)
                windows.append(Window(userStart: range.lowerBound, offset: range.lowerBound + begin, length: stop - begin))
                stop = begin
            }
        }
    }
}
