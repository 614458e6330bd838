import Foundation
@testable import RecCore
import Testing

/// The stored form of an attribution: values as a base64 `Float32` tensor, players as columns.
@Suite struct AttributionCodingTests {
    static let meaning = ExplanationMeaning(kind: .shapley, summary: "Test <values> & \"quotes\".", additive: true, valueName: "φ", scoreUnits: true)

    /// Every kind of player (event, pruned group, feature, event × feature cell) and every kind of
    /// value (tiny, huge, negative, subnormal, infinite, NaN, duplicate cells) reads back exactly.
    @Test func everyPlayerAndValueReadsBackBitForBit() throws {
        let players = [
            Attribution.Player(label: "event -1", position: -1, historyItem: "50"),
            Attribution.Player(label: "pruned", group: ["7", "<&>"]),
            Attribution.Player(label: "rating", feature: "rating"),
            Attribution.Player(label: "event -2 × genres", position: -2, historyItem: "9", feature: "genres"),
        ]
        let values: [Float] = [1e-30, -3.25, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, 0.1, 0.2]
        var cells = values.enumerated().map { Attribution.Cell(player: $0.offset / 2, target: $0.offset % 2, value: $0.element) }
        cells.append(Attribution.Cell(player: 0, target: 0, value: 1e-30))  // summed with the first
        cells.append(Attribution.Cell(player: 3, target: 1, value: .nan))
        let attribution = Attribution(explainer: "shap", meaning: Self.meaning, level: "cell", targets: ["1", "2"], players: players,
                                      cells: cells, output: [1.5, -2], baseline: [0, 0.25])
        let data = try JSONEncoder().encode(attribution)
        let read = try JSONDecoder().decode(Attribution.self, from: data)
        #expect(read.players == players)
        #expect(read.targets == attribution.targets && read.output == [1.5, -2] && read.baseline == attribution.baseline)
        let expected = attribution.cells, got = read.cells
        #expect(got.count == expected.count)
        for (a, b) in zip(got, expected) {
            #expect(a.player == b.player && a.target == b.target && a.value.bitPattern == b.value.bitPattern)
        }
        #expect(got.first?.value == 2e-30)
        // The flat matrix and one target's column hold the same sums as `dense()` (cells summed).
        let dense = attribution.dense(), flat = attribution.denseValues()
        for t in 0..<2 {
            let column = attribution.values(forTarget: t)
            for p in players.indices {
                #expect(column[p].bitPattern == dense[p][t].bitPattern && flat[p, t].bitPattern == dense[p][t].bitPattern)
            }
        }
        #expect(dense[0][0] == 2e-30 && flat.row(1).elementsEqual(dense[1]))
        // The stored values: base64 of the dense matrix's little-endian Float32 bytes.
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let bytes = Data(base64Encoded: object["values"] as! String)!
        #expect(bytes.count == 4 * players.count * 2)
        #expect(bytes.prefix(4) == Data([0x60, 0x42, 0x22, 0x0e]))  // 2e-30 as Float32 0x0E224260, little-endian
    }

    /// Values are held dense: the non-zero cells come back player by player, −0 is held (and
    /// stored) as 0, and a matrix and the cells it lists make equal attributions.
    @Test func denseValuesListTheirNonZeroCellsAndHoldNoNegativeZero() throws {
        let players = (0..<3).map { Attribution.Player(label: "event -\($0 + 1)", position: -($0 + 1), historyItem: "\($0)") }
        let flat: [Float] = [0, 1.5, -0.0, 0, -2, 0.25]
        let dense = Attribution(explainer: "lime", meaning: Self.meaning, level: "event", targets: ["a", "b"], players: players,
                                values: .init(players: 3, targets: 2, flat: flat), output: [1, 2], baseline: [0, 0])
        #expect(dense.values.flat.allSatisfy { $0.sign == .plus || $0 != 0 })
        #expect(dense.cells.map { [$0.player, $0.target] } == [[0, 1], [2, 0], [2, 1]])
        #expect(dense.cells.map(\.value) == [1.5, -2, 0.25])
        let listed = Attribution(explainer: "lime", meaning: Self.meaning, level: "event", targets: ["a", "b"], players: players,
                                 cells: [.init(player: 2, target: 1, value: 0.25), .init(player: 0, target: 1, value: 1.5), .init(player: 2, target: 0, value: -2),
                                         .init(player: 1, target: 0, value: -0.0)], output: [1, 2], baseline: [0, 0])
        #expect(listed == dense)
        let read = try JSONDecoder().decode(Attribution.self, from: try JSONEncoder().encode(dense))
        #expect(read == dense && read.values.flat.map(\.bitPattern) == dense.values.flat.map(\.bitPattern))
    }

    /// A column no player has is left out; one some players lack holds 0 (position) or null for
    /// them; an empty raw id stays an id.
    @Test func playerColumnsLeaveOutWhatNoPlayerHas() throws {
        let players = [Attribution.Player(label: "event -1", position: -1, historyItem: "3"), Attribution.Player(label: "pruned", group: ["1"]),
                       Attribution.Player(label: "event -2", position: -2, historyItem: "")]
        let attribution = Attribution(explainer: "timeshap", meaning: Self.meaning, level: "event", targets: ["5"], players: players,
                                      cells: [.init(player: 0, target: 0, value: 1), .init(player: 2, target: 0, value: 2)], output: [3], baseline: [0])
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(attribution)) as! [String: Any]
        let columns = object["players"] as! [String: Any]
        #expect(Set(columns.keys) == ["label", "position", "historyItem", "group"])
        #expect(columns["position"] as? String == "-1\n0\n-2\n")
        #expect(columns["label"] as? String == "event -1\npruned\nevent -2\n")
        let items = try #require(columns["historyItem"] as? [Any])
        #expect(items.count == 3 && items[0] as? String == "3" && items[1] is NSNull && items[2] as? String == "")
        #expect(try JSONDecoder().decode(Attribution.self, from: JSONSerialization.data(withJSONObject: object)).players == players)
    }

    /// A column is one string of line-terminated entries, unless an entry holds a line break
    /// (then, like a column with a null, a JSON array); both forms, and a version-4 column of
    /// arrays, read back exactly; a string without its final line break is an error.
    @Test func columnsAreLineTerminatedStringsUnlessAnEntryHoldsALineBreak() throws {
        let players = [Attribution.Player(label: "Heat (1995)", position: -1, historyItem: "6"),
                       Attribution.Player(label: "Two\nlines <&>", position: -2, historyItem: ""),
                       Attribution.Player(label: "", position: -3, historyItem: "a\nb")]
        let attribution = Attribution(explainer: "e", meaning: Self.meaning, level: "event", targets: ["5"], players: players,
                                      cells: [.init(player: 0, target: 0, value: 1)], output: [1], baseline: [0])
        let data = try JSONEncoder().encode(attribution)
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var columns = object["players"] as! [String: Any]
        #expect(columns["label"] as? [String] == players.map(\.label))
        #expect(columns["historyItem"] as? [String] == ["6", "", "a\nb"])
        #expect(columns["position"] as? String == "-1\n-2\n-3\n")
        #expect(try JSONDecoder().decode(Attribution.self, from: data).players == players)

        let plain = Array(players.prefix(1)) + [Attribution.Player(label: "", position: -2, historyItem: "")]
        let simple = Attribution(explainer: "e", meaning: Self.meaning, level: "event", targets: ["5"], players: plain,
                                 cells: [.init(player: 0, target: 0, value: 1)], output: [1], baseline: [0])
        let simpleData = try JSONEncoder().encode(simple)
        let simpleColumns = (try JSONSerialization.jsonObject(with: simpleData) as! [String: Any])["players"] as! [String: Any]
        #expect(simpleColumns["label"] as? String == "Heat (1995)\n\n")
        #expect(simpleColumns["historyItem"] as? String == "6\n\n")
        #expect(try JSONDecoder().decode(Attribution.self, from: simpleData).players == plain)

        columns["position"] = [-1, -2, -3]  // the array form of schema version 4
        object["players"] = columns
        #expect(try JSONDecoder().decode(Attribution.self, from: JSONSerialization.data(withJSONObject: object)).players == players)
        columns["position"] = "-1\n-2\n-3"
        object["players"] = columns
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Attribution.self, from: JSONSerialization.data(withJSONObject: object)) }
        columns["position"] = "-1\nx\n-3\n"
        object["players"] = columns
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Attribution.self, from: JSONSerialization.data(withJSONObject: object)) }
    }

    /// Values that are not base64 of whole floats, or columns of different lengths, are errors.
    @Test func malformedValuesOrColumnsAreRejected() throws {
        let attribution = Attribution(explainer: "e", meaning: Self.meaning, level: "event", targets: ["5"],
                                      players: [.init(label: "event -1", position: -1, historyItem: "3")],
                                      cells: [.init(player: 0, target: 0, value: 1)], output: [1], baseline: [0])
        var object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(attribution)) as! [String: Any]
        object["values"] = "AAA="  // 2 bytes
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Attribution.self, from: JSONSerialization.data(withJSONObject: object)) }
        object["values"] = Data(count: 8).base64EncodedString()  // two floats for one cell
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Attribution.self, from: JSONSerialization.data(withJSONObject: object)) }
        object["values"] = Data(count: 4).base64EncodedString()
        object["players"] = ["label": ["event -1"], "position": [-1, -2]]
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Attribution.self, from: JSONSerialization.data(withJSONObject: object)) }
    }
}
