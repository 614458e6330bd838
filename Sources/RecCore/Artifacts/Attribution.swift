/// Attributions of several explained values (one per target item) to a set of players, the one
/// contract between explainers and plots (as shap's `Explanation`).
///
/// For target t: `output[t] = baseline[t] + Σ_p value(p, t)` (the efficiency/additivity property).
/// Values are stored sparsely: absent cells are 0.
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
    /// Non-zero attributions.
    public var cells: [Cell]
    /// Explained value of each target (the model's score).
    public var output: [Float]
    /// Value of each target when no player is present.
    public var baseline: [Float]

    public init(explainer: String, meaning: ExplanationMeaning, level: String, targets: [String], players: [Player], cells: [Cell], output: [Float], baseline: [Float]) {
        self.explainer = explainer
        self.meaning = meaning
        self.level = level
        self.targets = targets
        self.players = players
        self.cells = cells
        self.output = output
        self.baseline = baseline
    }

    /// One player: a history event (position −1 = most recent), a feature group, an
    /// (event, feature) cell, or a group such as the pruned older events.
    public struct Player: Sendable, Codable, Equatable {
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
        var matrix = [[Float]](repeating: [Float](repeating: 0, count: targets.count), count: players.count)
        for cell in cells { matrix[cell.player][cell.target] += cell.value }
        return matrix
    }
}
