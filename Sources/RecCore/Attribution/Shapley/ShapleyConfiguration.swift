/// How `ShapleyEngine.explain` chooses between enumeration and KernelSHAP, and KernelSHAP's budget.
public struct ShapleyConfiguration: Sendable, Equatable {
    /// Enumerate all 2ⁿ coalitions when n ≤ this (default 14: 16 384 coalitions).
    public var exactPlayerLimit = 14
    /// KernelSHAP: coalitions evaluated, ∅ and the full set included (default 4096). Also,
    /// `explain` enumerates whenever 2ⁿ ≤ this budget.
    public var sampleBudget = 4096
    /// Seed of KernelSHAP's `SplitMix64` (default 0): same seed ⇒ identical values.
    public var seed: UInt64 = 0

    /// A configuration; every argument has the default documented on its property.
    public init(exactPlayerLimit: Int = 14, sampleBudget: Int = 4096, seed: UInt64 = 0) {
        self.exactPlayerLimit = exactPlayerLimit
        self.sampleBudget = sampleBudget
        self.seed = seed
    }
}
