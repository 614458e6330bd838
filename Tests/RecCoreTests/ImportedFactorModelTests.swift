import RecCore
import RecTestSupport
import Testing

@Suite struct ImportedFactorModelTests {
    static let userIDs = ["1", "2", "3", "10"], itemIDs = ["7", "8", "9", "11", "12"]

    static func model(_ name: String) throws -> ImportedFactorModel {
        try ImportedFactorModel(archive: NumPyArchive(SharedData.fixture("import/\(name)")), userIDs: userIDs, itemIDs: itemIDs)
    }

    /// (file, user, item) → score from the fixture's expected-scores.csv (computed by numpy).
    static func expected() throws -> [String: Float] {
        let text = String(decoding: try SharedData.fixture("import/expected-scores.csv").bytes, as: UTF8.self)
        var result: [String: Float] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            result["\(f[0]) \(f[1]) \(f[2])"] = f[3] == "-inf" ? -.infinity : Float(f[3])!
        }
        return result
    }

    @Test(arguments: ["mf-int-ids.npz", "mf-string-ids.npz"])
    func scoresMatchNumPy(file: String) throws {
        let model = try Self.model(file)
        let expected = try Self.expected()
        var scores = [Float](repeating: 0, count: 5)
        for (u, user) in Self.userIDs.enumerated() {
            model.scores(forUser: u, into: &scores)
            for (i, item) in Self.itemIDs.enumerated() {
                guard let want = expected["\(file) \(user) \(item)"] else {
                    #expect(scores[i] == -.infinity, "user \(user) has no factors")
                    continue
                }
                if want == -.infinity { #expect(scores[i] == -.infinity) } else {
                    #expect(abs(scores[i] - want) <= 1e-5 * max(1, abs(want)), "\(file) user \(user) item \(item)")
                }
            }
        }
    }

    @Test func countsIgnoredAndMissingRows() throws {
        let model = try Self.model("mf-int-ids.npz")
        #expect(model.ignoredUsers == 1 && model.ignoredItems == 1)
        #expect(model.hasUser == [true, true, true, false] && model.hasItem == [true, true, true, true, false])
        #expect(model.name == "mf-imported" && model.displayName == "MF (imported)" && model.factors == 3)
        #expect(model.summary.contains("imported from mf-int-ids.npz") && model.summary.contains("1 items have no factors"))
        var buffer: [Float] = []
        #expect(model.topK(forUser: 3, k: 3, excluding: [], buffer: &buffer).isEmpty)
        #expect(model.topK(forUser: 0, k: 10, excluding: [], buffer: &buffer).count == 4)
        let strings = try Self.model("mf-string-ids.npz")
        #expect(strings.ignoredUsers == 0 && strings.ignoredItems == 0 && strings.hasUser == [true, true, false, true])
        let kinded = try ImportedFactorModel(archive: NumPyArchive(SharedData.fixture("import/mf-string-ids.npz")),
                                             userIDs: Self.userIDs, itemIDs: Self.itemIDs, kind: "als")
        #expect(kinded.name == "als-imported" && kinded.displayName == "ALS (imported)")
    }

    @Test func exportThenImportGivesIdenticalScores() throws {
        var rng = SplitMix64(seed: 3)
        let users = Matrix(rows: 4, columns: 5, gaussianScale: 1, rng: &rng)
        let items = Matrix(rows: 5, columns: 5, gaussianScale: 1, rng: &rng)
        let bytes = ImportedFactorModel.export(userFactors: users, itemFactors: items, userIDs: Self.userIDs, itemIDs: Self.itemIDs,
                                               userBias: [0.1, 0.2, 0.3, 0.4], itemBias: [1, 2, 3, 4, 5], globalBias: 3)
        let model = try ImportedFactorModel(archive: NumPyArchive(SourceFile(name: "out/m.npz", bytes: bytes)),
                                            userIDs: Self.userIDs, itemIDs: Self.itemIDs)
        #expect(model.userFactors == users && model.itemVectors == items && model.globalBias == 3)
        let again = try ImportedFactorModel(archive: NumPyArchive(SourceFile(name: "m.npz", bytes: model.exported(userIDs: Self.userIDs, itemIDs: Self.itemIDs))),
                                            userIDs: Self.userIDs, itemIDs: Self.itemIDs)
        var a = [Float](repeating: 0, count: 5), b = a
        for u in 0..<4 {
            model.scores(forUser: u, into: &a)
            again.scores(forUser: u, into: &b)
            #expect(a == b)
            for i in 0..<5 {
                var dot: Float = 0
                for c in 0..<5 { dot += users[u, c] * items[i, c] }
                #expect(abs(a[i] - (3 + [0.1, 0.2, 0.3, 0.4][u] + Float(i + 1) + dot)) < 1e-5)
            }
        }
    }

    static func archive(_ arrays: [String: NumPyArray]) -> NumPyArchive {
        var base: [String: NumPyArray] = [
            "user_factors": NumPyArray(shape: [2, 3], values: .float32([Float](repeating: 1, count: 6))),
            "item_factors": NumPyArray(shape: [2, 3], values: .float32([Float](repeating: 1, count: 6))),
            "user_ids": NumPyArray(shape: [2], values: .int([1, 2])),
            "item_ids": NumPyArray(shape: [2], values: .int([7, 8])),
        ]
        for (k, v) in arrays { base[k] = v }
        return NumPyArchive(name: "data/model.npz", arrays: base)
    }

    @Test(arguments: [
        ("item_factors", NumPyArray(shape: [2, 4], values: .float32([Float](repeating: 1, count: 8))), "'user_factors' has 3 factors but 'item_factors' has 4"),
        ("user_ids", NumPyArray(shape: [3], values: .int([1, 2, 3])), "'user_ids' has 3 ids but 'user_factors' has 2 rows"),
        ("item_bias", NumPyArray(shape: [3], values: .float32([1, 2, 3])), "'item_bias' must be a float vector of 2 elements"),
        ("global_bias", NumPyArray(shape: [2], values: .float32([1, 2])), "'global_bias' must be a float vector of 1 element"),
        ("user_ids", NumPyArray(shape: [2], values: .float64([1, 2])), "'user_ids' must be a 1-D array of integer or string ids"),
        ("item_ids", NumPyArray(shape: [2], values: .string(["7", "7"])), "'item_ids' lists id \"7\" twice"),
        ("user_factors", NumPyArray(shape: [6], values: .float32([Float](repeating: 1, count: 6))), "'user_factors' must be a 2-D float array"),
    ])
    func shapeMismatchesAreClearErrors(key: String, array: NumPyArray, message: String) {
        expectDataError(file: "data/model.npz", line: 0, message) {
            _ = try ImportedFactorModel(archive: Self.archive([key: array]), userIDs: Self.userIDs, itemIDs: Self.itemIDs)
        }
    }

    @Test func missingArrayIsNamed() {
        var archive = Self.archive([:])
        archive.arrays["item_ids"] = nil
        expectDataError(file: "data/model.npz", line: 0, "missing array 'item_ids'") {
            _ = try ImportedFactorModel(archive: archive, userIDs: Self.userIDs, itemIDs: Self.itemIDs)
        }
    }
}
