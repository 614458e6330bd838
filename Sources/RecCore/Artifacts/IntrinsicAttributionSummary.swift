/// The global view of an intrinsically attributing model's explanations (the attribution
/// network's model page): how its recommended items' predictions split over the subsets, over
/// users and by user activity, and how the split agrees with `shap` over the same input groups.
public struct IntrinsicAttributionSummary: Sendable, Codable, Equatable {
    /// The parts (subsets), in the model's order ("content", "content + user", …).
    public var parts: [String]
    /// Users whose top-k lists were decomposed, and k.
    public var users: Int
    public var k: Int
    /// Mean share of the prediction per part over every (user, recommended item) pair.
    public var meanShares: [Double]
    /// Per part, the 10th, 50th and 90th percentile of the share over the pairs.
    public var shareQuantiles: [[Double]]
    /// Mean shares per group of users by training-history length (`Evaluator.activityBounds`).
    public var byActivity: [Group]
    /// Agreement with Shapley values of the input groups, nil when not measured.
    public var shapAgreement: SHAPAgreement?

    public init(parts: [String], users: Int, k: Int, meanShares: [Double], shareQuantiles: [[Double]], byActivity: [Group], shapAgreement: SHAPAgreement?) {
        self.parts = parts
        self.users = users
        self.k = k
        self.meanShares = meanShares
        self.shareQuantiles = shareQuantiles
        self.byActivity = byActivity
        self.shapAgreement = shapAgreement
    }

    /// Users with `minEvents … maxEvents` training events.
    public struct Group: Sendable, Codable, Equatable {
        public var minEvents: Int
        public var maxEvents: Int?
        public var users: Int
        public var meanShares: [Double]
        public init(minEvents: Int, maxEvents: Int?, users: Int, meanShares: [Double]) {
            self.minEvents = minEvents
            self.maxEvents = maxEvents
            self.users = users
            self.meanShares = meanShares
        }

        /// "11–25 events", "201+ events".
        public var label: String { maxEvents.map { "\(minEvents)–\($0) events" } ?? "\(minEvents)+ events" }
    }

    /// Intrinsic attribution against exact Shapley values of the input groups (content, user
    /// identity, item identity) on the same (user, recommended item) pairs. The intrinsic credit
    /// of a group sums the parts of the subsets that add it beyond their strict subsets, each split
    /// equally among the groups it adds ({content} → content, {content, user} → user,
    /// {content, user, item} → half to user, half to item); the two are compared as rankings.
    public struct SHAPAgreement: Sendable, Codable, Equatable {
        /// The groups (players), in order.
        public var groups: [String]
        /// (user, item) pairs compared.
        public var pairs: Int
        /// Share of pairs where both rank the same group first.
        public var sameTop: Double
        /// Mean Kendall τ-b of the two group rankings (pairs where both are defined).
        public var meanKendall: Double
        /// counts[i][j]: pairs where intrinsic ranks group i first and shap group j.
        public var topCounts: [[Int]]
        /// Mean intrinsic credit and mean Shapley value per group.
        public var meanIntrinsic: [Double]
        public var meanShapley: [Double]
        /// What an absent group is (for readers).
        public var absentSummary: String

        public init(groups: [String], pairs: Int, sameTop: Double, meanKendall: Double, topCounts: [[Int]], meanIntrinsic: [Double], meanShapley: [Double], absentSummary: String) {
            self.groups = groups
            self.pairs = pairs
            self.sameTop = sameTop
            self.meanKendall = meanKendall
            self.topCounts = topCounts
            self.meanIntrinsic = meanIntrinsic
            self.meanShapley = meanShapley
            self.absentSummary = absentSummary
        }
    }
}
