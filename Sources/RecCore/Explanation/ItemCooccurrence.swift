/// Item-item co-occurrence in the training matrix, for the similarity baselines of LXR (Barkan
/// et al. 2024): cosine |U(i) ∩ U(j)| / √(|U(i)|·|U(j)|) and Jaccard |U(i) ∩ U(j)| / |U(i) ∪ U(j)|
/// of the items' sets of training users.
///
/// Stores the item → users lists (CSC of the binary training matrix, O(nnz) memory); one
/// intersection costs O(|U(i)| + |U(j)|) with a marked-user bit set.
public struct ItemCooccurrence: Sendable {
    /// Users of item i are `users[start[i]..<start[i + 1]]`, ascending, distinct.
    let start: [Int]
    let users: [Int32]
    public let userCount: Int

    public init(train: InteractionMatrix) {
        userCount = train.userCount
        var lists = [[Int32]](repeating: [], count: train.itemCount)
        for u in 0..<train.userCount {
            for k in train.range(ofUser: u) where lists[Int(train.items[k])].last != Int32(u) {
                lists[Int(train.items[k])].append(Int32(u))
            }
        }
        var start = [0]
        var users: [Int32] = []
        for list in lists {
            users.append(contentsOf: list)
            start.append(users.count)
        }
        self.start = start
        self.users = users
    }

    /// Number of training users of item `i`.
    public func userCount(ofItem i: Int) -> Int { start[i + 1] - start[i] }

    /// |U(target) ∩ U(j)| for every j of `items`. O(|U(target)| + Σ |U(j)| + users / 64): the
    /// target's users are marked in a bit set, then each j's users are looked up in it.
    public func intersections(of target: Int, with items: [Int]) -> [Int] {
        var marked = [UInt64](repeating: 0, count: (userCount + 63) / 64)
        return marked.withUnsafeMutableBufferPointer { bits in
            users.withUnsafeBufferPointer { users in
                for p in start[target]..<start[target + 1] { bits[Int(users[p]) >> 6] |= 1 << UInt64(users[p] & 63) }
                return items.map { j in
                    var shared = 0
                    for p in start[j]..<start[j + 1] { shared += Int((bits[Int(users[p]) >> 6] >> UInt64(users[p] & 63)) & 1) }
                    return shared
                }
            }
        }
    }

    /// Cosine similarity of `target` with each of `items` (0 when either has no user).
    public func cosine(of target: Int, with items: [Int]) -> [Float] {
        let shared = intersections(of: target, with: items)
        let nt = Double(userCount(ofItem: target))
        return zip(items, shared).map { j, s in
            let denominator = (nt * Double(userCount(ofItem: j))).squareRoot()
            return denominator > 0 ? Float(Double(s) / denominator) : 0
        }
    }

    /// Jaccard similarity of `target` with each of `items` (0 when both have no user).
    public func jaccard(of target: Int, with items: [Int]) -> [Float] {
        let shared = intersections(of: target, with: items)
        let nt = userCount(ofItem: target)
        return zip(items, shared).map { j, s in
            let union = nt + userCount(ofItem: j) - s
            return union > 0 ? Float(Double(s) / Double(union)) : 0
        }
    }
}
