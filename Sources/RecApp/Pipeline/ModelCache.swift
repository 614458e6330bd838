import Foundation
import RecCore

/// Trained models kept between builds: a rebuild whose data, split, seed, model settings and
/// reclens binary are unchanged loads each model (`PersistableModel`) instead of training it.
///
/// A model's file is `<folder>/<name>-<key>.json`, key = FNV-1a 64 of the tool version, a hash of
/// the running executable (any code change is a new key), the filtered dataset's fingerprint,
/// the split, the seed and every value of the model's experiment-file section except its page
/// explainers. Changing anything else (explainers, users, fidelity, render settings) keeps the
/// key. Files are written through a temporary name and renamed, so a killed build never leaves a
/// half-written model; an unreadable file is trained over.
struct ModelCache {
    let folder: String
    let settings: BuildSettings
    let dataset: Dataset

    /// The cache key of `registration`'s model in this build.
    func key(for registration: ModelRegistration) -> String {
        var text = "reclens \(RecLensVersion.string)\nbinary \(Self.executableHash)\ndata \(dataset.fingerprint)\n"
        text += "split \(settings.split.name) \(settings.split.testFraction.map { "\($0)" } ?? "-") \(settings.minRelevantRating.map { "\($0)" } ?? "-")\n"
        text += "seed \(settings.seed)\nmodel \(registration.name)\n"
        for field in registration.section.fields where field.key != "explainers" {
            text += "\(field.key) \(field.example(settings) ?? "-")\n"
        }
        return Self.hex(Self.fnv1a(Array(text.utf8)))
    }

    func path(of registration: ModelRegistration) -> String { folder + "/\(registration.name)-\(key(for: registration)).json" }

    /// The cached model, nil when there is none (or it cannot be read: it is then trained again).
    func load(_ registration: ModelRegistration, train: InteractionMatrix) -> (any Recommender)? {
        guard let type = registration.persisted, let data = FileManager.default.contents(atPath: path(of: registration)) else { return nil }
        return try? type.restore(data, train: train, dataset: dataset)
    }

    /// Writes `model` (atomically); a model that cannot be persisted is left out.
    func store(_ model: any Recommender, registration: ModelRegistration) throws {
        guard registration.persisted != nil, let persistable = model as? any PersistableModel,
              let data = try? persistable.persistedState() else { return }
        let target = URL(fileURLWithPath: path(of: registration))
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = URL(fileURLWithPath: folder + "/.\(registration.name)-\(ProcessInfo.processInfo.processIdentifier).tmp")
            try data.write(to: temporary)
            _ = try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            throw DataError(file: folder, "cannot write the model cache: \(error.localizedDescription) (--model-cache none turns it off)")
        }
    }

    /// FNV-1a 64 of the running executable's bytes (computed once).
    static let executableHash: String = {
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
        guard let data = FileManager.default.contents(atPath: path) else { return "unknown" }
        return hex(data.withUnsafeBytes { fnv1a($0) })
    }()

    static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
