import RecCore
import Testing

@Suite struct SplitTests {
    /// 3 users; timestamps 1…10 spread over them; item 4 only appears late.
    static let data = InteractionMatrix(userCount: 3, itemCount: 5, interactions: [
        Interaction(user: 0, item: 0, rating: 5, timestamp: 1), Interaction(user: 0, item: 1, rating: 3, timestamp: 2),
        Interaction(user: 0, item: 2, rating: 4, timestamp: 9),
        Interaction(user: 1, item: 0, rating: 4, timestamp: 3), Interaction(user: 1, item: 2, rating: 2, timestamp: 4),
        Interaction(user: 1, item: 4, rating: 5, timestamp: 10),
        Interaction(user: 2, item: 1, rating: 4, timestamp: 5), Interaction(user: 2, item: 3, rating: 5, timestamp: 6),
        Interaction(user: 2, item: 0, rating: 1, timestamp: 7), Interaction(user: 2, item: 2, rating: 5, timestamp: 8),
    ])

    @Test func globalTimeSplitPutsTheLastFifthInTestAndDropsColdItems() {
        let split = Split(Self.data, strategy: .globalTime(testFraction: 0.2), seed: 1)
        // The last 20 % of 10 interactions are timestamps 9 and 10; item 4 is cold and dropped.
        #expect(split.train.count == 8)
        #expect(split.test.allInteractions().map(\.timestamp) == [9])
        #expect(split.train.timestamps.allSatisfy { $0 < 9 })
        #expect(split.relevantItems(ofUser: 0) == [2])
    }

    @Test func leaveLastOutHoldsOutEachUsersLatestEvent() {
        let split = Split(Self.data, strategy: .leaveLastOut, minRelevantRating: nil, seed: 1)
        #expect(split.test.allInteractions().map(\.timestamp) == [9, 10, 8])
        #expect(split.train.count == 7)
    }

    @Test func relevanceFilterKeepsRatingsOfFourAndMore() {
        let split = Split(Self.data, strategy: .leaveLastOut, minRelevantRating: 4, seed: 1)
        #expect(split.relevantCount == 3)
        let strict = Split(Self.data, strategy: .leaveLastOut, minRelevantRating: 5, seed: 1)
        #expect(strict.relevantItems(ofUser: 0).isEmpty && strict.relevantItems(ofUser: 2) == [2])
    }

    @Test func randomHoldoutIsSeededAndDisjoint() {
        let a = Split(Self.data, strategy: .random(testFraction: 0.3), seed: 7)
        let b = Split(Self.data, strategy: .random(testFraction: 0.3), seed: 7)
        #expect(a == b)
        let train = Set(a.train.allInteractions()), test = Set(a.test.allInteractions())
        #expect(train.isDisjoint(with: test))
        #expect(train.count + test.count <= Self.data.count)
    }

    @Test func filterIteratesToKCoreAndReencodes() throws {
        let dataset = Dataset(
            name: "t", format: .csv, userIDs: ["a", "b", "c"], itemIDs: ["0", "1", "2", "3", "4"],
            items: (0..<5).map { ItemInfo(title: "I\($0)") }, users: [], genreNames: [], interactions: Self.data, ratingScale: 1...5)
        let core = try DatasetFilter(minUserInteractions: 3, minItemInteractions: 2, iterate: true).apply(to: dataset, source: "t")
        // Items 3 and 4 appear once and go; then every user still has ≥ 3 events.
        #expect(core.itemIDs == ["0", "1", "2"])
        #expect(core.interactions.itemCounts().allSatisfy { $0 >= 2 })
        #expect((0..<core.userCount).allSatisfy { core.interactions.rowCount(ofUser: $0) >= 3 })
        #expect(throws: DataError.self) {
            try DatasetFilter(minRating: 6).apply(to: dataset, source: "t")
        }
    }
}
