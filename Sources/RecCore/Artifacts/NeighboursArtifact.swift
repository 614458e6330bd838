/// `neighbours.json`: each item's nearest neighbours under one model's item-item similarity.
public struct NeighboursArtifact: Sendable, Codable, Equatable {
    /// Model that defines the similarity ("itemknn").
    public var model: String
    /// Description of the similarity, e.g. "cosine of the items' user sets".
    public var similarity: String
    /// One row per item, in dense-index order of `DatasetArtifact.items`.
    public var rows: [[Neighbour]]

    public init(model: String, similarity: String, rows: [[Neighbour]]) {
        self.model = model
        self.similarity = similarity
        self.rows = rows
    }

    public struct Neighbour: Sendable, Codable, Equatable {
        /// Raw item id.
        public var item: String
        public var similarity: Float
        public init(item: String, similarity: Float) {
            self.item = item
            self.similarity = similarity
        }
    }
}

/// Everything `render` needs, read from (or about to be written to) an artifact folder.
public struct ArtifactBundle: Sendable, Equatable {
    public var manifest: RunManifest
    public var dataset: DatasetArtifact
    public var models: [ModelArtifact]
    public var users: [UserArtifact]
    public var neighbours: NeighboursArtifact?
    /// The explainers' fidelity benchmark (`fidelity.json`), nil when it was not run.
    public var fidelity: FidelityArtifact?

    public init(manifest: RunManifest, dataset: DatasetArtifact, models: [ModelArtifact], users: [UserArtifact], neighbours: NeighboursArtifact?,
                fidelity: FidelityArtifact? = nil) {
        self.manifest = manifest
        self.dataset = dataset
        self.models = models
        self.users = users
        self.neighbours = neighbours
        self.fidelity = fidelity
    }
}
