/// Collects raw (user, item, rating, time) rows and re-encodes ids densely.
///
/// Dense ids are assigned in the order ids are first seen in *sorted* raw-id order (numeric ids
/// compare numerically), so the encoding does not depend on row order in the file.
public struct DatasetBuilder: Sendable {
    private var rawUsers: [String] = []
    private var rawItems: [String] = []
    private var ratings: [Float] = []
    private var timestamps: [Int64] = []

    public init() {}

    /// Number of rows added so far.
    public var count: Int { ratings.count }

    public mutating func reserveCapacity(_ n: Int) {
        rawUsers.reserveCapacity(n); rawItems.reserveCapacity(n)
        ratings.reserveCapacity(n); timestamps.reserveCapacity(n)
    }

    /// Adds one interaction row.
    public mutating func add(user: String, item: String, rating: Float, timestamp: Int64) {
        rawUsers.append(user)
        rawItems.append(item)
        ratings.append(rating)
        timestamps.append(timestamp)
    }

    /// Dense encoding of raw ids: sorted unique ids and each row's index into them.
    static func encode(_ raw: [String], extra: [String] = []) -> (ids: [String], codes: [Int]) {
        var unique = Array(Set(raw).union(extra))
        unique.sort(by: rawIDPrecedes)
        var index: [String: Int] = [:]
        index.reserveCapacity(unique.count)
        for (i, id) in unique.enumerated() { index[id] = i }
        return (unique, raw.map { index[$0]! })
    }

    /// Builds the dataset. Items listed in `itemCatalogue` but never rated are kept only if
    /// `keepUnratedItems` is true. Duplicate (user, item) rows are kept as separate events.
    public func build(
        name: String, format: DatasetFormat,
        itemInfo: [String: ItemInfo] = [:], userInfo: [String: UserInfo] = [:], genreNames: [String] = [],
        ratingScale: ClosedRange<Float>? = nil
    ) -> Dataset {
        let (userIDs, userCodes) = Self.encode(rawUsers)
        let (itemIDs, itemCodes) = Self.encode(rawItems)
        var interactions: [Interaction] = []
        interactions.reserveCapacity(count)
        for k in 0..<count {
            interactions.append(Interaction(user: userCodes[k], item: itemCodes[k], rating: ratings[k], timestamp: timestamps[k]))
        }
        let matrix = InteractionMatrix(userCount: userIDs.count, itemCount: itemIDs.count, interactions: interactions)
        let items = itemIDs.map { itemInfo[$0] ?? ItemInfo(title: "") }
        let users = userInfo.isEmpty ? [] : userIDs.map { userInfo[$0] ?? UserInfo(features: []) }
        let scale = ratingScale ?? ((ratings.min() ?? 1)...(ratings.max() ?? 1))
        return Dataset(
            name: name, format: format, userIDs: userIDs, itemIDs: itemIDs, items: items, users: users,
            genreNames: genreNames, interactions: matrix, ratingScale: scale)
    }
}

/// Orders raw ids numerically when both are integers, otherwise lexicographically (by UTF-8).
@inlinable
public func rawIDPrecedes(_ a: String, _ b: String) -> Bool {
    if let x = Int64(a), let y = Int64(b) { return x < y }
    if (Int64(a) != nil) != (Int64(b) != nil) { return Int64(a) != nil }
    return a.utf8.lexicographicallyPrecedes(b.utf8)
}
