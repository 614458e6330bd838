import Dispatch

/// Item-based collaborative filtering with cosine similarity (Sarwar et al. 2001; as
/// `implicit.nearest_neighbours.CosineRecommender`).
///
/// sim(i, j) = |U(i) ∩ U(j)| / √(|U(i)| · |U(j)|) on the binary training matrix; each item keeps
/// its `neighbours` most similar items, S[j] (a sparse row). The score of item i for user u is
/// Σ_{j ∈ H(u)} S[j][i], so each distinct history item j contributes exactly S[j][i]: the
/// explanation is exact, not approximated.
public struct ItemKNN: Recommender {
    /// Hyperparameters with documented defaults.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Neighbours kept per item (top-N of each similarity row). Default 100.
        public var neighbours: Int
        public init(neighbours: Int = 100) { self.neighbours = neighbours }
    }

    public let name = "itemknn"
    public let displayName = "ItemKNN (cosine)"
    public var summary: String {
        "Item-item collaborative filtering: two items are similar when the same users interacted with both (cosine similarity of their user sets). Each item keeps its \(configuration.neighbours) nearest neighbours; a user's score for an item is the sum of its similarities to the items in their history, so every history item's contribution is known exactly."
    }
    public var hyperparameters: [String: String] { ["neighbours": "\(configuration.neighbours)", "similarity": "cosine (binary)"] }
    public let configuration: Configuration
    public let itemCount: Int
    /// Row offsets into `neighbourItems`/`neighbourSimilarities`, `itemCount + 1` entries.
    public let neighbourStart: [Int]
    /// Neighbour item of each stored similarity, rows sorted by decreasing similarity.
    public let neighbourItems: [Int32]
    /// Cosine similarity of each stored neighbour, in (0, 1].
    public let neighbourSimilarities: [Float]
    /// The training matrix (histories of users).
    public let train: InteractionMatrix

    /// Fits the similarity rows. O(Σ_u |H(u)|²) time, parallel over items; deterministic.
    public init(train: InteractionMatrix, configuration: Configuration = .init()) {
        self.configuration = configuration
        self.train = train
        let itemCount = train.itemCount
        self.itemCount = itemCount
        let userItems = ItemKNN.distinctItems(train)
        // Transpose: users of each item.
        var starts = [Int](repeating: 0, count: itemCount + 1)
        for row in userItems { for i in row { starts[Int(i) + 1] += 1 } }
        for i in 0..<itemCount { starts[i + 1] += starts[i] }
        var users = [Int32](repeating: 0, count: starts[itemCount])
        var fill = starts
        for (u, row) in userItems.enumerated() {
            for i in row {
                users[fill[Int(i)]] = Int32(u)
                fill[Int(i)] += 1
            }
        }
        let columnStart = starts, columnUsers = users
        let norms = (0..<itemCount).map { Float(columnStart[$0 + 1] - columnStart[$0]).squareRoot() }
        let k = configuration.neighbours
        var rows = [[(Int32, Float)]](repeating: [], count: itemCount)
        let chunk = 64
        let chunks = (itemCount + chunk - 1) / chunk
        rows.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var accumulator = [Float](repeating: 0, count: itemCount)
                var touched: [Int32] = []
                for i in (c * chunk)..<min(itemCount, (c + 1) * chunk) {
                    for p in columnStart[i]..<columnStart[i + 1] {
                        for j in userItems[Int(columnUsers[p])] where Int(j) != i {
                            if accumulator[Int(j)] == 0 { touched.append(j) }
                            accumulator[Int(j)] += 1
                        }
                    }
                    var candidates: [ScoredItem] = touched.map { j in
                        ScoredItem(item: Int(j), score: accumulator[Int(j)] / (norms[i] * norms[Int(j)]))
                    }
                    for j in touched { accumulator[Int(j)] = 0 }
                    touched.removeAll(keepingCapacity: true)
                    candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.item < $1.item }
                    output.buffer[i] = candidates.prefix(k).map { (Int32($0.item), $0.score) }
                }
            }
        }
        var start = [0], items: [Int32] = [], similarities: [Float] = []
        for row in rows {
            for (j, s) in row {
                items.append(j)
                similarities.append(s)
            }
            start.append(items.count)
        }
        neighbourStart = start
        neighbourItems = items
        neighbourSimilarities = similarities
    }

    /// Each user's distinct training items, ascending.
    static func distinctItems(_ train: InteractionMatrix) -> [[Int32]] {
        (0..<train.userCount).map { u in Array(Set(train.items[train.range(ofUser: u)])).sorted() }
    }

    /// The stored neighbours of item `item`, most similar first.
    public func neighbours(ofItem item: Int) -> [ScoredItem] {
        (neighbourStart[item]..<neighbourStart[item + 1]).map {
            ScoredItem(item: Int(neighbourItems[$0]), score: neighbourSimilarities[$0])
        }
    }

    /// S[j][i]: the similarity stored in item j's neighbour row for item i, 0 when i is not a neighbour.
    public func storedSimilarity(from j: Int, to i: Int) -> Float {
        for p in neighbourStart[j]..<neighbourStart[j + 1] where Int(neighbourItems[p]) == i {
            return neighbourSimilarities[p]
        }
        return 0
    }

    /// Items that are no neighbour of any history item score `-infinity` (no evidence, never
    /// recommended), so a user with an empty history gets an empty list.
    public func scores(forUser user: Int, into scores: inout [Float]) {
        for i in 0..<itemCount { scores[i] = -.infinity }
        // Distinct history items in ascending order: a fixed summation order keeps scores bit-identical.
        for j in Array(Set(train.items[train.range(ofUser: user)])).sorted() {
            for p in neighbourStart[Int(j)]..<neighbourStart[Int(j) + 1] {
                let i = Int(neighbourItems[p])
                scores[i] = scores[i] == -.infinity ? neighbourSimilarities[p] : scores[i] + neighbourSimilarities[p]
            }
        }
    }

    /// Contribution of each training event of `user` (time order) to `item`'s score. A history
    /// item seen several times is credited to its most recent event; earlier repeats get 0.
    public func contributions(ofUser user: Int, toItem item: Int) -> [Float] {
        let range = train.range(ofUser: user)
        var result = [Float](repeating: 0, count: range.count)
        var credited = Set<Int32>()
        for k in range.reversed() {
            let j = train.items[k]
            if credited.insert(j).inserted {
                result[k - range.lowerBound] = storedSimilarity(from: Int(j), to: item)
            }
        }
        return result
    }
}

/// Lets `concurrentPerform` closures write disjoint elements of a buffer (Swift 6 strict
/// concurrency). Callers guarantee that no two iterations touch the same element.
public struct UnsafeSendable<Element>: @unchecked Sendable {
    public let buffer: UnsafeMutableBufferPointer<Element>
    public init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

extension ItemKNN {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "Σ cosine", meaning: "the sum of the item's cosine similarities to the items of the user's history (each in (0, 1]; 0 = no neighbour in the history).")
    }
}
