/// A batch of coalitions over `playerCount` players, stored as row-major masks (true = player present).
///
/// Row `c` is `masks[c * playerCount ..< (c + 1) * playerCount]`. Memory is `count × playerCount`
/// bytes; appending is amortised O(playerCount).
public struct CoalitionBatch: Sendable, Equatable {
    /// Number of players, the width of every mask.
    public let playerCount: Int
    /// The masks, `count × playerCount`, row-major: `masks[c * playerCount + p]` is true when
    /// player `p` is in coalition `c`.
    public private(set) var masks: [Bool] = []

    /// Number of coalitions in the batch.
    public var count: Int { playerCount == 0 ? zeroWidthCount : masks.count / playerCount }

    // With no players every mask is empty, so the count cannot be recovered from `masks`.
    private var zeroWidthCount = 0

    /// An empty batch over `playerCount ≥ 0` players.
    public init(playerCount: Int) {
        precondition(playerCount >= 0, "playerCount must be non-negative")
        self.playerCount = playerCount
    }

    /// A batch over the given row-major masks (`masks.count` a multiple of `playerCount > 0`). O(1).
    init(playerCount: Int, masks: [Bool]) {
        precondition(playerCount > 0 && masks.count % playerCount == 0)
        self.playerCount = playerCount
        self.masks = masks
    }

    /// Reserves room for `coalitions` masks.
    public mutating func reserveCapacity(_ coalitions: Int) {
        masks.reserveCapacity(coalitions * playerCount)
    }

    /// Appends one coalition; `mask.count` must equal `playerCount`. O(playerCount).
    public mutating func append(_ mask: some Collection<Bool>) {
        precondition(mask.count == playerCount, "mask has \(mask.count) entries for \(playerCount) players")
        masks.append(contentsOf: mask)
        if playerCount == 0 { zeroWidthCount += 1 }
    }

    /// Appends the coalition made of `players` (indices in `0 ..< playerCount`, any order). O(playerCount).
    public mutating func append(players: some Sequence<Int>) {
        let start = masks.count
        masks.append(contentsOf: repeatElement(false, count: playerCount))
        for p in players {
            precondition(p >= 0 && p < playerCount, "player \(p) out of 0..<\(playerCount)")
            masks[start + p] = true
        }
        if playerCount == 0 { zeroWidthCount += 1 }
    }

    /// Appends the coalition whose players are the set bits of `bits` (playerCount ≤ 64). O(playerCount).
    mutating func append(bits: UInt64) {
        precondition(playerCount <= 64 && (playerCount == 64 || bits >> UInt64(playerCount) == 0), "bits beyond \(playerCount) players")
        for p in 0..<playerCount { masks.append(bits & (1 << UInt64(p)) != 0) }
        if playerCount == 0 { zeroWidthCount += 1 }
    }

    /// Whether `player` is present in coalition `coalition`. O(1).
    public func contains(_ coalition: Int, _ player: Int) -> Bool {
        masks[coalition * playerCount + player]
    }

    /// The mask of coalition `coalition` (a view, no copy).
    public func mask(_ coalition: Int) -> ArraySlice<Bool> {
        masks[(coalition * playerCount)..<((coalition + 1) * playerCount)]
    }
}
