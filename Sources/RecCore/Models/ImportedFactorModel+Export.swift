extension ImportedFactorModel {
    /// An `.npz` archive in the layout ``init(archive:userIDs:itemIDs:kind:)`` reads: float32
    /// `user_factors` [U × F], `item_factors` [I × F], string `user_ids` and `item_ids`, and the
    /// biases when given (`global_bias` as a shape-`()` scalar). Deterministic bytes.
    /// - Precondition: `userIDs.count == userFactors.rows`, `itemIDs.count == itemFactors.rows`,
    ///   equal factor counts, bias lengths matching the rows.
    public static func export(userFactors: Matrix, itemFactors: Matrix, userIDs: [String], itemIDs: [String],
                              userBias: [Float]? = nil, itemBias: [Float]? = nil, globalBias: Float? = nil) -> [UInt8] {
        precondition(userIDs.count == userFactors.rows && itemIDs.count == itemFactors.rows)
        precondition(userFactors.columns == itemFactors.columns)
        var arrays: [String: NumPyArray] = [
            "user_factors": NumPyArray(userFactors), "item_factors": NumPyArray(itemFactors),
            "user_ids": NumPyArray(shape: [userIDs.count], values: .string(userIDs)),
            "item_ids": NumPyArray(shape: [itemIDs.count], values: .string(itemIDs)),
        ]
        if let userBias {
            precondition(userBias.count == userIDs.count)
            arrays["user_bias"] = NumPyArray(shape: [userBias.count], values: .float32(userBias))
        }
        if let itemBias {
            precondition(itemBias.count == itemIDs.count)
            arrays["item_bias"] = NumPyArray(shape: [itemBias.count], values: .float32(itemBias))
        }
        if let globalBias { arrays["global_bias"] = NumPyArray(shape: [], values: .float32([globalBias])) }
        return NumPyArchive.write(arrays)
    }

    /// This model's factors (dataset users and items that have them) as an `.npz`, with
    /// `userIDs`/`itemIDs` the dataset's raw ids in dense order.
    public func exported(userIDs: [String], itemIDs: [String]) -> [UInt8] {
        let users = hasUser.indices.filter { hasUser[$0] }, items = hasItem.indices.filter { hasItem[$0] }
        func rows(_ m: Matrix, _ keep: [Int]) -> Matrix {
            Matrix(rows: keep.count, columns: m.columns, values: keep.flatMap { m.row($0) })
        }
        return Self.export(userFactors: rows(userFactors, users), itemFactors: rows(itemVectors, items),
                           userIDs: users.map { userIDs[$0] }, itemIDs: items.map { itemIDs[$0] },
                           userBias: hasBiases ? users.map { userBias[$0] } : nil,
                           itemBias: hasBiases ? items.map { itemBias[$0] } : nil, globalBias: hasBiases ? globalBias : nil)
    }
}
