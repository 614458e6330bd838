import _RecKernels

/// The minibatch epochs of `MatrixFactorization` with Adam, run in C (`rec_mf_adam_epoch`): the
/// operations of `MFObjective.minibatchUnchecked` followed by `OptimizerState.applyRows` on the
/// touched rows, in the same order, so the parameters are bit-identical to that loop (tested),
/// without its per-batch calls, bounds checks and row bookkeeping. Penalties `.none`, `.fixed`
/// and `.weighted` (the loss is not needed for them); seed 002's `.adaptive` penalty, whose
/// log-precisions are trained too, stays on the Swift loop.
///
/// Holds the gradients and Adam moments of P, Q and the biases (one flat array) and the scratch
/// of one batch. O((U + I)·D) memory.
struct MFAdamEpochs {
    private let factors: Int, users: Int, items: Int
    /// gradient, first and second moments, each laid out as [P | Q | b_user | b_item].
    private var state: [Float]
    private var userMark: [Int32], itemMark: [Int32]
    private var touchedUsers: [Int32], touchedItems: [Int32], errors: [Float]

    init(users: Int, items: Int, factors: Int, batchSize: Int) {
        self.factors = factors
        self.users = users
        self.items = items
        state = [Float](repeating: 0, count: 3 * (users + items) * (factors + 1))
        userMark = [Int32](repeating: -1, count: users)
        itemMark = [Int32](repeating: -1, count: items)
        touchedUsers = [Int32](repeating: 0, count: batchSize)
        touchedItems = [Int32](repeating: 0, count: batchSize)
        errors = [Float](repeating: 0, count: batchSize)
    }

    /// The penalty's per-occurrence factor weights (λ_p, λ_q), or nil when the C epoch does not cover it.
    static func weights(of penalty: MFPenalty<Float>) -> (Float, Float)? {
        switch penalty {
        case .none: return (0, 0)
        case .fixed(let lambda): return (lambda, lambda)
        case .weighted(let p, let q): return (p, q)
        case .adaptive: return nil
        }
    }

    /// Runs the batches `order[start ..< start + batchSize]` in turn; batch b uses `stepSizes[b]`
    /// (`OptimizerState.stepSize(step:)` of its global step). O(n·D).
    mutating func run(_ parameters: inout MFParameters<Float>, users fitUsers: [Int32], items fitItems: [Int32], targets: [Float],
                      order: [Int], batchSize: Int, stepSizes: [Float], weights: (p: Float, q: Float), biasPenalty: Float) {
        precondition(batchSize <= errors.count && stepSizes.count * batchSize >= order.count)
        guard !order.isEmpty else { return }
        let d = factors, block = (users + items) * (d + 1)
        let (userOffset, itemOffset, userBiasOffset, itemBiasOffset) = (0, users * d, (users + items) * d, (users + items) * d + users)
        let b1 = OptimizerState.beta1, b2 = OptimizerState.beta2, epsilon = OptimizerState.epsilon
        parameters.withMutableBuffers { pu, qi, bu, bi in
        state.withUnsafeMutableBufferPointer { s in
        userMark.withUnsafeMutableBufferPointer { userMark in
        itemMark.withUnsafeMutableBufferPointer { itemMark in
        touchedUsers.withUnsafeMutableBufferPointer { touchedUsers in
        touchedItems.withUnsafeMutableBufferPointer { touchedItems in
        errors.withUnsafeMutableBufferPointer { errors in
        fitUsers.withUnsafeBufferPointer { us in
        fitItems.withUnsafeBufferPointer { its in
        targets.withUnsafeBufferPointer { ys in
        stepSizes.withUnsafeBufferPointer { steps in
        order.withUnsafeBufferPointer { orderBuffer in
            let base = s.baseAddress!
            func adam(_ theta: UnsafeMutablePointer<Float>?, _ offset: Int) -> rec_adam_block {
                rec_adam_block(theta: theta, gradient: base + offset, first: base + block + offset, second: base + 2 * block + offset)
            }
            let blocks = rec_mf_parameters(userFactors: adam(pu.baseAddress, userOffset), itemFactors: adam(qi.baseAddress, itemOffset),
                                           userBias: adam(bu.baseAddress, userBiasOffset), itemBias: adam(bi.baseAddress, itemBiasOffset),
                                           factors: Int32(d))
            let orderPointer = UnsafeRawPointer(orderBuffer.baseAddress!).assumingMemoryBound(to: Int64.self)
            rec_mf_adam_epoch(blocks, us.baseAddress, its.baseAddress, ys.baseAddress, orderPointer, Int64(order.count), Int32(batchSize),
                              steps.baseAddress, weights.p, weights.q, biasPenalty, b1, b2, epsilon, userMark.baseAddress, itemMark.baseAddress,
                              touchedUsers.baseAddress, touchedItems.baseAddress, errors.baseAddress)
        }}}}}}}}}}}}
    }
}
