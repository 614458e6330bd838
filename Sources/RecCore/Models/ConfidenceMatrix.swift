/// The confidence matrix C of implicit-feedback ALS in compressed-sparse-row form: one entry
/// per distinct (row, column) pair with confidence c = 1 + α·r (preference p = 1); every absent
/// pair has c = 1 and p = 0.
///
/// Built by user from an `InteractionMatrix` (repeated events of one item merge: r = 1 when
/// binary, otherwise the ratings are summed, as scipy does for implicit), and transposed to the
/// by-item form for the item half of each iteration. Columns of a row are ascending.
struct ConfidenceMatrix: Sendable {
    let rowCount: Int
    let columnCount: Int
    /// `rowCount + 1` offsets.
    let rowStart: [Int]
    let columns: [Int32]
    /// c = 1 + α·r of each entry (r ≥ 0 assumed).
    let confidence: [Float]

    var count: Int { columns.count }

    init(rowCount: Int, columnCount: Int, rowStart: [Int], columns: [Int32], confidence: [Float]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowStart = rowStart
        self.columns = columns
        self.confidence = confidence
    }

    /// User × item confidences of `train`. O(n log n) for n interactions.
    init(train: InteractionMatrix, alpha: Float, binary: Bool) {
        var rowStart = [0], columns: [Int32] = [], confidence: [Float] = []
        rowStart.reserveCapacity(train.userCount + 1)
        columns.reserveCapacity(train.count)
        confidence.reserveCapacity(train.count)
        var row: [(Int32, Float)] = []
        for u in 0..<train.userCount {
            row.removeAll(keepingCapacity: true)
            for k in train.range(ofUser: u) { row.append((train.items[k], binary ? 1 : train.ratings[k])) }
            row.sort { $0.0 < $1.0 }
            var k = 0
            while k < row.count {
                var r = row[k].1, next = k + 1
                while next < row.count && row[next].0 == row[k].0 {
                    if !binary { r += row[next].1 }
                    next += 1
                }
                columns.append(row[k].0)
                confidence.append(1 + alpha * r)
                k = next
            }
            rowStart.append(columns.count)
        }
        self.init(rowCount: train.userCount, columnCount: train.itemCount, rowStart: rowStart, columns: columns, confidence: confidence)
    }

    /// The column-major view (items × users), columns again ascending. O(n).
    func transposed() -> ConfidenceMatrix {
        var start = [Int](repeating: 0, count: columnCount + 1)
        for c in columns { start[Int(c) + 1] += 1 }
        for c in 0..<columnCount { start[c + 1] += start[c] }
        var fill = start
        var rows = [Int32](repeating: 0, count: count), values = [Float](repeating: 0, count: count)
        for r in 0..<rowCount {
            for k in rowStart[r]..<rowStart[r + 1] {
                let c = Int(columns[k])
                rows[fill[c]] = Int32(r)
                values[fill[c]] = confidence[k]
                fill[c] += 1
            }
        }
        return ConfidenceMatrix(rowCount: columnCount, columnCount: rowCount, rowStart: start, columns: rows, confidence: values)
    }

    /// Largest number of entries in one row.
    var longestRow: Int { (0..<rowCount).reduce(0) { max($0, rowStart[$1 + 1] - rowStart[$1]) } }

    /// Σ c over entries plus the number of absent pairs: the total weight of the squared loss.
    var totalWeight: Double {
        confidence.reduce(0.0) { $0 + Double($1) } + Double(rowCount) * Double(columnCount) - Double(count)
    }
}
