extension ImplicitALS: ExactlyDecomposable {
    public var exactSummary: String {
        "Exact decomposition (Hu, Koren & Volinsky 2008, section 5): the user's vector is re-solved exactly from their history, so a score splits into one term per history item — that item's confidence times its similarity to the recommended item as weighted by the user's own inverse Gram matrix (YᵀCᵤY + λI)⁻¹. The terms add up to the score of the re-solved vector, which differs slightly from the trained one (both are shown)."
    }

    /// Per target, each training event's exact contribution to the re-solved score, and that
    /// score (baseline 0 = the empty history, whose exact user factor is 0). One factorisation,
    /// then O(F² + |Iᵤ|·F) per target.
    public func exactContributions(ofUser user: Int, targets: [Int]) -> (columns: [[Float]], output: [Float]) {
        let explanation = explanation(ofUser: user)
        return (targets.map { explanation.contributions(toItem: $0) }, targets.map { explanation.score(ofItem: $0) })
    }
}
