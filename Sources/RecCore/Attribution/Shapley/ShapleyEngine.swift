/// Shapley values of a `CoalitionGame`: exact enumeration for few players, KernelSHAP beyond.
///
/// Everything is `Double`, sums run in a fixed order and KernelSHAP draws from a seeded
/// `SplitMix64`, so the same game and configuration give bit-identical values.
public enum ShapleyEngine {
    /// Exact when `playerCount ≤ exactPlayerLimit` or `2ⁿ ≤ sampleBudget` (and n ≤ 30, the
    /// limit of `exact`), KernelSHAP otherwise.
    public static func explain(_ game: some CoalitionGame, configuration: ShapleyConfiguration = .init()) -> ShapleyValues {
        let n = game.playerCount
        if n <= 30 && (n <= configuration.exactPlayerLimit || (1 << n) <= configuration.sampleBudget) {
            return exact(game)
        }
        return kernel(game, configuration: configuration)
    }

    /// Exact Shapley values by enumeration:
    /// φ_p = Σ_{S ∌ p} |S|! (n − |S| − 1)! / n! · (v(S ∪ {p}) − v(S)).
    ///
    /// One batch of all 2ⁿ coalitions (row c holds player p when bit p of c is set), or the
    /// game's own `enumeratedValues()` when it has one, so `evaluations = 2ⁿ`; n ≤ 30. Then O(n · 2ⁿ⁻¹ · K) for K outputs, summed over S in
    /// increasing bit order. n = 0 gives no values (full = empty = v(∅)); n = 1 gives
    /// φ₀ = v({0}) − v(∅).
    public static func exact(_ game: some CoalitionGame) -> ShapleyValues {
        let n = game.playerCount, outputs = game.outputCount
        precondition(n >= 0 && n <= 30, "exact Shapley values need 0 ≤ n ≤ 30 players, got \(n)")
        let coalitions = 1 << n
        let v = game.enumeratedValues() ?? {
            var batch = CoalitionBatch(playerCount: n)
            if n == 0 {
                batch.append([Bool]())
            } else {
                let masks = [Bool](unsafeUninitializedCapacity: coalitions * n) { buffer, initialized in
                    for c in 0..<coalitions {
                        for p in 0..<n { buffer[c * n + p] = (c >> p) & 1 == 1 }
                    }
                    initialized = coalitions * n
                }
                batch = CoalitionBatch(playerCount: n, masks: masks)
            }
            return game.values(of: batch)
        }()
        precondition(v.count == coalitions * outputs, "game returned \(v.count) values for \(coalitions) × \(outputs)")

        // weight[s] = s! (n − s − 1)! / n! = 1 / (n · C(n − 1, s)).
        var weight = [Double](repeating: 0, count: max(n, 1))
        var binomial = 1.0
        for s in 0..<n {
            weight[s] = 1 / (Double(n) * binomial)
            binomial = binomial * Double(n - 1 - s) / Double(s + 1)
        }
        var phi = [Double](repeating: 0, count: n * outputs)
        v.withUnsafeBufferPointer { v in
            phi.withUnsafeMutableBufferPointer { phi in
                for p in 0..<n {
                    let low = (1 << p) - 1
                    for rest in 0..<(coalitions >> 1) {
                        let without = (rest & low) | ((rest & ~low) << 1)
                        let with = without | (1 << p)
                        let w = weight[without.nonzeroBitCount]
                        for o in 0..<outputs {
                            phi[p * outputs + o] += w * (v[with * outputs + o] - v[without * outputs + o])
                        }
                    }
                }
            }
        }
        let fullRow = (coalitions - 1) * outputs
        return ShapleyValues(
            playerCount: n, outputCount: outputs, values: phi, full: Array(v[fullRow..<(fullRow + outputs)]),
            empty: Array(v[0..<outputs]), exact: true, evaluations: coalitions)
    }
}
