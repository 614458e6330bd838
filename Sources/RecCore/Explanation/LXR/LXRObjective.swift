/// LXR's loss for one user (Barkan et al. 2024, eq. 6; DeltaLabTLV/LXR `LXR_loss`): with the
/// history x, the explainer's mask m over it, the explained item y and p the recommender's
/// probability of y,
///
///     L = λ_pos·(−log p(y | x ⊙ m)) + λ_neg·log p(y | x ⊙ (1 − m)) + α·mean_{j ∈ x}(mⱼ)
///
/// so the kept items alone should still recommend y, the dropped ones should not, and few
/// items should be kept. ∂L/∂mⱼ = −λ_pos·gⱼ(m) − λ_neg·gⱼ(1 − m) + α/n with g = ∇ log p, then
/// back through the network (`LXRNetwork.backward`).
public enum LXRObjective {
    /// log p(y | mask) and its gradient in the mask (one value per history item).
    public typealias Oracle<T: GRUScalar> = ([T]) -> (logProbability: T, gradient: [T])

    /// One user's loss and its parts.
    public struct Loss<T: GRUScalar>: Sendable {
        public var total: T
        /// −log p(y | x ⊙ m).
        public var positive: T
        /// log p(y | x ⊙ (1 − m)).
        public var negative: T
        /// mean mⱼ over the history.
        public var maskMean: T
    }

    /// The loss of `history` (distinct items) explaining `target` under `oracle`; adds
    /// `scale`·∂L/∂θ to `gradient`. Two oracle calls.
    public static func user<T>(
        _ network: LXRNetwork<T>, history: [Int], target: Int, oracle: Oracle<T>, configuration c: LXRConfiguration, scale: T,
        gradient: inout LXRNetwork<T>
    ) -> Loss<T> {
        let pass = network.forward(history: history, target: target)
        let positive = oracle(pass.mask), negative = oracle(pass.mask.map { 1 - $0 })
        let (loss, dMask) = combine(mask: pass.mask, positive: positive, negative: negative, configuration: c, scale: scale)
        network.backward(history: history, target: target, pass: pass, dMask: dMask, gradient: &gradient)
        return loss
    }

    /// The loss and `scale`·∂L/∂m from the mask and the oracle's answers at m and at 1 − m.
    public static func combine<T>(mask m: [T], positive: (logProbability: T, gradient: [T]), negative: (logProbability: T, gradient: [T]),
                                  configuration c: LXRConfiguration, scale: T) -> (Loss<T>, [T]) {
        let lp = T(c.lambdaPositive), ln = T(c.lambdaNegative), a = T(c.alpha), n = T(m.count)
        let mean = m.reduce(0, +) / n
        let dMask = m.indices.map { j in scale * (-lp * positive.gradient[j] - ln * negative.gradient[j] + a / n) }
        let loss = Loss(total: -lp * positive.logProbability + ln * negative.logProbability + a * mean, positive: -positive.logProbability,
                        negative: negative.logProbability, maskMean: mean)
        return (loss, dMask)
    }
}
