import Foundation

/// Generates the embedded demo dataset: ML-100K-shaped, deterministic for a seed, with planted
/// genre tastes and trigger → follower rules (see `Data/README.md` for the generative process).
public struct SyntheticGenerator {
    /// Size, seed and planted-structure knobs. The defaults give an ML-100K-like dataset.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Number of users.
        public var users = 943
        /// Number of items (all kept, even if never drawn).
        public var items = 1682
        /// Total number of interactions (exact unless users × per-user cap is smaller).
        public var interactions = 100_000
        /// Seed of the one random stream.
        public var seed: UInt64 = 42
        /// Fewest events per user (lowered when `interactions / users` is smaller).
        public var minimumEventsPerUser = 20
        /// σ of the log-normal user activity weights (heavier tail when larger).
        public var activitySpread = 1.0
        /// Item popularity ∝ 1 / (rank + offset)^exponent.
        public var popularityExponent = 1.0
        /// Offset of the Zipf law; flattens the head.
        public var popularityOffset = 15.0
        /// Number of trigger → follower rules (at most items / 4).
        public var rules = 60
        /// Probability that the event after a trigger is its follower.
        public var followProbability = 0.7
        /// Probability that an event ignores taste (drawn by popularity alone).
        public var explorationRate = 0.1
        /// First timestamp (Unix seconds); default 1997-09-20 like ML-100K.
        public var startTime: Int64 = 874_724_710
        /// Length of the time window in days.
        public var days = 215

        /// The defaults (ML-100K-like).
        public init() {}

        /// An ML-100K-shaped configuration of `interactions` events: users grow linearly and
        /// items with the square root of `interactions / 100_000`.
        public static func shaped(interactions: Int, seed: UInt64 = 42) -> Configuration {
            var c = Configuration()
            let scale = Double(interactions) / 100_000
            c.interactions = interactions
            c.users = max(1, Int((943 * scale).rounded()))
            c.items = max(20, Int((1682 * scale.squareRoot()).rounded()))
            c.seed = seed
            return c
        }
    }

    /// The generated dataset.
    public static func generate(_ configuration: Configuration = .init()) -> Dataset {
        generateWithTruth(configuration).dataset
    }

    /// The generated dataset and the structure planted in it.
    /// - Complexity: O(interactions + items + users × genres).
    public static func generateWithTruth(_ c: Configuration = .init()) -> (dataset: Dataset, truth: SyntheticTruth) {
        precondition(c.users > 0 && c.items > 0 && c.interactions >= 0)
        let root = SplitMix64(seed: c.seed)
        let world = SyntheticWorld(c, rng: root.derived(1))
        var rng = root.derived(2)
        let counts = activity(c, &rng)
        var tastes: [[Float]] = []
        var userInfo: [UserInfo] = []
        tastes.reserveCapacity(c.users)
        userInfo.reserveCapacity(c.users)
        for _ in 0..<c.users {
            userInfo.append(SyntheticCatalogue.userFeatures(&rng))
            tastes.append(world.taste(&rng))
        }
        let total = counts.reduce(0, +)
        var rowStart = [0], items = [Int32](), ratings = [Float](), times = [Int64]()
        rowStart.reserveCapacity(c.users + 1)
        items.reserveCapacity(total); ratings.reserveCapacity(total); times.reserveCapacity(total)
        var seen = [Int32](repeating: -1, count: c.items)
        var gaps: [Double] = []
        let span = Double(c.days) * 86_400
        for u in 0..<c.users {
            var r = root.derived(UInt64(1_000 + u))
            let sampler = world.sampler(for: tastes[u])
            let bias = 0.35 * r.nextGaussian()
            let start = r.nextDouble() * 0.8 * span
            let active = (span - start) * (0.15 + 0.85 * r.nextDouble())
            var pending = -1
            gaps.removeAll(keepingCapacity: true)
            for _ in 0..<counts[u] {
                var item: Int
                var followed = false
                if pending >= 0, seen[pending] != Int32(u), r.nextDouble() < c.followProbability {
                    item = pending
                    followed = true
                } else {
                    item = world.drawUnseen(sampler, user: Int32(u), seen: seen, &r)
                }
                seen[item] = Int32(u)
                pending = world.followerOf[item]
                // Negative = a fixed gap of that many seconds (followers come 30 s to 30 min later).
                gaps.append(followed ? -Double(30 + r.nextInt(below: 1800)) : -log(1 - r.nextDouble()))
                let match = world.match(sampler, item: item)
                let score = 2.4 + 1.9 * match + world.quality[item] + bias + 0.7 * r.nextGaussian()
                items.append(Int32(item))
                ratings.append(Float(min(5, max(1, score.rounded()))))
            }
            // Exponential spacings scaled so the user's events fit in [start, start + active].
            let fixed = gaps.dropFirst().reduce(0) { $0 + max(0, -$1) }
            let free = gaps.dropFirst().reduce(-log(1 - r.nextDouble())) { $0 + max(0, $1) }
            let scale = max(0, active - fixed) / free
            var time = c.startTime + Int64(start)
            for (k, gap) in gaps.enumerated() {
                if k > 0 { time += gap < 0 ? Int64(-gap) : max(1, Int64(gap * scale)) }
                times.append(time)
            }
            rowStart.append(items.count)
        }
        let matrix = InteractionMatrix(
            userCount: c.users, itemCount: c.items, rowStart: rowStart, items: items, ratings: ratings, timestamps: times)
        let dataset = Dataset(
            name: "synthetic", format: .synthetic, userIDs: (1...c.users).map(String.init),
            itemIDs: (1...c.items).map(String.init), items: world.info, users: userInfo,
            genreNames: MovieLens100kParser.standardGenres, interactions: matrix, ratingScale: 1...5)
        let truth = SyntheticTruth(
            tastes: tastes, rules: world.rules, followProbability: c.followProbability,
            explorationRate: c.explorationRate, popularity: world.popularity)
        return (dataset, truth)
    }

    /// Events per user: `minimumEventsPerUser` each plus a log-normal share of the rest, capped
    /// at half the catalogue; sums to `interactions` unless every user is capped.
    static func activity(_ c: Configuration, _ rng: inout SplitMix64) -> [Int] {
        let cap = max(1, c.items / 2)
        let base = min(c.minimumEventsPerUser, c.interactions / c.users, cap)
        let weights = (0..<c.users).map { _ in exp(c.activitySpread * rng.nextGaussian()) }
        let sum = weights.reduce(0, +)
        let rest = Double(c.interactions - base * c.users)
        var counts = weights.map { min(cap, base + Int(rest * $0 / sum)) }
        var missing = c.interactions - counts.reduce(0, +)
        var open = (0..<c.users).filter { counts[$0] < cap }
        while missing > 0 && !open.isEmpty {
            let j = rng.nextInt(below: open.count)
            counts[open[j]] += 1
            missing -= 1
            if counts[open[j]] == cap { open.swapAt(j, open.count - 1); open.removeLast() }
        }
        return counts
    }
}
