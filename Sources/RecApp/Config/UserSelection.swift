import RecCore

/// Which users get a page: the first N (a seeded sample when there are more), all, or given ids.
public enum UserSelection: Sendable, Equatable, CustomStringConvertible {
    case count(Int)
    case all
    case ids([String])

    /// Parses `N`, `all` or `ID,ID,…`.
    public init(parsing text: String, source: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "all" {
            self = .all
        } else if let n = Int(trimmed) {
            guard n >= 0 else { throw DataError(file: source, "users must be a count >= 0, 'all' or a list of ids, got '\(text)'") }
            self = .count(n)
        } else {
            let ids = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !ids.isEmpty else { throw DataError(file: source, "users must be a count, 'all' or a list of ids, got '\(text)'") }
            self = .ids(ids)
        }
    }

    public var description: String {
        switch self {
        case .count(let n): "\(n)"
        case .all: "all"
        case .ids(let ids): ids.joined(separator: ",")
        }
    }

    /// Dense indices of the selected users in dataset order. `all` and counts choose among
    /// `candidates` (the users with a training history: nothing can be explained for the others);
    /// a count below their number draws a seeded sample. Ids are taken as given; unknown ids are an error.
    public func resolve(userIDs: [String], candidates: [Int], seed: UInt64) throws -> [Int] {
        switch self {
        case .all:
            return candidates
        case .count(let n):
            if n >= candidates.count { return candidates }
            var rng = SplitMix64(seed: seed).derived(0x05E5_5E1E)
            return rng.sample(n, from: candidates.count).map { candidates[$0] }
        case .ids(let ids):
            var index: [String: Int] = [:]
            for (i, id) in userIDs.enumerated() { index[id] = i }
            return try ids.map { id in
                guard let i = index[id] else { throw DataError(file: "--users", "unknown user id '\(id)' (not in the dataset after filtering)") }
                return i
            }
        }
    }
}
