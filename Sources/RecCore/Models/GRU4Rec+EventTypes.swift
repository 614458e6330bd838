/// A named block of columns of GRU4Rec's D-wide event input vector, for explanations that
/// attribute to feature groups ("item", "rating", "time gap", "genres").
public struct EventFeatureGroup: Sendable, Equatable, Codable {
    /// "item", "rating", "time gap" or "genres".
    public var name: String
    /// The columns within the input vector; group 0 is "item" = 0 ..< E.
    public var range: Range<Int>

    public init(name: String, range: Range<Int>) {
        self.name = name
        self.range = range
    }
}

/// What stands in for an event that an explainer removes from a GRU4Rec input sequence
/// (see `GRU4Rec.baselineInput(_:)`).
public enum EventBaseline: Sendable, Equatable, Codable {
    /// Zero embedding and zero features (= training-mean rating and gap, since features are
    /// z-scored); an imported model with a padding row uses that row's embedding.
    case zero
    /// The mean item embedding with zero features.
    case meanItem
    /// Item i's embedding and genres with zero rating and gap features.
    case item(Int)
}
