import RecCore
import Testing

/// The embedded synthetic data plants genre tastes and trigger → follower rules; the ItemKNN
/// explanations shown on the site must recover them.
@Suite struct PlantedStructureTests {
    static let world = SyntheticGenerator.generateWithTruth(SyntheticGenerator.Configuration())
    static let split = Split(world.dataset.interactions, strategy: .globalTime(testFraction: 0.2), seed: 42)
    static let knn = ItemKNN(train: split.train)

    @Test func followersAreAmongTheirTriggersNearestNeighbours() {
        let rules = Self.world.truth.rules
        let recovered = rules.filter { rule in
            Self.knn.neighbours(ofItem: rule.trigger).prefix(5).contains { $0.item == rule.follower }
        }
        // Random neighbours would hit with probability 5/1682 per rule.
        #expect(Double(recovered.count) >= 0.8 * Double(rules.count), "\(recovered.count) of \(rules.count) rules recovered")
    }

    @Test func triggerIsTheTopContributorWhenItsFollowerIsRecommended() {
        // Users whose history holds a trigger but not its follower: when the follower is in
        // their top-10, the trigger event should be the largest contribution to its score.
        let train = Self.split.train
        var cases = 0, triggerFirst = 0
        var buffer: [Float] = []
        for u in 0..<train.userCount {
            let history = Set(train.items[train.range(ofUser: u)].map(Int.init))
            let top = Self.knn.topK(forUser: u, k: 10, excluding: train.items[train.range(ofUser: u)], buffer: &buffer)
            for rule in Self.world.truth.rules where history.contains(rule.trigger) && top.contains(where: { $0.item == rule.follower }) {
                let contributions = Self.knn.contributions(ofUser: u, toItem: rule.follower)
                let best = contributions.indices.max { contributions[$0] < contributions[$1] }!
                cases += 1
                if Int(train.items[train.rowStart[u] + best]) == rule.trigger { triggerFirst += 1 }
            }
        }
        #expect(cases >= 50)
        #expect(Double(triggerFirst) >= 0.6 * Double(cases), "trigger first in \(triggerFirst) of \(cases) cases")
    }

    @Test func recommendationsLeanTowardsEachUsersTopGenre() {
        let d = Self.world.dataset, train = Self.split.train
        let genreCount = d.genreNames.count
        var catalogue = [Double](repeating: 0, count: genreCount)
        for item in d.items { for g in item.genres { catalogue[g] += 1 / Double(d.itemCount) } }
        var inTopGenre = 0.0, expected = 0.0, lists = 0
        var buffer: [Float] = []
        for u in 0..<train.userCount where train.rowCount(ofUser: u) > 0 {
            let g = Self.world.truth.topGenre(ofUser: u)
            let top = Self.knn.topK(forUser: u, k: 10, excluding: train.items[train.range(ofUser: u)], buffer: &buffer)
            inTopGenre += Double(top.count { d.items[$0.item].genres.contains(g) }) / Double(max(top.count, 1))
            expected += catalogue[g]
            lists += 1
        }
        // The share of recommended items in the user's favourite genre is well above the catalogue share.
        #expect(inTopGenre / Double(lists) > 1.5 * expected / Double(lists))
    }
}
