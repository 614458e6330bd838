/// Word lists and side information of the synthetic dataset (deterministic for a generator).
enum SyntheticCatalogue {
    /// Relative frequency of each of the 19 MovieLens 100K genres among items (roughly ML-100K's).
    static let genreFrequency: [Double] = [
        0.002, 0.10, 0.05, 0.02, 0.05, 0.20, 0.04, 0.02, 0.28, 0.01, 0.01, 0.03, 0.02, 0.02, 0.09, 0.04, 0.10, 0.03, 0.01,
    ]

    /// Titles that exercise escaping in HTML, SVG, JSON and CSV; given to popular items.
    static let escapingTitles = [
        "Café <Noir> & \"Friends\" (1996)", "L'Été (1994)", "Ærø Sunrise (1997)", "<script>alert(1)</script> (1998)",
        "Tom & Jerry's \"Big\" Night > Day (1995)", "Naïve, Sentimental <3 (1993)", "Zürich ↔ København (1992)",
    ]

    private static let adjectives = [
        "Silent", "Crimson", "Lost", "Golden", "Broken", "Hidden", "Last", "Wild", "Midnight", "Electric", "Frozen",
        "Burning", "Distant", "Secret", "Quiet", "Savage", "Gentle", "Hollow", "Bright", "Restless", "Velvet", "Iron",
    ]
    private static let nouns = [
        "River", "Empire", "Garden", "Station", "Harbor", "Mirror", "Kingdom", "Highway", "Letter", "Orchard",
        "Circus", "Lighthouse", "Frontier", "Window", "Summer", "Detective", "Machine", "Island", "Carnival",
        "Shadow", "Voyage", "Melody", "Outlaw", "Canyon", "Promise", "Signal",
    ]
    private static let suffixes = ["", "", "", " II", " III", ": The Return", ": Part Two", " Forever"]

    /// A word-list title with the year, e.g. "The Silent River II (1994)".
    static func title(_ rng: inout SplitMix64, year: Int) -> String {
        let a = adjectives[rng.nextInt(below: adjectives.count)]
        let n1 = nouns[rng.nextInt(below: nouns.count)], n2 = nouns[rng.nextInt(below: nouns.count)]
        let s = suffixes[rng.nextInt(below: suffixes.count)]
        let body: String
        switch rng.nextInt(below: 4) {
        case 0: body = "The \(a) \(n1)"
        case 1: body = "\(n1) of the \(a) \(n2)"
        case 2: body = "\(a) \(n1)"
        default: body = "A \(n1) for the \(n2)"
        }
        return "\(body)\(s) (\(year))"
    }

    /// A release year between 1922 and 1998, most of them in the 1990s.
    static func year(_ rng: inout SplitMix64) -> Int {
        max(1922, 1998 - Int(abs(rng.nextGaussian()) * 11))
    }

    /// 1–3 distinct genres (50 %, 35 %, 15 %) drawn by `genreFrequency`, ascending.
    static func genres(_ rng: inout SplitMix64, table: AliasTable) -> [Int] {
        let u = rng.nextDouble()
        let k = u < 0.5 ? 1 : (u < 0.85 ? 2 : 3)
        var chosen: [Int] = []
        while chosen.count < k {
            let g = table.sample(&rng)
            if !chosen.contains(g) { chosen.append(g) }
        }
        return chosen.sorted()
    }

    private static let occupations = [
        "administrator", "artist", "doctor", "educator", "engineer", "entertainment", "executive", "healthcare",
        "homemaker", "lawyer", "librarian", "marketing", "none", "other", "programmer", "retired", "salesman",
        "scientist", "student", "technician", "writer",
    ]

    /// ML-100K-like user features: age 7–73, gender (71 % M), occupation, 5-digit zip.
    static func userFeatures(_ rng: inout SplitMix64) -> UserInfo {
        let age = min(73, max(7, Int(33 + rng.nextGaussian() * 12)))
        let gender = rng.nextDouble() < 0.71 ? "M" : "F"
        let occupation = occupations[rng.nextInt(below: occupations.count)]
        let zip = String(10000 + rng.nextInt(below: 90000))
        return UserInfo(features: [
            .init(name: "age", value: String(age)), .init(name: "gender", value: gender),
            .init(name: "occupation", value: occupation), .init(name: "zip", value: zip),
        ])
    }
}
