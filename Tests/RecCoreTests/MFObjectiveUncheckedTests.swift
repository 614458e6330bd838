@testable import RecCore
import Testing

/// The training loop's unchecked `Float` minibatch against the generic objective: same loss and
/// gradient bit for bit, for every penalty (so the speed-up leaves PMF and MF fits unchanged).
@Suite struct MFObjectiveUncheckedTests {
    static let penalties: [MFPenalty<Float>] = [
        .none, .fixed(lambda: 0.02), .weighted(lambdaP: 0.013, lambdaQ: 0.021), .adaptive(beta: 1e-7, multiplierP: 0.3, multiplierQ: 0.7),
    ]

    @Test(arguments: 0..<4)
    func uncheckedMinibatchIsBitIdentical(penaltyIndex: Int) {
        var rng = SplitMix64(seed: 11)
        let (users, items, d, n) = (9, 13, 5, 200)
        var parameters = MFParameters<Float>(users: users, items: items, factors: d)
        for k in parameters.userFactors.indices { parameters.userFactors[k] = Float(rng.nextGaussian()) * 0.3 }
        for k in parameters.itemFactors.indices { parameters.itemFactors[k] = Float(rng.nextGaussian()) * 0.3 }
        for k in parameters.userBias.indices { parameters.userBias[k] = Float(rng.nextGaussian()) * 0.1 }
        for k in parameters.itemBias.indices { parameters.itemBias[k] = Float(rng.nextGaussian()) * 0.1 }
        parameters.logLambda = [-2.5, -1.5]
        let u = (0..<n).map { _ in Int32(rng.nextInt(below: users)) }, i = (0..<n).map { _ in Int32(rng.nextInt(below: items)) }
        let y = (0..<n).map { _ in Float(rng.nextGaussian()) * 0.5 }
        let order = (0..<n).map { ($0 * 37) % n }
        let penalty = Self.penalties[penaltyIndex]
        for start in stride(from: 0, to: n, by: 50) {
            let batch = order[start..<(start + 50)]
            var generic = MFParameters<Float>(users: users, items: items, factors: d), unchecked = generic
            let a = MFObjective.minibatch(parameters, users: u, items: i, targets: y, batch: batch, penalty: penalty, biasPenalty: 0.05, gradient: &generic)
            let b = MFObjective.minibatchUnchecked(parameters, users: u, items: i, targets: y, batch: batch, penalty: penalty, biasPenalty: 0.05, gradient: &unchecked)
            #expect(a == b)
            #expect(generic == unchecked)
        }
    }
}
