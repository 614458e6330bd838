/// A sparse user × item interaction matrix in compressed-sparse-row form.
///
/// Row `u` holds user `u`'s interactions in `rowStart[u] ..< rowStart[u + 1]`, sorted by
/// timestamp (ties broken by item index), so a row is also the user's history in time order.
/// Memory: 16 bytes per interaction plus 8 bytes per user.
public struct InteractionMatrix: Sendable, Equatable {
    /// Number of rows (users).
    public let userCount: Int
    /// Number of columns (items).
    public let itemCount: Int
    /// Row offsets, `userCount + 1` entries, non-decreasing, `rowStart[0] == 0`.
    public let rowStart: [Int]
    /// Dense item index of every interaction.
    public let items: [Int32]
    /// Rating of every interaction (1 for implicit data).
    public let ratings: [Float]
    /// Unix time in seconds of every interaction.
    public let timestamps: [Int64]

    /// Number of stored interactions.
    public var count: Int { items.count }

    /// Creates a matrix from CSR arrays. Rows must already be sorted by (timestamp, item).
    public init(userCount: Int, itemCount: Int, rowStart: [Int], items: [Int32], ratings: [Float], timestamps: [Int64]) {
        precondition(rowStart.count == userCount + 1, "rowStart must have userCount + 1 entries")
        precondition(items.count == ratings.count && items.count == timestamps.count)
        self.userCount = userCount
        self.itemCount = itemCount
        self.rowStart = rowStart
        self.items = items
        self.ratings = ratings
        self.timestamps = timestamps
    }

    /// Builds a matrix from unordered triples; each row is sorted by (timestamp, item).
    /// - Complexity: O(n log n) for n interactions.
    public init(userCount: Int, itemCount: Int, interactions: [Interaction]) {
        self.init(
            userCount: userCount, itemCount: itemCount,
            userColumn: interactions.map { Int32($0.user) }, itemColumn: interactions.map { Int32($0.item) },
            ratings: interactions.map(\.rating), timestamps: interactions.map(\.timestamp))
    }

    /// The index range of user `u`'s interactions.
    @inlinable public func range(ofUser u: Int) -> Range<Int> { rowStart[u]..<rowStart[u + 1] }

    /// Number of interactions of user `u`.
    @inlinable public func rowCount(ofUser u: Int) -> Int { rowStart[u + 1] - rowStart[u] }

    /// The indices of `users` ordered by their number of interactions, largest first (ties in
    /// index order): the order in which parallel per-user work hands out its items, so that the
    /// costliest users do not start last while the other cores idle.
    public func longestHistoriesFirst(_ users: [Int]) -> [Int] {
        users.indices.sorted {
            let a = rowCount(ofUser: users[$0]), b = rowCount(ofUser: users[$1])
            return a != b ? a > b : $0 < $1
        }
    }

    /// User `u`'s interactions in time order.
    public func row(_ u: Int) -> [Interaction] {
        range(ofUser: u).map { Interaction(user: u, item: Int(items[$0]), rating: ratings[$0], timestamp: timestamps[$0]) }
    }

    /// All interactions, row by row.
    public func allInteractions() -> [Interaction] {
        var result: [Interaction] = []
        result.reserveCapacity(count)
        for u in 0..<userCount { result.append(contentsOf: row(u)) }
        return result
    }

    /// Number of interactions per item (column sums of the indicator matrix).
    public func itemCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for item in items { counts[Int(item)] += 1 }
        return counts
    }

    /// Keeps the interactions for which `keep` returns true.
    public func filter(_ keep: (Interaction) -> Bool) -> InteractionMatrix {
        var rowStart = [0]
        rowStart.reserveCapacity(userCount + 1)
        var items: [Int32] = [], ratings: [Float] = [], timestamps: [Int64] = []
        for u in 0..<userCount {
            for k in range(ofUser: u) {
                let interaction = Interaction(user: u, item: Int(self.items[k]), rating: self.ratings[k], timestamp: self.timestamps[k])
                if keep(interaction) {
                    items.append(self.items[k]); ratings.append(self.ratings[k]); timestamps.append(self.timestamps[k])
                }
            }
            rowStart.append(items.count)
        }
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, rowStart: rowStart, items: items, ratings: ratings, timestamps: timestamps)
    }
}

/// One (user, item, rating, time) event with dense indices.
public struct Interaction: Sendable, Equatable, Hashable {
    public var user: Int
    public var item: Int
    public var rating: Float
    public var timestamp: Int64

    public init(user: Int, item: Int, rating: Float, timestamp: Int64) {
        self.user = user
        self.item = item
        self.rating = rating
        self.timestamp = timestamp
    }
}
