/// An interaction dataset with dense ids and the side information pages show.
///
/// Users and items are numbered `0 ..< userCount` and `0 ..< itemCount`; `userIDs` and `itemIDs`
/// map them back to the raw ids of the source files. Value type, no file I/O.
public struct Dataset: Sendable, Equatable {
    /// A short name ("ml-100k", "synthetic", …) shown on the site.
    public var name: String
    /// The format the data was read from.
    public var format: DatasetFormat
    /// Raw user id of each dense user index.
    public var userIDs: [String]
    /// Raw item id of each dense item index.
    public var itemIDs: [String]
    /// Side information of each item, same order as `itemIDs`.
    public var items: [ItemInfo]
    /// Named features of each user (e.g. age, gender), same order as `userIDs`; may be empty.
    public var users: [UserInfo]
    /// Names of all genres in a stable order (index = genre id used by `ItemInfo.genres`).
    public var genreNames: [String]
    /// The interactions, one CSR row per user in time order.
    public var interactions: InteractionMatrix
    /// Smallest and largest possible rating (e.g. 1…5, 0.5…5).
    public var ratingScale: ClosedRange<Float>

    public init(
        name: String, format: DatasetFormat, userIDs: [String], itemIDs: [String], items: [ItemInfo],
        users: [UserInfo], genreNames: [String], interactions: InteractionMatrix, ratingScale: ClosedRange<Float>
    ) {
        precondition(userIDs.count == interactions.userCount && itemIDs.count == interactions.itemCount)
        precondition(items.count == itemIDs.count)
        precondition(users.isEmpty || users.count == userIDs.count)
        self.name = name
        self.format = format
        self.userIDs = userIDs
        self.itemIDs = itemIDs
        self.items = items
        self.users = users
        self.genreNames = genreNames
        self.interactions = interactions
        self.ratingScale = ratingScale
    }

    public var userCount: Int { userIDs.count }
    public var itemCount: Int { itemIDs.count }

    /// Fraction of the user × item matrix that holds an interaction.
    public var density: Double {
        userCount == 0 || itemCount == 0 ? 0 : Double(interactions.count) / (Double(userCount) * Double(itemCount))
    }

    /// Title of an item, falling back to "Item <raw id>" when the data has none.
    public func title(ofItem i: Int) -> String {
        let title = items[i].title
        return title.isEmpty ? "Item \(itemIDs[i])" : title
    }
}

/// Side information of one item.
public struct ItemInfo: Sendable, Equatable, Codable {
    /// Display title; may contain any Unicode and markup-like characters (escape on output).
    public var title: String
    /// Indices into `Dataset.genreNames`, ascending.
    public var genres: [Int]
    /// Release year when known.
    public var year: Int?

    public init(title: String, genres: [Int] = [], year: Int? = nil) {
        self.title = title
        self.genres = genres
        self.year = year
    }
}

/// Named features of one user, as ordered (name, value) pairs.
public struct UserInfo: Sendable, Equatable, Codable {
    public var features: [Feature]

    public init(features: [Feature]) { self.features = features }

    /// One named feature value, e.g. ("age", "24").
    public struct Feature: Sendable, Equatable, Codable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}

/// The file formats RecLens reads.
public enum DatasetFormat: String, Sendable, Codable, CaseIterable {
    case movieLens100k = "movielens-100k"
    case movieLens1m = "movielens-1m"
    case movieLensLatest = "movielens-latest"
    case csv
    case synthetic
}
