import Foundation

/// Turns interaction events into GRU4Rec's event feature columns [rating | time gap | genres G]
/// (each group optional), the part of the input vector after the E embedding columns.
///
/// rating: (r − μ_r) / σ_r; time gap: (log(1 + seconds since the user's previous event, 0 for
/// the first) − μ_g) / σ_g, with μ, σ over all training events (σ = 1 when the values are
/// constant); genres: multi-hot over `Dataset.genreNames`.
struct GRUEventEncoder: Sendable, Equatable {
    let embeddingSize: Int
    let useRating: Bool
    let useTimeGap: Bool
    /// G, 0 when genres are off or the dataset has none.
    let genreCount: Int
    let ratingMean: Float, ratingDeviation: Float
    let gapMean: Float, gapDeviation: Float
    /// Genre indices of each item (empty when genres are off).
    let itemGenres: [[Int]]

    /// Statistics from `train`; genres from `dataset` (same item indices).
    init(train: InteractionMatrix, dataset: Dataset, embeddingSize: Int, rating: Bool, timeGap: Bool, genres: Bool) {
        self.embeddingSize = embeddingSize
        useRating = rating
        useTimeGap = timeGap
        let withGenres = genres && !dataset.genreNames.isEmpty
        genreCount = withGenres ? dataset.genreNames.count : 0
        itemGenres = withGenres ? dataset.items.map(\.genres) : []
        (ratingMean, ratingDeviation) = Self.moments(count: train.count) { Double(train.ratings[$0]) }
        let gaps = Self.gapLogs(train)
        (gapMean, gapDeviation) = Self.moments(count: gaps.count) { Double(gaps[$0]) }
    }

    /// An encoder without event features (imported models).
    init(embeddingSize: Int) {
        self.embeddingSize = embeddingSize
        useRating = false
        useTimeGap = false
        genreCount = 0
        itemGenres = []
        (ratingMean, ratingDeviation, gapMean, gapDeviation) = (0, 1, 0, 1)
    }

    /// F.
    var featureSize: Int { (useRating ? 1 : 0) + (useTimeGap ? 1 : 0) + genreCount }

    /// "item", then the enabled groups, as column ranges of the D = E + F input vector.
    var groups: [EventFeatureGroup] {
        var result = [EventFeatureGroup(name: "item", range: 0..<embeddingSize)]
        var next = embeddingSize
        func add(_ name: String, _ width: Int) {
            result.append(EventFeatureGroup(name: name, range: next..<(next + width)))
            next += width
        }
        if useRating { add("rating", 1) }
        if useTimeGap { add("time gap", 1) }
        if genreCount > 0 { add("genres", genreCount) }
        return result
    }

    /// log(1 + seconds since the previous event of the same user) of every event (0 for a user's first).
    static func gapLogs(_ m: InteractionMatrix) -> [Float] {
        var result = [Float](repeating: 0, count: m.count)
        for u in 0..<m.userCount {
            let range = m.range(ofUser: u)
            for k in range where k > range.lowerBound {
                result[k] = Float(Foundation.log1p(Double(max(0, m.timestamps[k] - m.timestamps[k - 1]))))
            }
        }
        return result
    }

    /// Mean and standard deviation (1 when ≤ 1e-6 or no values), summed in index order.
    static func moments(count: Int, _ value: (Int) -> Double) -> (Float, Float) {
        guard count > 0 else { return (0, 1) }
        var sum = 0.0
        for k in 0..<count { sum += value(k) }
        let mean = sum / Double(count)
        var squares = 0.0
        for k in 0..<count { squares += (value(k) - mean) * (value(k) - mean) }
        let deviation = (squares / Double(count)).squareRoot()
        return (Float(mean), deviation > 1e-6 ? Float(deviation) : 1)
    }

    /// Writes the F features of an event of `item` into `out` (rating / gap nil ⇒ 0, the mean).
    func write(item: Int, rating: Float?, gapLog: Float?, into out: UnsafeMutablePointer<Float>) {
        var c = 0
        if useRating {
            out[c] = rating.map { ($0 - ratingMean) / ratingDeviation } ?? 0
            c += 1
        }
        if useTimeGap {
            out[c] = gapLog.map { ($0 - gapMean) / gapDeviation } ?? 0
            c += 1
        }
        if genreCount > 0 {
            (out + c).update(repeating: 0, count: genreCount)
            if item >= 0 { for genre in itemGenres[item] where genre < genreCount { out[c + genre] = 1 } }
        }
    }

    /// The F features of event `k` of `m` (a user's first event when `k == userStart`).
    func write(event k: Int, of m: InteractionMatrix, userStart: Int, into out: UnsafeMutablePointer<Float>) {
        let gap = k > userStart ? Float(Foundation.log1p(Double(max(0, m.timestamps[k] - m.timestamps[k - 1])))) : 0
        write(item: Int(m.items[k]), rating: m.ratings[k], gapLog: gap, into: out)
    }
}
