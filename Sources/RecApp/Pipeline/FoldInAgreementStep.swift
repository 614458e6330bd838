import Dispatch
import RecCore

/// Measures, for every fold-in model, how closely its full-history fold-in tracks the trained
/// model (`FoldInAgreement`) over at most `limit` of the explained users, parallel over
/// (model, chunk of users) and combined in a fixed order.
enum FoldInAgreementStep {
    static let limit = 200
    static let chunk = 25

    /// One agreement per model (nil for models that are not fold-ins).
    static func measure(models: [any Recommender], users: [Int], train: InteractionMatrix, k: Int) -> [FoldInAgreement?] {
        let sample = Array(users.prefix(limit))
        let foldIns = models.indices.filter { (models[$0] as? any HistoryConditionedRecommender)?.historyScoring == .foldIn }
        let chunks = (sample.count + chunk - 1) / chunk
        let jobs = foldIns.flatMap { m in (0..<chunks).map { (m, $0) } }
        var parts = [FoldInAgreement?](repeating: nil, count: jobs.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
                let (m, c) = jobs[j]
                let model = models[m] as! any HistoryConditionedRecommender
                let users = Array(sample[(c * chunk)..<min(sample.count, (c + 1) * chunk)])
                output.buffer[j] = BLAS.withSingleThread { FoldInAgreement.measure(model: model, users: users, train: train, k: k) }
            }
        }
        var result = [FoldInAgreement?](repeating: nil, count: models.count)
        for m in foldIns {
            let mine = zip(jobs, parts).filter { $0.0.0 == m }.compactMap(\.1)
            let users = mine.reduce(0) { $0 + $1.users }, defined = mine.reduce(0) { $0 + $1.spearmanUsers }
            guard users > 0 else { continue }
            let overlap = mine.reduce(0.0) { $0 + $1.meanTopKOverlap * Double($1.users) } / Double(users)
            let spearman = defined == 0 ? 0 : mine.reduce(0.0) { $0 + $1.meanSpearman * Double($1.spearmanUsers) } / Double(defined)
            result[m] = FoldInAgreement(users: users, k: k, meanTopKOverlap: overlap, meanSpearman: spearman, spearmanUsers: defined)
        }
        return result
    }
}
