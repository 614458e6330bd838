import Foundation

/// The catalogue side of the synthetic generator: items, popularity, genre samplers and rules.
struct SyntheticWorld {
    let genreCount = MovieLens100kParser.standardGenres.count
    var info: [ItemInfo] = []
    var popularity: [Double] = []
    var quality: [Double] = []
    var followerOf: [Int] = []
    var rules: [SyntheticTruth.Rule] = []
    /// Bit g set when the item has genre g.
    var genreMask: [UInt32] = []
    /// Items of every genre, concatenated; genre g's are `genreStart[g] ..< genreStart[g + 1]`.
    var genreItems: [Int32] = []
    var genreStart: [Int] = [0]
    /// One alias table per genre over popularity / genre count, flattened like `genreItems`
    /// (aliases are positions in `genreItems`).
    var aliasProbability: [Double] = []
    var aliasTarget: [Int32] = []
    /// Total sampling mass of each genre.
    var genreMass: [Double] = []
    var global: AliasTable
    let exploration: Double

    /// A user's sampler: taste genres with cumulative probabilities ∝ taste × genre mass.
    struct Sampler { var genres: [Int]; var cumulative: [Double]; var taste: [Double] }

    init(_ c: SyntheticGenerator.Configuration, rng: SplitMix64) {
        var rng = rng
        exploration = c.explorationRate
        let n = c.items
        var rankOf = Array(0..<n)
        rng.shuffle(&rankOf)
        popularity = rankOf.map { 1 / pow(Double($0) + c.popularityOffset, c.popularityExponent) }
        let total = popularity.reduce(0, +)
        popularity = popularity.map { $0 / total }
        global = AliasTable(weights: popularity)
        let genreTable = AliasTable(weights: SyntheticCatalogue.genreFrequency)
        var itemOfRank = [Int](repeating: 0, count: n)
        for (item, rank) in rankOf.enumerated() { itemOfRank[rank] = item }
        let special = SyntheticCatalogue.escapingTitles
        let specialRanks = [3, 11, 23, 47, 71, 99, 131]
        for _ in 0..<n {
            let genres = SyntheticCatalogue.genres(&rng, table: genreTable)
            let year = SyntheticCatalogue.year(&rng)
            let title = SyntheticCatalogue.title(&rng, year: year)
            info.append(ItemInfo(title: title, genres: genres, year: year))
            quality.append(0.4 * rng.nextGaussian())
        }
        for (k, rank) in specialRanks.enumerated() where rank < n {
            let title = special[k]
            info[itemOfRank[rank]].title = title
            info[itemOfRank[rank]].year = releaseYear(ofTitle: title)
        }
        genreMask = info.map { $0.genres.reduce(0) { $0 | (1 << UInt32($1)) } }
        for g in 0..<genreCount {
            let members = (0..<n).filter { genreMask[$0] & (1 << UInt32(g)) != 0 }
            let weights = members.map { popularity[$0] / Double(info[$0].genres.count) }
            genreMass.append(weights.reduce(0, +))
            if !members.isEmpty {
                let table = AliasTable(weights: weights)
                aliasProbability += table.probability
                aliasTarget += table.alias.map { $0 + Int32(genreStart[g]) }
            }
            genreItems += members.map(Int32.init)
            genreStart.append(genreItems.count)
        }
        // Triggers among the fairly popular, followers among the mid-tail, all distinct.
        followerOf = Array(repeating: -1, count: n)
        let ruleCount = min(c.rules, n / 4)
        if ruleCount > 0 {
            let head = max(ruleCount, n / 4), headStart = min(n / 100, n - head)
            let triggers = rng.sample(ruleCount, from: head).map { itemOfRank[headStart + $0] }
            let tailStart = headStart + head, tailCount = n - tailStart
            var followers = rng.sample(ruleCount, from: tailCount).map { itemOfRank[tailStart + $0] }
            rng.shuffle(&followers)
            for (t, f) in zip(triggers, followers) {
                followerOf[t] = f
                rules.append(SyntheticTruth.Rule(trigger: t, follower: f))
            }
        }
    }

    /// A sparse taste: 1–3 genres (30 / 45 / 25 %) chosen ∝ genre mass, exponential weights.
    func taste(_ rng: inout SplitMix64) -> [Float] {
        let u = rng.nextDouble()
        let k = u < 0.3 ? 1 : (u < 0.75 ? 2 : 3)
        let available = genreMass.indices.filter { genreMass[$0] > 0 }
        let table = AliasTable(weights: available.map { genreMass[$0] })
        var chosen: [Int] = []
        while chosen.count < min(k, available.count) {
            let g = available[table.sample(&rng)]
            if !chosen.contains(g) { chosen.append(g) }
        }
        var taste = [Float](repeating: 0, count: genreCount)
        let weights = chosen.map { _ in -log(1 - rng.nextDouble()) + 0.05 }
        let sum = weights.reduce(0, +)
        for (g, w) in zip(chosen, weights) { taste[g] = Float(w / sum) }
        return taste
    }

    func sampler(for taste: [Float]) -> Sampler {
        let genres = taste.indices.filter { taste[$0] > 0 }
        var running = 0.0
        let cumulative = genres.map { g -> Double in running += Double(taste[g]) * genreMass[g]; return running }
        return Sampler(genres: genres, cumulative: cumulative.map { $0 / running }, taste: genres.map { Double(taste[$0]) })
    }

    /// An item the user has not seen: by taste × popularity, or by popularity alone with
    /// probability `exploration`; after 64 misses, the next unseen item from a random start.
    func drawUnseen(_ s: Sampler, user: Int32, seen: [Int32], _ rng: inout SplitMix64) -> Int {
        for _ in 0..<64 {
            let item: Int
            if rng.nextDouble() < exploration {
                item = global.sample(&rng)
            } else {
                let x = rng.nextDouble()
                var j = 0
                while j < s.genres.count - 1 && x >= s.cumulative[j] { j += 1 }
                let g = s.genres[j], start = genreStart[g]
                let slot = start + rng.nextInt(below: genreStart[g + 1] - start)
                item = Int(genreItems[rng.nextDouble() < aliasProbability[slot] ? slot : Int(aliasTarget[slot])])
            }
            if seen[item] != user { return item }
        }
        let n = seen.count
        let start = rng.nextInt(below: n)
        for j in 0..<n where seen[(start + j) % n] != user { return (start + j) % n }
        return start
    }

    /// Taste mass on the item's genres, in [0, 1].
    @inline(__always) func match(_ s: Sampler, item: Int) -> Double {
        var total = 0.0
        for j in s.genres.indices where genreMask[item] & (1 << UInt32(s.genres[j])) != 0 { total += s.taste[j] }
        return total
    }
}
