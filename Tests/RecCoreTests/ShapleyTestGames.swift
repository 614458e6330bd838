import RecCore

/// A game given by a function of the coalition mask (test helper).
struct FunctionGame: CoalitionGame {
    let playerCount: Int
    let outputCount: Int
    let value: ([Bool]) -> [Double]

    func values(of coalitions: CoalitionBatch) -> [Double] {
        precondition(coalitions.playerCount == playerCount)
        var result: [Double] = []
        result.reserveCapacity(coalitions.count * outputCount)
        for c in 0..<coalitions.count { result.append(contentsOf: value(Array(coalitions.mask(c)))) }
        return result
    }
}

/// v(S) = constant + Σ_{T ⊆ S} w_T over a few terms T (singletons, pairs, triples…), per output.
/// Its Shapley values are known in closed form: each term splits equally among its members.
struct InteractionGame: CoalitionGame {
    struct Term {
        var members: [Int]
        var weights: [Double]  // one per output
    }

    let playerCount: Int
    let outputCount: Int
    var constant: [Double]
    var terms: [Term]

    func values(of coalitions: CoalitionBatch) -> [Double] {
        // Flat arrays and unsafe buffers: this runs over 2²⁰ coalitions in debug builds.
        precondition(playerCount <= 64)
        let n = playerCount, k = outputCount, termCount = terms.count
        let termBits = terms.map { $0.members.reduce(UInt64(0)) { $0 | 1 << UInt64($1) } }
        let termWeights = terms.flatMap(\.weights)
        var result = [Double](repeating: 0, count: coalitions.count * k)
        coalitions.masks.withUnsafeBufferPointer { masks in
            termBits.withUnsafeBufferPointer { termBits in
                termWeights.withUnsafeBufferPointer { termWeights in
                    result.withUnsafeMutableBufferPointer { result in
                        for c in 0..<coalitions.count {
                            var bits: UInt64 = 0
                            for p in 0..<n where masks[c * n + p] { bits |= 1 << UInt64(p) }
                            for o in 0..<k { result[c * k + o] = constant[o] }
                            for t in 0..<termCount where bits & termBits[t] == termBits[t] {
                                for o in 0..<k { result[c * k + o] += termWeights[t * k + o] }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// φ[p][o] = Σ_{T ∋ p} w_T,o / |T|.
    var shapleyValues: [[Double]] {
        var phi = [[Double]](repeating: [Double](repeating: 0, count: outputCount), count: playerCount)
        for term in terms {
            for p in term.members {
                for o in 0..<outputCount { phi[p][o] += term.weights[o] / Double(term.members.count) }
            }
        }
        return phi
    }

    /// An additive game: one singleton term per player.
    static func additive(weights: [[Double]], constant: [Double]) -> InteractionGame {
        InteractionGame(
            playerCount: weights.count, outputCount: constant.count, constant: constant,
            terms: weights.enumerated().map { Term(members: [$0.offset], weights: $0.element) })
    }

    /// Random weights in [−1, 1) on every singleton, `pairs` random pairs and `triples` random triples.
    static func random(players n: Int, outputs: Int, pairs: Int, triples: Int, seed: UInt64) -> InteractionGame {
        var rng = SplitMix64(seed: seed)
        func weights() -> [Double] { (0..<outputs).map { _ in 2 * rng.nextDouble() - 1 } }
        var terms = (0..<n).map { Term(members: [$0], weights: weights()) }
        for _ in 0..<pairs { terms.append(Term(members: rng.sample(2, from: n), weights: weights())) }
        for _ in 0..<triples { terms.append(Term(members: rng.sample(3, from: n), weights: weights())) }
        return InteractionGame(playerCount: n, outputCount: outputs, constant: weights(), terms: terms)
    }
}

extension ShapleyValues {
    /// Root-mean-square distance to reference values φ[p][o].
    func rmsError(to reference: [[Double]]) -> Double {
        var sum = 0.0
        for p in 0..<playerCount {
            for o in 0..<outputCount {
                let d = value(player: p, output: o) - reference[p][o]
                sum += d * d
            }
        }
        return (sum / Double(max(values.count, 1))).squareRoot()
    }

    /// Largest |Σ_p φ_p − (full − empty)| / max(1, |full − empty|) over outputs.
    var efficiencyGap: Double {
        (0..<outputCount).map { o in
            let total = full[o] - empty[o]
            let sum = (0..<playerCount).reduce(0.0) { $0 + value(player: $1, output: o) }
            return abs(sum - total) / max(1, abs(total))
        }.max() ?? 0
    }
}

/// Records the batches a game is asked to evaluate (tests run each game on one task).
final class BatchRecorder: @unchecked Sendable {
    var batches: [CoalitionBatch] = []
}
