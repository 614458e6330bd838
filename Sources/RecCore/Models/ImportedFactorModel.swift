/// A matrix-factorisation model trained elsewhere (implicit, LightFM, PyTorch, …) and imported
/// from a NumPy `.npz` archive.
///
/// Arrays read (shapes in rows × columns; F = factors):
/// - required `user_factors` [U × F], `item_factors` [I × F], `user_ids` [U], `item_ids` [I]
///   (integers or strings, matched against the dataset's raw ids: integer 7 matches raw id "7");
/// - optional `user_bias` [U], `item_bias` [I], `global_bias` (shape `()` or `(1,)`).
///
/// score(u, i) = global + b_u + b_i + x_u · y_i. Rows whose id is not in the dataset are ignored
/// and counted (``ignoredUsers``, ``ignoredItems``); dataset items without a row score
/// `-infinity` (never recommended) and dataset users without a row get no recommendations.
public struct ImportedFactorModel: Recommender, ItemEmbeddingModel {
    public let name: String
    public let displayName: String
    public let summary: String
    public var hyperparameters: [String: String] {
        ["factors": "\(factors)", "source": sourceName, "biases": hasBiases ? "yes" : "no"]
    }
    public var itemCount: Int { itemVectors.rows }
    /// Number of latent factors F.
    public let factors: Int
    /// datasetUsers × F user factors; zero rows for users missing from the file.
    public let userFactors: Matrix
    /// datasetItems × F item factors; zero rows for items missing from the file.
    public let itemVectors: Matrix
    /// Per dataset user / item bias (0 when absent) and the global bias.
    public let userBias: [Float], itemBias: [Float], globalBias: Float
    /// Whether each dataset user / item has a row in the file.
    public let hasUser: [Bool], hasItem: [Bool]
    /// Rows in the file whose id is not in the dataset (a warning for the user).
    public let ignoredUsers: Int, ignoredItems: Int
    /// The archive's file name (last path component).
    public let sourceName: String
    /// λ of the history fold-in (`historyScorer(forUser:)`): the ridge on the re-solved user
    /// factor. Default 1.
    public var foldInLambda: Float = 1
    /// α of the history fold-in: a history item has confidence 1 + α. Default 1.
    public var foldInAlpha: Float = 1
    /// The training histories the fold-in reads (set by whoever pairs the import with a split);
    /// nil ⇒ every user's history is empty and the fold-in scores are the item biases.
    public var train: InteractionMatrix?
    let hasBiases: Bool
    /// YᵀY of the item factors (F × F, both triangles), computed once at import for the fold-in.
    let itemGram: [Float]

    /// Imports `archive` for a dataset with raw ids `userIDs` and `itemIDs` (dense order).
    /// - Parameter kind: the model family, lower case ("mf", "als", "bpr"): `name` becomes
    ///   "<kind>-imported" and `displayName` "<KIND> (imported)".
    /// - Throws: `DataError` naming the file and the array for a missing array, a wrong shape or
    ///   element type, duplicate ids, or mismatched factor counts.
    public init(archive: NumPyArchive, userIDs: [String], itemIDs: [String], kind: String = "mf") throws {
        let file = archive.name
        sourceName = String(file.split(separator: "/").last ?? Substring(file))
        name = "\(kind.lowercased())-imported"
        displayName = "\(kind.uppercased()) (imported)"
        func array(_ key: String) throws -> NumPyArray {
            guard let a = archive[key] else {
                throw DataError(file: file, "missing array '\(key)' (have: \(archive.keys.joined(separator: ", ")))")
            }
            return a
        }
        let users = try Self.factors(try array("user_factors"), "user_factors", file: file)
        let items = try Self.factors(try array("item_factors"), "item_factors", file: file)
        guard users.columns == items.columns else {
            throw DataError(file: file, "'user_factors' has \(users.columns) factors but 'item_factors' has \(items.columns)")
        }
        factors = users.columns
        let userRows = try Self.rows(try array("user_ids"), "user_ids", expected: users.rows, factorsName: "user_factors", dataset: userIDs, file: file)
        let itemRows = try Self.rows(try array("item_ids"), "item_ids", expected: items.rows, factorsName: "item_factors", dataset: itemIDs, file: file)
        let fileUserBias = try archive["user_bias"].map { try Self.vector($0, "user_bias", count: users.rows, file: file) }
        let fileItemBias = try archive["item_bias"].map { try Self.vector($0, "item_bias", count: items.rows, file: file) }
        globalBias = try archive["global_bias"].map { try Self.vector($0, "global_bias", count: 1, file: file)[0] } ?? 0
        hasBiases = fileUserBias != nil || fileItemBias != nil || archive["global_bias"] != nil
        (userFactors, userBias, hasUser) = Self.gather(users, fileUserBias, rows: userRows.datasetRow, count: userIDs.count)
        (itemVectors, itemBias, hasItem) = Self.gather(items, fileItemBias, rows: itemRows.datasetRow, count: itemIDs.count)
        ignoredUsers = userRows.ignored
        ignoredItems = itemRows.ignored
        let importedItems = itemVectors
        itemGram = BLAS.withSingleThread { BLAS.gram(importedItems) }
        let missing = hasItem.filter { !$0 }.count
        summary = "Matrix factorisation trained outside RecLens and imported from \(sourceName): \(factors) latent factors per user and item\(hasBiases ? " plus biases" : ""); the score of an item is the dot product of the user's and the item's factors\(hasBiases ? " plus the global, user and item biases" : "")."
            + (missing > 0 ? " \(missing) items have no factors in the file and are never recommended." : "")
    }

    /// Imports from a dataset's raw id maps (see ``init(archive:userIDs:itemIDs:kind:)``).
    public init(archive: NumPyArchive, dataset: Dataset, kind: String = "mf") throws {
        try self.init(archive: archive, userIDs: dataset.userIDs, itemIDs: dataset.itemIDs, kind: kind)
    }

    public func scores(forUser user: Int, into scores: inout [Float]) {
        guard user >= 0, user < hasUser.count, hasUser[user] else {
            for i in scores.indices { scores[i] = -.infinity }
            return
        }
        userFactors.rowTimesTransposed(user, itemVectors, into: &scores)
        let base = globalBias + userBias[user]
        for i in 0..<itemCount { scores[i] = hasItem[i] ? scores[i] + base + itemBias[i] : -.infinity }
    }

    /// A 2-D float array as a matrix.
    static func factors(_ a: NumPyArray, _ key: String, file: String) throws -> Matrix {
        guard a.shape.count == 2, let values = a.floats, !(a.values.count > 0 && a.elementTypeName == "bool") else {
            throw DataError(file: file, "'\(key)' must be a 2-D float array (rows × factors), got shape \(a.shape) of \(a.elementTypeName)")
        }
        return Matrix(rows: a.shape[0], columns: a.shape[1], values: values)
    }

    /// A float vector of `count` elements (any shape with that many elements up to 1-D).
    static func vector(_ a: NumPyArray, _ key: String, count: Int, file: String) throws -> [Float] {
        guard a.shape.count <= 1, a.count == count, let values = a.floats, a.elementTypeName != "string" else {
            throw DataError(file: file, "'\(key)' must be a float vector of \(count) element\(count == 1 ? "" : "s"), got shape \(a.shape) of \(a.elementTypeName)")
        }
        return values
    }

    /// For each file row, the dataset's dense index (nil = not in the dataset), and how many were ignored.
    static func rows(_ a: NumPyArray, _ key: String, expected: Int, factorsName: String, dataset: [String], file: String) throws
        -> (datasetRow: [Int?], ignored: Int)
    {
        guard a.shape.count == 1, let ids = a.identifiers else {
            throw DataError(file: file, "'\(key)' must be a 1-D array of integer or string ids, got shape \(a.shape) of \(a.elementTypeName)")
        }
        guard ids.count == expected else {
            throw DataError(file: file, "'\(key)' has \(ids.count) ids but '\(factorsName)' has \(expected) rows")
        }
        var index: [String: Int] = [:]
        for (i, id) in dataset.enumerated() where index[id] == nil { index[id] = i }
        var seen = Set<String>()
        var rows: [Int?] = []
        var ignored = 0
        for id in ids {
            guard seen.insert(id).inserted else { throw DataError(file: file, "'\(key)' lists id \"\(id)\" twice") }
            let row = index[id]
            if row == nil { ignored += 1 }
            rows.append(row)
        }
        return (rows, ignored)
    }

    /// Scatters file rows into dataset order.
    static func gather(_ m: Matrix, _ bias: [Float]?, rows: [Int?], count: Int) -> (Matrix, [Float], [Bool]) {
        var out = Matrix(rows: count, columns: m.columns)
        var b = [Float](repeating: 0, count: count)
        var present = [Bool](repeating: false, count: count)
        for (r, target) in rows.enumerated() {
            guard let t = target else { continue }
            for c in 0..<m.columns { out[t, c] = m[r, c] }
            b[t] = bias?[r] ?? 0
            present[t] = true
        }
        return (out, b, present)
    }
}

extension ImportedFactorModel {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "dot product", meaning: "the dot product of the imported user and item factors (plus biases when the file has them), on the scale of the model that trained them.")
    }
}
