/// Collects raw (user, item, rating, time) rows and re-encodes ids densely.
///
/// Dense ids are assigned in *sorted* raw-id order (numeric ids compare numerically, see
/// `rawIDPrecedes`), so the encoding does not depend on row order in the file. Ids are interned
/// as rows arrive: integer ids cost no `String` per row, and memory is 20 bytes per row.
public struct DatasetBuilder: Sendable {
    var userIDs = IDInterner()
    var itemIDs = IDInterner()
    var userCodes: [Int32] = []
    var itemCodes: [Int32] = []
    var ratings: [Float] = []
    var timestamps: [Int64] = []

    public init() {}

    /// Number of rows added so far.
    public var count: Int { ratings.count }

    public mutating func reserveCapacity(_ n: Int) {
        userCodes.reserveCapacity(n); itemCodes.reserveCapacity(n)
        ratings.reserveCapacity(n); timestamps.reserveCapacity(n)
    }

    /// Adds one interaction row.
    public mutating func add(user: String, item: String, rating: Float, timestamp: Int64) {
        append(user: userIDs.code(for: user), item: itemIDs.code(for: item), rating: rating, timestamp: timestamp)
    }

    /// Adds one interaction row with integer raw ids (same as passing `String(user)`, faster).
    public mutating func add(user: Int64, item: Int64, rating: Float, timestamp: Int64) {
        append(user: userIDs.code(for: user), item: itemIDs.code(for: item), rating: rating, timestamp: timestamp)
    }

    /// Adds a row whose ids are already interned (parsers' fast path).
    @inline(__always) mutating func append(user: Int32, item: Int32, rating: Float, timestamp: Int64) {
        userCodes.append(user); itemCodes.append(item)
        ratings.append(rating); timestamps.append(timestamp)
    }

    /// Dense encoding of raw ids: sorted unique ids and each row's index into them.
    static func encode(_ raw: [String], extra: [String] = []) -> (ids: [String], codes: [Int]) {
        var interner = IDInterner()
        let codes = raw.map { interner.code(for: $0) }
        for id in extra { _ = interner.code(for: id) }
        let (ids, finalCode) = interner.finish()
        return (ids, codes.map { Int(finalCode[Int($0)]) })
    }

    /// Builds the dataset. Only items that occur in a row are kept (`itemInfo` entries for
    /// unrated items are ignored). Duplicate (user, item) rows are kept as separate events.
    /// - Complexity: O(n + u log u + i log i + Σ row sorts) for n rows, u users, i items.
    public func build(
        name: String, format: DatasetFormat,
        itemInfo: [String: ItemInfo] = [:], userInfo: [String: UserInfo] = [:], genreNames: [String] = [],
        ratingScale: ClosedRange<Float>? = nil
    ) -> Dataset {
        let (users, userFinal) = userIDs.finish()
        let (items, itemFinal) = itemIDs.finish()
        let rowUsers = userCodes.map { userFinal[Int($0)] }
        let rowItems = itemCodes.map { itemFinal[Int($0)] }
        let matrix = InteractionMatrix(
            userCount: users.count, itemCount: items.count,
            userColumn: rowUsers, itemColumn: rowItems, ratings: ratings, timestamps: timestamps)
        let itemList = items.map { itemInfo[$0] ?? ItemInfo(title: "") }
        let userList = userInfo.isEmpty ? [] : users.map { userInfo[$0] ?? UserInfo(features: []) }
        let scale = ratingScale ?? ((ratings.min() ?? 1)...(ratings.max() ?? 1))
        return Dataset(
            name: name, format: format, userIDs: users, itemIDs: items, items: itemList, users: userList,
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
