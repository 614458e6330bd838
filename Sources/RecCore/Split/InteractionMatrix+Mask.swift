extension InteractionMatrix {
    /// Keeps the stored interactions whose storage index `k` (position in `items`) satisfies `keep`.
    /// Rows keep their order. O(n).
    public func keeping(_ keep: (Int) -> Bool) -> InteractionMatrix {
        var rowStart = [0]
        rowStart.reserveCapacity(userCount + 1)
        var items: [Int32] = [], ratings: [Float] = [], timestamps: [Int64] = []
        for u in 0..<userCount {
            for k in range(ofUser: u) where keep(k) {
                items.append(self.items[k])
                ratings.append(self.ratings[k])
                timestamps.append(self.timestamps[k])
            }
            rowStart.append(items.count)
        }
        return InteractionMatrix(
            userCount: userCount, itemCount: itemCount, rowStart: rowStart, items: items, ratings: ratings, timestamps: timestamps)
    }
}
