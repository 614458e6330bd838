import Foundation
import RecCore
import RecTestSupport
import Testing

/// Import of PyTorch-trained GRU4Rec state dicts (fixtures made by
/// scripts/peers/make_gru4rec_fixture.py) and the forward pass against PyTorch's scores.
@Suite struct GRU4RecImportTests {
    /// (sequence of raw ids, raw item id → PyTorch score), in file order.
    static func expected(_ name: String) throws -> [(sequence: [String], scores: [String: Float])] {
        let text = String(decoding: try SharedData.fixture("import/\(name)-expected.csv").bytes, as: UTF8.self)
        var result: [(sequence: [String], scores: [String: Float])] = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            let sequence = f[0].split(separator: " ").map(String.init)
            if result.last?.sequence != sequence { result.append((sequence, [:])) }
            result[result.count - 1].scores[f[1]] = Float(f[2])!
        }
        return result
    }

    /// Items raw "1"…"11" (all present); user "u<k>" has sequence k of the fixture as its history.
    static func dataset(_ sequences: [[String]]) -> Dataset {
        var builder = DatasetBuilder()
        var time: Int64 = 1_000
        for item in 1...11 { builder.add(user: "all", item: "\(item)", rating: 1, timestamp: 0) }
        for (k, s) in sequences.enumerated() {
            for item in s {
                builder.add(user: "u\(k)", item: item, rating: 1, timestamp: time)
                time += 60
            }
        }
        return builder.build(name: "fixture", format: .csv)
    }

    @Test(arguments: ["gru4rec-out", "gru4rec-tied"])
    func forwardMatchesPyTorch(name: String) throws {
        let expected = try Self.expected(name)
        #expect(expected.count == 6 && expected.allSatisfy { $0.scores.count == 11 })
        let data = Self.dataset(expected.map(\.sequence))
        let model = try GRU4Rec(archive: NumPyArchive(SharedData.fixture("import/\(name).npz")), dataset: data,
                                train: data.interactions, maxLength: 30)
        #expect(model.name == "gru4rec-imported" && model.displayName == "GRU4Rec (imported)")
        #expect(model.ignoredItems == 1 && model.featureGroups.map(\.name) == ["item"] && model.curves.isEmpty)
        #expect((model.outputLayer != nil) == (name == "gru4rec-out"))
        var byUser = [Float](repeating: 0, count: model.itemCount)
        for (k, want) in expected.enumerated() {
            let items = want.sequence.map { Int32(data.itemIDs.firstIndex(of: $0)!) }
            let fromSequence = model.scores(forSequence: items)
            model.scores(forUser: data.userIDs.firstIndex(of: "u\(k)")!, into: &byUser)
            #expect(model.inputSequence(ofUser: data.userIDs.firstIndex(of: "u\(k)")!).items == items)
            for (i, raw) in data.itemIDs.enumerated() {
                let score = try #require(want.scores[raw])
                // Mixed tolerance: 1e-5 absolute for |score| ≤ 1, 1e-5 relative above.
                #expect(abs(fromSequence[i] - score) <= 1e-5 * max(1, abs(score)), "\(name) sequence \(k) item \(raw)")
                #expect(abs(byUser[i] - score) <= 1e-5 * max(1, abs(score)), "\(name) user u\(k) item \(raw)")
            }
        }
    }

    @Test func maxLengthKeepsTheLastEventsAndBaselinesUseThePaddingRow() throws {
        let expected = try Self.expected("gru4rec-out")
        let data = Self.dataset(expected.map(\.sequence))
        let archive = try NumPyArchive(SharedData.fixture("import/gru4rec-out.npz"))
        let model = try GRU4Rec(archive: archive, dataset: data, train: data.interactions, maxLength: 5)
        let user = data.userIDs.firstIndex(of: "u5")!  // 25 events
        let (items, inputs) = model.inputSequence(ofUser: user)
        let all = expected[5].sequence.map { Int32(data.itemIDs.firstIndex(of: $0)!) }
        #expect(items == Array(all.suffix(5)) && inputs.rows == 5 && inputs.columns == 6)
        var scores = [Float](repeating: 0, count: model.itemCount)
        model.scores(forUser: user, into: &scores)
        #expect(scores == model.scores(forSequence: Array(all.suffix(5))))
        #expect(scores != model.scores(forSequence: all))
        let padding = archive["item_emb.weight"]!.floats!.prefix(6)
        #expect(model.baselineInput(.zero) == Array(padding))
        #expect(model.baselineInput(.item(3)) == model.itemEmbeddings.row(3))
        let mean = model.baselineInput(.meanItem)
        for c in 0..<6 {
            let column = (0..<11).reduce(Float(0)) { $0 + model.itemEmbeddings[$1, c] } / 11
            #expect(abs(mean[c] - column) < 1e-6)
        }
    }

    /// The training objective's forward pass is the model's: with PyTorch's weights, the sampled
    /// softmax loss of one window equals the cross-entropy computed from `scores(forSequence:)`.
    @Test func trainingForwardEqualsInference() throws {
        let expected = try Self.expected("gru4rec-out")
        let data = Self.dataset(expected.map(\.sequence))
        let model = try GRU4Rec(archive: NumPyArchive(SharedData.fixture("import/gru4rec-out.npz")), dataset: data,
                                train: data.interactions, maxLength: 30)
        let w = model.weights, out = try #require(model.outputLayer)
        var p = GRUParameters<Float>(items: 11, embeddingSize: 6, featureSize: 0, hiddenSize: 5, outputLayer: true)
        (p.embedding, p.weightIH, p.weightHH, p.biasIH, p.biasHH) = (model.itemEmbeddings.values, w.weightIH.values, w.weightHH.values, w.biasIH, w.biasHH)
        (p.outWeight, p.outBias) = (out.weight.values, out.bias)
        let items = expected[3].sequence.map { Int32(data.itemIDs.firstIndex(of: $0)!) }  // 8 events
        let negatives: [Int32] = [2, 7, 7, 10, 0]
        var batch = GRUBatch(lengths: [items.count - 1, 3], featureSize: 0, negatives: negatives)
        var manual = 0.0
        for t in 0..<(items.count - 1) {
            batch.set(window: 0, step: t, input: items[t], target: items[t + 1], features: [])
            let scores = model.scores(forSequence: Array(items[0...t]))
            let logits = [scores[Int(items[t + 1])]] + negatives.map { scores[Int($0)] }
            manual += log(logits.map { exp(Double($0)) }.reduce(0, +)) - Double(logits[0])
        }
        for t in 0..<3 {
            batch.set(window: 1, step: t, input: items[t + 2], target: items[t + 3], features: [])
            let scores = model.scores(forSequence: Array(items[2...(t + 2)]))
            let logits = [scores[Int(items[t + 3])]] + negatives.map { scores[Int($0)] }
            manual += log(logits.map { exp(Double($0)) }.reduce(0, +)) - Double(logits[0])
        }
        var gradient = GRUParameters<Float>(items: 11, embeddingSize: 6, featureSize: 0, hiddenSize: 5, outputLayer: true)
        let loss = GRUObjective.minibatch(p, batch: batch, loss: .sampledSoftmax, scale: 1, workspace: GRUWorkspace<Float>(), gradient: &gradient)
        #expect(abs(Double(loss) - manual) <= 1e-5 * max(1, manual), "objective \(loss), from scores \(manual)")
    }

    static func archive(_ changes: [String: NumPyArray?]) throws -> NumPyArchive {
        var archive = try NumPyArchive(SharedData.fixture("import/gru4rec-out.npz"))
        archive.name = "models/gru.npz"
        for (key, value) in changes { archive.arrays[key] = value }
        return archive
    }

    static func floats(_ shape: [Int]) -> NumPyArray {
        NumPyArray(shape: shape, values: .float32([Float](repeating: 0.1, count: shape.reduce(1, *))))
    }

    @Test(arguments: [
        (["gru.weight_hh_l0": nil], "missing array 'gru.weight_hh_l0'"),
        (["item_ids": nil], "missing array 'item_ids'"),
        (["out.bias": nil], "missing array 'out.bias' ('out.weight' is present)"),
        (["gru.weight_ih_l0": floats([15, 5])], "'gru.weight_ih_l0' must have shape [3H, E] = [15, 6]"),
        (["gru.weight_hh_l0": floats([14, 5])], "'gru.weight_hh_l0' must have shape [3H, H], got [14, 5]"),
        (["gru.bias_hh_l0": floats([14])], "'gru.bias_hh_l0' must be a float vector of 15 elements"),
        (["out.weight": floats([5, 6])], "'out.weight' must have shape [E, H] = [6, 5]"),
        (["item_emb.weight": floats([12])], "'item_emb.weight' must be a 2-D float array"),
        (["item_emb.weight": NumPyArray(shape: [12, 6], values: .string([String](repeating: "a", count: 72)))], "'item_emb.weight' must be a 2-D float array"),
        (["item_ids": NumPyArray(shape: [11], values: .int(Array(1...11)))], "'item_ids' has 11 ids but 'item_emb.weight' has 12 rows"),
        (["item_ids": NumPyArray(shape: [12], values: .float32([Float](repeating: 1, count: 12)))], "'item_ids' must be a 1-D array of integer or string ids"),
        (["out.weight": nil, "out.bias": nil], "without 'out.weight' the query is the hidden state, so E = 6"),
    ] as [([String: NumPyArray?], String)])
    func problemsAreDataErrorsNamingTheFile(changes: [String: NumPyArray?], message: String) throws {
        let data = Self.dataset([["1", "2"]])
        let archive = try Self.archive(changes)
        expectDataError(file: "models/gru.npz", line: 0, message) {
            _ = try GRU4Rec(archive: archive, dataset: data, train: data.interactions)
        }
    }
}
