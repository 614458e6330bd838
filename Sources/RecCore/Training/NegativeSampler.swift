/// Uniform sampling of items a user has not interacted with in training (rejection sampling
/// against the user's sorted distinct items). Expected draws per sample: I / (I − |H(u)|).
struct NegativeSampler: Sendable {
    let itemCount: Int
    /// Each user's distinct training items, ascending.
    let seen: [[Int32]]

    init(_ train: InteractionMatrix) {
        itemCount = train.itemCount
        seen = (0..<train.userCount).map { Array(Set(train.items[train.range(ofUser: $0)])).sorted() }
    }

    /// An unseen item of `user`, or nil when the user has seen every item.
    func sample(user: Int, rng: inout SplitMix64) -> Int32? {
        let history = seen[user]
        guard history.count < itemCount else { return nil }
        while true {
            let j = Int32(rng.nextInt(below: itemCount))
            if !Self.contains(history, j) { return j }
        }
    }

    static func contains(_ sorted: [Int32], _ value: Int32) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }
}
