import RecCore

/// Combines the artifact folders of a sharded build (`reclens build --shard i/n`, one folder per
/// shard) into the bundle an unsharded build writes: every shard present once, all from the same
/// data, seed and settings; the users in the whole build's page order; the models' sequence
/// summaries recomputed over all users; the fidelity benchmark from shard 1 (which alone runs it).
enum ShardMerge {
    static func merge(_ shards: [(folder: String, bundle: ArtifactBundle)]) throws -> ArtifactBundle {
        guard let first = shards.first else { throw DataError(file: "--artifacts", "no artifact folder given") }
        guard shards.count > 1 || first.bundle.manifest.shard != nil else { return first.bundle }
        var byIndex: [Int: (folder: String, bundle: ArtifactBundle)] = [:]
        for shard in shards {
            guard let info = shard.bundle.manifest.shard else {
                throw DataError(file: shard.folder + "/manifest.json", "not a shard of a sharded build; expected the artifacts of `reclens build --shard i/n`")
            }
            let reference = first.bundle.manifest
            guard info.count == reference.shard?.count, info.allUsers == reference.shard?.allUsers,
                  shard.bundle.manifest.datasetFingerprint == reference.datasetFingerprint, shard.bundle.manifest.seed == reference.seed,
                  shard.bundle.manifest.settings == reference.settings, shard.bundle.manifest.models == reference.models else {
                throw DataError(file: shard.folder + "/manifest.json", "this shard comes from another build than \(first.folder) (data, seed, settings, models or users differ)")
            }
            guard byIndex[info.index] == nil else {
                throw DataError(file: shard.folder + "/manifest.json", "shard \(info.index)/\(info.count) is given twice")
            }
            byIndex[info.index] = shard
        }
        let count = first.bundle.manifest.shard!.count
        let missing = (1...count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw DataError(file: "--artifacts", "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing; give every shard's artifact folder")
        }
        let lead = byIndex[1]!.bundle
        var users: [String: UserArtifact] = [:]
        for shard in byIndex.values { for user in shard.bundle.users { users[user.id] = user } }
        let order = lead.manifest.shard!.allUsers
        let merged = try order.map { id in
            guard let user = users[id] else { throw DataError(file: "--artifacts", "user \(id) is in no shard's artifacts") }
            return user
        }
        var models = lead.models
        for m in models.indices {
            let maxLength = byIndex.values.compactMap { $0.bundle.models[m].sequenceSummary?.positionMeanAbs.count }.first
            models[m].sequenceSummary = maxLength.flatMap { SequenceExplanationSummary.ofModel(m, users: merged, maxLength: $0, k: lead.manifest.k) }
        }
        var manifest = lead.manifest
        manifest.users = order
        manifest.shard = nil
        return ArtifactBundle(manifest: manifest, dataset: lead.dataset, models: models, users: merged, neighbours: lead.neighbours, fidelity: lead.fidelity)
    }
}
