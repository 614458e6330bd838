/// The artifact contract between the build half and the render half of RecLens.
///
/// An artifact folder (default `.reclens/`) holds:
/// - `manifest.json` — `RunManifest`: schema version, tool version, seed, dataset fingerprint,
///   the resolved run settings, model names and explained user ids;
/// - `dataset.json` — `DatasetArtifact`: counts, rating histogram, item catalogue, split summary;
/// - `models/<name>.json` — `ModelArtifact`: hyperparameters, metrics, training curves;
/// - `users/<slug>.json` — `UserArtifact`: history, held-out items, top-K per model, attributions;
/// - `neighbours.json` — `NeighboursArtifact`: each item's nearest neighbours;
/// - `fidelity.json` — `FidelityArtifact`: the explainers' fidelity benchmark (optional), with
///   `fidelity.csv` (one row per model × explainer × metric) beside it.
/// All JSON is UTF-8 with sorted keys; numbers are plain JSON numbers, except an attribution's
/// `values`: a binary tensor (little-endian `Float32`, base64; see `Attribution`).
public enum ArtifactSchema {
    /// Bumped whenever a field changes meaning or disappears. Readers refuse other versions.
    public static let version = 5
}

/// `manifest.json`: what made these artifacts.
public struct RunManifest: Sendable, Codable, Equatable {
    public var schemaVersion: Int
    /// "reclens <version>".
    public var tool: String
    public var seed: UInt64
    /// FNV-1a 64-bit hash of the filtered dataset's ids and interactions, hex.
    public var datasetFingerprint: String
    /// Resolved run settings as (name → value) display strings.
    public var settings: [String: String]
    /// Model names in leaderboard order.
    public var models: [String]
    /// Raw ids of the explained users, in page order.
    public var users: [String]
    /// Cut-off K of the evaluation and of the recommendation lists.
    public var k: Int
    /// For a shard of a sharded build (`reclens build --shard i/n`): which one, and every
    /// explained user of the whole build in page order (`users` then lists this shard's). nil
    /// for a whole build.
    public var shard: Shard?

    /// One shard of a sharded build.
    public struct Shard: Sendable, Codable, Equatable {
        /// 1-based index and shard count.
        public var index: Int
        public var count: Int
        public var allUsers: [String]

        public init(index: Int, count: Int, allUsers: [String]) {
            self.index = index
            self.count = count
            self.allUsers = allUsers
        }
    }

    public init(schemaVersion: Int = ArtifactSchema.version, tool: String, seed: UInt64, datasetFingerprint: String, settings: [String: String], models: [String], users: [String], k: Int) {
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.seed = seed
        self.datasetFingerprint = datasetFingerprint
        self.settings = settings
        self.models = models
        self.users = users
        self.k = k
    }
}
