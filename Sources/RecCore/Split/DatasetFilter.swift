/// Interaction filters applied before splitting: implicit-feedback threshold and minimum
/// activity per user and item, optionally iterated to a k-core.
public struct DatasetFilter: Sendable, Codable, Equatable {
    /// Keep only interactions rated at least this much (turns explicit into implicit feedback). nil = keep all.
    public var minRating: Float?
    /// Drop users with fewer interactions. 0 or 1 = keep all.
    public var minUserInteractions: Int
    /// Drop items with fewer interactions. 0 or 1 = keep all.
    public var minItemInteractions: Int
    /// Repeat the two minimum filters until nothing changes (the k-core when both minima are k).
    public var iterate: Bool

    public init(minRating: Float? = nil, minUserInteractions: Int = 0, minItemInteractions: Int = 0, iterate: Bool = false) {
        self.minRating = minRating
        self.minUserInteractions = minUserInteractions
        self.minItemInteractions = minItemInteractions
        self.iterate = iterate
    }

    /// True when the filter keeps every interaction.
    public var isIdentity: Bool { minRating == nil && minUserInteractions <= 1 && minItemInteractions <= 1 }

    /// Applies the filter and re-encodes users and items densely, dropping those left without
    /// interactions. Throws a `DataError` naming `source` when nothing is left.
    public func apply(to dataset: Dataset, source: String) throws(DataError) -> Dataset {
        guard !isIdentity else { return dataset }
        var matrix = dataset.interactions
        if let minRating { matrix = matrix.filter { $0.rating >= minRating } }
        while true {
            let before = matrix.count
            if minItemInteractions > 1 {
                let counts = matrix.itemCounts()
                matrix = matrix.filter { counts[$0.item] >= minItemInteractions }
            }
            if minUserInteractions > 1 {
                matrix = matrix.filter { matrix.rowCount(ofUser: $0.user) >= minUserInteractions }
            }
            if !iterate || matrix.count == before { break }
        }
        guard matrix.count > 0 else {
            throw DataError(file: source, "empty dataset after filtering (min rating \(minRating.map { "\($0)" } ?? "none"), min \(minUserInteractions) per user, min \(minItemInteractions) per item\(iterate ? ", iterated" : "")): no interaction is left")
        }
        return dataset.compacted(to: matrix)
    }
}

extension Dataset {
    /// The dataset restricted to `matrix` (same index space as `interactions`), with users and
    /// items that have no interaction left removed and indices re-encoded in the original order.
    public func compacted(to matrix: InteractionMatrix) -> Dataset {
        let itemCounts = matrix.itemCounts()
        var newItem = [Int](repeating: -1, count: itemCount)
        var keptItems: [Int] = []
        for i in 0..<itemCount where itemCounts[i] > 0 {
            newItem[i] = keptItems.count
            keptItems.append(i)
        }
        let keptUsers = (0..<userCount).filter { matrix.rowCount(ofUser: $0) > 0 }
        var rowStart = [0]
        var items: [Int32] = [], ratings: [Float] = [], timestamps: [Int64] = []
        for u in keptUsers {
            for k in matrix.range(ofUser: u) {
                items.append(Int32(newItem[Int(matrix.items[k])]))
                ratings.append(matrix.ratings[k])
                timestamps.append(matrix.timestamps[k])
            }
            rowStart.append(items.count)
        }
        let compact = InteractionMatrix(
            userCount: keptUsers.count, itemCount: keptItems.count, rowStart: rowStart,
            items: items, ratings: ratings, timestamps: timestamps)
        return Dataset(
            name: name, format: format, userIDs: keptUsers.map { userIDs[$0] }, itemIDs: keptItems.map { itemIDs[$0] },
            items: keptItems.map { self.items[$0] }, users: users.isEmpty ? [] : keptUsers.map { users[$0] },
            genreNames: genreNames, interactions: compact, ratingScale: ratingScale)
    }
}
