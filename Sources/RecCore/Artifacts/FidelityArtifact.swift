/// `fidelity.json`: the fidelity benchmark of the explainers (LXR's metrics; see
/// ``FidelityCurves``), per model × explainer, with the agreement between explainers.
///
/// Deterministic for the same inputs and seed: no wall-clock time is stored.
public struct FidelityArtifact: Sendable, Codable, Equatable {
    /// How the benchmark was run.
    public struct Settings: Sendable, Codable, Equatable {
        /// Users in the seeded sample (users with ≥ 2 training events).
        public var usersSampled: Int
        /// Chunks of the ranked history (steps 0 … chunks).
        public var chunks: Int
        /// Cut-offs of POS@K and NEG@K.
        public var ks: [Int]
        /// K_e of the fixed-length variant.
        public var fixedLengths: [Int]
        /// Resamples of the percentile bootstrap.
        public var bootstrapResamples: Int
        /// Level of the intervals (0.95).
        public var confidence: Double
        public var seed: UInt64

        public init(usersSampled: Int, chunks: Int = 10, ks: [Int] = [5, 10, 20], fixedLengths: [Int] = Array(1...5),
                    bootstrapResamples: Int = 1000, confidence: Double = 0.95, seed: UInt64) {
            self.usersSampled = usersSampled
            self.chunks = chunks
            self.ks = ks
            self.fixedLengths = fixedLengths
            self.bootstrapResamples = bootstrapResamples
            self.confidence = confidence
            self.seed = seed
        }
    }

    /// One explainer's results on one model.
    public struct Row: Sendable, Codable, Equatable {
        public var explainer: String
        public var meaning: ExplanationMeaning
        public var summary: FidelitySummary
        /// Mean model evaluations (scored histories) per explanation: the deterministic cost.
        public var evaluationsPerExplanation: Double

        public init(explainer: String, meaning: ExplanationMeaning, summary: FidelitySummary, evaluationsPerExplanation: Double) {
            self.explainer = explainer
            self.meaning = meaning
            self.summary = summary
            self.evaluationsPerExplanation = evaluationsPerExplanation
        }
    }

    /// Agreement of two explainers of one model over the users both explained.
    public struct Agreement: Sendable, Codable, Equatable {
        public var first: String
        public var second: String
        /// Mean Kendall τ-b of the event values (users where both vectors vary), nil if none.
        public var kendallTau: Double?
        /// Users in the τ mean.
        public var tauUsers: Int
        /// Mean |top-3 ∩ top-3| / 3 of the event rankings, nil if no user.
        public var topOverlap: Double?
        /// Users both explained.
        public var users: Int

        public init(first: String, second: String, kendallTau: Double?, tauUsers: Int, topOverlap: Double?, users: Int) {
            self.first = first
            self.second = second
            self.kendallTau = kendallTau
            self.tauUsers = tauUsers
            self.topOverlap = topOverlap
            self.users = users
        }
    }

    /// One model's benchmark.
    public struct Model: Sendable, Codable, Equatable {
        public var name: String
        public var displayName: String
        public var historyScoring: HistoryScoring
        /// Users with a target (a recommendable item outside their training items).
        public var users: Int
        /// One row per applicable explainer, in the order explainers were given.
        public var rows: [Row]
        /// One entry per pair of explainers (first before second in `rows` order).
        public var agreement: [Agreement]

        public init(name: String, displayName: String, historyScoring: HistoryScoring, users: Int, rows: [Row], agreement: [Agreement]) {
            self.name = name
            self.displayName = displayName
            self.historyScoring = historyScoring
            self.users = users
            self.rows = rows
            self.agreement = agreement
        }
    }

    public var settings: Settings
    public var models: [Model]

    public init(settings: Settings, models: [Model]) {
        self.settings = settings
        self.models = models
    }
}
