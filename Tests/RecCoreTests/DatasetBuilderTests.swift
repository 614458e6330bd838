import RecCore
import Testing

@Suite struct DatasetBuilderTests {
    @Test func idsAreSortedNumericallyThenTextually() {
        var b = DatasetBuilder()
        for (u, i) in [("10", "b"), ("2", "a"), ("x", "10"), ("007", "9"), ("7", "9"), ("-3", "a")] {
            b.add(user: u, item: i, rating: 1, timestamp: 0)
        }
        b.add(user: 2, item: 9, rating: 1, timestamp: 1)  // same ids as "2" and "9"
        let d = b.build(name: "t", format: .csv)
        #expect(d.userIDs == ["-3", "2", "007", "7", "10", "x"])
        #expect(d.itemIDs == ["9", "10", "a", "b"])
        #expect(d.interactions.count == 7 && d.interactions.rowCount(ofUser: 1) == 2)
        #expect(d.userIDs == d.userIDs.sorted(by: { rawIDPrecedes($0, $1) || (!rawIDPrecedes($1, $0) && $0 < $1) }))
    }

    @Test func encodingDoesNotDependOnRowOrder() {
        let rows: [(String, String, Int64)] = [("3", "c", 5), ("1", "a", 9), ("2", "b", 1), ("1", "b", 2)]
        var forward = DatasetBuilder(), backward = DatasetBuilder()
        for r in rows { forward.add(user: r.0, item: r.1, rating: 2, timestamp: r.2) }
        for r in rows.reversed() { backward.add(user: r.0, item: r.1, rating: 2, timestamp: r.2) }
        #expect(forward.build(name: "t", format: .csv) == backward.build(name: "t", format: .csv))
    }

    @Test func rowsAreSortedByTimeThenItem() {
        var b = DatasetBuilder()
        b.add(user: 1, item: 3, rating: 1, timestamp: 20)
        b.add(user: 1, item: 2, rating: 2, timestamp: 10)
        b.add(user: 1, item: 1, rating: 3, timestamp: 20)
        let m = b.build(name: "t", format: .csv).interactions
        #expect(m.items == [1, 0, 2] && m.ratings == [2, 3, 1] && m.timestamps == [10, 20, 20])
    }
}
