import Foundation
import RecCore

/// Reads and writes artifact folders (see `ArtifactSchema` for the layout).
public enum ArtifactStore {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Writes `bundle` into `directory`, replacing it atomically (written to a sibling temporary
    /// folder first). Files are written in parallel; the bytes are deterministic.
    public static func write(_ bundle: ArtifactBundle, to directory: String) throws {
        var files: [String: String] = [:]
        let encoder = encoder()
        func put<T: Encodable>(_ path: String, _ value: T) throws { files[path] = String(decoding: try encoder.encode(value), as: UTF8.self) + "\n" }
        try put("manifest.json", bundle.manifest)
        try put("dataset.json", bundle.dataset)
        for model in bundle.models { try put("models/\(PathSlug.slug(model.name)).json", model) }
        if let neighbours = bundle.neighbours { try put("neighbours.json", neighbours) }
        if let fidelity = bundle.fidelity {
            try put("fidelity.json", fidelity)
            files["fidelity.csv"] = fidelity.csv()
        }
        let users = bundle.users
        var encoded = [String](repeating: "", count: users.count)
        let failure = FirstError()
        encoded.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: users.count) { i in
                do {
                    output.buffer[i] = String(decoding: try encoder.encode(users[i]), as: UTF8.self) + "\n"
                } catch {
                    failure.record(error)
                }
            }
        }
        if let error = failure.error { throw error }
        for (user, bytes) in zip(users, encoded) { files["users/\(PathSlug.slug(user.id)).json"] = bytes }
        try AtomicDirectoryWriter.write(files: files, to: directory)
    }

    /// Decodes one artifact file of `directory`; errors name the file and what was expected.
    static func load<T: Decodable>(_ type: T.Type, _ relative: String, in directory: String) throws -> T {
        let path = (directory as NSString).appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, "missing artifact (run `reclens build` first, or pass --artifacts DIR)")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw DataError(file: path, "not a valid \(T.self) artifact: \(error)")
        }
    }

    /// The manifest of an artifact folder, checked for the schema version this reclens reads.
    public static func readManifest(from directory: String) throws -> RunManifest {
        let manifest = try load(RunManifest.self, "manifest.json", in: directory)
        guard manifest.schemaVersion == ArtifactSchema.version else {
            throw DataError(file: (directory as NSString).appendingPathComponent("manifest.json"),
                            "artifact schema version \(manifest.schemaVersion), this reclens reads version \(ArtifactSchema.version); rebuild")
        }
        return manifest
    }

    /// One user's artifact.
    public static func readUser(id: String, from directory: String) throws -> UserArtifact {
        try load(UserArtifact.self, "users/\(PathSlug.slug(id)).json", in: directory)
    }

    /// Reads an artifact folder; errors name the file and what was expected.
    public static func read(from directory: String) throws -> ArtifactBundle {
        let manifest = try readManifest(from: directory)
        let dataset = try load(DatasetArtifact.self, "dataset.json", in: directory)
        let models = try manifest.models.map { try load(ModelArtifact.self, "models/\(PathSlug.slug($0)).json", in: directory) }
        let ids = manifest.users
        var loaded = [UserArtifact?](repeating: nil, count: ids.count)
        let failure = FirstError()
        loaded.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: ids.count) { i in
                do {
                    output.buffer[i] = try readUser(id: ids[i], from: directory)
                } catch {
                    failure.record(error)
                }
            }
        }
        if let error = failure.error { throw error }
        let users = loaded.map { $0! }
        let neighboursPath = (directory as NSString).appendingPathComponent("neighbours.json")
        let neighbours = FileManager.default.fileExists(atPath: neighboursPath) ? try load(NeighboursArtifact.self, "neighbours.json", in: directory) : nil
        let fidelityPath = (directory as NSString).appendingPathComponent("fidelity.json")
        let fidelity = FileManager.default.fileExists(atPath: fidelityPath) ? try load(FidelityArtifact.self, "fidelity.json", in: directory) : nil
        return ArtifactBundle(manifest: manifest, dataset: dataset, models: models, users: users, neighbours: neighbours, fidelity: fidelity)
    }
}
