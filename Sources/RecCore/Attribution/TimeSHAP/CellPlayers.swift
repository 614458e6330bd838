/// The players of TimeSHAP's cell level and which (event, group) cells each controls:
/// one player per (top event, top feature) cell, then per top event its other features, per top
/// feature the other kept events, the other events × other features, and the pruned events
/// (every group), leaving out groups that would be empty (timeshap's `special_cells`).
struct CellPlayers {
    let eventCount: Int
    let prunedCount: Int
    let groups: Int
    /// Event indices (oldest = 0), ascending.
    let topEvents: [Int]
    /// Group indices, ascending.
    let topFeatures: [Int]

    enum Kind: Equatable {
        case cell(event: Int, group: Int)
        case otherFeatures(event: Int)
        case otherEvents(group: Int)
        case otherBoth
        case pruned
    }

    var kinds: [Kind] {
        var result: [Kind] = []
        for e in topEvents { for g in topFeatures { result.append(.cell(event: e, group: g)) } }
        let hasOtherFeatures = groups > topFeatures.count
        let hasOtherEvents = eventCount - prunedCount > topEvents.count
        if hasOtherFeatures { for e in topEvents { result.append(.otherFeatures(event: e)) } }
        if hasOtherEvents { for g in topFeatures { result.append(.otherEvents(group: g)) } }
        if hasOtherFeatures && hasOtherEvents { result.append(.otherBoth) }
        if prunedCount > 0 { result.append(.pruned) }
        return result
    }

    var playerCount: Int { kinds.count }

    /// `controller[e * groups + g]`: the player index controlling that cell.
    var controller: [Int] {
        let kinds = self.kinds
        func index(_ kind: Kind) -> Int { kinds.firstIndex(of: kind)! }
        var result = [Int](repeating: 0, count: eventCount * groups)
        for e in 0..<eventCount {
            for g in 0..<groups {
                let kind: Kind
                if e < prunedCount {
                    kind = .pruned
                } else if topEvents.contains(e) {
                    kind = topFeatures.contains(g) ? .cell(event: e, group: g) : .otherFeatures(event: e)
                } else {
                    kind = topFeatures.contains(g) ? .otherEvents(group: g) : .otherBoth
                }
                result[e * groups + g] = index(kind)
            }
        }
        return result
    }

    /// Artifact players, labelled "event -3 × rating", "event -3 × other features",
    /// "other events × rating", "other events × other features", "pruned".
    func players(ids: [String], groupNames: [String], pruned: Attribution.Player?) -> [Attribution.Player] {
        kinds.map { kind in
            switch kind {
            case .cell(let e, let g):
                Attribution.Player(label: "event \(e - eventCount) × \(groupNames[g])", position: e - eventCount, historyItem: ids[e], feature: groupNames[g])
            case .otherFeatures(let e):
                Attribution.Player(label: "event \(e - eventCount) × other features", position: e - eventCount, historyItem: ids[e], feature: "other features")
            case .otherEvents(let g):
                Attribution.Player(label: "other events × \(groupNames[g])", feature: groupNames[g])
            case .otherBoth:
                Attribution.Player(label: "other events × other features", feature: "other features")
            case .pruned:
                pruned ?? Attribution.Player(label: "pruned", group: [])
            }
        }
    }
}
