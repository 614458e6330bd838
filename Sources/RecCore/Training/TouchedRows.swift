/// The distinct rows a minibatch touched, in first-touch order (deterministic for a fixed batch).
struct TouchedRows: Sendable {
    private var marked: [Bool]
    private(set) var rows: [Int32] = []

    init(count: Int) { marked = [Bool](repeating: false, count: count) }

    mutating func insert(_ row: Int32) {
        if !marked[Int(row)] {
            marked[Int(row)] = true
            rows.append(row)
        }
    }

    /// Forgets the rows (O(touched)).
    mutating func removeAll() {
        for r in rows { marked[Int(r)] = false }
        rows.removeAll(keepingCapacity: true)
    }
}
