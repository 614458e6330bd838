extension InteractionMatrix {
    /// Builds a matrix from unordered columns (row `k` is `userColumn[k]`, `itemColumn[k]`, …);
    /// each user's row is sorted by (timestamp, item), equal keys keep input order.
    /// - Complexity: O(n) counting sort by user plus a sort of each row that is not yet in order.
    public init(
        userCount: Int, itemCount: Int, userColumn: [Int32], itemColumn: [Int32], ratings: [Float], timestamps: [Int64]
    ) {
        let n = userColumn.count
        precondition(itemColumn.count == n && ratings.count == n && timestamps.count == n)
        var rowStart = [Int](repeating: 0, count: userCount + 1)
        for u in userColumn { rowStart[Int(u) + 1] += 1 }
        for u in 0..<userCount { rowStart[u + 1] += rowStart[u] }
        var order = [Int](repeating: 0, count: n)
        var next = rowStart
        for k in 0..<n {
            let u = Int(userColumn[k])
            order[next[u]] = k
            next[u] += 1
        }
        timestamps.withUnsafeBufferPointer { time in
            itemColumn.withUnsafeBufferPointer { item in
                order.withUnsafeMutableBufferPointer { order in
                    let precedes = { (a: Int, b: Int) -> Bool in
                        time[a] != time[b] ? time[a] < time[b] : (item[a] != item[b] ? item[a] < item[b] : a < b)
                    }
                    for u in 0..<userCount where rowStart[u + 1] - rowStart[u] > 1 {
                        var row = UnsafeMutableBufferPointer(rebasing: order[rowStart[u]..<rowStart[u + 1]])
                        var sorted = true
                        for j in 1..<row.count where !precedes(row[j - 1], row[j]) { sorted = false; break }
                        if !sorted { row.sort(by: precedes) }
                    }
                }
            }
        }
        self.init(
            userCount: userCount, itemCount: itemCount, rowStart: rowStart,
            items: order.map { itemColumn[$0] }, ratings: order.map { ratings[$0] },
            timestamps: order.map { timestamps[$0] })
    }
}
