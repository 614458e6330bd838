import CBLAS

extension ImplicitALS {
    /// The exact explanation of one user's scores (Hu, Koren & Volinsky 2008, section 5; implicit's
    /// `explain`), computed from the final item factors Y.
    ///
    /// With Wᵤ = (YᵀCᵤY + λI)⁻¹, the exactly re-solved user factor is xᵤ = Wᵤ Σ_{j ∈ Iᵤ} cᵤⱼ yⱼ, so
    /// ŝᵤᵢ = yᵢ·xᵤ = Σ_{j ∈ Iᵤ} (yᵢᵀ Wᵤ yⱼ) cᵤⱼ: history item j contributes cᵤⱼ·yᵢᵀWᵤyⱼ.
    ///
    /// This xᵤ differs from the stored `userFactors` row, which was solved against the previous
    /// iteration's item factors (and only approximately with CG); contributions sum to
    /// `score(ofItem:)`, the score of the re-solved factor.
    ///
    /// Building costs O(|Iᵤ|·F² + F³) (one Cholesky factorisation of Wᵤ⁻¹); each explained item
    /// then costs O(F² + |Iᵤ|·F).
    public struct UserExplanation: Sendable {
        public let user: Int
        /// The user's distinct training items, ascending.
        public let historyItems: [Int32]
        /// cᵤⱼ of each distinct history item.
        public let historyConfidence: [Float]
        /// The exactly solved user factor xᵤ (F values).
        public let userFactor: [Float]
        /// For each training event of the user (time order), the index of its item in
        /// `historyItems` when it is the item's most recent event, else nil.
        public let eventSlots: [Int?]
        /// Cholesky factor of Wᵤ⁻¹ (F × F, LAPACK lower / row-major upper).
        let choleskyFactor: [Float]
        /// |Iᵤ| × F item factors of the history items.
        let historyFactors: [Float]
        let itemFactors: Matrix

        /// The score of `item` under the exactly solved user factor. O(F).
        public func score(ofItem item: Int) -> Float {
            let f = itemFactors.columns
            return userFactor.withUnsafeBufferPointer { x in
                itemFactors.values.withUnsafeBufferPointer { y in
                    cblas_sdot(Int32(f), x.baseAddress, 1, y.baseAddress! + item * f, 1)
                }
            }
        }

        /// cᵤⱼ·yᵢᵀWᵤyⱼ for each distinct history item j (order of `historyItems`). O(F² + |Iᵤ|·F).
        public func itemContributions(toItem item: Int) -> [Float] {
            BLAS.withSingleThread { computeItemContributions(toItem: item) }
        }

        private func computeItemContributions(toItem item: Int) -> [Float] {
            let f = itemFactors.columns, n = historyItems.count
            var z = itemFactors.row(item)
            var result = [Float](repeating: 0, count: n)
            guard n > 0 else { return result }
            choleskyFactor.withUnsafeBufferPointer { l in
                z.withUnsafeMutableBufferPointer { z in BLAS.choleskySolve(l.baseAddress!, n: f, z.baseAddress!) }
            }
            historyFactors.withUnsafeBufferPointer { g in
                result.withUnsafeMutableBufferPointer { out in
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(f), 1, g.baseAddress, Int32(f), z, 1, 0, out.baseAddress, 1)
                }
            }
            for k in 0..<n { result[k] *= historyConfidence[k] }
            return result
        }

        /// One contribution per training event (time order); an item seen several times is
        /// credited to its most recent event, earlier repeats get 0. Sums to `score(ofItem:)`.
        public func contributions(toItem item: Int) -> [Float] {
            let perItem = itemContributions(toItem: item)
            return eventSlots.map { $0.map { perItem[$0] } ?? 0 }
        }
    }

    /// Factorises Wᵤ⁻¹ = YᵀY + λI + Σ_{j ∈ Iᵤ} (cᵤⱼ − 1) yⱼyⱼᵀ for `user` and solves xᵤ.
    /// O(|Iᵤ|·F² + F³).
    /// BLAS runs single-threaded here (bit-identical results whatever the caller's threading).
    public func explanation(ofUser user: Int) -> UserExplanation {
        BLAS.withSingleThread { makeExplanation(ofUser: user) }
    }

    private func makeExplanation(ofUser user: Int) -> UserExplanation {
        let f = itemFactors.columns
        let start = confidence.rowStart[user], end = confidence.rowStart[user + 1], n = end - start
        let items = Array(confidence.columns[start..<end]), c = Array(confidence.confidence[start..<end])
        var rows = [Float](repeating: 0, count: n * f), scaled = rows
        for (k, j) in items.enumerated() {
            let s = (c[k] - 1).squareRoot()
            for d in 0..<f {
                rows[k * f + d] = itemFactors[Int(j), d]
                scaled[k * f + d] = itemFactors[Int(j), d] * s
            }
        }
        var a = itemGram, x = [Float](repeating: 0, count: f)
        if n > 0 {
            cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(f), Int32(n), 1, scaled, Int32(f), 1, &a, Int32(f))
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(f), 1, rows, Int32(f), c, 1, 0, &x, 1)
        }
        let positive = a.withUnsafeMutableBufferPointer { BLAS.choleskyFactor($0.baseAddress!, n: f) }
        precondition(positive, "ALS explanation: YᵀCᵤY + λI is not positive definite (λ = 0?)")
        a.withUnsafeBufferPointer { l in x.withUnsafeMutableBufferPointer { BLAS.choleskySolve(l.baseAddress!, n: f, $0.baseAddress!) } }
        // Most recent event of each distinct item.
        let range = train.range(ofUser: user)
        var slots = [Int?](repeating: nil, count: range.count)
        var credited = Set<Int32>()
        for k in range.reversed() where credited.insert(train.items[k]).inserted {
            slots[k - range.lowerBound] = binarySearch(items, train.items[k])
        }
        return UserExplanation(user: user, historyItems: items, historyConfidence: c, userFactor: x, eventSlots: slots,
                               choleskyFactor: a, historyFactors: rows, itemFactors: itemFactors)
    }

    /// The user factor solved exactly against the final item factors (F values). O(|Iᵤ|·F² + F³).
    public func exactUserFactor(user: Int) -> [Float] { explanation(ofUser: user).userFactor }

    /// The score that the exact explanation decomposes: yᵢ·xᵤ with xᵤ = `exactUserFactor(user:)`.
    public func explainedScore(user: Int, item: Int) -> Float { explanation(ofUser: user).score(ofItem: item) }

    /// Contributions of `user`'s training events to the exactly re-solved score of `item`. To
    /// explain many items of one user, build `explanation(ofUser:)` once instead.
    public func contributions(ofUser user: Int, toItem item: Int) -> [Float] {
        explanation(ofUser: user).contributions(toItem: item)
    }
}

private func binarySearch(_ sorted: [Int32], _ value: Int32) -> Int? {
    var low = 0, high = sorted.count
    while low < high {
        let mid = (low + high) / 2
        if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low < sorted.count && sorted[low] == value ? low : nil
}
