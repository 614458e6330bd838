/// What TimeSHAP needs from a GRU-based sequential recommender: its weights, how it turns a
/// user's last events into input vectors, and how a final hidden state becomes item scores.
public protocol GRUSequenceModel: Recommender {
    /// The recurrent layer (PyTorch layout, gates r, z, n).
    var weights: GRUWeights { get }
    /// itemCount × E output (and input) item embeddings.
    var itemEmbeddings: Matrix { get }
    /// Feature groups of the D-wide event input; group 0 is the item embedding.
    var featureGroups: [EventFeatureGroup] { get }
    /// Events L the model reads (the user's most recent).
    var maxLength: Int { get }
    /// Per item, whether the model may recommend it (false: its score is −∞).
    var recommendable: [Bool] { get }
    /// The user's last ≤ L training events, oldest first: item indices and n × D input vectors.
    func inputSequence(ofUser user: Int) -> (items: [Int32], inputs: Matrix)
    /// The D-wide input vector of an absent event.
    func baselineInput(_ baseline: EventBaseline) -> [Float]
    /// B × E query vectors from B final hidden states (B × H).
    func queries(hidden: UnsafePointer<Float>, batch: Int) -> Matrix
}

extension GRU4Rec: GRUSequenceModel {}
