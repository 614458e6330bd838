/// Scratch memory of `GRUObjective.minibatch`, reused across minibatches so training allocates
/// only when a batch is larger than any before. Not thread-safe: one workspace per thread.
public final class GRUWorkspace<T: GRUScalar>: @unchecked Sendable {
    /// A growable, zero-initialised buffer.
    final class Buffer {
        private(set) var pointer: UnsafeMutablePointer<T>
        private var capacity = 0

        init() { pointer = .allocate(capacity: 1) }
        deinit { pointer.deallocate() }

        /// At least `count` elements (contents undefined after growth beyond the old size).
        func reserve(_ count: Int) -> UnsafeMutablePointer<T> {
            if count > capacity {
                pointer.deallocate()
                capacity = max(count, capacity * 3 / 2)
                pointer = .allocate(capacity: capacity)
                pointer.initialize(repeating: 0, count: capacity)
            }
            return pointer
        }
    }

    // Forward (P packed positions, B windows, K negatives).
    let inputs = Buffer()        // P × D: x = [embedding | features]
    let inputGates = Buffer()    // P × 3H: x·W_ihᵀ + b_ih
    let previousHidden = Buffer() // P × H: h before each position (h₀ = 0 at step 0)
    let hidden = Buffer()        // P × H: h after each position
    let cache = Buffer()         // P × 4H: r, z, n, W_hn h + b_hn
    let hiddenGates = Buffer()   // B × 3H: h·W_hhᵀ + b_hh of one step
    let queries = Buffer()       // P × E
    let negativeRows = Buffer()  // K × E
    let scores = Buffer()        // P × K negative scores, then ∂L/∂score
    let targetScores = Buffer()  // P, then ∂L/∂score
    let lossScratch = Buffer()   // 3K: per-position values of the loss
    // Backward.
    let queryGradient = Buffer()      // P × E
    let negativeGradient = Buffer()   // K × E
    let hiddenGradient = Buffer()     // P × H: ∂L/∂h from the loss at each position
    let inputGateGradient = Buffer()  // P × 3H
    let hiddenGateGradient = Buffer() // P × 3H
    let carry = Buffer()              // B × H: ∂L/∂h flowing to the previous step
    let inputGradient = Buffer()      // P × E: ∂L/∂(embedding part of x)
    let ones = Buffer()               // P ones, for column sums

    public init() {}
}
