import Foundation

/// Attributions of several explained values (one per target item) to a set of players, the one
/// contract between explainers and plots (as shap's `Explanation`).
///
/// For target t: `output[t] = baseline[t] + Σ_p value(p, t)` (the efficiency/additivity property).
/// Values are held as the dense players × targets matrix (`values`, 4 bytes a cell): nearly every
/// cell of an explanation is non-zero, and a `Cell` per value (24 bytes) made explanations most of
/// a build's memory (ML-100k: the cells took ~430 MB of the build's 1,047 MB peak RSS; with dense
/// values the peak is 623 MB). `cells` lists the non-zero ones.
public struct Attribution: Sendable, Codable, Equatable {
    /// Explainer name, e.g. "exact", "shap".
    public var explainer: String
    /// What the values mean (pages read this, never the explainer's name).
    public var meaning: ExplanationMeaning
    /// "event", "feature" or "cell".
    public var level: String
    /// Raw ids of the explained items (the columns), in recommendation order.
    public var targets: [String]
    /// The players (the rows).
    public var players: [Player]
    /// The players × targets values (0 where a player does not count; never −0).
    public private(set) var values: DenseValues
    /// Explained value of each target (the model's score).
    public var output: [Float]
    /// Value of each target when no player is present.
    public var baseline: [Float]

    /// From the non-zero cells (a player and target met twice add up, in the given order).
    public init(explainer: String, meaning: ExplanationMeaning, level: String, targets: [String], players: [Player], cells: [Cell], output: [Float], baseline: [Float]) {
        var values = DenseValues(players: players.count, targets: targets.count)
        for cell in cells { values[cell.player, cell.target] += cell.value }
        self.init(explainer: explainer, meaning: meaning, level: level, targets: targets, players: players, values: values, output: output, baseline: baseline)
    }

    /// From the dense players × targets matrix (−0 is stored as 0).
    public init(explainer: String, meaning: ExplanationMeaning, level: String, targets: [String], players: [Player], values: DenseValues, output: [Float], baseline: [Float]) {
        precondition(values.players == players.count && values.targets == targets.count, "values must be players × targets")
        self.explainer = explainer
        self.meaning = meaning
        self.level = level
        self.targets = targets
        self.players = players
        self.values = values
        self.values.clearNegativeZeros()
        self.output = output
        self.baseline = baseline
    }

    /// The non-zero attributions, player by player, targets in order.
    public var cells: [Cell] {
        var cells: [Cell] = []
        for p in 0..<values.players {
            for (t, v) in values.row(p).enumerated() where v != 0 { cells.append(Cell(player: p, target: t, value: v)) }
        }
        return cells
    }

    /// One player: a history event (position −1 = most recent), a feature group, an
    /// (event, feature) cell, or a group such as the pruned older events.
    public struct Player: Sendable, Codable, Hashable {
        /// Stable name: "event -3", "pruned", "rating", "event -1 × genres", "other events × rating".
        public var label: String
        /// −1 … −L for events and event cells, nil otherwise.
        public var position: Int?
        /// Raw id of the event's item, for event players and event cells.
        public var historyItem: String?
        /// Feature group of feature and cell players ("item", "rating", …, "other features").
        public var feature: String?
        /// Raw item ids of the events a group player stands for (the pruned events), oldest first.
        public var group: [String]?

        public init(label: String, position: Int? = nil, historyItem: String? = nil, feature: String? = nil, group: [String]? = nil) {
            self.label = label
            self.position = position
            self.historyItem = historyItem
            self.feature = feature
            self.group = group
        }

        /// Whether this player is the group of pruned older events.
        public var isPruned: Bool { group != nil }
    }

    /// One non-zero attribution.
    public struct Cell: Sendable, Codable, Equatable {
        public var player: Int
        public var target: Int
        public var value: Float

        public init(player: Int, target: Int, value: Float) {
            self.player = player
            self.target = target
            self.value = value
        }
    }

    /// Dense players × targets matrix.
    public func dense() -> [[Float]] {
        players.indices.map { Array(values.row($0)) }
    }

    /// The players × targets values in one row-major array (``dense()`` without an array per
    /// player): `values`.
    public func denseValues() -> DenseValues { values }

    /// Each player's value for target `target` (one column of ``denseValues()``).
    public func values(forTarget target: Int) -> [Float] {
        (0..<values.players).map { values[$0, target] }
    }

    /// A players × targets matrix of values, row-major.
    public struct DenseValues: Sendable, Equatable {
        public let players: Int
        public let targets: Int
        public private(set) var flat: [Float]

        public init(players: Int, targets: Int) {
            self.players = players
            self.targets = targets
            self.flat = [Float](repeating: 0, count: players * targets)
        }

        /// From the row-major values (`flat.count == players · targets`).
        public init(players: Int, targets: Int, flat: [Float]) {
            precondition(flat.count == players * targets, "expected \(players) × \(targets) values, got \(flat.count)")
            self.players = players
            self.targets = targets
            self.flat = flat
        }

        public subscript(player: Int, target: Int) -> Float {
            get { flat[player * targets + target] }
            set { flat[player * targets + target] = newValue }
        }

        /// −0 becomes 0 (stored bytes and printed values do not depend on how a 0 was reached).
        mutating func clearNegativeZeros() {
            guard flat.contains(where: { $0 == 0 && $0.sign == .minus }) else { return }
            for k in flat.indices where flat[k] == 0 { flat[k] = 0 }
        }

        /// Player `player`'s values, one per target.
        public func row(_ player: Int) -> ArraySlice<Float> { flat[(player * targets)..<((player + 1) * targets)] }
    }
}

/// Stored compactly, since attributions are most of an artifact folder's bytes and of the time to
/// write and read it:
/// - `values`: the dense players × targets matrix row by row as a binary tensor — the
///   little-endian IEEE-754 `Float32` bytes, base64-encoded (exact, ~5.3 characters per cell
///   instead of ~11 for a JSON number, and read without parsing a number per cell); most cells are
///   non-zero, so dense beats a `{player, target, value}` object per non-zero cell;
/// - `players`: one column per field (`label`, `position`, `historyItem`, `feature`, `group`;
///   see `PlayerColumns`: mostly one string of line-terminated entries) instead of one object per
///   player.
/// `reclens attributions` prints any stored attribution as CSV. Decoding rebuilds `cells` in
/// player-major order without the zeros.
extension Attribution {
    private enum CodingKeys: String, CodingKey {
        case explainer, meaning, level, targets, players, values, output, baseline
    }

    /// The players as columns, each left out when no player has that field: `position` with 0
    /// for none (positions are −1 … −L), `historyItem` and `feature` with null for none, `group`
    /// with null for none.
    ///
    /// A column is stored as one string, every entry followed by a line break (`"Heat (1995)\n
    /// Casino (1995)\n"`; positions in decimal), not as a JSON array: reading an array of strings
    /// went through JSONDecoder's generic path once per element, half of `reclens render`'s
    /// JSON decoding on ML-100k, and one string split at its line breaks is about ten times
    /// faster to read and fifteen times faster to write. A column with a null, or with an entry
    /// that itself contains a line break, stays a JSON array (`null` for none); `group` (pruned
    /// events, one player per attribution at most) always does.
    private struct PlayerColumns: Codable {
        var label: [String]
        var position: [Int]?
        var historyItem: [String?]?
        var feature: [String?]?
        var group: [[String]?]?

        private enum CodingKeys: String, CodingKey { case label, position, historyItem, feature, group }

        init(_ players: [Player]) {
            label = players.map(\.label)
            position = players.contains { $0.position != nil } ? players.map { $0.position ?? 0 } : nil
            historyItem = players.contains { $0.historyItem != nil } ? players.map(\.historyItem) : nil
            feature = players.contains { $0.feature != nil } ? players.map(\.feature) : nil
            group = players.contains { $0.group != nil } ? players.map(\.group) : nil
        }

        /// The entries, each followed by a line break; nil when one contains a line break.
        static func joined(_ entries: [String]) -> String? {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(entries.reduce(0) { $0 + $1.utf8.count + 1 })
            for entry in entries {
                var entry = entry
                let clean = entry.withUTF8 { utf8 -> Bool in
                    guard !utf8.contains(UInt8(ascii: "\n")) else { return false }
                    bytes.append(contentsOf: utf8)
                    return true
                }
                guard clean else { return nil }
                bytes.append(UInt8(ascii: "\n"))
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// The inverse of `joined`; nil when the text does not end with a line break (or is not
        /// empty).
        static func entries(_ text: String) -> [String]? {
            var text = text
            return text.withUTF8 { utf8 -> [String]? in
                guard utf8.last.map({ $0 == UInt8(ascii: "\n") }) ?? true else { return nil }
                var entries: [String] = []
                var start = 0
                for i in 0..<utf8.count where utf8[i] == UInt8(ascii: "\n") {
                    entries.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<i]), as: UTF8.self))
                    start = i + 1
                }
                return entries
            }
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            /// A column of strings: one joined string, else an array (with nulls or not).
            func strings(_ key: CodingKeys) throws -> [String?]? {
                guard c.contains(key) else { return nil }
                if let text = try? c.decode(String.self, forKey: key) {
                    guard let entries = Self.entries(text) else {
                        throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "a column string must end with a line break")
                    }
                    return entries
                }
                if let plain = try? c.decode([String].self, forKey: key) { return plain }
                return try c.decode([String?].self, forKey: key)
            }
            guard let labels = try strings(.label), !labels.contains(nil) else {
                throw DecodingError.dataCorruptedError(forKey: .label, in: c, debugDescription: "every player needs a label")
            }
            label = labels.map { $0! }
            if c.contains(.position), let text = try? c.decode(String.self, forKey: .position) {
                guard let numbers = Self.entries(text).flatMap({ entries -> [Int]? in
                    let values = entries.compactMap { Int($0) }
                    return values.count == entries.count ? values : nil
                }) else {
                    throw DecodingError.dataCorruptedError(forKey: .position, in: c, debugDescription: "positions must be integers, each followed by a line break")
                }
                position = numbers
            } else {
                position = try c.decodeIfPresent([Int].self, forKey: .position)
            }
            historyItem = try strings(.historyItem)
            feature = try strings(.feature)
            group = try c.decodeIfPresent([[String]?].self, forKey: .group)
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            func strings(_ column: [String?]?, _ key: CodingKeys) throws {
                guard let column else { return }
                let plain = column.compactMap { $0 }
                if plain.count == column.count, let text = Self.joined(plain) {
                    try c.encode(text, forKey: key)
                } else if plain.count == column.count {
                    try c.encode(plain, forKey: key)
                } else {
                    try c.encode(column, forKey: key)
                }
            }
            try strings(label, .label)
            if let position { try c.encode(Self.joined(position.map(String.init))!, forKey: .position) }
            try strings(historyItem, .historyItem)
            try strings(feature, .feature)
            try c.encodeIfPresent(group, forKey: .group)
        }

        /// nil when a column's length differs from the labels'.
        var players: [Player]? {
            let n = label.count
            guard [position?.count, historyItem?.count, feature?.count, group?.count].allSatisfy({ $0 == nil || $0 == n }) else { return nil }
            return (0..<n).map { k in
                Player(label: label[k], position: position.flatMap { $0[k] == 0 ? nil : $0[k] },
                       historyItem: historyItem?[k], feature: feature?[k], group: group?[k])
            }
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        explainer = try c.decode(String.self, forKey: .explainer)
        meaning = try c.decode(ExplanationMeaning.self, forKey: .meaning)
        level = try c.decode(String.self, forKey: .level)
        targets = try c.decode([String].self, forKey: .targets)
        guard let players = try c.decode(PlayerColumns.self, forKey: .players).players else {
            throw DecodingError.dataCorruptedError(forKey: .players, in: c, debugDescription: "player columns of different lengths")
        }
        self.players = players
        output = try c.decode([Float].self, forKey: .output)
        baseline = try c.decode([Float].self, forKey: .baseline)
        guard let values = Self.floats(base64: try c.decode(String.self, forKey: .values)) else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "values are not base64 of little-endian Float32 bytes")
        }
        guard values.count == players.count * targets.count else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "expected \(players.count) × \(targets.count) values, found \(values.count)")
        }
        self.values = DenseValues(players: players.count, targets: targets.count, flat: values)
        self.values.clearNegativeZeros()
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(explainer, forKey: .explainer)
        try c.encode(meaning, forKey: .meaning)
        try c.encode(level, forKey: .level)
        try c.encode(targets, forKey: .targets)
        try c.encode(PlayerColumns(players), forKey: .players)
        try c.encode(Self.base64(values.flat), forKey: .values)
        try c.encode(output, forKey: .output)
        try c.encode(baseline, forKey: .baseline)
    }

    /// Base64 of the values' little-endian `Float32` bytes.
    static func base64(_ values: [Float]) -> String {
        var bytes = [UInt8](repeating: 0, count: values.count * 4)
        for (k, v) in values.enumerated() {
            let bits = v.bitPattern.littleEndian
            for b in 0..<4 { bytes[4 * k + b] = UInt8(truncatingIfNeeded: bits >> (8 * b)) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The inverse of `base64(_:)`; nil when the text is not base64 of a whole number of floats.
    static func floats(base64 text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { k in
                var bits: UInt32 = 0
                for b in 0..<4 { bits |= UInt32(raw[4 * k + b]) << (8 * b) }
                return Float(bitPattern: bits)
            }
        }
    }
}
