import Foundation

/// The input groups of an attribution network and the content features of every user and item.
///
/// Groups: `content` (the dataset's side information: a user's age band, gender and occupation
/// as one-hot codes; an item's genres as a multi-hot code and its standardised release year),
/// `user` (an identity embedding) and `item` (an identity embedding). The content vector of a
/// (user, item) pair is the user's part followed by the item's part. A dataset without side
/// information has no content group. Zip codes are left out on purpose: nearly one value per
/// user, they would be a second user identity hidden in the content group.
public struct AttributionInputs: Sendable, Equatable, Codable {
    /// One input group.
    public enum Group: Int, Sendable, Codable, CaseIterable, Comparable {
        case content = 0, user, item

        public static func < (a: Group, b: Group) -> Bool { a.rawValue < b.rawValue }

        /// Reader-facing name ("content", "user identity", "item identity").
        public var displayName: String {
            switch self {
            case .content: "content"
            case .user: "user identity"
            case .item: "item identity"
            }
        }
    }

    /// Width of each user's content part (one-hot codes).
    public var userWidth: Int
    /// Width of each item's content part (genres, year, year-unknown flag).
    public var itemWidth: Int
    /// users × `userWidth`, row-major.
    public var userContent: [Float]
    /// items × `itemWidth`, row-major.
    public var itemContent: [Float]
    /// Names of the content columns, user part first ("age 25-34", "genre Comedy", "release year").
    public var columnNames: [String]

    /// Width of the content group.
    public var contentWidth: Int { userWidth + itemWidth }

    /// The groups present: content only when the dataset has side information.
    public var groups: [Group] { contentWidth > 0 ? [.content, .user, .item] : [.user, .item] }

    /// Content codes from a dataset's side information. O(users · features + items · genres).
    public init(dataset: Dataset) {
        var names: [String] = []
        // User features: age band (numeric ages binned as ML-1M's groups), gender, occupation.
        var userColumns: [[String]] = []
        let users = dataset.users
        for feature in ["age", "gender", "occupation"] {
            let raw = users.map { info in info.features.first { $0.name == feature }?.value }
            guard raw.contains(where: { $0 != nil }) else { continue }
            let numeric = feature == "age" && raw.allSatisfy { $0 == nil || Int($0!) != nil }
            let values = raw.map { value -> String? in
                guard let value else { return nil }
                return numeric ? Self.ageBand(Int(value)!) : value
            }
            let vocabulary = Set(values.compactMap { $0 }).sorted()
            names += vocabulary.map { "\(feature) \($0)" }
            userColumns.append(values.map { $0.map { "\(feature) \($0)" } ?? "" })
        }
        let userNames = names
        let column = Dictionary(uniqueKeysWithValues: userNames.enumerated().map { ($0.element, $0.offset) })
        userWidth = userNames.count
        var userContent = [Float](repeating: 0, count: dataset.userCount * userWidth)
        for values in userColumns {
            for (u, name) in values.enumerated() where u < dataset.userCount {
                if let c = column[name] { userContent[u * userWidth + c] = 1 }
            }
        }
        // Item features: genres, standardised year and a year-unknown flag.
        let genres = dataset.items.contains { !$0.genres.isEmpty } ? dataset.genreNames.count : 0
        let years = dataset.items.compactMap(\.year).map(Double.init)
        let hasYear = !years.isEmpty
        let missingYear = hasYear && years.count < dataset.itemCount
        itemWidth = genres + (hasYear ? 1 : 0) + (missingYear ? 1 : 0)
        names += (0..<genres).map { "genre \(dataset.genreNames[$0])" }
        if hasYear { names.append("release year") }
        if missingYear { names.append("release year unknown") }
        let mean = years.reduce(0, +) / Double(max(1, years.count))
        let spread = max(1, (years.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, years.count))).squareRoot())
        var itemContent = [Float](repeating: 0, count: dataset.itemCount * itemWidth)
        for (i, info) in dataset.items.enumerated() where itemWidth > 0 {
            for g in info.genres where g < genres { itemContent[i * itemWidth + g] = 1 }
            if hasYear {
                if let year = info.year { itemContent[i * itemWidth + genres] = Float((Double(year) - mean) / spread) } else if missingYear { itemContent[i * itemWidth + genres + 1] = 1 }
            }
        }
        self.userContent = userContent
        self.itemContent = itemContent
        columnNames = names
    }

    /// Inputs given directly (tests).
    public init(userWidth: Int, itemWidth: Int, userContent: [Float], itemContent: [Float]) {
        self.userWidth = userWidth
        self.itemWidth = itemWidth
        self.userContent = userContent
        self.itemContent = itemContent
        columnNames = (0..<userWidth).map { "user feature \($0)" } + (0..<itemWidth).map { "item feature \($0)" }
    }

    /// ML-1M's age groups: "under 18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+".
    static func ageBand(_ age: Int) -> String {
        switch age {
        case ..<18: "under 18"
        case 18..<25: "18-24"
        case 25..<35: "25-34"
        case 35..<45: "35-44"
        case 45..<50: "45-49"
        case 50..<56: "50-55"
        default: "56+"
        }
    }

    /// Writes the content vector of (user, item) at `output` (`contentWidth` values).
    @inlinable func content<T: BinaryFloatingPoint>(user: Int, item: Int, into output: UnsafeMutablePointer<T>) {
        for c in 0..<userWidth { output[c] = T(userContent[user * userWidth + c]) }
        for c in 0..<itemWidth { output[userWidth + c] = T(itemContent[item * itemWidth + c]) }
    }

    /// The mean content vector over users (user part) and items (item part): the "absent
    /// content" of the group Shapley values.
    public var meanContent: [Float] {
        let users = userWidth > 0 ? userContent.count / userWidth : 0, items = itemWidth > 0 ? itemContent.count / itemWidth : 0
        var mean = [Float](repeating: 0, count: contentWidth)
        for c in 0..<userWidth { mean[c] = Float((0..<users).reduce(0.0) { $0 + Double(userContent[$1 * userWidth + c]) } / Double(max(1, users))) }
        for c in 0..<itemWidth { mean[userWidth + c] = Float((0..<items).reduce(0.0) { $0 + Double(itemContent[$1 * itemWidth + c]) } / Double(max(1, items))) }
        return mean
    }
}
