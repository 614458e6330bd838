/// How interactions are divided into a training and a test part.
public enum SplitStrategy: Sendable, Equatable, Codable {
    /// Global time split: interactions after the `1 − testFraction` time quantile go to test;
    /// test interactions of users or items never seen in training (cold) are dropped.
    case globalTime(testFraction: Double)
    /// Each user's most recent interaction goes to test (users with at least two interactions).
    case leaveLastOut
    /// Each interaction goes to test with probability `testFraction` (seeded), cold ones dropped.
    case random(testFraction: Double)

    /// Short name used in configs and on the site: "time", "leave-last-out", "random".
    public var name: String {
        switch self {
        case .globalTime: "time"
        case .leaveLastOut: "leave-last-out"
        case .random: "random"
        }
    }

    /// One-line human description, e.g. "global time split: last 20 % of time to test".
    public var summary: String {
        switch self {
        case .globalTime(let f): "global time split: the last \(percent(f)) of interactions in time go to test; cold users and items dropped from test"
        case .leaveLastOut: "leave-last-out: each user's most recent interaction goes to test"
        case .random(let f): "seeded random holdout: \(percent(f)) of interactions go to test; cold users and items dropped from test"
        }
    }

    /// Parses "time", "leave-last-out" or "random" with a test fraction.
    public init?(name: String, testFraction: Double) {
        switch name.lowercased() {
        case "time", "global-time", "temporal": self = .globalTime(testFraction: testFraction)
        case "leave-last-out", "loo", "leave-one-out": self = .leaveLastOut
        case "random", "holdout": self = .random(testFraction: testFraction)
        default: return nil
        }
    }

    /// Valid names for error messages.
    public static let names = ["time", "leave-last-out", "random"]
}

private func percent(_ f: Double) -> String {
    let p = (f * 1000).rounded() / 10
    return p == p.rounded() ? "\(Int(p)) %" : "\(p) %"
}
