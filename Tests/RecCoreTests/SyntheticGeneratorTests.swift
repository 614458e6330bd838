import RecCore
import Testing

@Suite struct SyntheticGeneratorTests {
    static let generated = SyntheticGenerator.generateWithTruth()

    @Test func shapeMatchesTheConfiguration() {
        let (d, _) = Self.generated
        let m = d.interactions
        #expect(d.userCount == 943 && d.itemCount == 1682 && m.count == 100_000)
        #expect(d.format == .synthetic && d.ratingScale == 1...5 && d.genreNames.count == 19)
        #expect((0..<d.userCount).allSatisfy { m.rowCount(ofUser: $0) >= 20 })
        let rows = (0..<d.userCount).map { m.rowCount(ofUser: $0) }.sorted()
        #expect(rows[rows.count - 1] > 4 * rows[rows.count / 2])  // heavy tail
        #expect(m.ratings.allSatisfy { (1...5).contains($0) && $0 == $0.rounded() })
        let mean = m.ratings.reduce(0, +) / Float(m.count)
        #expect(mean > 3 && mean < 4)
        let days = Double(m.timestamps.max()! - m.timestamps.min()!) / 86_400
        #expect(days > 150 && days < 260)
        #expect(d.items.allSatisfy { (1...3).contains($0.genres.count) && $0.year != nil && !$0.title.isEmpty })
        #expect(d.users.allSatisfy { $0.features.map(\.name) == ["age", "gender", "occupation", "zip"] })
        for u in 0..<d.userCount {  // no repeated item within a user, strictly increasing times
            let row = m.range(ofUser: u)
            #expect(Set(m.items[row]).count == row.count)
            #expect(zip(m.timestamps[row], m.timestamps[row].dropFirst()).allSatisfy { $0 < $1 })
        }
        let counts = m.itemCounts().sorted(by: >)
        #expect(counts[0] > 10 * counts[counts.count / 2])  // popularity long tail
    }

    @Test func deterministicForASeed() {
        var c = SyntheticGenerator.Configuration()
        c.interactions = 20_000
        c.users = 300
        let a = SyntheticGenerator.generateWithTruth(c), b = SyntheticGenerator.generateWithTruth(c)
        #expect(a.dataset == b.dataset && a.truth == b.truth)
        c.seed = 43
        let other = SyntheticGenerator.generate(c)
        #expect(other != a.dataset && other.interactions.items != a.dataset.interactions.items)
    }

    @Test func plantedRuleHolds() {
        let (d, truth) = Self.generated
        #expect(truth.rules.count == 60)
        #expect(Set(truth.rules.map(\.trigger) + truth.rules.map(\.follower)).count == 120)
        let follower = Dictionary(uniqueKeysWithValues: truth.rules.map { ($0.trigger, $0.follower) })
        let m = d.interactions
        var triggers = 0, followed = 0
        for u in 0..<d.userCount {
            let row = m.range(ofUser: u)
            for k in row.dropLast() {
                guard let f = follower[Int(m.items[k])] else { continue }
                triggers += 1
                if Int(m.items[k + 1]) == f { followed += 1 }
            }
        }
        #expect(triggers > 1000)
        #expect(Double(followed) / Double(triggers) >= 0.5)
    }

    @Test func usersOverRepresentTheirTopGenre() {
        let (d, truth) = Self.generated
        let m = d.interactions
        var catalogueShare = [Double](repeating: 0, count: 19)
        for item in d.items { for g in item.genres { catalogueShare[g] += 1 / Double(d.itemCount) } }
        var lifts: [Double] = []
        for u in 0..<d.userCount {
            let g = truth.topGenre(ofUser: u)
            let row = m.range(ofUser: u)
            let share = Double(row.filter { d.items[Int(m.items[$0])].genres.contains(g) }.count) / Double(row.count)
            lifts.append(share / catalogueShare[g])
        }
        #expect(lifts.filter { $0 > 1.5 }.count > d.userCount * 9 / 10)
        #expect(truth.tastes.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-4 && $0.filter { $0 > 0 }.count <= 3 })
    }

    @Test func ratingsAreHigherWhenTasteMatches() {
        let (d, truth) = Self.generated
        let m = d.interactions
        var matched: [Float] = [], unmatched: [Float] = []
        for u in 0..<d.userCount {
            for k in m.range(ofUser: u) {
                let match = d.items[Int(m.items[k])].genres.contains { truth.tastes[u][$0] > 0 }
                if match { matched.append(m.ratings[k]) } else { unmatched.append(m.ratings[k]) }
            }
        }
        let mean = { (x: [Float]) in x.reduce(0, +) / Float(x.count) }
        #expect(unmatched.count > 1000 && mean(matched) > mean(unmatched) + 0.5)
    }

    @Test func escapingTitlesArePresent() {
        let titles = Set(Self.generated.dataset.items.map(\.title))
        for t in ["Café <Noir> & \"Friends\" (1996)", "L'Été (1994)", "Ærø Sunrise (1997)", "<script>alert(1)</script> (1998)"] {
            #expect(titles.contains(t))
        }
    }

    @Test func csvRoundTripThroughTheParser() throws {
        var c = SyntheticGenerator.Configuration()
        c.interactions = 5_000
        c.users = 100
        c.items = 300
        let d = SyntheticGenerator.generate(c)
        let parsed = try CSVParser.parse(
            ratings: SourceFile(name: "s.csv", bytes: SyntheticGenerator.writeCSV(d)),
            items: SourceFile(name: "i.csv", bytes: SyntheticGenerator.writeItemsCSV(d)))
        let kept = Set(d.interactions.items.map(Int.init))
        #expect(parsed.interactions.count == 5_000 && parsed.userIDs == d.userIDs)
        #expect(parsed.itemIDs == kept.sorted().map { d.itemIDs[$0] })
        #expect(parsed.items.map(\.title) == kept.sorted().map { d.items[$0].title })
        #expect(parsed.interactions.timestamps == d.interactions.timestamps)
        #expect(parsed.interactions.ratings == d.interactions.ratings)
    }

    @Test func tinyConfigurationsWork() {
        var c = SyntheticGenerator.Configuration()
        c.users = 3
        c.items = 6
        c.interactions = 7
        let d = SyntheticGenerator.generate(c)
        #expect(d.interactions.count == 7 && d.itemCount == 6)
        c.interactions = 1_000  // more than 3 users × a cap of 3 items each
        #expect(SyntheticGenerator.generate(c).interactions.count == 9)
    }
}
