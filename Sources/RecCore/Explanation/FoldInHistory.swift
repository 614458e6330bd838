/// One user's training history as the players of a fold-in: the user's distinct training items,
/// each represented by its most recent training event, in time order of those events (oldest
/// first).
///
/// `events[k].position` is the representing event's offset from the end of the user's training
/// row (−1 = the last event), `events[k].rating` that event's rating. Repeated events of an item
/// are summarised by `counts[k]` (number of events) and `ratingSums[k]` (sum of their ratings),
/// which the fold-ins use where the model's own loss counts every event. O(n log n) for a row of
/// n events.
public struct FoldInHistory: Sendable, Equatable {
    /// The players, oldest first.
    public let events: [ScoredHistoryEvent]
    /// Number of training events of each event's item (≥ 1).
    public let counts: [Int]
    /// Sum of the ratings of each event's item's training events.
    public let ratingSums: [Float]
    /// Total number of training events of the user (Σ counts).
    public var eventCount: Int { counts.reduce(0, +) }
    /// The distinct items (order of `events`).
    public var items: [Int] { events.map(\.item) }

    /// The history of `user` in `train`; empty when `user` is outside `train`.
    public init(train: InteractionMatrix, user: Int) {
        guard user >= 0, user < train.userCount else {
            (events, counts, ratingSums) = ([], [], [])
            return
        }
        let range = train.range(ofUser: user)
        var slot: [Int32: Int] = [:]  // item → index in the per-item arrays below
        var last: [Int] = [], count: [Int] = [], sum: [Float] = []
        for k in range {
            let item = train.items[k]
            if let s = slot[item] {
                last[s] = k
                count[s] += 1
                sum[s] += train.ratings[k]
            } else {
                slot[item] = last.count
                last.append(k)
                count.append(1)
                sum.append(train.ratings[k])
            }
        }
        let order = last.indices.sorted { last[$0] < last[$1] }
        events = order.map { s in
            ScoredHistoryEvent(item: Int(train.items[last[s]]), position: last[s] - range.upperBound, rating: train.ratings[last[s]])
        }
        counts = order.map { count[$0] }
        ratingSums = order.map { sum[$0] }
    }
}
