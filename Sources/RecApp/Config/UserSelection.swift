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

    /// Dense indices of the selected users, ascending by raw id order of the dataset.
    /// A count below the number of users draws a seeded sample; unknown ids are an error.
    public func resolve(userIDs: [String], seed: UInt64) throws -> [Int] {
        switch self {
        case .all:
            return Array(userIDs.indices)
        case .count(let n):
            if n >= userIDs.count { return Array(userIDs.indices) }
            var rng = SplitMix64(seed: seed).derived(0x05E5_5E1E)
            return rng.sample(n, from: userIDs.count)
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
